"""The name index over every gazetteer: exact keys and transliteration skeletons -> places.

Built once per process (:func:`load_index`) from :func:`qarina.extract.gazetteer.all_places`.
Lookups are plain dict probes over n-gram keys, so matching a text costs one pass over
its tokens whatever the number of places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from qarina.extract.gazetteer import Place, all_places, non_place_phrases
from qarina.extract.place_hierarchy import PlaceInfo, describe
from qarina.extract.place_keys import name_keys

ARABIC_ARTICLE = "\u0627\u0644"  # ال

MAX_NAME_TOKENS = 6


@dataclass(frozen=True, slots=True)
class PlaceIndex:
    """Places and the keys that reach them."""

    infos: Sequence[PlaceInfo]  # derived lazily per place
    exact: dict[str, list[int]]  # treat as read-only
    loose: dict[str, list[int]]  # treat as read-only
    lower_patterns: dict[str, frozenset[str]]  # exact key -> patterns with lower case/acronyms
    secondary: dict[str, frozenset[int]]  # exact key -> places it reaches only by an alt name
    max_tokens: int
    by_id: dict[str, int]  # place id -> position in infos
    exact_prefixes: frozenset[str]  # multi-word exact keys cut at a word boundary
    loose_prefixes: frozenset[str]  # every skeleton cut at any letter
    article_keys: frozenset[str]  # keys of Arabic names written with the article (الرقة)
    blockers: frozenset[str]  # keys of phrases that are not places (State Duma)


def _keys_of(place: Place) -> list[tuple[bool, str, str, str, str]]:
    """``(primary, name, exact, skeleton, case pattern)`` per name: stored by the build,
    else computed.

    The stored keys follow the pack order (name, names, alt_names); names added at run time
    (canonical names, aliases) come after the pack's ``names`` and are keyed here.
    """
    stored = place.keys.split("|") if place.keys else []
    alt = place.alt_names
    pack_names = len(stored) - len(alt)
    out: list[tuple[bool, str, str, str, str]] = []
    for primary, names, offset in ((True, place.names, 0), (False, alt, pack_names)):
        for i, name in enumerate(names):
            pos = offset + i if (i < pack_names or not primary) else -1
            parts = stored[pos].split(";") if 0 <= pos < len(stored) else ()
            if len(parts) == 3:
                out.append((primary, name, parts[0], parts[1], parts[2]))
            else:
                out.append((primary, name, *name_keys(name)))
    return out


def _word_prefixes(keys: Iterable[str]) -> set[str]:
    """Proper word-boundary prefixes of the multi-word keys ("khan" for "khan shaykhun")."""
    out: set[str] = set()
    for key in keys:
        cut = key.rfind(" ")
        while cut > 0:
            key = key[:cut]
            out.add(key)
            cut = key.rfind(" ")
    return out


def build_index(places: Sequence[Place], non_places: Sequence[str] = ()) -> PlaceIndex:
    """Key every name of every place (names of more than six tokens are skipped), and the
    phrases that look like places but are not."""
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    lower: dict[str, set[str]] = {}
    secondary: dict[str, set[int]] = {}
    articled: set[str] = set()
    blocked = {name_keys(phrase)[0] for phrase in non_places}
    longest = max((k.count(" ") + 1 for k in blocked), default=1)
    for idx, place in enumerate(places):
        own: set[str] = set()
        transliterated = place.transliterated
        for primary, name, key, skel, pattern in _keys_of(place):
            size = key.count(" ") + 1
            if not key or size > MAX_NAME_TOKENS:
                continue
            if size > longest:
                longest = size
            bucket = exact.get(key)
            if bucket is None:
                exact[key] = [idx]
            elif bucket[-1] != idx:
                bucket.append(idx)
            if primary:
                own.add(key)
            elif key not in own:
                secondary.setdefault(key, set()).add(idx)
            if skel and transliterated:
                spelled = loose.setdefault(skel, [])
                if not spelled or spelled[-1] != idx:
                    spelled.append(idx)
            if "l" in pattern or "a" in pattern:
                lower.setdefault(key, set()).add(pattern)
            if name[:2] == ARABIC_ARTICLE:
                articled.add(key)
    return PlaceIndex(
        infos=describe(places),
        exact=exact,
        loose=loose,
        lower_patterns={k: frozenset(v) for k, v in lower.items()},
        secondary={k: frozenset(v) for k, v in secondary.items()},
        max_tokens=longest,
        by_id={place.id: i for i, place in enumerate(places)},
        exact_prefixes=frozenset(_word_prefixes([*exact, *blocked])),
        article_keys=frozenset(articled),
        blockers=frozenset(blocked),
        loose_prefixes=frozenset(k[:n] for k in loose for n in range(1, len(k) + 1)),
    )


@cache
def load_index() -> PlaceIndex:
    """The index over the default gazetteers, built on first use and kept."""
    return build_index(all_places(), non_place_phrases())
