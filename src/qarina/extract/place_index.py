"""The name index over every gazetteer: exact keys and transliteration skeletons -> places.

Built once per process (:func:`load_index`) from :func:`qarina.extract.gazetteer.all_places`.
Lookups are plain dict probes over n-gram keys, so matching a text costs one pass over
its tokens whatever the number of places.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from qarina.extract.gazetteer import Place, PlaceInfo, all_places, describe
from qarina.extract.place_keys import name_keys

MAX_NAME_TOKENS = 6


@dataclass(frozen=True, slots=True)
class PlaceIndex:
    """Places and the keys that reach them."""

    infos: tuple[PlaceInfo, ...]
    exact: dict[str, tuple[int, ...]]
    loose: dict[str, tuple[int, ...]]
    lower_patterns: dict[str, frozenset[str]]  # exact key -> case patterns with lower case
    first_tokens: frozenset[str]  # first token of every exact key
    max_tokens: int


def _add(table: dict[str, list[int]], key: str, idx: int) -> None:
    bucket = table.setdefault(key, [])
    if not bucket or bucket[-1] != idx:
        bucket.append(idx)


def _keys_of(place: Place) -> Iterator[tuple[str, str, str, str]]:
    """``(name, exact, skeleton, case pattern)`` per name: stored by the build, else computed."""
    stored = place.keys.split("|") if place.keys else []
    for i, name in enumerate(place.names):
        if i < len(stored):
            parts = stored[i].split(";")
            if len(parts) == 3:
                yield name, parts[0], parts[1], parts[2]
                continue
        yield (name, *name_keys(name))


def build_index(infos: list[PlaceInfo]) -> PlaceIndex:
    """Key every name of every place (names of more than six tokens are skipped)."""
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    lower: dict[str, set[str]] = {}
    longest = 1
    for idx, info in enumerate(infos):
        for _name, key, skel, pattern in _keys_of(info.place):
            size = key.count(" ") + 1
            if not key or size > MAX_NAME_TOKENS:
                continue
            longest = max(longest, size)
            _add(exact, key, idx)
            if skel and info.place.transliterated:
                _add(loose, skel, idx)
            if "l" in pattern:
                lower.setdefault(key, set()).add(pattern)
    return PlaceIndex(
        infos=tuple(infos),
        exact={k: tuple(v) for k, v in exact.items()},
        loose={k: tuple(v) for k, v in loose.items()},
        lower_patterns={k: frozenset(v) for k, v in lower.items()},
        first_tokens=frozenset(k.split(" ", 1)[0] for k in exact),
        max_tokens=longest,
    )


@cache
def load_index() -> PlaceIndex:
    """The index over the default gazetteers, built on first use and kept."""
    return build_index(describe(all_places()))
