"""A fresh workspace on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qarina.app.workspace import Workspace, create_workspace
from qarina.core.clock import FixedClock


@pytest.fixture
def workspace(tmp_path: Path, db_url: str) -> Iterator[Workspace]:
    """A new workspace (SQLite file, or a throw-away PostgreSQL schema)."""
    ws = create_workspace(tmp_path / "ws", db_url=db_url, user="tester")
    ws.clock = FixedClock(datetime(2026, 11, 29, 8, 0, tzinfo=UTC), timedelta(seconds=1))
    try:
        yield ws
    finally:
        ws.close()
