"""Inclusion and consistency proofs: which ranges they contain, and how to verify them.

Building follows RFC 6962 §2.1.1/§2.1.2 (PATH and SUBPROOF); verification follows the
algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2. A proof is a list of 32-byte hashes, each
the Merkle tree hash of a leaf range; :func:`inclusion_ranges` and
:func:`consistency_ranges` say which ranges, so a store can fetch them in one go.

Verification is stricter than some implementations in one respect: every hash (leaf,
root, proof element) must be exactly 32 bytes, and a consistency proof from the empty
tree is refused (it proves nothing; RFC 9162 requires ``0 < first``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qarina.core.errors import IntegrityError
from qarina.custody.merkle import HASH_SIZE, hash_children, largest_power_of_two_below

Range = tuple[int, int]
RangeResolver = Callable[[Sequence[Range]], list[bytes]]
"""Gives the Merkle tree hash of each ``[start, end)`` leaf range asked for, in order."""


class ProofError(IntegrityError):
    """A proof does not verify (or is malformed)."""

    code = "qarina.integrity.proof"


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """Leaf ranges whose hashes form the inclusion proof of leaf ``index`` in ``size``."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
    top_down: list[Range] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = largest_power_of_two_below(hi - lo)
        if index < lo + k:
            top_down.append((lo + k, hi))
            hi = lo + k
        else:
            top_down.append((lo, lo + k))
            lo = lo + k
    return top_down[::-1]


def consistency_ranges(size1: int, size2: int) -> list[Range]:
    """Leaf ranges whose hashes form the consistency proof from ``size1`` to ``size2``."""
    if not 0 < size1 <= size2:
        raise ValueError(f"no consistency proof from size {size1} to size {size2}")
    top_down: list[Range] = []
    m, lo, hi, complete = size1, 0, size2, True
    while m != hi - lo:
        k = largest_power_of_two_below(hi - lo)
        if m <= k:
            top_down.append((lo + k, hi))
            hi = lo + k
        else:
            top_down.append((lo, lo + k))
            m, lo, complete = m - k, lo + k, False
    if not complete:
        top_down.append((lo, hi))
    return top_down[::-1]


def build_inclusion_proof(index: int, size: int, resolve: RangeResolver) -> list[bytes]:
    """The inclusion proof of leaf ``index`` in the tree of ``size`` leaves."""
    return resolve(inclusion_ranges(index, size))


def build_consistency_proof(size1: int, size2: int, resolve: RangeResolver) -> list[bytes]:
    """The consistency proof between the trees of ``size1`` and ``size2`` leaves."""
    return resolve(consistency_ranges(size1, size2))


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes, a SHA-256 hash is {HASH_SIZE}")


def root_from_inclusion_proof(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes]
) -> bytes:
    """The root that ``proof`` implies for ``leaf_hash`` at ``index`` (RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside a tree of size {size}")
    _check_hash(leaf_hash, "leaf hash")
    fn, sn, r = index, size - 1, leaf_hash
    for position, p in enumerate(proof):
        _check_hash(p, f"proof element {position}")
        if sn == 0:
            raise ProofError("inclusion proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = hash_children(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = hash_children(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof is shorter than the tree is deep")
    return r


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Raise :class:`ProofError` unless ``proof`` shows the leaf is in the tree ``root``."""
    _check_hash(root, "root hash")
    if root_from_inclusion_proof(leaf_hash, index, size, proof) != root:
        raise ProofError(f"inclusion proof of leaf {index} does not lead to the root")


def verify_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> None:
    """Raise :class:`ProofError` unless tree ``root2`` extends tree ``root1`` (RFC 9162)."""
    _check_hash(root1, "first root")
    _check_hash(root2, "second root")
    for position, p in enumerate(proof):
        _check_hash(p, f"proof element {position}")
    if size1 < 1:
        raise ProofError("a consistency proof needs a non-empty first tree")
    if size2 < size1:
        raise ProofError(f"second tree ({size2}) is smaller than the first ({size1})")
    if size1 == size2:
        if proof:
            raise ProofError("trees of equal size need an empty consistency proof")
        if root1 != root2:
            raise ProofError("trees of equal size have different roots")
        return
    first, second = _roots_from_consistency(size1, size2, proof, root1)
    if first != root1:
        raise ProofError("consistency proof does not lead to the first root")
    if second != root2:
        raise ProofError("consistency proof does not lead to the second root")


def _roots_from_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes
) -> tuple[bytes, bytes]:
    """RFC 9162 §2.1.4.2: the two roots implied by ``proof`` (for ``0 < size1 < size2``)."""
    if not proof:
        raise ProofError("consistency proof is empty")
    path = [root1, *proof] if size1 & (size1 - 1) == 0 else list(proof)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            fr = hash_children(c, fr)
            sr = hash_children(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = hash_children(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof is shorter than the tree is deep")
    return fr, sr
