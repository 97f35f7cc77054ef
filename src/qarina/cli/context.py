"""Opening a workspace from command-line options (the edge where settings are read)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from qarina.app.workspace import Workspace

WorkspaceArg = typer.Argument(..., help="The workspace folder.", show_default=False)
DbOption = typer.Option(
    None, "--db", envvar="QARINA_DB", help="SQLAlchemy database URL (default: the workspace's)."
)
UserOption = typer.Option(
    None, "--as", envvar="QARINA_USER", help="Who is acting (default: the login name)."
)


def open_ws(path: Path, db: str | None = None, user: str | None = None) -> Workspace:
    """Load settings once and open the workspace."""
    from qarina.app.settings import load_settings
    from qarina.app.workspace import open_workspace

    return open_workspace(load_settings(path, db_url=db, user=user))
