"""A small MinHash / LSH for near-duplicate documents (reposts of one text).

Shingles are word 3-grams of the folded text, hashed to 32 bits with BLAKE2b; 64
universal hash functions ``(a*x + b) mod p`` (p = 2**32 + 15, prime) give the signature;
LSH with 16 bands of 4 rows proposes pairs, and the signature agreement confirms them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from qarina.core.textnorm import fold

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
PRIME = (1 << 32) + 15
SEED = 20170213
NEAR_DUPLICATE = 0.5  # estimated Jaccard similarity of shingle sets
SHINGLE_WORDS = 3

Signature = npt.NDArray[np.uint64]


def _params() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return a, b


def shingles(text: str) -> set[int]:
    """32-bit hashes of the word 3-grams of ``text`` (folded)."""
    words = fold(text).split()
    grams = [
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    ]
    return {
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "big")
        for g in grams
        if g
    }


def signature(
    text: str, params: tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]] | None = None
) -> Signature:
    """The MinHash signature of ``text`` (all-max for an empty text)."""
    a, b = params or _params()
    values = np.fromiter(shingles(text), dtype=np.uint64)
    if values.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    hashed = (values[:, None] * a[None, :] + b[None, :]) % np.uint64(PRIME)
    return np.asarray(hashed.min(axis=0), dtype=np.uint64)


def similarity(x: Signature, y: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(x == y))


def near_duplicate_pairs(signatures: Mapping[str, Signature],
                         threshold: float = NEAR_DUPLICATE) -> list[tuple[str, str, float]]:
    """Pairs of ids whose signatures agree on at least ``threshold`` of their positions."""
    buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for key, sig in signatures.items():
        for band in range(BANDS):
            buckets[(band, sig[band * ROWS:(band + 1) * ROWS].tobytes())].append(key)
    found: dict[tuple[str, str], float] = {}
    for keys in buckets.values():
        for i, first in enumerate(keys):
            for second in keys[i + 1:]:
                pair = (min(first, second), max(first, second))
                if pair not in found:
                    found[pair] = similarity(signatures[first], signatures[second])
    return sorted((a, b, s) for (a, b), s in found.items() if s >= threshold)


def near_duplicates(texts: Mapping[str, str],
                    threshold: float = NEAR_DUPLICATE) -> list[tuple[str, str, float]]:
    """Pairs of ids whose texts are near-duplicates, with their estimated similarity."""
    params = _params()
    return near_duplicate_pairs(
        {key: signature(text, params) for key, text in texts.items() if text.strip()},
        threshold)


class SignatureCache:
    """Signatures computed once per document, on first use."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._params = _params()
        self._cache: dict[str, Signature] = {}

    def repost_groups(self, ids: Sequence[str]) -> dict[str, str]:
        """Each of ``ids`` with a near-duplicate among them -> the smallest id of its group."""
        for key in ids:
            if key not in self._cache and self._texts.get(key, "").strip():
                self._cache[key] = signature(self._texts[key], self._params)
        group: dict[str, str] = {}

        def find(x: str) -> str:
            while group.get(x, x) != x:
                x = group[x]
            return x

        pairs = near_duplicate_pairs({k: self._cache[k] for k in ids if k in self._cache})
        for a, b, _ in pairs:
            ra, rb = find(a), find(b)
            if ra != rb:
                group[max(ra, rb)] = min(ra, rb)
        return {key: find(key) for key in group}
