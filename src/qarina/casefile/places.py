"""Coordinates for the places incidents name, from the built-in gazetteer (offline)."""

from __future__ import annotations

from collections.abc import Iterable

from qarina.extract.gazetteer import Place, all_places

LEVEL_PREFERENCE = (
    "community",
    "neighbourhood",
    "region",
    "subdistrict",
    "district",
    "governorate",
)


def _rank(place: Place) -> tuple[int, int]:
    return LEVEL_PREFERENCE.index(place.level), -place.population


def locate_places(names: Iterable[str], country: str = "SY") -> dict[str, tuple[float, float]]:
    """``name → (lat, lon)`` for every name the gazetteer knows at town level or below
    a country; countries and unknown names are left out (a map point must mean a place)."""
    wanted = {n for n in names if n}
    found: dict[str, Place] = {}
    for place in all_places():
        if place.name not in wanted or place.lat is None or place.lon is None:
            continue
        if place.level not in LEVEL_PREFERENCE or place.country != country:
            continue
        best = found.get(place.name)
        if best is None or _rank(place) < _rank(best):
            found[place.name] = place
    return {
        name: (place.lat, place.lon)
        for name, place in sorted(found.items())
        if place.lat is not None and place.lon is not None
    }


def landmark_places(
    country: str = "SY", min_population: int = 150_000
) -> dict[str, tuple[float, float]]:
    """Larger towns of ``country`` (community level), for orientation on maps."""
    return {
        place.name: (place.lat, place.lon)
        for place in sorted(all_places(), key=lambda p: (p.name, p.id))
        if place.level == "community"
        and place.country == country
        and place.population >= min_population
        and place.lat is not None
        and place.lon is not None
    }
