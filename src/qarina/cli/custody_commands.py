"""Commands over the custody log: print it, sign checkpoints, show the key, verify."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.output import console, errors

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
    key: str | None = typer.Option(
        None, "--key", help="Pin the verifier key: NAME+HEXID+BASE64, or a file holding it."
    ),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Re-hash every blob, recompute the tree, check every checkpoint; exit 0 only if all hold."""
    from qarina.app.verification import verify_workspace

    ws = open_ws(workspace, db, user)
    from qarina.cli.report_render import finish_report, read_key_option

    with errors.status("re-hashing originals and recomputing the custody tree…"):
        report = verify_workspace(ws, pinned_key=read_key_option(key))
    ws.close()
    finish_report(report, as_json)
