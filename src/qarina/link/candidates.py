"""Blocking: which record pairs are worth scoring.

Records are blocked by (country, event type, place). Inside a block, dated records are
swept in start order so that only records whose time spans overlap are paired; undated
records are paired with the whole block (they can only join an incident at their place).
Records placed at a region or at country level (or nowhere) are paired with records of the
places the region contains, found through a month index over their short time span; long
spans (series over months or years) are paired with the other long spans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from qarina.link.places import UNRELATED, PlaceHierarchy
from qarina.link.records import IncidentRecord

LONG_SPAN_DAYS = 62  # longer spans are looked up among long spans only

Pair = tuple[int, int]


def _month(ordinal: int) -> int:
    day = date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


def _sweep(block: Sequence[IncidentRecord]) -> Iterator[Pair]:
    dated = sorted((r for r in block if r.start is not None), key=lambda r: r.start or 0)
    active: list[IncidentRecord] = []
    for record in dated:
        start = record.start or 0
        active = [r for r in active if (r.end or 0) >= start]
        for other in active:
            yield other.pos, record.pos
        active.append(record)
    undated = [r for r in block if r.start is None]
    for i, record in enumerate(undated):
        for other in dated:
            yield other.pos, record.pos
        for other in undated[:i]:
            yield other.pos, record.pos


class _TimeIndex:
    """Records of short span by (country, event type, month); long spans by (country, type)."""

    def __init__(self, records: Sequence[IncidentRecord]) -> None:
        self.by_month: dict[tuple[str, str, int], list[IncidentRecord]] = defaultdict(list)
        self.long: dict[tuple[str, str], list[IncidentRecord]] = defaultdict(list)
        for r in records:
            if r.start is None or r.end is None:
                continue
            if r.end - r.start > LONG_SPAN_DAYS:
                self.long[(r.country, r.event_type)].append(r)
                continue
            for month in range(_month(r.start), _month(r.end) + 1):
                self.by_month[(r.country, r.event_type, month)].append(r)

    def overlapping(self, record: IncidentRecord) -> Iterator[IncidentRecord]:
        """Records whose span overlaps ``record``'s (short spans by month, long ones all)."""
        assert record.start is not None and record.end is not None
        seen: set[int] = set()
        if record.end - record.start <= LONG_SPAN_DAYS:
            for month in range(_month(record.start), _month(record.end) + 1):
                for other in self.by_month.get((record.country, record.event_type, month), ()):
                    if other.pos not in seen:
                        seen.add(other.pos)
                        yield other
        for other in self.long.get((record.country, record.event_type), ()):
            yield other


def _region_pairs(
    records: Sequence[IncidentRecord], places: PlaceHierarchy, regional: Sequence[IncidentRecord]
) -> set[Pair]:
    index = _TimeIndex(records)
    pairs: set[Pair] = set()
    for record in regional:
        if record.start is None:
            continue
        for other in index.overlapping(record):
            if (
                other.pos == record.pos
                or (other.end or 0) < record.start
                or (other.start or 0) > (record.end or 0)
            ):
                continue
            if places.relation(record.place, other.place) != UNRELATED:
                pairs.add((min(record.pos, other.pos), max(record.pos, other.pos)))
    return pairs


def candidate_pairs(records: Sequence[IncidentRecord], places: PlaceHierarchy) -> Iterator[Pair]:
    """Every record pair worth scoring, each once, as ``(pos, pos)``."""
    blocks: dict[tuple[str, str, str | None], list[IncidentRecord]] = defaultdict(list)
    regional: list[IncidentRecord] = []
    for record in records:
        blocks[(record.country, record.event_type, record.place)].append(record)
        if places.is_region(record.place):
            regional.append(record)
    region_pairs = _region_pairs(records, places, regional) if regional else set()
    yield from region_pairs
    for block in blocks.values():
        if len(block) > 1:
            for i, j in _sweep(block):
                pair = (min(i, j), max(i, j))
                if pair not in region_pairs:
                    yield pair
