"""Property tests: every proof over a random tree verifies; every single-bit change fails."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.custody.merkle import (
    CompactRange,
    edge_subtrees,
    hash_children,
    hash_leaf,
    root_of,
    split_range,
)
from qarina.custody.proofs import (
    ProofError,
    RangeResolver,
    build_consistency_proof,
    build_inclusion_proof,
    consistency_ranges,
    inclusion_ranges,
    verify_consistency,
    verify_inclusion,
)

leaf_lists = st.lists(st.binary(max_size=8), min_size=1, max_size=70, unique=True)


def _reference_root(hashes: Sequence[bytes]) -> bytes:
    """RFC 6962 MTH by its recursive definition."""
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return hash_children(_reference_root(hashes[:k]), _reference_root(hashes[k:]))


def _resolver(hashes: Sequence[bytes]) -> RangeResolver:
    def resolve(ranges: Sequence[tuple[int, int]]) -> list[bytes]:
        return [_reference_root(hashes[a:b]) for a, b in ranges]

    return resolve


def _shape(index: int, size: int) -> list[bool]:
    """Which side each sibling of an inclusion path is on."""
    return [start < index for start, _ in inclusion_ranges(index, size)]


def _flip(value: bytes, bit: int) -> bytes:
    data = bytearray(value)
    data[bit // 8 % len(data)] ^= 1 << (bit % 8)
    return bytes(data)


@given(leaf_lists)
def test_compact_range_matches_the_definition(leaves: list[bytes]) -> None:
    hashes = [hash_leaf(d) for d in leaves]
    assert root_of(hashes) == _reference_root(hashes)


@given(leaf_lists, st.integers(min_value=1, max_value=3))
def test_compact_range_reports_every_stored_subtree(leaves: list[bytes], stride: int) -> None:
    hashes = [hash_leaf(d) for d in leaves]
    edge = CompactRange()
    nodes = []
    for h in hashes:  # one at a time, like many small batches
        nodes += edge.extend([h], stride)
    for level, index, value in nodes:
        assert level % stride == 0 and level > 0
        assert value == _reference_root(hashes[index << level : (index + 1) << level])
    expected = sum(len(hashes) >> lv for lv in range(stride, 64, stride))
    assert len(nodes) == expected
    edge_hashes = [
        _reference_root(hashes[i << lv : (i + 1) << lv]) for lv, i in edge_subtrees(len(hashes))
    ]
    assert list(edge.hashes) == edge_hashes


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_split_range_covers_exactly(a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    covered: list[int] = []
    for level, index in split_range(start, end):
        covered.extend(range(index << level, (index + 1) << level))
    assert covered == list(range(start, end))


@given(leaf_lists, st.data())
@settings(max_examples=150)
def test_inclusion_proofs_verify_and_bit_flips_fail(
    leaves: list[bytes], data: st.DataObject
) -> None:
    hashes = [hash_leaf(d) for d in leaves]
    size = len(hashes)
    root = _reference_root(hashes)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    proof = build_inclusion_proof(index, size, _resolver(hashes))
    verify_inclusion(hashes[index], index, size, proof, root)
    bit = data.draw(st.integers(min_value=0, max_value=255))
    target = data.draw(st.sampled_from(["leaf", "root", "proof", "index", "size"]))
    leaf, r, p, i, n = hashes[index], root, list(proof), index, size
    if target == "leaf":
        leaf = _flip(leaf, bit)
    elif target == "root":
        r = _flip(r, bit)
    elif target == "proof" and p:
        j = data.draw(st.integers(min_value=0, max_value=len(p) - 1))
        p[j] = _flip(p[j], bit)
    elif target == "index":
        i ^= 1 << data.draw(st.integers(min_value=0, max_value=8))
    elif target == "size":
        n ^= 1 << data.draw(st.integers(min_value=0, max_value=8))
    if (leaf, r, p, i, n) == (hashes[index], root, proof, index, size):
        return  # the drawn mutation was a no-op (empty proof)
    try:
        verify_inclusion(leaf, i, n, p, r)
    except ProofError:
        return
    # A proof binds the size only through the shape of the path (the signed checkpoint
    # binds size to root): a changed index or size may verify only if the shape is equal.
    assert target in ("index", "size"), f"mutated {target} still verifies"
    assert _shape(i, n) == _shape(index, size), f"mutated {target} still verifies"


@given(leaf_lists, st.data())
@settings(max_examples=150)
def test_consistency_proofs_verify_and_bit_flips_fail(
    leaves: list[bytes], data: st.DataObject
) -> None:
    hashes = [hash_leaf(d) for d in leaves]
    size2 = len(hashes)
    size1 = data.draw(st.integers(min_value=1, max_value=size2))
    root1, root2 = _reference_root(hashes[:size1]), _reference_root(hashes)
    proof = build_consistency_proof(size1, size2, _resolver(hashes))
    verify_consistency(size1, size2, proof, root1, root2)
    bit = data.draw(st.integers(min_value=0, max_value=255))
    target = data.draw(st.sampled_from(["root1", "root2", "proof", "size1", "size2"]))
    s1, s2, p, r1, r2 = size1, size2, list(proof), root1, root2
    if target == "root1":
        r1 = _flip(r1, bit)
    elif target == "root2":
        r2 = _flip(r2, bit)
    elif target == "proof" and p:
        j = data.draw(st.integers(min_value=0, max_value=len(p) - 1))
        p[j] = _flip(p[j], bit)
    elif target == "size1":
        s1 ^= 1 << data.draw(st.integers(min_value=0, max_value=8))
    elif target == "size2":
        s2 ^= 1 << data.draw(st.integers(min_value=0, max_value=8))
    if (s1, s2, p, r1, r2) == (size1, size2, proof, root1, root2):
        return
    try:
        verify_consistency(s1, s2, p, r1, r2)
    except ProofError:
        return
    # As above: a size change can only go unnoticed if the proof has the same shape.
    assert target in ("size1", "size2"), f"mutated {target} still verifies"
    assert len(consistency_ranges(s1, s2)) == len(proof), f"mutated {target} still verifies"
