"""Tables of the custody log (append-only on both backends).

- ``custody_events``: one row per leaf: its index, canonical event bytes, RFC 6962 leaf
  hash, and copies of kind, subject and time for queries. ``subject_key`` is the CRC-32
  of the subject: a compact index key (an index on the long digest strings costs three
  times more per insert), indexed per bucket of 65,536 leaves; lookups compare the
  subject itself too.
- ``custody_nodes``: hashes of perfect subtrees at the levels the log keeps, keyed by
  ``node_key = level * 2**48 + node_index`` so that a proof's nodes are one ``IN``.
- ``custody_checkpoints``: signed checkpoint notes, in the order they were made.

Instants are stored as their RFC 3339 text (fixed width, sorts in time order), exactly
as they appear inside the signed event bytes.
"""

from __future__ import annotations

import zlib

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
    sa.Column("subject_key", sa.BigInteger),
    sa.Column("created_at", sa.String(32), nullable=False),
)
SUBJECT_BUCKET_BITS = 16
# Subject lookups go through (leaf_index >> 16, subject_key): new rows only ever land in
# the newest bucket, so the index grows at one end (twice as fast to maintain at 10^6
# rows as an index on the random subject_key alone); a lookup probes each bucket.
subject_index = sa.Index(
    "ix_custody_events_subject_bucket",
    sa.text(f"(leaf_index >> {SUBJECT_BUCKET_BITS})"),
    custody_events.c.subject_key,
)

custody_nodes = sa.Table(
    "custody_nodes",
    metadata,
    sa.Column("node_key", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("level", sa.SmallInteger, nullable=False),
    sa.Column("node_index", sa.BigInteger, nullable=False),
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


NODE_LEVEL_SHIFT = 48


def subject_key(subject: str | None) -> int | None:
    """The indexed key of a subject (CRC-32 of its UTF-8 bytes)."""
    return None if subject is None else zlib.crc32(subject.encode("utf-8"))


def node_key(level: int, index: int) -> int:
    """The primary key of the perfect subtree ``(level, index)``."""
    if not 0 <= index < 1 << NODE_LEVEL_SHIFT or not 0 <= level < 64:
        raise ValueError(f"tree node ({level}, {index}) is out of range")
    return level << NODE_LEVEL_SHIFT | index


def create_custody_tables(connection: Connection) -> None:
    """Create the custody tables and their append-only triggers (tests and benchmarks;
    workspaces get them from the migrations)."""
    metadata.create_all(connection, tables=CUSTODY_TABLES)
    make_append_only(connection, CUSTODY_APPEND_ONLY)
