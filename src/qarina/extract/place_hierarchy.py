"""Where each place sits: its town-level name, its neighbourhood, its chain of ancestors.

Derived from the ``parent_id`` links of the gazetteer, lazily per place (a document only
ever needs the few places it names) and kept once computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from qarina.extract.gazetteer import Place


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What a match reports about a place: canonical names and its chain of ancestors."""

    place: Place
    rank: int  # position in registry order (lower = more specific pack)
    town: str | None
    district: str | None
    ancestors: frozenset[str]


class PlaceInfos(Sequence[PlaceInfo]):
    """Town, district and ancestors of every place, derived on first access to each."""

    def __init__(self, places: Sequence[Place]) -> None:
        self._places = places
        self._by_id = {p.id: p for p in places}
        self._chains: dict[str, tuple[Place, ...]] = {}
        self._infos: dict[int, PlaceInfo] = {}

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, index: int) -> PlaceInfo: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[PlaceInfo]: ...

    def __getitem__(self, index: int | slice) -> PlaceInfo | Sequence[PlaceInfo]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._places)
        info = self._infos.get(index)
        if info is None:
            info = self._describe(index)
            self._infos[index] = info
        return info

    def _chain(self, place: Place, depth: int = 0) -> tuple[Place, ...]:
        """Ancestors, nearest first (memoised; cycles and runaway depth are cut)."""
        cached = self._chains.get(place.id)
        if cached is not None:
            return cached
        parent = self._by_id.get(place.parent_id or "")
        up: tuple[Place, ...] = ()
        if parent is not None and parent.id != place.id and depth < 12:
            up = (parent, *self._chain(parent, depth + 1))
        self._chains[place.id] = up
        return up

    def _describe(self, rank: int) -> PlaceInfo:
        place = self._places[rank]
        up = self._chain(place)
        town: str | None = place.town_name
        district: str | None = None
        if place.level == "neighbourhood":
            district = place.name
            city = next((p for p in up if p.level == "community"), None)
            town = town or (city.name if city else None)
        elif place.level in ("community", "region") and town is None:
            town = place.name
        ancestors = frozenset([*(p.id for p in up), f"iso:{place.country}"])
        return PlaceInfo(place, rank, town, district, ancestors)


def describe(places: Sequence[Place]) -> PlaceInfos:
    """Town, district and ancestor ids of every place (computed lazily, then kept)."""
    return PlaceInfos(places)
