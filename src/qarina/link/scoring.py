"""Pairwise scoring of two incident records (versioned: ``SCORER``).

``score_pair`` returns ``None`` when the evidence separates the two records (a hard
conflict: different days, different towns, an aggregate and a single attack, two
aggregates of different attacks, one claimant's two records in one document) and
otherwise a log-odds-like score with the reasons behind it. Precision differences are
tolerated: a day inside "April 2014", a neighbourhood inside its city, "chemical weapons"
(``unknown toxic chemical``) beside "chlorine".
"""

from __future__ import annotations

import sys

from qarina.link.places import CONTAINS, SAME, PlaceHierarchy
from qarina.link.records import (
    AGGREGATE,
    SINGLE,
    UNKNOWN_AGENT,
    UNKNOWN_DELIVERY,
    UNKNOWN_KIND,
    IncidentRecord,
)
from qarina.link.relative import is_relative_day

SCORER = "link-score@2"
MERGE_THRESHOLD = 5.0  # automatic merge of two dated records
ATTACH_THRESHOLD = 3.0  # an undated record may join a candidate incident scoring this
ATTACH_MARGIN = 1.0  # … when it beats every other candidate by this much
SERIES_EDGE_DAYS = 2  # day-precision spans whose ends differ more are different events
RELATIVE_DAY_SLACK = 1  # days two single-day records may differ by when one date is relative
AIR_DELIVERY = frozenset({"helicopter", "aircraft", "barrel bomb"})


def _hard_conflict(a: IncidentRecord, b: IncidentRecord) -> bool:
    """True when the records cannot describe the same event."""
    if a.event_type != b.event_type or (a.country and b.country and a.country != b.country):
        return True
    if a.doc == b.doc and (
        a.claimants == b.claimants or b.index == a.parent or a.index == b.parent
    ):
        return True
    if a.district and b.district and a.district != b.district:
        return True
    if a.start is not None and b.start is not None and (a.start > b.end or b.start > a.end):  # type: ignore[operator]
        return not adjacent_days(a, b)
    if UNKNOWN_KIND not in (a.kind, b.kind) and a.kind != b.kind:
        return True
    if (
        a.kind == AGGREGATE
        and b.kind == AGGREGATE
        and a.num_attacks
        and b.num_attacks
        and a.num_attacks.value != b.num_attacks.value
    ):
        return True  # two series of different attacks
    return _different_day_spans(a, b)


def adjacent_days(a: IncidentRecord, b: IncidentRecord) -> bool:
    """Two single days at most ``RELATIVE_DAY_SLACK`` apart, one written relatively.

    "Yesterday" or "on Tuesday" resolved against a page's date is often a day off the date
    another report prints; two dates both written out in full stay strict (a town can be
    attacked on two days running).
    """
    if a.start is None or b.start is None or not (a.precise and b.precise):
        return False
    if a.start != a.end or b.start != b.end or abs(a.start - b.start) > RELATIVE_DAY_SLACK:
        return False
    return is_relative_day(a.raw.get("date_text")) or is_relative_day(b.raw.get("date_text"))


def _different_day_spans(a: IncidentRecord, b: IncidentRecord) -> bool:
    """Two day-precision spans whose ends differ: a series and one of its days, or two series.

    Containment is tolerated only when one record is less precise ("April 2014").
    """
    if a.precision != "day" or b.precision != "day" or a.start is None or b.start is None:
        return False
    return abs(a.start - b.start) > SERIES_EDGE_DAYS or abs(a.end - b.end) > SERIES_EDGE_DAYS  # type: ignore[operator]


def _place_score(
    a: IncidentRecord, b: IncidentRecord, places: PlaceHierarchy, reasons: list[str] | None
) -> float | None:
    relation = places.relation(a.place, b.place)
    if relation == SAME and a.place is not None:
        if a.district == b.district:
            _note(reasons, f"same place ({a.place}{', ' + a.district if a.district else ''})")
            return 3.0
        _note(reasons, f"same city ({a.place}); one names the neighbourhood")
        return 2.0
    if relation == CONTAINS or a.place is None:
        _note(reasons, f"place within place ({a.place} / {b.place})")
        return 1.0
    return None


def _date_score(a: IncidentRecord, b: IncidentRecord, reasons: list[str] | None) -> float:
    if a.start is None or b.start is None:
        if a.start is None and b.start is None:
            _note(reasons, "both undated")
        return 0.0
    if a.start == b.start and a.end == b.end and a.precise and b.precise:
        _note(reasons, "same day" if a.start == a.end else "same days")
        return 4.0
    if a.start == b.start and a.end == b.end:
        _note(reasons, f"same {a.precision or 'time span'} (not a day: weak)")
        return 2.0
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):  # type: ignore[operator]
        _note(reasons, "one date lies within the other's span (precision differs)")
        return 2.0
    if a.start > b.end or b.start > a.end:  # type: ignore[operator]
        _note(reasons, "adjacent days, one written relative to the page's date")
        return 1.0
    _note(reasons, "time spans overlap")
    return 1.0


def _value_score(a: IncidentRecord, b: IncidentRecord, reasons: list[str] | None) -> float:
    score = 0.0
    agents_a, agents_b = a.agents - {UNKNOWN_AGENT}, b.agents - {UNKNOWN_AGENT}
    if agents_a and agents_b:
        if agents_a & agents_b:
            score += 1.0
            _note(reasons, f"same agent ({', '.join(sorted(agents_a & agents_b))})")
        else:
            score -= 2.0
            _note(reasons, "different agents")
    if a.perpetrator and b.perpetrator:
        if a.perpetrator == b.perpetrator:
            score += 1.0
            _note(reasons, f"same perpetrator ({a.perpetrator})")
        else:
            score -= 2.0
            _note(reasons, "different perpetrators")
    score += _delivery_score(a, b, reasons)
    if a.claimants & b.claimants:
        score += 0.5
        _note(reasons, "same claimant")
    if a.killed and b.killed:
        if a.killed.overlaps(b.killed):
            score += 0.5
            _note(reasons, "compatible death tolls")
        else:
            score -= 1.0
            _note(reasons, "incompatible death tolls")
    return score


def _delivery_score(a: IncidentRecord, b: IncidentRecord, reasons: list[str] | None) -> float:
    da, db = a.deliveries - {UNKNOWN_DELIVERY}, b.deliveries - {UNKNOWN_DELIVERY}
    if not da or not db:
        return 0.0
    if da & db:
        _note(reasons, "same delivery")
        return 0.5
    if da <= AIR_DELIVERY and db <= AIR_DELIVERY:
        return 0.0
    _note(reasons, "different delivery")
    return -0.5


def _note(reasons: list[str] | None, reason: str) -> None:
    if reasons is not None:
        reasons.append(sys.intern(reason))  # millions of merges share a few phrases


def score_pair(
    a: IncidentRecord, b: IncidentRecord, places: PlaceHierarchy, reasons: list[str] | None = None
) -> float | None:
    """Score two records; ``None`` when the evidence says they are different events.

    When ``reasons`` is a list, a short phrase is appended for every feature that counted.
    """
    if _hard_conflict(a, b):
        return None
    place = _place_score(a, b, places, reasons)
    if place is None:
        return None
    score = place + _date_score(a, b, reasons) + _value_score(a, b, reasons)
    if (a.start is None or b.start is None) and (a.perpetrator is None) != (b.perpetrator is None):
        score -= 0.5  # "the town, blamed on X": nothing else ties it to an unattributed event
        _note(reasons, "an undated claim's attribution is not confirmed")
    if a.kind == b.kind == AGGREGATE:
        _note(reasons, "both are series of attacks with the same extent")
        if a.num_attacks and b.num_attacks and a.num_attacks.value == b.num_attacks.value:
            score += 1.0  # unequal counts are a hard conflict
            _note(reasons, "same number of attacks")
    elif a.kind == b.kind == SINGLE:
        score += 0.5
        _note(reasons, "both single attacks")
    return score


def explain_pair(
    a: IncidentRecord, b: IncidentRecord, places: PlaceHierarchy
) -> tuple[float | None, list[str]]:
    """The score and the reasons, for merge records and reviewers."""
    reasons: list[str] = []
    return score_pair(a, b, places, reasons), reasons
