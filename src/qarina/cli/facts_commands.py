"""Commands over extracted facts: extraction, linking, incidents."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.incident_render import render_incident, render_incidents
from qarina.cli.output import console, errors, fail, print_json, print_json_line
from qarina.core.errors import NotFoundError, QarinaError, UsageError


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("link")(link)
    app.command("incidents")(incidents)
    app.command("incident")(incident)
    app.command("judge")(judge_command)


def extract(
    files: list[Path] = typer.Argument(None, help="Files to read and extract from."),
    jsonl: Path | None = typer.Option(
        None, "--jsonl", help="JSONL input (id, text, published, language…); - for stdin."
    ),
) -> None:
    """Extract incidents, claims, places, dates and legal references; one JSON line each."""
    from qarina.app.extraction import extract_file, extract_lines

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


def link(
    workspace: Path = WorkspaceArg, db: str | None = DbOption, user: str | None = UserOption
) -> None:
    """Re-run linking: canonical incidents across documents (human judgements kept)."""
    from qarina.app.linking import link_workspace

    ws = open_ws(workspace, db, user)
    with errors.status("linking incidents across documents…"):
        found = link_workspace(ws)
    ws.checkpoint()
    ws.close()
    console.print(f"{len(found)} canonical incidents")


def incidents(
    workspace: Path = WorkspaceArg,
    output: str = typer.Option("table", "--format", help="table or json"),
    db: str | None = DbOption,
) -> None:
    """Canonical incidents: dates, place, agent, perpetrator, sources, confidence."""
    if output not in ("table", "json"):
        raise UsageError(f"unknown format {output!r}", hint="use --format table or --format json")
    ws = open_ws(workspace, db)
    rows = ws.facts.incidents()
    ws.close()
    if output == "json":
        print_json(rows)
    else:
        render_incidents(rows)


def incident(
    workspace: Path = WorkspaceArg,
    incident_id: str = typer.Argument(..., help="An incident id (a unique prefix is enough)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    db: str | None = DbOption,
) -> None:
    """One canonical incident with its mentions, sources, relay chains and contradictions."""
    ws = open_ws(workspace, db)
    found = ws.facts.incident(incident_id)
    ws.close()
    if found is None:
        raise NotFoundError(
            f"no incident {incident_id}", hint="list them with: qarina incidents WS"
        )
    if as_json:
        print_json(found)
    else:
        render_incident(found)


def judge_command(
    workspace: Path = WorkspaceArg,
    kind: str = typer.Argument(..., help="merge, split or parent"),
    subject: str = typer.Argument(..., help="An incident record: <doc id>#<index>."),
    other: str | None = typer.Argument(None, help="The other record (for parent: the aggregate)."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the custody log)."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Record a human decision that every later linking run applies."""
    from qarina.app.linking import judge, link_workspace

    ws = open_ws(workspace, db, user)
    judge(ws, kind, subject, other, reason)
    with errors.status("linking incidents across documents…"):
        found = link_workspace(ws)
    ws.checkpoint()
    ws.close()
    console.print(f"recorded; {len(found)} canonical incidents after re-linking")
