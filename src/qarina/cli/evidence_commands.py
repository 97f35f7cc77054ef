"""Commands that create workspaces and preserve, read and find evidence."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.output import console, errors, print_json

if TYPE_CHECKING:
    from qarina.app.ingestion import IngestSummary
from qarina.core.errors import UsageError

_MARKED = re.compile(r"\[([^\[\]]+)\]")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("ingest")(ingest)
    app.command("show")(show)
    app.command("search")(search)
    app.command("reindex")(reindex_command)


def init(
    workspace: Path = WorkspaceArg,
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Create a workspace: database, blob store, signing key, config."""
    from qarina.app.workspace import create_workspace

    ws = create_workspace(workspace, db_url=db, user=user)
    console.print(f"Created workspace [bold]{escape(str(ws.settings.workspace))}[/]")
    console.print(f"  database      {escape(ws.engine.url.render_as_string(hide_password=True))}")
    console.print(f"  verifier key  {ws.verifier_key()}")
    ws.close()


def ingest(
    workspace: Path = WorkspaceArg,
    paths: list[Path] = typer.Argument(None, help="Files and folders (recursive)."),
    jsonl: Path | None = typer.Option(None, "--jsonl", help="A JSONL file, one document a line."),
    source_url: str | None = typer.Option(None, "--source-url", help="Where the inputs came from."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (0: one per core)."),
    max_size: int = typer.Option(4096, "--max-size", help="Largest item to accept, in MiB."),
    batch_size: int = typer.Option(256, "--batch-size", help="Inputs recorded per transaction."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Preserve and index only."),
    no_link: bool = typer.Option(
        False, "--no-link", help="Do not re-link incidents afterwards (run qarina link later)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Preserve originals under their SHA-256, read their text, extract facts, log custody."""
    from qarina.app.ingestion import Ingestion
    from qarina.app.processing import worker_count
    from qarina.app.sources import count_lines, walk_paths

    if bool(paths) == bool(jsonl):
        raise UsageError("give either PATH… or --jsonl FILE", hint="see: qarina ingest --help")
    ws = open_ws(workspace, db, user)
    walked = None if jsonl else list(walk_paths(paths))  # walked once: counted, then read
    total = count_lines(jsonl) if jsonl else len(walked or [])
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=as_json) as progress:
        task = progress.add_task("preserving", total=total)
        run = Ingestion(
            ws,
            batch_size=max(1, batch_size),
            workers=worker_count(workers or None, total),
            extract_facts=not no_extract,
            max_bytes=max_size << 20,
            source_url=source_url,
            progress=lambda _outcome: progress.advance(task),
        )
        summary = run.ingest_jsonl(jsonl) if jsonl else run.ingest_sources(walked or [])
    if not no_extract and not no_link and summary.totals()["incidents"]:
        from qarina.app.linking import link_workspace

        with errors.status("linking incidents across documents…"):
            link_workspace(ws)
    ws.checkpoint()
    ws.close()
    if as_json:
        print_json(summary.as_json())
    else:
        _print_summary(summary)
    if summary.totals()["failed"]:
        raise typer.Exit(1)


def _print_summary(summary: IngestSummary) -> None:

    totals = summary.totals()
    for outcome in summary.outcomes:
        if outcome.status == "failed" or outcome.reason:
            colour = "red" if outcome.status == "failed" else "yellow"
            console.print(
                f"[{colour}]{outcome.status:9}[/] {escape(outcome.label)}: "
                f"{escape(outcome.reason or '')}"
            )
    console.print(
        f"[bold]{totals['preserved']}[/] preserved with text, [bold]{totals['opaque']}[/] "
        f"preserved as opaque originals, [bold]{totals['failed']}[/] failed; "
        f"{totals['incidents']} incident proposals (batch {summary.batch_id})"
    )


def show(
    workspace: Path = WorkspaceArg,
    item: str = typer.Argument(..., help="An item's sha256 (a unique prefix is enough)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    db: str | None = DbOption,
) -> None:
    """An item's metadata, hashes, derivations, custody history and inclusion proof."""
    from qarina.app.item_view import describe_item

    ws = open_ws(workspace, db)
    view = describe_item(ws, item)
    ws.close()
    if as_json:
        print_json(view)
        return
    from qarina.cli.item_render import render_item

    render_item(view)


def search(
    workspace: Path = WorkspaceArg,
    query: str = typer.Argument(..., help='Words, "a phrase", -excluded; Arabic or English.'),
    limit: int = typer.Option(10, "--limit", "-n", help="How many hits."),
    language: str | None = typer.Option(None, "--language", help="Only passages in this language."),
    as_json: bool = typer.Option(False, "--json", help="Print hits as JSON."),
    db: str | None = DbOption,
) -> None:
    """Ranked full-text search over passages, with highlights."""
    ws = open_ws(workspace, db)
    hits = ws.search.search(query, limit, language=language)
    ws.close()
    if as_json:
        print_json([_hit_json(hit) for hit in hits])
        return
    if not hits:
        console.print("no passages match")
        return
    table = Table(show_header=True, header_style="bold", expand=True)
    for column in ("#", "item", "lang", "passage"):
        table.add_column(column, overflow="fold")
    for rank, hit in enumerate(hits, start=1):
        table.add_row(
            str(rank), hit.item_sha256[7:19], hit.language or "", _highlighted(hit.snippet)
        )
    console.print(table)


def _highlighted(snippet: str) -> Text:
    """The snippet with its ``[match]`` markers shown as highlights (text stays literal)."""
    text = Text()
    cursor = 0
    for match in _MARKED.finditer(snippet):
        text.append(snippet[cursor : match.start()])
        text.append(match.group(1), style="bold yellow")
        cursor = match.end()
    text.append(snippet[cursor:])
    return text


def _hit_json(hit: object) -> dict[str, object]:
    fields = ("item_sha256", "seq", "score", "snippet", "start", "end", "language", "highlights")
    return {name: getattr(hit, name) for name in fields}


def reindex_command(workspace: Path = WorkspaceArg, db: str | None = DbOption) -> None:
    """Rebuild the full-text index from the stored passages."""
    from qarina.app.item_view import reindex

    ws = open_ws(workspace, db)
    with errors.status("re-indexing passages…"):
        count = reindex(ws)
    ws.close()
    console.print(f"{count} passages indexed")
