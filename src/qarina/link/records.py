"""Incident records as the linker sees them: one claim about one event, from one document.

A record is parsed once from an extraction-output document (``id``, ``origin``, ``relays``,
``via``, ``incidents`` …) and carries the normalised values that blocking, scoring and
clustering compare. The original incident dict is kept for the output.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from qarina.core.errors import InputError
from qarina.link.folding import fold_name
from qarina.link.places import PlaceResolver

UNKNOWN_AGENT = "unknown toxic chemical"
UNKNOWN_DELIVERY = "unknown"
COUNT_KEYS = frozenset({"exact", "min", "max", "approx"})
APPROX_SLACK = 0.25  # "about 200" accepts 150..250

SINGLE = "single"
AGGREGATE = "aggregate"
UNKNOWN_KIND = "unknown"
AGGREGATE_MIN_DAYS = 7  # an undivided day-precision span longer than this is a series


@dataclass(frozen=True, slots=True)
class Count:
    """A count with its qualifier, as the closed interval of values it admits."""

    low: float
    high: float
    value: int  # the number printed ("at least 8" -> 8)

    def overlaps(self, other: Count) -> bool:
        """True when some value satisfies both counts' qualifiers."""
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """One incident record of one document, normalised for linking."""

    pos: int  # position in the linker's record list
    doc: str
    index: int
    event_type: str
    start: int | None  # proleptic ordinal of date_start
    end: int | None
    precision: str | None
    place: str | None  # folded place_normalized (or folded location when no place)
    district: str | None
    country: str
    agents: frozenset[str]
    deliveries: frozenset[str]
    perpetrator: str | None
    claimants: frozenset[str]
    num_attacks: Count | None
    killed: Count | None
    injured: Count | None
    parent: int | None
    kind: str
    raw: Mapping[str, Any]

    @property
    def key(self) -> str:
        """The stable reference of this record: ``<doc id>#<index>``."""
        return f"{self.doc}#{self.index}"

    @property
    def dated(self) -> bool:
        """True when the record gives a time span."""
        return self.start is not None

    @property
    def precise(self) -> bool:
        """True when the record is dated to the day (a day, or a span of named days)."""
        if self.start is None:
            return False
        return self.precision == "day" or (self.precision is None and self.start == self.end)


def _fail(doc: str, index: int, message: str) -> InputError:
    return InputError(
        f"document {doc!r}, incident {index}: {message}",
        hint="see the incident record schema in the corpus README",
    )


def parse_count(value: Any, where: tuple[str, int], field: str) -> Count | None:
    """Parse ``{"exact": n}``, ``{"min": a, "max": b}`` … into a :class:`Count`."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or not value or not set(value) <= COUNT_KEYS:
        raise _fail(*where, f"{field} must be a count object such as {{'min': 9}}: {value!r}")
    numbers = list(value.values())
    if not all(isinstance(n, int | float) and not isinstance(n, bool) and n >= 0 for n in numbers):
        raise _fail(*where, f"{field} must hold non-negative numbers: {value!r}")
    if "exact" in value:
        n = float(value["exact"])
        return Count(n, n, int(n))
    if "approx" in value:
        n = float(value["approx"])
        return Count(n * (1 - APPROX_SLACK), n * (1 + APPROX_SLACK), int(n))
    low = float(value.get("min", 0))
    high = float(value.get("max", math.inf))
    if low > high:
        raise _fail(*where, f"{field} has min above max: {value!r}")
    return Count(low, high, int(value.get("min", value.get("max", 0))))


def _ordinal(text: Any, where: tuple[str, int], field: str) -> int | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise _fail(*where, f"{field} must be a YYYY-MM-DD string or null: {text!r}")
    try:
        return _day_ordinal(text)
    except ValueError as exc:
        raise _fail(*where, f"{field} is not a YYYY-MM-DD date: {text!r}") from exc


@lru_cache(maxsize=1 << 16)
def _day_ordinal(text: str) -> int:
    return date.fromisoformat(text).toordinal()


@lru_cache(maxsize=1 << 12)
def _name_set(value: str) -> frozenset[str]:
    return frozenset({fold_name(value)}) if value.strip() else frozenset()


def _folded_set(value: Any, where: tuple[str, int], field: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return _name_set(value)
    items = value if isinstance(value, list | tuple) else [value]
    if not all(isinstance(v, str) for v in items):
        raise _fail(*where, f"{field} must be a string or a list of strings: {value!r}")
    return frozenset(fold_name(v) for v in items if v.strip())


def _optional_fold(value: Any, where: tuple[str, int], field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(*where, f"{field} must be a string or null: {value!r}")
    folded = fold_name(value)
    return folded or None


def classify_kind(
    num_attacks: Count | None, start: int | None, end: int | None, precision: str | None
) -> str:
    """``aggregate`` for a series of attacks, ``single`` for one attack, else ``unknown``."""
    if num_attacks is not None:
        if num_attacks.value >= 2 or num_attacks.low >= 2:
            return AGGREGATE
        if num_attacks.high < 2:  # exactly, at most or about one ("at least one" is open)
            return SINGLE
    if (
        precision == "day"
        and start is not None
        and end is not None
        and end - start > AGGREGATE_MIN_DAYS
    ):
        return AGGREGATE
    return UNKNOWN_KIND


def parse_record(
    pos: int, doc: str, index: int, inc: Any, resolver: PlaceResolver | None = None
) -> IncidentRecord:
    """Normalise one incident dict of document ``doc``; raise :class:`InputError` if malformed."""
    where = (doc, index)
    if not isinstance(inc, Mapping):
        raise _fail(doc, index, f"an incident must be an object, not {type(inc).__name__}")
    event_type = _optional_fold(inc.get("event_type"), where, "event_type") or "other"
    start = _ordinal(inc.get("date_start"), where, "date_start")
    end = _ordinal(inc.get("date_end"), where, "date_end")
    if start is None and end is not None:
        start = end
    if end is None:
        end = start
    if start is not None and end is not None and end < start:
        raise _fail(doc, index, "date_end is before date_start")
    precision = inc.get("date_precision") if start is not None else None
    place = _optional_fold(inc.get("place_normalized"), where, "place_normalized")
    location = _optional_fold(inc.get("location"), where, "location")
    if place is None and location is not None:
        place = (resolver.resolve(location) if resolver else None) or location
    parent = inc.get("parent")
    if parent is not None and (not isinstance(parent, int) or isinstance(parent, bool)):
        raise _fail(doc, index, f"parent must be an incident index or null: {parent!r}")
    num_attacks = parse_count(inc.get("num_attacks"), where, "num_attacks")
    return IncidentRecord(
        pos=pos,
        doc=doc,
        index=index,
        event_type=event_type,
        start=start,
        end=end,
        precision=precision if isinstance(precision, str) else None,
        place=place,
        district=_optional_fold(inc.get("district"), where, "district"),
        country=_optional_fold(inc.get("country"), where, "country") or "",
        agents=_folded_set(inc.get("agent"), where, "agent"),
        deliveries=_folded_set(inc.get("delivery"), where, "delivery"),
        perpetrator=_optional_fold(inc.get("perpetrator"), where, "perpetrator"),
        claimants=_folded_set(inc.get("attributed_by"), where, "attributed_by"),
        num_attacks=num_attacks,
        killed=parse_count(inc.get("killed"), where, "killed"),
        injured=parse_count(inc.get("injured"), where, "injured"),
        parent=parent,
        kind=classify_kind(num_attacks, start, end, precision),
        raw=inc,
    )


def doc_id_of(doc: Any, position: int) -> str:
    """The ``id`` of an input document (``doc_id`` is accepted for gold files)."""
    if not isinstance(doc, Mapping):
        raise InputError(f"input document {position} is not an object")
    doc_id = doc.get("id", doc.get("doc_id"))
    if not isinstance(doc_id, str) or not doc_id:
        raise InputError(f"input document {position} has no string 'id'")
    return doc_id


def parse_records(docs: Sequence[Mapping[str, Any]]) -> list[IncidentRecord]:
    """Every incident record of every document, in input order.

    A record that gives only ``location`` is placed through a :class:`PlaceResolver`
    learned from the records that give both.
    """
    listed: list[tuple[str, list[Any]]] = []
    seen: set[str] = set()
    for position, doc in enumerate(docs):
        doc_id = doc_id_of(doc, position)
        if doc_id in seen:
            raise InputError(f"document id {doc_id!r} appears twice in the input")
        seen.add(doc_id)
        incidents = doc.get("incidents") or []
        if not isinstance(incidents, list):
            raise InputError(f"document {doc_id!r}: 'incidents' must be a list")
        listed.append((doc_id, incidents))
    resolver = PlaceResolver(
        (
            inc.get("location") if isinstance(inc.get("location"), str) else None,
            inc["place_normalized"],
        )
        for _, incidents in listed
        for inc in incidents
        if isinstance(inc, Mapping) and isinstance(inc.get("place_normalized"), str)
    )
    records: list[IncidentRecord] = []
    for doc_id, incidents in listed:
        for index, inc in enumerate(incidents):
            records.append(parse_record(len(records), doc_id, index, inc, resolver))
    return records
