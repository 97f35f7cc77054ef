"""Tables of the custody log (append-only on both backends).

- ``custody_events``: one row per leaf: its index, canonical event bytes, RFC 6962 leaf
  hash, and copies of kind, subject and time for queries. ``subject_key`` is the first
  8 bytes of SHA-256(subject) as a signed integer: a compact index key (an index on the
  long digest strings costs several times more per insert).
- ``custody_nodes``: hashes of perfect subtrees at the levels the log keeps.
- ``custody_checkpoints``: signed checkpoint notes, in the order they were made.

Instants are stored as their RFC 3339 text (fixed width, sorts in time order), exactly
as they appear inside the signed event bytes.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from qarina.store.sql.metadata import metadata
from qarina.store.sql.triggers import make_append_only

custody_events = sa.Table(
    "custody_events",
    metadata,
    sa.Column("leaf_index", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("leaf_hash", sa.LargeBinary(32), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("subject", sa.Text),
    sa.Column("subject_key", sa.BigInteger, index=True),
    sa.Column("created_at", sa.String(32), nullable=False),
)

custody_nodes = sa.Table(
    "custody_nodes",
    metadata,
    sa.Column("level", sa.SmallInteger, primary_key=True, autoincrement=False),
    sa.Column("node_index", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("hash", sa.LargeBinary(32), nullable=False),
)

custody_checkpoints = sa.Table(
    "custody_checkpoints",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tree_size", sa.BigInteger, nullable=False),
    sa.Column("root_hash", sa.LargeBinary(32), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

CUSTODY_TABLES = [custody_events, custody_nodes, custody_checkpoints]
CUSTODY_APPEND_ONLY = [table.name for table in CUSTODY_TABLES]


def subject_key(subject: str | None) -> int | None:
    """The indexed key of a subject: SHA-256 prefix as a signed 64-bit integer."""
    if subject is None:
        return None
    return int.from_bytes(hashlib.sha256(subject.encode("utf-8")).digest()[:8], "big", signed=True)


def create_custody_tables(connection: Connection) -> None:
    """Create the custody tables and their append-only triggers (tests and benchmarks;
    workspaces get them from the migrations)."""
    metadata.create_all(connection, tables=CUSTODY_TABLES)
    make_append_only(connection, CUSTODY_APPEND_ONLY)
