"""A small MinHash / LSH for near-duplicate documents (reposts of one text).

Shingles are word 3-grams of the folded text, hashed to 32 bits (CRC-32 of each word, mixed); 64
universal hash functions ``(a*x + b) mod p`` (p = 2**32 + 15, prime) give the signature;
LSH with 16 bands of 4 rows proposes pairs, and the signature agreement confirms them.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from qarina.link.folding import fold_text

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
PRIME = (1 << 32) + 15
SEED = 20170213
NEAR_DUPLICATE = 0.5  # estimated Jaccard similarity of shingle sets
SHINGLE_WORDS = 3
_K1, _K2, _MASK32 = 0x9E3779B1, 0x85EBCA77, 0xFFFFFFFF  # odd multipliers mix word hashes
DIRECT_LIMIT = 24  # up to this many signatures, compare every pair
BATCH_SHINGLES = 50_000  # shingles hashed per numpy batch (memory bound)

Signature = npt.NDArray[np.uint64]


def _params() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return a, b


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def shingles(text: str) -> npt.NDArray[np.uint64]:
    """Distinct 32-bit hashes of the word 3-grams of ``text`` (folded), as an array.

    Each word is hashed once (CRC-32, memoised); a 3-gram combines its words' hashes.
    A text shorter than three words is one shingle.
    """
    words = fold_text(text).split()
    if not words:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    if len(words) < SHINGLE_WORDS:
        h = np.concatenate([h, np.zeros(SHINGLE_WORDS - len(words), dtype=np.uint64)])
    grams = (h[:-2] * np.uint64(_K1) + h[1:-1] * np.uint64(_K2) + h[2:]) & np.uint64(_MASK32)
    return np.unique(grams)


def signature(
    text: str, params: tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]] | None = None
) -> Signature:
    """The MinHash signature of ``text`` (all-max for an empty text)."""
    a, b = params or _params()
    values = shingles(text)
    if values.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    hashed = (values[:, None] * a[None, :] + b[None, :]) % np.uint64(PRIME)
    return np.asarray(hashed.min(axis=0), dtype=np.uint64)


def signatures(
    texts: Sequence[str],
    params: tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]] | None = None,
) -> npt.NDArray[np.uint64]:
    """Signatures of many texts at once (one row each), hashing in bounded chunks."""
    a, b = params or _params()
    out = np.full((len(texts), NUM_PERM), np.iinfo(np.uint64).max, dtype=np.uint64)
    sets = [shingles(t) for t in texts]
    start = 0
    while start < len(sets):
        stop, size = start, 0
        while stop < len(sets) and (size < BATCH_SHINGLES or stop == start):
            size += len(sets[stop])
            stop += 1
        chunk = [x for x in sets[start:stop] if x.size]
        rows = [n for n in range(start, stop) if sets[n].size]
        if chunk:
            values = np.concatenate(chunk)
            hashed = (values[:, None] * a[None, :] + b[None, :]) % np.uint64(PRIME)
            offsets = np.cumsum([0] + [x.size for x in chunk[:-1]])
            out[rows] = np.minimum.reduceat(hashed, offsets, axis=0)
        start = stop
    return out


def similarity(x: Signature, y: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return int(np.count_nonzero(x == y)) / NUM_PERM


def near_duplicate_pairs(
    signatures: Mapping[str, Signature], threshold: float = NEAR_DUPLICATE
) -> list[tuple[str, str, float]]:
    """Pairs of ids whose signatures agree on at least ``threshold`` of their positions.

    Few signatures are compared directly; many go through LSH banding first.
    """
    keys = sorted(signatures)
    if len(keys) <= DIRECT_LIMIT:
        candidates = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
    else:
        candidates = sorted(_banded_candidates(signatures))
    found = ((a, b, similarity(signatures[a], signatures[b])) for a, b in candidates)
    return [(a, b, s) for a, b, s in found if s >= threshold]


def _banded_candidates(signatures: Mapping[str, Signature]) -> set[tuple[str, str]]:
    buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for key, sig in signatures.items():
        for band in range(BANDS):
            buckets[(band, sig[band * ROWS : (band + 1) * ROWS].tobytes())].append(key)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs.add((min(first, second), max(first, second)))
    return pairs


def near_duplicates(
    texts: Mapping[str, str], threshold: float = NEAR_DUPLICATE
) -> list[tuple[str, str, float]]:
    """Pairs of ids whose texts are near-duplicates, with their estimated similarity."""
    params = _params()
    return near_duplicate_pairs(
        {key: signature(text, params) for key, text in texts.items() if text.strip()}, threshold
    )


class SignatureCache:
    """Signatures computed once per document, on first use."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._params = _params()
        self._cache: dict[str, Signature] = {}

    def prepare(self, ids: Iterable[str]) -> None:
        """Compute the signatures of ``ids`` not yet known, in one batch."""
        todo = sorted({k for k in ids if k not in self._cache and self._texts.get(k, "").strip()})
        if not todo:
            return
        for key, row in zip(
            todo, signatures([self._texts[k] for k in todo], self._params), strict=True
        ):
            self._cache[key] = row

    def repost_groups(self, ids: Sequence[str]) -> dict[str, str]:
        """Each of ``ids`` with a near-duplicate among them -> the smallest id of its group."""
        self.prepare(ids)
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
