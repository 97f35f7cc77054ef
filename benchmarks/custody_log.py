"""Benchmark the custody log: durable append, inclusion proofs, full verification.

Measured in one run, on the same events:
- ours: ``CustodyLog.append`` over ``SQLLogStore`` on an SQLite file (WAL, synchronous
  FULL: an fsync per commit), one transaction per batch (group commit); the time
  includes canonical encoding, hashing and tree nodes;
- baseline 1: a pure-Python in-memory RFC 6962 tree (every node kept in lists) appending
  the same canonical bytes;
- baseline 2: plain ``sqlite3`` encoding, hashing and inserting the same events with an
  fsync every 1,000 rows (no tree, no index);
- inclusion proofs for random leaves built from the database at full size;
- ``verify_log`` over the whole database.

Usage: ``python benchmarks/custody_log.py [--events N] [--batch B] [--dir PATH]``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from qarina.core.clock import FixedClock
from qarina.core.model import CustodyEvent
from qarina.custody.canonical import encode_event, encode_event_with_time
from qarina.custody.keys import generate_signer, verifier_key_string
from qarina.custody.log import CustodyLog
from qarina.custody.merkle import hash_children, hash_leaf
from qarina.custody.verify import verify_log
from qarina.store.sql.custody_tables import create_custody_tables
from qarina.store.sql.engine import create_engine_for
from qarina.store.sql.log_store import SQLLogStore

T0 = datetime(2017, 2, 15, 9, 0, tzinfo=UTC)
KINDS = ("acquired", "derived", "extracted", "viewed")


def make_events(start: int, count: int) -> list[CustodyEvent]:
    """Realistic small events: an item digest subject and a few details."""
    return [
        CustodyEvent(
            kind=KINDS[i % 4],
            actor="investigator:7",
            at=T0 + timedelta(microseconds=i * 1000),
            subject="sha256:" + hashlib.sha256(i.to_bytes(8, "big")).hexdigest(),
            details={"batch": i // 10_000, "name": f"report-{i}.pdf", "size": 1000 + i},
        )
        for i in range(start, start + count)
    ]


def batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    """``(start, count)`` of each batch."""
    for start in range(0, total, size):
        yield start, min(size, total - start)


class Stopwatch:
    """Wall-clock and process CPU time of the measured parts only."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0
        self._started = (0.0, 0.0)

    def __enter__(self) -> Stopwatch:
        self._started = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *_: object) -> None:
        self.wall += time.perf_counter() - self._started[0]
        self.cpu += time.process_time() - self._started[1]

    def rate(self, count: int) -> str:
        """``count`` per wall second and per CPU second."""
        return f"{count / self.wall:>10,.0f}/s wall ({count / self.cpu:,.0f}/s per CPU second)"


def bench_ours(
    db: Path, total: int, batch: int, *, subject_index: bool = True
) -> tuple[Stopwatch, CustodyLog]:
    """Ours: CustodyLog.append over SQLLogStore, one transaction per batch."""
    engine = create_engine_for(f"sqlite:///{db}", durable=True)
    with engine.begin() as conn:
        create_custody_tables(conn)
        if not subject_index:  # to show what the index costs per event
            conn.exec_driver_sql("DROP INDEX ix_custody_events_subject_bucket")
    log = CustodyLog(SQLLogStore(engine), "bench.qarina/log", clock=FixedClock(T0))
    watch = Stopwatch()
    for start, count in batches(total, batch):
        events = make_events(start, count)  # building the input is not timed
        with watch:
            log.append(events)
    return watch, log


class ListTree:
    """Baseline 1: an in-memory RFC 6962 tree keeping every level in Python lists."""

    def __init__(self) -> None:
        self.levels: list[list[bytes]] = [[]]

    def append(self, data: bytes) -> None:
        """Hash one leaf in and complete every parent it finishes."""
        node = hash_leaf(data)
        level = 0
        while True:
            row = self.levels[level]
            row.append(node)
            if len(row) % 2:
                return
            node = hash_children(row[-2], row[-1])
            level += 1
            if level == len(self.levels):
                self.levels.append([])


def bench_memory_tree(total: int, batch: int) -> Stopwatch:
    """Baseline 1: appends to :class:`ListTree` (encoding not timed)."""
    tree = ListTree()
    watch = Stopwatch()
    for start, count in batches(total, batch):
        encoded = [encode_event(e, start + k) for k, e in enumerate(make_events(start, count))]
        with watch:
            for data in encoded:
                tree.append(data)
    return watch


def bench_sqlite_fsync_per_1000(db: Path, total: int, batch: int) -> Stopwatch:
    """Baseline 2: the same events encoded, hashed and written by plain sqlite3 with a
    commit (fsync) every 1,000 rows: no tree, no index, no validation beyond encoding."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE events (leaf_index INTEGER PRIMARY KEY, data BLOB, leaf_hash BLOB,"
        " kind TEXT, subject TEXT, created_at TEXT)"
    )
    watch = Stopwatch()
    for start, count in batches(total, batch):
        events = make_events(start, count)
        with watch:
            for offset in range(0, count, 1000):
                rows = []
                for k, event in enumerate(events[offset : offset + 1000], start + offset):
                    data, at = encode_event_with_time(event, k)
                    rows.append((k, data, hash_leaf(data), event.kind, event.subject, at))
                conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", rows)
                conn.commit()
    conn.close()
    return watch


def bench_proofs(log: CustodyLog, total: int, samples: int) -> list[float]:
    """Milliseconds per inclusion proof of a random leaf, each checked against the root."""
    rng = random.Random(6962)
    root = log.root(total)
    timings = []
    for _ in range(samples):
        index = rng.randrange(total)
        began = time.perf_counter()
        proof = log.inclusion_proof(index, total)
        timings.append((time.perf_counter() - began) * 1000)
        proof.verify(root)
    return timings


def main() -> None:
    """Parse the command line and run in a temporary folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--proofs", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where the databases go")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        run(Path(folder), args.events, args.batch, args.proofs)


def run(folder: Path, total: int, batch: int, samples: int) -> None:
    """Every measurement, printed as it completes."""
    print(f"custody log benchmark: {total:,} events, batches of {batch:,}")
    ours, log = bench_ours(folder / "ours.db", total, batch)
    unindexed, _ = bench_ours(folder / "unindexed.db", total, batch, subject_index=False)
    memory = bench_memory_tree(total, batch)
    fsync = bench_sqlite_fsync_per_1000(folder / "baseline.db", total, batch)
    print(f"durable append (SQLite WAL, group commit): {ours.rate(total)} events")
    print(f"  same without the subject index:          {unindexed.rate(total)} events")
    print(f"baseline in-memory RFC 6962 tree:          {memory.rate(total)} appends")
    print(f"baseline SQLite, fsync per 1,000 rows:     {fsync.rate(total)} events")
    print(
        f"ratios ours/baseline: in-memory tree {memory.wall / ours.wall:.2f} wall, "
        f"{memory.cpu / ours.cpu:.2f} CPU; SQLite fsync/1000 {fsync.wall / ours.wall:.2f} "
        f"wall, {fsync.cpu / ours.cpu:.2f} CPU"
    )
    signer = generate_signer("bench.qarina/log")
    log.checkpoint(signer)
    timings = bench_proofs(log, total, samples)
    p50, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[-1]
    print(
        f"inclusion proof from the DB at {total:,} leaves: median {p50:.3f} ms, "
        f"p95 {p95:.3f} ms, max {max(timings):.3f} ms ({samples} proofs)"
    )
    with Stopwatch() as watch:
        report = verify_log(log.store, [verifier_key_string(signer)], origin="bench.qarina/log")
    print(
        f"full verification: {watch.wall:.1f} s wall, {watch.cpu:.1f} s CPU -> {report.summary()}"
    )


if __name__ == "__main__":
    main()
