"""Commands over extracted facts: extraction, linking, incidents."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qarina.app.extraction import extract_file, extract_lines
from qarina.cli.output import fail, print_json_line
from qarina.core.errors import QarinaError, UsageError


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    files: list[Path] = typer.Argument(None, help="Files to read and extract from."),
    jsonl: Path | None = typer.Option(
        None, "--jsonl", help="JSONL input (id, text, published, language…); - for stdin."
    ),
) -> None:
    """Extract incidents, claims, places, dates and legal references; one JSON line each."""
    if bool(files) == bool(jsonl):
        raise UsageError("give either FILE… or --jsonl IN.jsonl", hint="see: qarina extract --help")
    failed = False
    if jsonl is not None:
        stream = sys.stdin.buffer if str(jsonl) == "-" else _open(jsonl)
        with stream:
            for result in extract_lines(stream):
                failed |= "error" in result
                print_json_line(result)
    for path in files or []:
        try:
            print_json_line(extract_file(path))
        except QarinaError as exc:
            failed = True
            fail(f"{path}: {exc}")
    if failed:
        raise typer.Exit(1)


def _open(path: Path):  # type: ignore[no-untyped-def]
    try:
        return path.open("rb")
    except OSError as exc:
        raise UsageError(f"cannot open {path}: {exc.strerror or exc}") from exc
