"""Preserving one large file vs ``openssl dgst -sha256`` on the same file.

Target (issue 2): preservation (read, SHA-256 + MD5 + SHA-1, write, fsync, rename into
the store) at >= 0.7x the throughput of ``openssl dgst -sha256``; peak RSS < 150 MB.
Both run as child processes, interleaved, several rounds; medians are reported.

    python benchmarks/preserve.py [--size-mib 2048] [--rounds 3] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HASH_ONLY = """
import sys
from pathlib import Path
from qarina.store.blobs.filesystem import hash_file
print(hash_file(Path(sys.argv[1])).sha256)
"""

CHILD = """
import sys
from pathlib import Path
from qarina.store.blobs.filesystem import FilesystemBlobStore
store = FilesystemBlobStore(Path(sys.argv[2]))
store.initialise()
with open(sys.argv[1], "rb") as handle:
    print(store.put_stream(handle).sha256)
"""


def _run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss * 1024


def _make_file(path: Path, size: int) -> None:
    chunk = os.urandom(1 << 20)
    with path.open("wb") as out:
        for n in range(size >> 20):
            out.write(chunk[n % 7 :] + chunk[: n % 7])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=2048)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qarina-preserve-", dir=args.dir))
    try:
        source = work / "original.bin"
        _make_file(source, args.size_mib << 20)
        size = source.stat().st_size
        ours, theirs, rss, hashing, disk = [], [], [], [], []
        for _ in range(args.rounds):
            elapsed, _ = _run(["openssl", "dgst", "-sha256", str(source)])
            theirs.append(size / elapsed)
            elapsed, _ = _run([sys.executable, "-c", HASH_ONLY, str(source)])
            hashing.append(size / elapsed)
            copy = work / "dd-copy.bin"
            elapsed, _ = _run(
                ["dd", f"if={source}", f"of={copy}", "bs=1M", "conv=fsync", "status=none"]
            )
            disk.append(size / elapsed)
            copy.unlink()
            store = work / "store"
            elapsed, peak = _run([sys.executable, "-c", CHILD, str(source), str(store)])
            ours.append(size / elapsed)
            rss.append(peak)
            shutil.rmtree(store, onerror=lambda f, p, e: (os.chmod(p, 0o700), f(p)))
        q, o = statistics.median(ours), statistics.median(theirs)
        print(f"file: {size / (1 << 30):.2f} GiB, rounds: {args.rounds}")
        print(f"openssl dgst -sha256     : {o / 1e9:.2f} GB/s")
        print(f"qarina preserve (3 hashes, write, fsync, rename): {q / 1e9:.2f} GB/s")
        print(f"ratio qarina/openssl     : {q / o:.2f}  (target >= 0.70)")
        h, d = statistics.median(hashing), statistics.median(disk)
        print(
            f"qarina hashing only (SHA-256 + MD5 + SHA-1, no write): {h / 1e9:.2f} GB/s "
            f"= {h / o:.2f}x openssl"
        )
        print(
            f"disk ceiling: dd copy with fsync of the same file: {d / 1e9:.2f} GB/s; "
            f"qarina preserve = {q / d:.2f}x that"
        )
        print(f"peak RSS of the preserving process: {max(rss) / 1e6:.0f} MB  (target < 150 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
