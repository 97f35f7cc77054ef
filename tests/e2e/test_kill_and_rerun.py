"""SIGKILL in the middle of a large ingest, then a rerun: nothing missing, nothing doubled,
and ``verify`` passes."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.conftest import Run

FILES = 600


def _custody_size(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM custody_events").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_then_rerun(qarina: Run, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(FILES):
        (docs / f"{n:04}.txt").write_text(f"Statement {n}: barrel bombs hit Daraya; {n} wounded.")
    qarina("init", "ws")
    env = {**os.environ, "QARINA_USER": "e2e-tester"}
    args = [
        sys.executable,
        "-m",
        "qarina.cli.main",
        "ingest",
        "ws",
        str(docs),
        "--batch-size",
        "20",
        "--workers",
        "1",
        "--no-extract",
    ]
    proc = subprocess.Popen(
        args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while _custody_size(tmp_path / "ws" / "qarina.db") < 100 and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _custody_size(tmp_path / "ws" / "qarina.db")
    assert partial > 0

    qarina("ingest", "ws", str(docs), "--no-extract")
    assert "every check holds" in qarina("verify", "ws").stdout

    with sqlite3.connect(tmp_path / "ws" / "qarina.db") as conn:
        items = [row[0] for row in conn.execute("SELECT sha256 FROM items")]
        acquired = {row[0] for row in conn.execute("SELECT item_sha256 FROM acquisitions")}
    expected = {"sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in docs.iterdir()}
    assert len(items) == len(set(items)) == FILES, "no item missing or duplicated"
    assert set(items) == expected == acquired
