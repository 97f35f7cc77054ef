"""RFC 6962 Merkle tree hashing: leaves, interior nodes, roots, and the growing right edge.

Leaf hash = SHA-256(0x00 || data); node hash = SHA-256(0x01 || left || right); the root of
the empty tree is SHA-256 of the empty string (RFC 6962 §2.1, RFC 9162 §2.1.1).

A *perfect subtree* is addressed by ``(level, index)``: it covers leaves
``[index * 2**level, (index + 1) * 2**level)``; level 0 is a leaf hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from hashlib import sha256

HASH_SIZE = 32
EMPTY_ROOT = sha256(b"").digest()
_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"

Node = tuple[int, int, bytes]
"""A perfect subtree hash as stored: ``(level, index, hash)``."""


def hash_leaf(data: bytes) -> bytes:
    """The RFC 6962 hash of one leaf's bytes."""
    return sha256(_LEAF_PREFIX + data).digest()


def hash_leaves(leaves: Iterable[bytes]) -> list[bytes]:
    """:func:`hash_leaf` of each of ``leaves``, in order."""
    return [sha256(_LEAF_PREFIX + data).digest() for data in leaves]


def hash_children(left: bytes, right: bytes) -> bytes:
    """The RFC 6962 hash of an interior node from its two children."""
    return sha256(_NODE_PREFIX + left + right).digest()


def largest_power_of_two_below(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (``n`` must be at least 2)."""
    if n < 2:
        raise ValueError(f"no power of two below {n} splits a tree")
    return 1 << ((n - 1).bit_length() - 1)


def fold_subtrees(hashes: Sequence[bytes]) -> bytes:
    """Root of a range from its perfect subtrees, listed left to right in decreasing size."""
    if not hashes:
        return EMPTY_ROOT
    root = hashes[-1]
    for left in reversed(hashes[:-1]):
        root = hash_children(left, root)
    return root


def root_of(leaf_hashes: Iterable[bytes]) -> bytes:
    """The Merkle tree hash (MTH) of the given leaf hashes, in order."""
    edge = CompactRange()
    edge.extend(leaf_hashes)
    return edge.root()


class CompactRange:
    """The right edge of a tree as it grows: one perfect subtree per set bit of ``size``.

    Appending costs one leaf hash plus, amortised, one node hash. ``extend`` reports the
    perfect subtrees it completes at every level that is a multiple of ``stride`` (level
    0, the leaves themselves, is never reported), which is what a store keeps.
    """

    __slots__ = ("_hashes", "_size")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if size < 0 or len(hashes) != size.bit_count():
            raise ValueError(
                f"a compact range of size {size} has {size.bit_count()} subtrees, got {len(hashes)}"
            )
        self._size = size
        self._hashes = list(hashes)

    @property
    def size(self) -> int:
        """Number of leaves covered."""
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """The perfect subtrees, left to right (largest first)."""
        return tuple(self._hashes)

    def extend(self, leaf_hashes: Iterable[bytes], stride: int = 1) -> list[Node]:
        """Append leaves; return the completed subtrees at levels divisible by ``stride``."""
        if stride < 1:
            raise ValueError("stride must be at least 1")
        completed: list[Node] = []
        stack = self._hashes
        size = self._size
        for node in leaf_hashes:
            pending = size
            level = 0
            while pending & 1:
                node = sha256(_NODE_PREFIX + stack.pop() + node).digest()
                level += 1
                pending >>= 1
                if level % stride == 0:
                    completed.append((level, pending, node))
            stack.append(node)
            size += 1
        self._size = size
        return completed

    def root(self) -> bytes:
        """The tree hash of everything appended so far."""
        return fold_subtrees(self._hashes)


def edge_subtrees(size: int) -> list[tuple[int, int]]:
    """``(level, index)`` of the perfect subtrees that make up a tree of ``size`` leaves."""
    out: list[tuple[int, int]] = []
    start = 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            out.append((level, start >> level))
            start += 1 << level
    return out


def split_range(start: int, end: int) -> list[tuple[int, int]]:
    """Decompose ``[start, end)`` into aligned perfect subtrees ``(level, index)``, greedily.

    For the ranges that RFC 6962 proofs use (``start`` aligned to a power of two at least
    ``end - start``) the subtrees come out largest first and :func:`fold_subtrees` of their
    hashes is the MTH of the range.
    """
    if not 0 <= start <= end:
        raise ValueError(f"bad leaf range [{start}, {end})")
    out: list[tuple[int, int]] = []
    while start < end:
        level = (start & -start).bit_length() - 1 if start else (end - start).bit_length() - 1
        while start + (1 << level) > end:
            level -= 1
        out.append((level, start >> level))
        start += 1 << level
    return out
