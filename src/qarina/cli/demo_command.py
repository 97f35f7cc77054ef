"""``qarina demo``: build, verify and show a workspace from the shipped samples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from qarina.cli.incident_render import render_incidents
from qarina.cli.output import console, errors

if TYPE_CHECKING:
    from qarina.app.workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    folder: Path = typer.Argument(Path("qarina-demo"), help="Where to create the workspace."),
    serve: bool = typer.Option(False, "--serve", help="Then open it in the web application."),
    port: int = typer.Option(8000, "--port", help="Port for --serve (on 127.0.0.1)."),
) -> None:
    """Create a demo workspace from the sample collection, verify it and show what it holds."""
    from qarina.app.demo import free_folder, run_demo

    target = free_folder(folder.resolve())
    with errors.status("building the demo workspace…"):
        result = run_demo(target)
    ws = result.workspace
    counts = ws.evidence.counts()
    console.print(f"[bold]Demo workspace[/] {escape(str(target))}")
    console.print(
        f"  {counts['items']} originals preserved ({counts['acquisitions']} acquisitions), "
        f"{counts['documents']} documents, {counts['passages']} passages, "
        f"{ws.custody.size()} custody events"
    )
    for summary in result.summaries:
        for outcome in summary.outcomes:
            note = f" — {escape(outcome.reason)}" if outcome.reason else ""
            console.print(
                f"  [dim]{outcome.status:9}[/] {escape(Path(outcome.label).name)}"
                f" {(outcome.sha256 or '')[:19]}{note}"
            )
    render_incidents(result.incidents)
    report = result.report
    assert report is not None
    verdict = "[bold green]verified[/]" if report.ok else "[bold red]NOT VERIFIED[/]"
    console.print(f"custody log and blobs: {verdict} ({len(report.findings)} checks)")
    console.print(f"verifier key: {ws.verifier_key()}")
    console.print(
        "next: [bold]qarina search[/] "
        f"{escape(str(target))} chlorine   ·   qarina verify {escape(str(target))}"
    )
    if not report.ok:
        ws.close()
        raise typer.Exit(1)
    if serve:
        _serve(ws, port)
    ws.close()


def _serve(ws: Workspace, port: int) -> None:
    """Create a demo administrator with a fresh password and serve the workspace."""
    import secrets

    from qarina.app.accounts import AccountService
    from qarina.web.server import ServeOptions
    from qarina.web.server import serve as run

    password = secrets.token_urlsafe(12)
    AccountService(ws).add_user("demo", "admin", password, [])
    options = ServeOptions("127.0.0.1", port, None, None)
    console.print(
        f"web application: [bold]{options.url}[/]  user [bold]demo[/], "
        f"password [bold]{password}[/] (Ctrl-C to stop)"
    )
    run(ws, options)
