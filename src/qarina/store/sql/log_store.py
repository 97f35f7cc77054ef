"""SQL implementation of the custody ``LogStore`` port (SQLite and PostgreSQL).

Appends are one ``executemany`` per table inside one transaction (group commit). On
PostgreSQL a transaction-scoped advisory lock serialises custody writers; on SQLite the
database write lock does, and the primary keys refuse a leaf index written twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from qarina.core.errors import StorageError, UsageError
from qarina.core.ports import LeafRecord, StoredCheckpoint
from qarina.store.sql.custody_tables import (
    SUBJECT_BUCKET_BITS,
    custody_checkpoints,
    custody_events,
    custody_nodes,
    node_key,
    subject_key,
)

_LOCK_KEY = 0x51617269  # "Qari": the custody log's advisory lock on PostgreSQL
_IN_BUCKETS = sa.text(f"(leaf_index >> {SUBJECT_BUCKET_BITS}) IN :buckets").bindparams(
    sa.bindparam("buckets", expanding=True)
)
# LeafRecord's field order, then the index key.
_EVENT_COLUMNS = ("leaf_index", "data", "leaf_hash", "kind", "subject", "created_at", "subject_key")


def _leaf(row: Any) -> LeafRecord:
    return LeafRecord(row[0], bytes(row[1]), bytes(row[2]), row[3], row[4], row[5])


class SQLLogStore:
    """The custody log's rows in the ``custody_*`` tables of ``engine``.

    Methods are those of the ``LogStore`` port (documented there). A store made by
    :meth:`transaction` is bound to one connection; otherwise each call is its own
    transaction.
    """

    def __init__(self, engine: Engine, connection: Connection | None = None) -> None:
        self.engine = engine
        self._connection = connection
        self._mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        columns = ", ".join(_EVENT_COLUMNS)
        marks = ", ".join([self._mark] * len(_EVENT_COLUMNS))
        self._insert_events = f"INSERT INTO custody_events ({columns}) VALUES ({marks})"
        self._insert_nodes = (
            "INSERT INTO custody_nodes (node_key, level, node_index, hash) "
            f"VALUES ({', '.join([self._mark] * 4)})"
        )
        self._leaf_hashes_sql = (
            "SELECT leaf_hash FROM custody_events WHERE leaf_index >= "
            f"{self._mark} AND leaf_index < {self._mark} ORDER BY leaf_index"
        )

    # -- transactions --------------------------------------------------------------
    @contextmanager
    def transaction(self, connection: object | None = None) -> Iterator[SQLLogStore]:
        """This store bound to one transaction (the caller's, or a new one)."""
        if self._connection is not None:
            if connection is not None and connection is not self._connection:
                raise UsageError("this log store is already bound to another connection")
            yield self
            return
        if connection is not None:
            if not isinstance(connection, Connection):
                raise UsageError("SQLLogStore.transaction needs an SQLAlchemy Connection")
            self._lock(connection)
            yield SQLLogStore(self.engine, connection)
            return
        with self._begin() as conn:
            self._lock(conn)
            yield SQLLogStore(self.engine, conn)

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.IntegrityError as exc:
            raise StorageError(
                "the custody log refused the write (a leaf or node already exists)",
                hint="another writer appended first; retry the batch",
            ) from exc
        except sa.exc.OperationalError as exc:
            raise StorageError(f"the custody log database failed: {exc.orig}") from exc

    @staticmethod
    def _lock(conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})

    @contextmanager
    def _conn(self) -> Iterator[Connection]:
        if self._connection is not None:
            yield self._connection
        else:
            with self._begin() as conn:
                yield conn

    # -- writing ---------------------------------------------------------------------
    def append(self, leaves: Sequence[LeafRecord], nodes: Sequence[tuple[int, int, bytes]]) -> None:
        """Insert ``leaves`` (contiguous from ``size()``) and ``nodes`` in one transaction."""
        if not leaves and not nodes:
            return
        with self._conn() as conn:
            expected = self._size(conn)
            for offset, leaf in enumerate(leaves):
                if leaf.index != expected + offset:
                    raise StorageError(
                        f"custody leaf {leaf.index} does not follow leaf {expected + offset - 1}",
                        hint="another writer appended first; retry the batch",
                    )
            rows = [(*leaf, subject_key(leaf.subject)) for leaf in leaves]
            try:
                if rows:
                    conn.exec_driver_sql(self._insert_events, rows)
                if nodes:
                    node_rows = [(node_key(lv, i), lv, i, h) for lv, i, h in nodes]
                    conn.exec_driver_sql(self._insert_nodes, node_rows)
            except sa.exc.IntegrityError as exc:
                raise StorageError(
                    "the custody log refused the write (a leaf or node already exists)",
                    hint="another writer appended first; retry the batch",
                ) from exc

    def save_checkpoint(self, checkpoint: StoredCheckpoint) -> None:
        with self._conn() as conn:
            conn.execute(
                custody_checkpoints.insert(),
                {
                    "tree_size": checkpoint.size,
                    "root_hash": checkpoint.root_hash,
                    "note": checkpoint.note,
                    "created_at": checkpoint.created_at,
                },
            )

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _size(conn: Connection) -> int:
        top = conn.execute(sa.select(sa.func.max(custody_events.c.leaf_index))).scalar()
        return 0 if top is None else int(top) + 1

    def size(self) -> int:
        with self._conn() as conn:
            return self._size(conn)

    def leaves(self, start: int, end: int) -> Iterator[LeafRecord]:
        c = custody_events.c
        query = (
            sa.select(c.leaf_index, c.data, c.leaf_hash, c.kind, c.subject, c.created_at)
            .where(c.leaf_index >= start, c.leaf_index < end)
            .order_by(c.leaf_index)
        )
        with self._conn() as conn:
            rows = conn.execute(query).all()
        return iter([_leaf(row) for row in rows])

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        # Proofs run this and node_hashes once each: plain driver SQL keeps them cheap.
        with self._conn() as conn:
            rows = conn.exec_driver_sql(self._leaf_hashes_sql, (start, end)).fetchall()
        return [bytes(row[0]) for row in rows]

    def node_hashes(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        if not keys:
            return {}
        wanted = sorted({node_key(lv, i) for lv, i in keys})
        marks = ", ".join([self._mark] * len(wanted))
        sql = f"SELECT level, node_index, hash FROM custody_nodes WHERE node_key IN ({marks})"
        with self._conn() as conn:
            rows = conn.exec_driver_sql(sql, tuple(wanted)).fetchall()
        return {(r[0], r[1]): bytes(r[2]) for r in rows}

    def stored_nodes(self) -> Iterator[tuple[int, int, bytes]]:
        c = custody_nodes.c
        query = sa.select(c.level, c.node_index, c.hash).order_by(c.node_key)
        with self._conn() as conn:
            rows = conn.execute(query).all()
        return iter([(r[0], r[1], bytes(r[2])) for r in rows])

    def subject_leaves(self, subject: str) -> list[LeafRecord]:
        c = custody_events.c
        with self._conn() as conn:
            size = self._size(conn)
            if size == 0:
                return []
            buckets = list(range(((size - 1) >> SUBJECT_BUCKET_BITS) + 1))
            query = (
                sa.select(c.leaf_index, c.data, c.leaf_hash, c.kind, c.subject, c.created_at)
                .where(
                    _IN_BUCKETS.bindparams(buckets=buckets),
                    c.subject_key == subject_key(subject),
                    c.subject == subject,
                )
                .order_by(c.leaf_index)
            )
            return [_leaf(row) for row in conn.execute(query)]

    def checkpoints(self) -> list[StoredCheckpoint]:
        return self._checkpoints(latest_only=False)

    def latest_checkpoint(self) -> StoredCheckpoint | None:
        found = self._checkpoints(latest_only=True)
        return found[0] if found else None

    def _checkpoints(self, *, latest_only: bool) -> list[StoredCheckpoint]:
        c = custody_checkpoints.c
        query = sa.select(c.tree_size, c.root_hash, c.note, c.created_at)
        query = query.order_by(c.id.desc()).limit(1) if latest_only else query.order_by(c.id)
        with self._conn() as conn:
            rows = conn.execute(query).all()
        return [StoredCheckpoint(r[0], bytes(r[1]), r[2], r[3]) for r in rows]
