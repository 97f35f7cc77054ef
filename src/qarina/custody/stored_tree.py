"""Reading Merkle hashes back from a :class:`~qarina.core.ports.LogStore`.

The log stores leaf hashes and the perfect subtrees at every ``stride``-th level (like
the tiles of Go's ``tlog``; with ``stride`` 3 a tile is 8 hashes wide and the nodes
table holds about n/7 rows for n leaves). Any perfect subtree is then at most
``2**(stride - 1)`` stored hashes away: one subtree at level ``L`` is recomputed from
the hashes stored at level ``stride * (L // stride)``. The stride is part of the
storage format: a database written with one stride must be read with the same one.
Every request is planned first and fetched with one leaf query per contiguous run and
one node query, so an inclusion proof at 10^6 leaves costs two or three round trips.
"""

from __future__ import annotations

from collections.abc import Sequence

from qarina.core.errors import IntegrityError
from qarina.core.ports import LogStore
from qarina.custody.merkle import (
    CompactRange,
    edge_subtrees,
    fold_subtrees,
    hash_children,
    split_range,
)
from qarina.custody.proofs import Range

NODE_STRIDE = 3
_LEAF_RUN_GAP = 64  # merge leaf reads whose gaps are smaller than this


def _perfect_root(hashes: list[bytes]) -> bytes:
    while len(hashes) > 1:
        hashes = [hash_children(hashes[i], hashes[i + 1]) for i in range(0, len(hashes), 2)]
    return hashes[0]


class StoredTree:
    """Perfect-subtree and range hashes of the tree kept in ``store``."""

    def __init__(self, store: LogStore, stride: int = NODE_STRIDE) -> None:
        if stride < 1:
            raise ValueError("stride must be at least 1")
        self.store = store
        self.stride = stride

    def _base_level(self, level: int) -> int:
        return level - level % self.stride

    def subtree_hashes(self, subtrees: Sequence[tuple[int, int]]) -> list[bytes]:
        """The hash of each perfect subtree ``(level, index)``, in the order asked."""
        leaf_needs: list[tuple[int, int]] = []
        node_keys: list[tuple[int, int]] = []
        for level, index in subtrees:
            base = self._base_level(level)
            first, count = index << (level - base), 1 << (level - base)
            if base == 0:
                leaf_needs.append((first, first + count))
            else:
                node_keys.extend((base, i) for i in range(first, first + count))
        leaves = self._read_leaves(leaf_needs)
        nodes = self.store.node_hashes(node_keys) if node_keys else {}
        out = []
        for level, index in subtrees:
            base = self._base_level(level)
            first, count = index << (level - base), 1 << (level - base)
            try:
                if base == 0:
                    parts = [leaves[i] for i in range(first, first + count)]
                else:
                    parts = [nodes[(base, i)] for i in range(first, first + count)]
            except KeyError as exc:
                raise IntegrityError(
                    f"the custody log is missing data for subtree ({level}, {index})",
                    hint="run 'qarina verify' to see what was removed",
                ) from exc
            out.append(_perfect_root(parts))
        return out

    def _read_leaves(self, needs: list[tuple[int, int]]) -> dict[int, bytes]:
        found: dict[int, bytes] = {}
        runs: list[list[int]] = []
        for start, end in sorted(needs):
            if runs and start - runs[-1][1] < _LEAF_RUN_GAP:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        for start, end in runs:
            for offset, value in enumerate(self.store.leaf_hashes(start, end)):
                found[start + offset] = value
        if sum(end - start for start, end in runs) != len(found):
            found = {}
            for start, end in runs:  # gaps: read again with indexes to know which is which
                found.update((leaf.index, leaf.leaf_hash) for leaf in self.store.leaves(start, end))
        return found

    def range_hashes(self, ranges: Sequence[Range]) -> list[bytes]:
        """The Merkle tree hash of each ``[start, end)`` range (as RFC 6962 proofs use)."""
        plans = [split_range(start, end) for start, end in ranges]
        flat = self.subtree_hashes([subtree for plan in plans for subtree in plan])
        out, position = [], 0
        for plan in plans:
            out.append(fold_subtrees(flat[position : position + len(plan)]))
            position += len(plan)
        return out

    def root(self, size: int) -> bytes:
        """The root hash of the first ``size`` leaves."""
        return fold_subtrees(self.subtree_hashes(edge_subtrees(size)))

    def compact_range(self, size: int) -> CompactRange:
        """The right edge of the first ``size`` leaves, ready to be extended."""
        return CompactRange(size, self.subtree_hashes(edge_subtrees(size)))
