"""Commands over the custody log: print it, sign checkpoints, show the key, verify."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.output import console, errors, print_json

_CHUNK = 10_000


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("checkpoint")(checkpoint)
    app.command("key")(key)
    app.command("verify")(verify)


def log(
    workspace: Path = WorkspaceArg,
    canonical: bool = typer.Option(
        False, "--canonical", help="Print each leaf's exact canonical bytes, one per line."
    ),
    start: int = typer.Option(0, "--from", help="First leaf index."),
    db: str | None = DbOption,
) -> None:
    """The custody log, in leaf order."""
    from qarina.custody.canonical import decode_event

    ws = open_ws(workspace, db)
    size = ws.custody.size()
    if canonical:
        out = sys.stdout.buffer
        for offset in range(start, size, _CHUNK):
            for leaf in ws.custody.store.leaves(offset, min(size, offset + _CHUNK)):
                out.write(leaf.data + b"\n")
        out.flush()
        ws.close()
        return
    table = Table("#", "event", "at", "by", "subject", expand=True)
    for offset in range(start, size, _CHUNK):
        for leaf in ws.custody.store.leaves(offset, min(size, offset + _CHUNK)):
            event = decode_event(leaf.data)
            table.add_row(
                str(leaf.index),
                event.kind,
                event.at.isoformat(),
                escape(event.actor),
                escape(event.subject or ""),
            )
    ws.close()
    console.print(table)


def checkpoint(
    workspace: Path = WorkspaceArg,
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Sign and print the current checkpoint (the whole signed note)."""
    ws = open_ws(workspace, db, user)
    note = ws.checkpoint()
    ws.close()
    sys.stdout.write(note)


def key(workspace: Path = WorkspaceArg, db: str | None = DbOption) -> None:
    """Print the verifier key as NAME+HEXID+BASE64 (Go's sumdb/note form)."""
    ws = open_ws(workspace, db)
    sys.stdout.write(ws.verifier_key() + "\n")
    ws.close()


def verify(
    workspace: Path = WorkspaceArg,
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    key_file: Path | None = typer.Option(
        None, "--key", help="Pin the verifier key (a file holding NAME+HEXID+BASE64)."
    ),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Re-hash every blob, recompute the tree, check every checkpoint; exit 0 only if all hold."""
    from qarina.app.verification import verify_workspace

    ws = open_ws(workspace, db, user)
    pinned = key_file.read_text().strip() if key_file else None
    with errors.status("re-hashing originals and recomputing the custody tree…"):
        report = verify_workspace(ws, pinned_key=pinned)
    ws.close()
    if as_json:
        print_json(report.to_dict())
    else:
        from qarina.cli.report_render import render_report

        render_report(report)
    if not report.ok:
        raise typer.Exit(1)
