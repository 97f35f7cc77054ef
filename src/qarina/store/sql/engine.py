"""Engines for SQLite (WAL, default) and PostgreSQL from one SQLAlchemy URL."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from qarina.core.errors import StorageError


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable at checkpoint
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    """True when ``engine`` talks to SQLite."""
    return engine.dialect.name == "sqlite"


def create_engine_for(url: str, *, durable: bool = True) -> Engine:
    """An engine for ``url`` with Qarina's settings for that backend.

    SQLite runs in WAL mode with ``synchronous=NORMAL`` unless ``durable`` asks for
    ``FULL`` (an fsync on every commit, used for the custody log's group commits).
    """
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StorageError(
            f"not a database URL: {url!r}",
            hint="use sqlite:///path/to/file.db or postgresql+psycopg://host/db",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        if durable:
            sa.event.listen(
                engine, "connect", lambda conn, _r: conn.execute("PRAGMA synchronous=FULL")
            )
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise StorageError(
        f"unsupported database backend {parsed.get_backend_name()!r}",
        hint="Qarina supports SQLite and PostgreSQL",
    )
