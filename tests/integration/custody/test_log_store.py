"""One conformance suite for every LogStore: in-memory, SQLite and PostgreSQL."""

from __future__ import annotations

import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from qarina.core.errors import InputError, StorageError
from qarina.core.model import CustodyEvent
from qarina.core.ports import LeafRecord, LogStore, StoredCheckpoint
from qarina.custody.keys import generate_signer, verifier_key_string
from qarina.custody.log import CustodyLog
from qarina.custody.memory_store import MemoryLogStore
from qarina.custody.merkle import hash_leaf, root_of
from qarina.custody.verify import verify_log
from qarina.store.sql.custody_tables import SUBJECT_BUCKET_BITS, create_custody_tables
from qarina.store.sql.engine import create_engine_for
from qarina.store.sql.log_store import SQLLogStore

T0 = datetime(2016, 11, 17, tzinfo=UTC)


def events(count: int, start: int = 0) -> list[CustodyEvent]:
    return [
        CustodyEvent(
            "acquired", "tester", T0 + timedelta(minutes=i), f"sha256:{i % 5:064x}", {"i": i}
        )
        for i in range(start, start + count)
    ]


@pytest.fixture
def sql_store(engine: Engine) -> SQLLogStore:
    with engine.begin() as conn:
        create_custody_tables(conn)
    return SQLLogStore(engine)


def leaf(index: int, data: bytes = b"x") -> LeafRecord:
    return LeafRecord(index, data, hash_leaf(data), "viewed", None, "2020-01-01T00:00:00.000000Z")


class LogStoreConformance:
    """Behaviour every LogStore must have (run once per implementation below)."""

    def test_store_round_trip(self, store: LogStore) -> None:
        assert store.size() == 0 and store.latest_checkpoint() is None
        store.append([leaf(0, b"a"), leaf(1, b"b")], [(1, 0, b"\x01" * 32)])
        store.append([leaf(2, b"c")], [])
        assert store.size() == 3
        assert [r.data for r in store.leaves(1, 10)] == [b"b", b"c"]
        assert store.leaf_hashes(0, 2) == [hash_leaf(b"a"), hash_leaf(b"b")]
        assert store.node_hashes([(1, 0), (1, 1), (2, 0)]) == {(1, 0): b"\x01" * 32}
        assert list(store.stored_nodes()) == [(1, 0, b"\x01" * 32)]
        cp = StoredCheckpoint(3, b"\x02" * 32, "note\n", "2020-01-01T00:00:00.000000Z")
        store.save_checkpoint(cp)
        store.save_checkpoint(cp)
        assert store.checkpoints() == [cp, cp] and store.latest_checkpoint() == cp

    def test_store_refuses_gaps_and_repeats(self, store: LogStore) -> None:
        store.append([leaf(0)], [])
        with pytest.raises(StorageError):
            store.append([leaf(2)], [])
        with pytest.raises(StorageError):
            store.append([leaf(0)], [])
        store.append([leaf(1)], [(1, 0, b"\x00" * 32)])
        with pytest.raises(StorageError):
            store.append([leaf(2)], [(1, 0, b"\x00" * 32)])
        assert store.size() == 2

    def test_subject_lookup(self, store: LogStore) -> None:
        log = CustodyLog(store, "o")
        log.append(events(12))
        subject = f"sha256:{3:064x}"
        assert [r.index for r in store.subject_leaves(subject)] == [3, 8]
        assert store.subject_leaves("sha256:" + "9" * 64) == []

    def test_log_end_to_end(self, store: LogStore) -> None:
        signer = generate_signer("qarina.test/e2e")
        log = CustodyLog(store)
        for start, count in ((0, 1), (1, 16), (17, 50), (67, 33)):
            log.append(events(count, start))
            log.checkpoint(signer)
        hashes = store.leaf_hashes(0, 100)
        assert log.root() == root_of(hashes)
        for index in (0, 15, 16, 64, 99):
            log.inclusion_proof(index).verify(log.root())
        log.consistency_proof(17, 100).verify(log.root(17), log.root())
        report = verify_log(store, [verifier_key_string(signer)], origin="qarina.test/e2e")
        assert report.ok, report.failures


class TestMemoryLogStore(LogStoreConformance):
    @pytest.fixture
    def store(self) -> LogStore:
        return MemoryLogStore()


class TestSQLLogStore(LogStoreConformance):
    """On SQLite and PostgreSQL (the ``engine`` fixture is parametrised over both)."""

    @pytest.fixture
    def store(self, sql_store: SQLLogStore) -> LogStore:
        return sql_store


def test_callers_transaction_commits_or_rolls_back_with_the_events(
    sql_store: SQLLogStore, engine: Engine
) -> None:
    log = CustodyLog(sql_store)
    with engine.begin() as conn:
        assert log.append(events(3), connection=conn) == [0, 1, 2]
        assert log.append(events(2, 3), connection=conn) == [3, 4]  # sees its own rows
    with pytest.raises(RuntimeError), engine.begin() as conn:
        log.append(events(5, 5), connection=conn)
        raise RuntimeError("the evidence write failed")
    assert log.size() == 5
    assert log.append(events(5, 5)) == [5, 6, 7, 8, 9]
    assert log.root() == root_of(sql_store.leaf_hashes(0, 10))


@pytest.mark.parametrize("table", ["custody_events", "custody_nodes", "custody_checkpoints"])
def test_tables_are_append_only(sql_store: SQLLogStore, engine: Engine, table: str) -> None:
    signer = generate_signer("k")
    log = CustodyLog(sql_store)
    log.append(events(20))
    log.checkpoint(signer)
    for statement in (
        f"UPDATE {table} SET created_at = created_at"
        if table != "custody_nodes"
        else f"UPDATE {table} SET level = level",
        f"DELETE FROM {table}",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(sa.text(statement))


def test_verification_finds_edits_made_around_the_triggers(
    sql_store: SQLLogStore, engine: Engine
) -> None:
    """Someone with database access disables the triggers and edits a row."""
    signer = generate_signer("qarina.test/tamper")
    log = CustodyLog(sql_store)
    log.append(events(40))
    log.checkpoint(signer)
    keys = [verifier_key_string(signer)]
    assert verify_log(sql_store, keys).ok
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(sa.text("DROP TRIGGER custody_events_no_update"))
        else:
            conn.execute(sa.text("ALTER TABLE custody_events DISABLE TRIGGER USER"))
        conn.execute(
            sa.text("UPDATE custody_events SET data = :data WHERE leaf_index = 7"),
            {"data": b'{"forged":true}'},
        )
    report = verify_log(sql_store, keys)
    assert not report.ok
    assert {f.subject for f in report.failures if f.check.startswith("leaf.")} == {"leaf 7"}
    assert "checkpoint.root" in {f.check for f in report.failures}


def test_concurrent_writers_keep_one_consistent_log(sql_store: SQLLogStore, engine: Engine) -> None:
    """Writers in several threads: each batch lands whole or is refused and retried."""
    signer = generate_signer("qarina.test/concurrent")
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        log = CustodyLog(SQLLogStore(engine))
        for batch in range(8):
            for _attempt in range(200):
                try:
                    log.append(events(5, 1000 * worker + 10 * batch))
                    break
                except StorageError:
                    time.sleep(0.005)  # another writer won the race: retry
            else:
                errors.append(RuntimeError(f"worker {worker} never got batch {batch} in"))

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    log = CustodyLog(sql_store)
    assert log.size() == 4 * 8 * 5
    log.checkpoint(signer)
    report = verify_log(sql_store, [verifier_key_string(signer)])
    assert report.ok, report.failures
    starts = [leaf.index for leaf in sql_store.leaves(0, 160) if leaf.index % 5 == 0]
    payloads = [log.event(i).details["i"] for i in starts]
    assert all(p % 10 == 0 for p in payloads)  # every batch is contiguous, never interleaved


def test_subject_lookup_spans_index_buckets(sql_store: SQLLogStore) -> None:
    count = (1 << SUBJECT_BUCKET_BITS) + 3
    subject = "sha256:" + "a" * 64
    leaves = [
        LeafRecord(
            i,
            b"x",
            hash_leaf(b"x"),
            "viewed",
            subject if i % 30_000 == 1 else None,
            "2020-01-01T00:00:00.000000Z",
        )
        for i in range(count)
    ]
    sql_store.append(leaves, [])
    assert [r.index for r in sql_store.subject_leaves(subject)] == [1, 30_001, 60_001]
    sql_store.append([leaves[0]._replace(index=count, subject=subject)], [])
    found = [r.index for r in sql_store.subject_leaves(subject)]
    assert found == [1, 30_001, 60_001, count]


@given(st.lists(st.integers(min_value=1, max_value=70), min_size=1, max_size=5), st.data())
@settings(max_examples=25, deadline=None)
def test_random_batches_on_sqlite_give_proofs_that_match_the_definition(
    batches: list[int], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine_for(f"sqlite:///{folder}/log.db")
        try:
            with engine.begin() as conn:
                create_custody_tables(conn)
            store = SQLLogStore(engine)
            log = CustodyLog(store)
            sizes = []
            for count in batches:
                log.append(events(count, log.size()))
                sizes.append(log.size())
            hashes = store.leaf_hashes(0, log.size())
            size1 = data.draw(st.sampled_from(sizes))
            index = data.draw(st.integers(min_value=0, max_value=size1 - 1))
            log.inclusion_proof(index, size1).verify(root_of(hashes[:size1]))
            log.consistency_proof(size1).verify(root_of(hashes[:size1]), root_of(hashes))
        finally:
            engine.dispose()


def test_chunked_batch_rolls_back_whole_on_sql(
    sql_store: SQLLogStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("qarina.custody.log.APPEND_CHUNK", 4)
    log = CustodyLog(sql_store)
    assert log.append(events(10)) == list(range(10))
    bad = [*events(9, 10), CustodyEvent("acquired", " ", T0, None)]
    with pytest.raises(InputError):
        log.append(bad)
    assert log.size() == 10
    assert log.root() == root_of(sql_store.leaf_hashes(0, 10))
