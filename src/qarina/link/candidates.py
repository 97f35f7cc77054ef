"""Blocking: which record pairs are worth scoring.

Records are blocked by (country, event type, place). Inside a block, records dated to the
day are swept in start order so that only records whose time spans overlap are paired;
imprecise records (undated, or dated to a month or year) are paired with the records whose
span they overlap (in their neighbourhood when they name one), unless there are too many
to tell apart.
Records placed at a region or at country level (or nowhere) are paired with records of the
places the region contains, found through a month index over their short time span; long
spans (series over months or years) are paired with the other long spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from qarina.link.places import UNRELATED, PlaceHierarchy
from qarina.link.records import IncidentRecord
from qarina.link.scoring import RELATIVE_DAY_SLACK

LONG_SPAN_DAYS = 62  # longer spans are looked up among long spans only
# An undated (or month-, year-dated) record with more candidates than this in its town and
# span cannot be placed by a clear margin anyway; it is left alone rather than scored
# against all of them (big cities would otherwise make blocking quadratic).
MAX_IMPRECISE_PARTNERS = 256
MAX_IMPRECISE_WINDOW = 8 * MAX_IMPRECISE_PARTNERS  # not even worth filtering by neighbourhood

Pair = tuple[int, int]


def _month(ordinal: int) -> int:
    day = date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


def _overlaps(a: IncidentRecord, b: IncidentRecord) -> bool:
    if a.start is None or b.start is None:
        return True
    return a.start <= (b.end or 0) and b.start <= (a.end or 0)


def _by_start(records: Iterator[IncidentRecord]) -> tuple[list[IncidentRecord], list[int], int]:
    """Records sorted by start, their starts, and the longest span among them."""
    ordered = sorted(records, key=lambda r: r.start or 0)
    longest = max(((r.end or 0) - (r.start or 0) for r in ordered), default=0)
    return ordered, [r.start or 0 for r in ordered], longest


def _sweep(block: Sequence[IncidentRecord]) -> Iterator[Pair]:
    """Pairs of day-dated records whose spans overlap, then the imprecise records' pairs."""
    precise, p_starts, p_longest = _by_start(r for r in block if r.precise)
    active: list[IncidentRecord] = []
    for record in precise:
        start = record.start or 0
        active = [r for r in active if (r.end or 0) + RELATIVE_DAY_SLACK >= start]
        for other in active:
            yield other.pos, record.pos
        active.append(record)
    dated, i_starts, i_longest = _by_start(r for r in block if r.dated and not r.precise)
    undated = [r for r in block if r.start is None]
    for n, record in enumerate(dated):
        lo = bisect_left(p_starts, (record.start or 0) - p_longest)
        hi = bisect_right(p_starts, record.end or 0)
        ilo = bisect_left(i_starts, (record.start or 0) - i_longest)
        yield from _imprecise_pairs(record, [*precise[lo:hi], *dated[ilo:n]])
    for n, record in enumerate(undated):
        yield from _imprecise_pairs(record, [*precise, *dated, *undated[:n]])


def _imprecise_pairs(record: IncidentRecord, window: list[IncidentRecord]) -> Iterator[Pair]:
    """Pairs of ``record`` with the window's records it could be, if few enough."""
    if len(window) > MAX_IMPRECISE_WINDOW:
        return
    partners = [r for r in window if _overlaps(r, record)]
    if record.district:
        partners = [r for r in partners if r.district in (None, record.district)]
    if len(partners) <= MAX_IMPRECISE_PARTNERS:
        for other in partners:
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
