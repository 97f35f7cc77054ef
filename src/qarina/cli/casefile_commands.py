"""Commands for case files: export, offline bundle verification, time-stamps."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.output import console, errors
from qarina.cli.report_render import finish_report, read_key_option
from qarina.core.errors import UsageError
from qarina.custody.timestamp import TimestampAuthority

JsonOption = typer.Option(False, "--json", help="Print JSON.")


def register(app: typer.Typer) -> None:
    """Add ``export``, ``verify-bundle`` and ``timestamp`` to ``qarina``."""
    app.command("export")(export)
    app.command("verify-bundle")(verify_bundle_command)
    app.command("timestamp")(timestamp)


def timestamp(
    workspace: Path = WorkspaceArg,
    url: str = typer.Option(..., "--url", help="The authority's RFC 3161 URL."),
    chain: Path = typer.Option(..., "--chain", help="Its certificate chain (PEM)."),
    name: str = typer.Option("tsa", "--name", help="A short name for it."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Sign a checkpoint and have a time-stamp authority vouch for it (RFC 3161)."""
    from qarina.app.case_files import timestamp_checkpoint

    try:
        pem = chain.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {chain}: {exc.strerror or exc}") from exc
    ws = open_ws(workspace, db, user)
    typer.echo(timestamp_checkpoint(ws, TimestampAuthority(name, url, pem)))
    ws.close()


def export(
    workspace: Path = WorkspaceArg,
    case: str = typer.Option(..., "--case", help="The case to export."),
    out: Path = typer.Option(..., "--out", help="Where to write the ZIP."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Write a case file: originals, proofs, report (HTML, PDF), data exports."""
    from qarina.app.case_files import export_case

    ws = open_ws(workspace, db, user)
    with errors.status("writing the case file…"):
        result = export_case(ws, case, out)
    ws.close()
    console.print(
        f"wrote {escape(str(result.path))}: {result.size} bytes, {result.items} items, "
        f"{result.events} custody events (checkpoint {result.checkpoint_size})"
    )
    console.print(f"bundle {result.sha256}")


def verify_bundle_command(
    bundle: Path = typer.Argument(..., help="A case-file ZIP."),
    key: str | None = typer.Option(None, "--key", help="Pinned verifier key, or a file with it."),
    as_json: bool = JsonOption,
) -> None:
    """Check a case file with nothing but the file; exit 0 only if every check holds."""
    from qarina.casefile.verify import verify_bundle

    try:
        with bundle.open("rb") as stream:
            report = verify_bundle(stream, read_key_option(key))
    except OSError as exc:
        raise UsageError(f"cannot read {bundle}: {exc.strerror or exc}") from exc
    finish_report(report, as_json)
