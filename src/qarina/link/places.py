"""Place hierarchy for linking: a neighbourhood lies in its city, a town in its region.

The hierarchy is data (``resources/regions.json`` by default, or a mapping passed in):
``regions`` maps a region to the places it contains (transitively), ``countries`` maps a
country code to its name; a record placed at the country, or nowhere, is country-level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from qarina.core.errors import UsageError
from qarina.link.folding import fold_name

SAME = "same"
CONTAINS = "contains"  # one place lies inside the other
UNRELATED = "unrelated"


def _key(name: str) -> str:
    return fold_name(name)


@dataclass(frozen=True, slots=True)
class PlaceHierarchy:
    """Containment between folded place names."""

    ancestors: Mapping[str, frozenset[str]]
    country_names: frozenset[str]
    regions: frozenset[str]  # every place that contains another

    def is_country_level(self, place: str | None) -> bool:
        """True for no place at all or a place that is a whole country."""
        return place is None or place in self.country_names

    def is_region(self, place: str | None) -> bool:
        """True when the place contains other known places (or is country-level)."""
        return self.is_country_level(place) or place in self.regions

    def relation(self, a: str | None, b: str | None) -> str:
        """``same``, ``contains`` (either way round) or ``unrelated``."""
        if a == b:
            return SAME
        if self.is_country_level(a) or self.is_country_level(b):
            return CONTAINS
        if a in self.ancestors.get(b or "", ()) or b in self.ancestors.get(a or "", ()):
            return CONTAINS
        return UNRELATED

    def depth(self, place: str | None) -> int:
        """How specific a place is: 0 for country-level, more for places inside regions."""
        if self.is_country_level(place):
            return 0
        return 1 + len(self.ancestors.get(place or "", ()))


def _closure(regions: Mapping[str, Sequence[str]]) -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = {}
    for region, members in regions.items():
        for member in members:
            parents.setdefault(_key(member), set()).add(_key(region))
    closed: dict[str, frozenset[str]] = {}
    for place in parents:
        seen: set[str] = set()
        todo = list(parents[place])
        while todo:
            parent = todo.pop()
            if parent not in seen and parent != place:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        closed[place] = frozenset(seen)
    return closed


def build_hierarchy(data: Mapping[str, Any]) -> PlaceHierarchy:
    """Build a hierarchy from ``{"regions": {region: [places]}, "countries": {code: name}}``."""
    regions = data.get("regions", {})
    countries = data.get("countries", {})
    if not isinstance(regions, Mapping) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(m, str) for m in v)
        for k, v in regions.items()
    ):
        raise UsageError("place hierarchy 'regions' must map a region to a list of places")
    if not isinstance(countries, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in countries.items()
    ):
        raise UsageError("place hierarchy 'countries' must map a country code to its name")
    names = frozenset(_key(n) for n in countries.values()) | frozenset(_key(c) for c in countries)
    ancestors = _closure(regions)
    contained = frozenset(a for parents in ancestors.values() for a in parents)
    return PlaceHierarchy(ancestors=ancestors, country_names=names, regions=contained)


def default_hierarchy() -> PlaceHierarchy:
    """The hierarchy shipped in ``resources/regions.json``."""
    text = resources.files("qarina.link").joinpath("resources/regions.json").read_text("utf-8")
    return build_hierarchy(json.loads(text))


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[- ]")
_VOWELS = re.compile(r"[aeiouyw\u0627\u0648\u064a]")  # Latin vowels; Arabic alef, waw, yeh


@lru_cache(maxsize=1 << 16)
def place_skeleton(name: str) -> str:
    """A spelling-tolerant key: folded, article and vowels dropped, doubled letters single.

    ``Khan Shaykhun`` and ``Khan Sheikhoun`` share ``khnshkhn``; ``Aleppo`` and ``Alep``
    share ``lp``.
    """
    text = _ARTICLE.sub("", fold_name(name))
    letters = "".join(c for c in text if c.isalpha())
    letters = _VOWELS.sub("", letters)
    return re.sub(r"(.)\1+", r"\1", letters)


class PlaceResolver:
    """Resolves a place written only as ``location`` to a canonical place seen elsewhere.

    Learned from the records themselves: a location spelled exactly as one that another
    record normalised, else a unique spelling skeleton among the canonical names.
    """

    def __init__(self, pairs: Iterable[tuple[str | None, str]]) -> None:
        by_location: dict[str, set[str]] = {}
        by_skeleton: dict[str, set[str]] = {}
        for location, place in pairs:
            canonical = fold_name(place)
            by_skeleton.setdefault(place_skeleton(place), set()).add(canonical)
            if location:
                by_location.setdefault(fold_name(location), set()).add(canonical)
        self._location = {k: next(iter(v)) for k, v in by_location.items() if len(v) == 1}
        self._skeleton = {k: next(iter(v)) for k, v in by_skeleton.items() if len(v) == 1 and k}

    def resolve(self, location: str) -> str | None:
        """The folded canonical place for ``location``, or ``None`` when unknown/ambiguous."""
        key = fold_name(location)
        return self._location.get(key) or self._skeleton.get(place_skeleton(location))
