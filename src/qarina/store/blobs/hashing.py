"""SHA-256, MD5 and SHA-1 in one pass, on threads (hashlib releases the GIL).

SHA-256 is the identity and runs on the caller's thread; MD5 and SHA-1 (kept because
some court tools still ask for them) run on one worker thread each, fed the same
immutable chunks through small bounded queues, so memory stays a few MiB.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from types import TracebackType
from typing import Any

from qarina.core.ids import sha256_ref
from qarina.core.model import Digests

_QUEUE_DEPTH = 16
_SMALL = 1 << 16  # below this, threads cost more than they save


class ParallelHasher:
    """Feed chunks with :meth:`update`; read :meth:`digests` after the ``with`` block."""

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self._others = (hashlib.md5(), hashlib.sha1())
        self._queues: list[queue.Queue[bytes | None]] = []
        self._threads: list[threading.Thread] = []
        self._size = 0

    def __enter__(self) -> ParallelHasher:
        return self

    def update(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if not self._threads and len(chunk) >= _SMALL:
            self._start()
        if self._threads:
            for q in self._queues:
                q.put(chunk)
        else:
            for other in self._others:
                other.update(chunk)
        self._sha256.update(chunk)

    def _start(self) -> None:
        for digest in self._others:
            q: queue.Queue[bytes | None] = queue.Queue(_QUEUE_DEPTH)
            thread = threading.Thread(target=_drain, args=(digest, q), daemon=True)
            thread.start()
            self._queues.append(q)
            self._threads.append(thread)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for q in self._queues:
            q.put(None)
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def digests(self) -> Digests:
        md5, sha1 = self._others
        return Digests(
            sha256_ref(self._sha256.hexdigest()), md5.hexdigest(), sha1.hexdigest(), self._size
        )


def _drain(digest: Any, q: queue.Queue[bytes | None]) -> None:
    while (chunk := q.get()) is not None:
        digest.update(chunk)
