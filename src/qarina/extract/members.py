"""Listed events: "Talmenes on 21 April 2014 and Sarmin on 16 March 2015" are two records.

A sentence naming several places opens one draft per place when the places are listed,
or dated, or told apart by their agents or perpetrators; each member takes the date that
follows its place, and the agent, delivery and perpetrator named in its part of the
sentence (or the nearest before it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from qarina.extract.clauses import Clause
from qarina.extract.dates import DateMention
from qarina.extract.drafts import Draft, from_clause
from qarina.extract.lexicon import TermHit

MAX_MEMBERS = 12  # places in one sentence that can be listed events


def _pick_before(hits: list[TermHit], lo: int, hi: int) -> list[TermHit]:
    inside = [h for h in hits if lo <= h.start < hi]
    if inside:
        return inside
    before = [h for h in hits if h.start < hi]
    return before[-1:]


def _deliveries_before(hits: list[TermHit], lo: int, hi: int) -> list[TermHit]:
    """A member's own means, else every means named before it: "helicopters dropped chlorine
    on Talmenes ... and on Sarmin" shares the helicopter, not only the drop verb."""
    inside = [h for h in hits if lo <= h.start < hi]
    return inside or [h for h in hits if h.start < hi]


def members(c: Clause, sentence_start: int, sentence_end: int) -> list[Draft]:
    """One draft per listed place: its own date, agent, perpetrator and delivery."""
    out = []
    anchors = c.anchors
    for k, anchor in enumerate(anchors):
        lo = anchors[k - 1].end if k else sentence_start
        hi = anchors[k + 1].start if k + 1 < len(anchors) else sentence_end
        own = [d for d in c.dates if anchor.start <= d.start < hi]
        date = (
            own[0]
            if own
            else (c.dates[0] if len(c.dates) == 1 and c.dates[0].end <= anchor.start else None)
        )
        d = from_clause(c, anchor, date)
        d.member = True
        d.attacks = None  # the count is the aggregate's, not the member's
        d.agents = _pick_before(c.agents, lo, anchor.end)
        d.deliveries = _deliveries_before(c.deliveries, lo, anchor.end)
        perps = [p for p in c.perpetrators if p.start < anchor.start]
        inside = [p for p in perps if p.start >= lo]
        if not d.perpetrator_closed:
            d.perpetrator = inside[0] if inside else (perps[-1] if perps else None)
        if date is not None and (date.date_start == date.date_end or date.precision == "month"):
            d.attacks_exact_one = True
        out.append(d)
    return out


def opens_members(c: Clause) -> bool:
    """A chemical sentence naming several events, or "the attacks on A in March and on B in
    April" in a document about chemical attacks."""
    if len(c.anchors) > MAX_MEMBERS:
        return False  # a run of place names (a map legend), not a list of events
    if c.kind == "create":
        return _several_events(c)
    return c.kind == "named_attack" and c.listed and len(c.dates) >= len(c.anchors)


def _several_events(c: Clause) -> bool:
    """Several places name several events when listed, or dated, or told apart by means."""
    if c.listed or len(c.dates) >= 2:
        return True
    agents = {a.value for a in c.agents}
    perpetrators = {p.value for p in c.perpetrators}
    return len(agents) >= 2 or len(perpetrators) >= 2


def dated_parts(c: Clause, sentence_start: int) -> list[Draft]:
    """ "Planes dropped sarin on 24 March, and a helicopter dropped chlorine on 25 March":
    one place, two dates each with its own agent are two events, one draft per date (each
    with the means named in its part of the sentence). Empty when that is not the shape."""
    if c.kind != "create" or len(c.anchors) > 1 or len(c.dates) < 2 or c.attacks:
        return []
    bounds = [sentence_start] + [d.end for d in c.dates]
    parts = [
        [a for a in c.agents if bounds[k] <= a.start < bounds[k + 1]] for k in range(len(c.dates))
    ]
    values = [frozenset(a.value for a in part) for part in parts]
    if not all(values) or len(set(values)) < len(values):
        return []  # a part without its own agent, or two parts with the same one
    anchor = c.anchors[0] if c.anchors else None
    out = []
    for k, date in enumerate(c.dates):
        d = from_clause(c, anchor, _year_from_context(date, c.dates[:k]))
        d.agents = parts[k]
        d.deliveries = [x for x in c.deliveries if bounds[k] <= x.start < bounds[k + 1]]
        d.member = True
        out.append(d)
    return out


def _year_from_context(date: DateMention, before: list[DateMention]) -> DateMention:
    """ "on 24 March 2017, and ... on 25 March": a yearless day takes the year the same
    sentence just gave (unambiguous context, corpus rule 7), not the publication's."""
    given = [d for d in before if not d.year_inferred and d.date_end]
    if not date.year_inferred or not given or not date.date_start or not date.date_end:
        return date
    year = given[-1].date_end[:4] if given[-1].date_end else None
    if year is None or date.date_start[:4] != date.date_end[:4]:
        return date
    start, end = year + date.date_start[4:], year + date.date_end[4:]
    try:
        dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return date  # 29 February in a year without one
    return dataclasses.replace(date, date_start=start, date_end=end)
