"""Interoperability: the transparency-dev/merkle RFC 6962 vectors in ``../shared``."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from qarina.custody.merkle import hash_leaf, root_of
from qarina.custody.proofs import (
    ProofError,
    build_consistency_proof,
    build_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)

RFC_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]


def _b64(value: str) -> bytes:
    return base64.b64decode(value)


def _proof(case: dict[str, Any]) -> list[bytes]:
    return [_b64(p) for p in case["proof"] or []]


def _cases(shared_dir: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    folder = shared_dir / "testvectors" / "rfc6962-merkle" / kind
    files = sorted(folder.rglob("*.json"))
    assert files, f"no vectors under {folder}"
    return [(str(f.relative_to(folder)), json.loads(f.read_text())) for f in files]


def _malformed_hash(*values: bytes) -> bool:
    """We refuse hashes that are not 32 bytes even where upstream does not care."""
    return any(len(v) != 32 for v in values)


def test_inclusion_vectors(shared_dir: Path) -> None:
    outcomes: dict[str, bool] = {}
    for name, case in _cases(shared_dir, "inclusion"):
        leaf, root, proof = _b64(case["leafHash"]), _b64(case["root"]), _proof(case)
        try:
            verify_inclusion(leaf, case["leafIdx"], case["treeSize"], proof, root)
            ok = True
        except ProofError:
            ok = False
        outcomes[name] = ok
        assert ok == (not case["wantErr"]), f"{name}: {case['desc']}"
    assert sum(outcomes.values()) == 6  # five happy paths + single-entry/matching-root-and-leaf


def test_consistency_vectors(shared_dir: Path) -> None:
    accepted = []
    for name, case in _cases(shared_dir, "consistency"):
        root1, root2, proof = _b64(case["root1"]), _b64(case["root2"]), _proof(case)
        try:
            verify_consistency(case["size1"], case["size2"], proof, root1, root2)
            ok = True
        except ProofError:
            ok = False
        want_ok = not case["wantErr"] and not _malformed_hash(root1, root2, *proof)
        assert ok == want_ok, f"{name}: {case['desc']}"
        if ok:
            accepted.append(name)
    assert sorted(accepted) == [f"{n}/happy-path.json" for n in range(5)]


def test_rfc_leaves_root() -> None:
    hashes = [hash_leaf(d) for d in RFC_LEAVES]
    assert root_of(hashes).hex() == (
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    )


def test_we_build_the_happy_path_proofs(shared_dir: Path) -> None:
    hashes = [hash_leaf(d) for d in RFC_LEAVES]

    def resolve(ranges: Any) -> list[bytes]:
        return [root_of(hashes[a:b]) for a, b in ranges]

    built_count = 0
    for name, case in _cases(shared_dir, "inclusion"):
        if name.endswith("happy-path.json") and case["treeSize"] <= 8:
            built_count += 1
            size = case["treeSize"]
            built = build_inclusion_proof(case["leafIdx"], size, lambda r: resolve(r))
            assert built == _proof(case), name
            assert root_of(hashes[:size]) == _b64(case["root"])
    for name, case in _cases(shared_dir, "consistency"):
        if name.endswith("happy-path.json") and case["size1"] < case["size2"]:
            built_count += 1
            built = build_consistency_proof(case["size1"], case["size2"], resolve)
            assert built == _proof(case), name
    assert built_count >= 8


@pytest.mark.parametrize("size", [0, 1])
def test_bad_indexes_are_refused(size: int) -> None:
    with pytest.raises(ProofError):
        verify_inclusion(b"\0" * 32, size, size, [], b"\0" * 32)
