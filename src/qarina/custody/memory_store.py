"""An in-memory :class:`~qarina.core.ports.LogStore`: for exported bundles and tests.

A real implementation of the port (the same contiguity rules as the SQL store, and a
transaction that rolls back on error), not a stand-in: bundle verification loads the
exported leaves and checkpoints into one and runs the ordinary verifier over it.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from qarina.core.errors import StorageError, UsageError
from qarina.core.ports import LeafRecord, StoredCheckpoint


class MemoryLogStore:
    """Leaves, perfect-subtree nodes and checkpoints held in Python lists and dicts.

    :meth:`load_untrusted` (for foreign data such as a bundle) takes leaves exactly as
    given, gaps and all, so that the verifier can report what is wrong with them. The
    other methods are those of the ``LogStore`` port and behave as documented there.
    """

    def __init__(self) -> None:
        self._leaves: list[LeafRecord] = []
        self._nodes: dict[tuple[int, int], bytes] = {}
        self._checkpoints: list[StoredCheckpoint] = []
        self._lock = threading.RLock()
        self._journal: list[tuple[int, int]] | None = None

    @contextmanager
    def transaction(self, connection: object | None = None) -> Iterator[MemoryLogStore]:
        """Hold the write lock; undo every append made in the block if it raises."""
        if connection is not None:
            raise UsageError("the in-memory log store takes no database connection")
        with self._lock:
            if self._journal is not None:
                yield self  # nested: the outer transaction undoes everything
                return
            leaves, checkpoints = len(self._leaves), len(self._checkpoints)
            self._journal = []
            try:
                yield self
            except BaseException:
                del self._leaves[leaves:]
                del self._checkpoints[checkpoints:]
                for key in self._journal:
                    del self._nodes[key]
                raise
            finally:
                self._journal = None

    def size(self) -> int:
        return self._leaves[-1].index + 1 if self._leaves else 0

    def append(self, leaves: Sequence[LeafRecord], nodes: Sequence[tuple[int, int, bytes]]) -> None:
        with self._lock:
            expected = self.size()
            for offset, leaf in enumerate(leaves):
                if leaf.index != expected + offset:
                    raise StorageError(
                        f"custody leaf {leaf.index} does not follow leaf {expected + offset - 1}",
                        hint="another writer appended first; retry the batch",
                    )
            self._add_nodes(nodes)
            self._leaves.extend(leaves)

    def _add_nodes(self, nodes: Sequence[tuple[int, int, bytes]]) -> None:
        for level, index, _hash in nodes:
            if (level, index) in self._nodes:
                raise StorageError(f"tree node ({level}, {index}) is already stored")
        for level, index, value in nodes:
            self._nodes[(level, index)] = value
            if self._journal is not None:
                self._journal.append((level, index))

    def load_untrusted(
        self,
        leaves: Sequence[LeafRecord],
        nodes: Sequence[tuple[int, int, bytes]],
        checkpoints: Sequence[StoredCheckpoint],
    ) -> None:
        """Load foreign data for verification: leaves sorted by index, gaps kept."""
        with self._lock:
            ordered = sorted(leaves, key=lambda leaf: leaf.index)
            if len({leaf.index for leaf in ordered}) != len(ordered):
                raise StorageError("the leaves to load repeat a leaf index")
            self._leaves = ordered
            self._nodes = {(level, index): value for level, index, value in nodes}
            self._checkpoints = list(checkpoints)

    def _position(self, index: int) -> int:
        return bisect_left(self._leaves, index, key=lambda leaf: leaf.index)

    def leaves(self, start: int, end: int) -> Iterator[LeafRecord]:
        position = self._position(start)
        while position < len(self._leaves) and self._leaves[position].index < end:
            yield self._leaves[position]
            position += 1

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        return [leaf.leaf_hash for leaf in self.leaves(start, end)]

    def node_hashes(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        return {key: self._nodes[key] for key in keys if key in self._nodes}

    def stored_nodes(self) -> Iterator[tuple[int, int, bytes]]:
        for (level, index), value in sorted(self._nodes.items()):
            yield level, index, value

    def subject_leaves(self, subject: str) -> list[LeafRecord]:
        return [leaf for leaf in self._leaves if leaf.subject == subject]

    def save_checkpoint(self, checkpoint: StoredCheckpoint) -> None:
        with self._lock:
            self._checkpoints.append(checkpoint)

    def checkpoints(self) -> list[StoredCheckpoint]:
        return list(self._checkpoints)

    def latest_checkpoint(self) -> StoredCheckpoint | None:
        return self._checkpoints[-1] if self._checkpoints else None
