"""Disambiguation of place matches with the rest of the document as context.

A name often reaches several places: a city and the governorate named after it, villages
of the same name in different districts, a region and a sub-district that carries its
name as an alias. These functions pick one, by stated rules: a town beats the admin unit
it is the seat of; a place's own name beats a secondary spelling; places whose
governorate, district or sub-district the document names (unambiguously) gain; larger
places gain; the registry order breaks ties.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from qarina.extract.place_index import PlaceIndex

NOTABLE_POPULATION = 10_000  # a spelling-skeleton match to a smaller village needs context
NEAR = frozenset({"district", "subdistrict", "community"})  # context close enough for that
OWN_NAME_POINTS = 3.0
COUNTRY_POINTS = 0.5


def drop_seat_admins(index: PlaceIndex, cands: tuple[int, ...]) -> tuple[int, ...]:
    """Keep the town when a name also reaches the admin units it is the seat of (Aleppo
    city, not Aleppo governorate) or a neighbourhood of itself named after it."""
    towns = [index.infos[c] for c in cands if index.infos[c].place.level == "community"]
    if not towns:
        return cands
    town_ids = {t.place.id for t in towns}

    def redundant(c: int) -> bool:
        info = index.infos[c]
        if info.place.level == "neighbourhood":
            return bool(info.ancestors & town_ids)
        return any(info.place.id in t.ancestors for t in towns)

    kept = tuple(c for c in cands if not redundant(c))
    return kept or cands


def anchor_ids(index: PlaceIndex, candidate_sets: Iterable[tuple[int, ...]]) -> set[str]:
    """Ids (and their ancestors) of the places a document names without ambiguity."""
    anchors: set[str] = set()
    for cands in candidate_sets:
        if len(cands) == 1:
            info = index.infos[cands[0]]
            anchors.add(info.place.id)
            anchors.update(info.ancestors)
    return anchors


def is_notable(index: PlaceIndex, cand: int, anchors: set[str]) -> bool:
    """Big enough, not a plain village, curated, or in a district the text names.

    A governorate holds hundreds of villages, so naming one is not context enough; the
    district or sub-district (or a place in it) must be named.
    """
    info = index.infos[cand]
    place = info.place
    if place.population >= NOTABLE_POPULATION or place.curated:
        return True
    if place.level not in ("community", "neighbourhood"):
        return True
    for ancestor in info.ancestors:
        idx = index.by_id.get(ancestor)
        if idx is not None and ancestor in anchors and index.infos[idx].place.level in NEAR:
            return True
    return False


def choose(
    index: PlaceIndex, key: str, cands: tuple[int, ...], anchors: set[str]
) -> tuple[int, float]:
    """Best candidate and a confidence factor (1.0 when only one place has the name).

    Points for: the matched name being the place's own name rather than a secondary
    spelling (3), each ancestor the document names (1 per level), the country being named
    (0.5), size (half the log10 of the population); the registry order breaks ties.
    """
    if len(cands) == 1:
        return cands[0], 1.0
    secondary = index.secondary.get(key, frozenset())

    def rank(c: int) -> tuple[float, int]:
        info = index.infos[c]
        own = 0.0 if c in secondary else OWN_NAME_POINTS
        admin = sum(1 for a in info.ancestors if a in anchors and not a.startswith("iso:"))
        country = COUNTRY_POINTS * (f"iso:{info.place.country}" in anchors)
        size = math.log10(info.place.population + 1) / 2
        return own + admin + country + size, -info.rank

    ordered = sorted(cands, key=rank, reverse=True)
    margin = rank(ordered[0])[0] - rank(ordered[1])[0]
    return ordered[0], min(1.0, 0.7 + 0.1 * margin)
