"""Wiring: the one place that builds stores and services for a workspace.

A workspace is a folder: ``qarina.toml`` (no secrets), ``qarina.db`` (SQLite by
default; any SQLAlchemy URL for PostgreSQL), ``blobs/`` (content-addressed originals),
``keys/`` (the Ed25519 signing key, mode 0600, and its public verifier key) and
``search/`` (the embedded full-text index; PostgreSQL full-text on PostgreSQL).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy.engine import Engine

from qarina import __version__
from qarina.app.settings import Settings, default_db_url, load_settings, write_config
from qarina.core.clock import Clock, SystemClock
from qarina.core.errors import UsageError, WorkspaceError
from qarina.core.model import CustodyEvent
from qarina.core.ports import SearchIndex
from qarina.custody.keys import (
    Signer,
    generate_signer,
    load_signer,
    save_signer,
    verifier_key_string,
)
from qarina.custody.log import CustodyLog
from qarina.search.tantivy_index import open_index
from qarina.store.blobs.filesystem import FilesystemBlobStore
from qarina.store.sql import migrate
from qarina.store.sql.engine import create_engine_for, is_sqlite
from qarina.store.sql.evidence import SQLEvidenceRepository
from qarina.store.sql.facts import SQLFactsRepository
from qarina.store.sql.fulltext import PostgresSearchIndex
from qarina.store.sql.log_store import SQLLogStore


@dataclass
class Workspace:
    """An open workspace: its settings and the services built from them."""

    settings: Settings
    engine: Engine
    clock: Clock = field(default_factory=SystemClock)

    @cached_property
    def blobs(self) -> FilesystemBlobStore:
        return FilesystemBlobStore(self.settings.blob_root)

    @cached_property
    def evidence(self) -> SQLEvidenceRepository:
        return SQLEvidenceRepository(self.engine)

    @cached_property
    def facts(self) -> SQLFactsRepository:
        return SQLFactsRepository(self.engine)

    @cached_property
    def custody(self) -> CustodyLog:
        return CustodyLog(SQLLogStore(self.engine))

    @cached_property
    def search(self) -> SearchIndex:
        if is_sqlite(self.engine):
            return open_index(self.settings.search_root)
        return PostgresSearchIndex(self.engine)

    @cached_property
    def signer(self) -> Signer:
        return load_signer(self.settings.key_file)

    def verifier_key(self) -> str:
        """This workspace's verifier key in Go's ``NAME+HEXID+BASE64`` form."""
        return verifier_key_string(self.signer)

    def record(self, kind: str, subject: str | None, details: dict[str, object]) -> int:
        """Append one custody event in its own transaction; return its leaf index."""
        event = CustodyEvent(kind, self.settings.user, self.clock.now(), subject, dict(details))
        with self.engine.begin() as conn:
            return self.custody.append([event], connection=conn)[0]

    def checkpoint(self) -> str:
        """Sign and store a checkpoint of the log as it is now; return the signed note."""
        return self.custody.checkpoint(self.signer, self.clock.now())

    def close(self) -> None:
        self.engine.dispose()


def origin_for(workspace: Path) -> str:
    """A checkpoint origin (and key name) unique to a new workspace."""
    stem = re.sub(r"[^a-z0-9-]+", "-", workspace.name.lower()).strip("-") or "workspace"
    return f"qarina.local/{stem[:40]}-{secrets.token_hex(4)}"


def create_workspace(
    path: Path, *, db_url: str | None = None, user: str | None = None
) -> Workspace:
    """Create a workspace folder, its database, key, stores and first custody event."""
    path = path.resolve()
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(
            f"{path} already exists and is not an empty folder",
            hint="choose a new folder for the workspace",
        )
    try:
        (path / "keys").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot create {path}: {exc.strerror or exc}") from exc
    origin = origin_for(path)
    write_config(path, origin=origin, db_url=db_url)
    settings = load_settings(path, db_url=db_url or default_db_url(path), user=user)
    signer = generate_signer(origin)
    save_signer(signer, settings.key_file)
    (path / "keys" / "verifier.pub").write_text(verifier_key_string(signer) + "\n")
    workspace = Workspace(settings, create_engine_for(settings.db_url))
    migrate.upgrade(workspace.engine)
    workspace.blobs.initialise()
    workspace.record(
        "created",
        None,
        {
            "origin": origin,
            "verifier_key": verifier_key_string(signer),
            "tool": f"qarina@{__version__}",
            "database": workspace.engine.dialect.name,
        },
    )
    workspace.checkpoint()
    return workspace


def open_workspace(settings: Settings, *, clock: Clock | None = None) -> Workspace:
    """Open an existing workspace and check its database is at this version's schema."""
    engine = create_engine_for(settings.db_url)
    current = migrate.current_revision(engine)
    head = migrate.head_revision()
    if current != head:
        if current is None:
            raise WorkspaceError(
                f"the database of {settings.workspace} has no Qarina schema",
                hint="was it created with another --db/QARINA_DB?",
            )
        migrate.upgrade(engine)
    return Workspace(settings, engine, clock or SystemClock())
