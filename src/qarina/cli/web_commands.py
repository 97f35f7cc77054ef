"""Commands for the web application: ``qarina serve`` and ``qarina user add``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape

from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.output import console
from qarina.core.errors import UsageError

user_app = typer.Typer(help="Accounts of the web application.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``user add`` to the ``qarina`` command."""
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
    user_app.command("add")(add_user)


def serve(
    workspace: Path = WorkspaceArg,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    ssl_certfile: str | None = typer.Option(None, "--ssl-certfile", help="TLS certificate."),
    ssl_keyfile: str | None = typer.Option(None, "--ssl-keyfile", help="TLS private key."),
    behind_https_proxy: bool = typer.Option(
        False, "--behind-https-proxy", help="TLS ends at a proxy: mark cookies Secure."
    ),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Serve the web application and REST API (OpenAPI at /openapi.json)."""
    from qarina.web.server import ServeOptions
    from qarina.web.server import serve as run

    options = ServeOptions(
        host, port, ssl_certfile, ssl_keyfile, behind_https_proxy=behind_https_proxy
    )
    ws = open_ws(workspace, db, user)
    console.print(f"Qarina serving {escape(str(ws.settings.workspace))} at {options.url}")
    console.print("add accounts with: qarina user add WS NAME --role ROLE")
    try:
        run(ws, options)
    finally:
        ws.close()


def add_user(
    workspace: Path = WorkspaceArg,
    name: str = typer.Argument(..., help="The user name (lower case)."),
    role: str = typer.Option(..., "--role", help="admin, investigator, analyst or viewer."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
    clearance: list[str] = typer.Option(
        [], "--clearance", help="A collection of restricted items the user may see (repeat)."
    ),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Create a web account (password from a prompt or --password-stdin)."""
    from qarina.app.accounts import AccountService

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise UsageError("no password given")
    ws = open_ws(workspace, db, user)
    try:
        created = AccountService(ws).add_user(name, role, password, clearance)
    finally:
        ws.close()
    cleared = ", ".join(sorted(created.clearances)) or "none"
    console.print(f"Added {escape(created.name)} ({created.role}; clearances: {escape(cleared)})")
