"""Content-addressed blob store on a local file system.

Bytes are streamed in chunks through SHA-256, MD5 and SHA-1 into a temporary file in the
store, fsynced, then renamed to ``<root>/sha256/<aa>/<bb>/<hex>`` and made read-only. A
crash leaves at most a temporary file (swept by :meth:`sweep_temporary`), never a
partial blob under a digest name.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from qarina.core.errors import NotFoundError, StorageError
from qarina.core.ids import hex_of, sha256_ref
from qarina.core.model import Digests
from qarina.store.blobs.hashing import ParallelHasher

CHUNK = 1 << 20  # 1 MiB: large enough for hashing speed, small enough for memory
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP


class FilesystemBlobStore:
    """Originals stored once under their SHA-256, written atomically, read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._tmp = root / "tmp"

    def initialise(self) -> None:
        """Create the store's folders (idempotent)."""
        (self.root / "sha256").mkdir(parents=True, exist_ok=True)
        self._tmp.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> str:
        digest = hex_of(sha256)
        return str(self.root / "sha256" / digest[:2] / digest[2:4] / digest)

    def has(self, sha256: str) -> bool:
        return os.path.exists(self.path_of(sha256))

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path_of(sha256), "rb")
        except FileNotFoundError as exc:
            raise NotFoundError(f"no stored blob {sha256}") from exc

    def put_stream(self, stream: BinaryIO, *, sync: bool = True) -> Digests:
        """Stream into the store; the same bytes stored twice are kept once.

        With ``sync=False`` the file and its folder are not fsynced here: the caller
        must call :meth:`sync` before it records the blob anywhere (batch ingest does
        one ``syncfs`` per batch instead of two fsyncs per file).
        """
        self._tmp.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp, prefix="incoming-")
        try:
            with os.fdopen(fd, "wb") as out, ParallelHasher() as hasher:
                while chunk := stream.read(CHUNK):
                    hasher.update(chunk)
                    out.write(chunk)
                out.flush()
                if sync:
                    os.fsync(out.fileno())
            digests = hasher.digests()
            self._commit(tmp_name, digests, sync)
            return digests
        except OSError as exc:
            raise StorageError(f"could not store blob: {exc}") from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)

    def put_bytes(self, data: bytes) -> Digests:
        """Store a small in-memory value (a JSON line, a derivative)."""
        import io

        return self.put_stream(io.BytesIO(data))

    def _commit(self, tmp_name: str, digests: Digests, sync: bool) -> None:
        final = Path(self.path_of(digests.sha256))
        try:
            if final.stat().st_size == digests.size:
                return  # the same bytes are already stored
        except FileNotFoundError:
            pass
        final.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp_name, READ_ONLY)
        os.replace(tmp_name, final)  # also replaces a short file left by a power cut
        if sync:
            _fsync_dir(final.parent)

    def sync(self) -> None:
        """Make every blob written with ``sync=False`` durable (one ``syncfs`` call)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root, os.O_RDONLY)
        try:
            if _LIBC is None or _LIBC.syncfs(fd) != 0:
                os.sync()
        finally:
            os.close(fd)

    def digests(self) -> Iterator[str]:
        base = self.root / "sha256"
        if not base.exists():
            return
        for first in sorted(base.iterdir()):
            for second in sorted(first.iterdir()):
                for blob in sorted(second.iterdir()):
                    yield sha256_ref(blob.name)

    def sweep_temporary(self, older_than: float = 3600.0) -> int:
        """Delete temporary files left by interrupted writes; return how many.

        Only files untouched for ``older_than`` seconds go, so a write in progress in
        another process (an upload beside a command-line ingest) is never disturbed.
        """
        if not self._tmp.exists():
            return 0
        cutoff = time.time() - older_than
        removed = 0
        for leftover in self._tmp.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if leftover.stat().st_mtime <= cutoff:
                    leftover.unlink()
                    removed += 1
        return removed


def _load_libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "syncfs") else None


_LIBC = _load_libc()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def hash_file(path: Path) -> Digests:
    """Re-hash a stored blob (SHA-256, MD5, SHA-1) in chunks, for verification."""
    with open(path, "rb") as handle, ParallelHasher() as hasher:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.digests()
