"""Assemble incident records from the clauses of a document.

Walk the sentences in order. A sentence that names a chemical, an execution or an attack
on a medical facility opens a draft; facts spread over neighbouring sentences (a date in
one, the place in the next, the toll in a third) are merged into the draft they belong
to. A sentence listing several places opens one draft per place (the members of a listed
aggregate, each with its own date, agent and perpetrator). "One of the deadliest
bombings hit ..." opens a specific attack whose parent is the latest aggregate. At the
end, duplicates are merged and drafts with neither a place below country level nor a
bounded date are dropped (corpus annotation rule 2).
"""

from __future__ import annotations

from qarina.extract.anchors import Anchor
from qarina.extract.attribution import Attribution
from qarina.extract.clauses import Clause, read_clause
from qarina.extract.dates import DateMention
from qarina.extract.drafts import Draft, compatible, from_clause, same_record
from qarina.extract.inclusions import included_attack
from qarina.extract.members import dated_parts, members, opens_members
from qarina.extract.mentions import Mentions

_HARD_FACTS = ("date", "attacks", "killed", "injured")
LOOKBACK = 40  # drafts searched back for the same place (keeps long texts linear)


def _contributes(new: Draft, old: Draft) -> bool:
    return any(getattr(new, f) is not None and getattr(old, f) is None for f in _HARD_FACTS)


def _targets(drafts: list[Draft], group: list[Draft], new: Draft, c: Clause) -> list[Draft]:
    """The drafts ``new`` should be merged into (empty: it stands on its own)."""
    if not drafts or "earlier" in c.flags:
        return []
    if "parent" in c.flags and (new.anchor or new.date):
        return []
    if new.anchor is not None:
        for old in reversed(drafts[-LOOKBACK:]):
            same_town = old.anchor is not None and old.anchor.town == new.anchor.town
            undated = old.date is None or new.date is None
            if same_town and undated and compatible(old, new) and not _inside(new, old):
                return [old]
        last = drafts[-1]
        if last.anchor is None and compatible(last, new):
            return [last]
        return []
    fits = [old for old in group if compatible(old, new) and not _contains(new, old)]
    near = [old for old in fits if c.index - old.last_sentence <= 1 or _contributes(new, old)]
    return near


def _inside(new: Draft, old: Draft) -> bool:
    """ "Another attack hit Sakhur": one attack in a district of an aggregate's town."""
    if new.anchor is None or old.anchor is None:
        return False
    return bool(new.anchor.district and not old.anchor.district and old.is_aggregate())


def _contains(new: Draft, old: Draft) -> bool:
    """ "Struck again this morning. ... hit three times since 28 September": the new claim
    counts several attacks over a span that holds the single attack just told."""
    if new.attacks is None or not new.is_aggregate() or old.is_aggregate() or old.parent:
        return False
    if new.date is None or old.date is None or old.date.date_start != old.date.date_end:
        return False
    inside = (new.date.date_start or "") <= (old.date.date_start or "") <= (new.date.date_end or "")
    same_place = new.anchor is None or old.anchor is None or new.anchor.town == old.anchor.town
    return inside and same_place and old.event_type == new.event_type


def _adopt_member(member: Draft, aggregate: Draft) -> None:
    """The single attack told first becomes a member of the aggregate told after it."""
    aggregate.anchor = aggregate.anchor or member.anchor
    _adopt_parent(member, aggregate)


def _aggregate(drafts: list[Draft]) -> Draft | None:
    for d in reversed(drafts):
        if d.is_aggregate() and d.parent is None:
            return d
    return None


def _adopt_parent(new: Draft, parent: Draft) -> None:
    new.parent = parent
    new.event_type = parent.event_type
    new.agents = new.agents or list(parent.agents)
    new.deliveries = new.deliveries or list(parent.deliveries)
    if new.perpetrator is None and not new.perpetrator_closed:
        new.perpetrator = parent.perpetrator
    new.claimant = new.claimant or parent.claimant
    new.attacks_exact_one = True
    if new.anchor is None:
        new.anchor = parent.anchor


def _open(drafts: list[Draft], new: Draft, c: Clause) -> bool:
    """Decide whether ``new`` becomes a draft of its own; link parent or period."""
    aggregate = _aggregate(drafts)
    if "parent" in c.flags and aggregate is not None and (new.anchor or new.date):
        _adopt_parent(new, aggregate)
        return True
    counted = c.kind == "named_attack" and new.attacks is not None
    if "period" in c.flags and aggregate is not None and (c.kind == "create" or counted):
        new.date = new.date or aggregate.date  # "at least 12 attacks in that period"
        new.anchor = new.anchor or aggregate.anchor
        return True
    if c.kind == "named_attack" and new.anchor is not None:
        # "the attack on Binnish in March 2015", "another attack hit the Sakhur neighborhood"
        return new.date is not None or bool(c.singular and new.anchor.district)
    return c.kind == "create"


def assemble(m: Mentions, att: Attribution, country: str | None) -> list[Draft]:
    """All incident drafts of a document, de-duplicated, in order of first evidence."""
    drafts: list[Draft] = []
    group: list[Draft] = []
    pending: list[Draft] = []  # "the Ghouta incident on 21 August", before any claim
    for i, s in enumerate(m.sentences):
        c = read_clause(m, att, i, country)
        if c.kind is None:
            continue
        if c.kind == "facts":
            if group and i - group[-1].last_sentence <= 1:
                facts = from_clause(c, None, None)
                facts.perpetrator = None
                group[-1].absorb(facts)
            continue
        if len(c.anchors) >= 2 and opens_members(c):
            group = members(c, s.start, s.end)
            drafts.extend(group)
            continue
        parts = dated_parts(c, s.start)
        if parts:
            _continue_from(drafts[-1:] + pending[-1:], parts, i)
            drafts.extend(parts)
            group = parts
            continue
        split = included_attack(m, c)
        if split is not None:
            drafts.extend(split)
            group = [split[1]]
            continue
        if "all_members" in c.flags and len(group) > 1:
            _share_means(group, c)
        anchor = _main_anchor(c)
        new = from_clause(c, anchor, _nearest_date(c, anchor))
        targets = _targets(drafts, group, new, c)
        if targets:
            for old in targets:
                old.absorb(new)
            continue
        if anchor is None and drafts and m.cue("place_anaphora", s.start, s.end):
            new.anchor = drafts[-1].anchor  # a new event at "the city" just named
        if _second_claim(m, drafts, new, c) or _open(drafts, new, c):
            _take_pending(new, pending)
            if drafts and _contains(new, drafts[-1]):
                _adopt_member(drafts[-1], new)
            drafts.append(new)
            group = [new]
        elif new.anchor is not None:
            pending.append(new)
    _date_from_pending(drafts, pending)
    return _finish(drafts)


def _continue_from(told: list[Draft], parts: list[Draft], i: int) -> None:
    """Dated parts of a sentence that names no place ("on the town's hospital") continue
    the event just told (a draft or a pending mention): its place and, for the same
    claimant, its perpetrator."""
    last = max(told, key=lambda d: d.last_sentence, default=None)
    if last is None or i - last.last_sentence > 1:
        return
    for part in parts:
        part.anchor = part.anchor or last.anchor
        if part.perpetrator is None and part.claimant == last.claimant:
            part.perpetrator = last.perpetrator


def _share_means(group: list[Draft], c: Clause) -> None:
    """ "In both instances, air force helicopters dropped a device": the delivery and the
    perpetrator hold for every listed event (agents stay with the event that names them)."""
    shared = from_clause(c, None, None)
    shared.agents, shared.killed, shared.injured, shared.attacks = [], None, None, None
    shared.claimant = None
    for member in group:
        member.absorb(shared)


def _second_claim(m: Mentions, drafts: list[Draft], new: Draft, c: Clause) -> bool:
    """ "The US, UK and France say the government carried out the attack": one more record of
    the last event, made by another claimant (corpus rule: one record per claimant)."""
    told = new.perpetrator is not None or new.perpetrator_closed  # "did not say who"
    if not drafts or not c.claimant or not told or new.anchor or new.date:
        return False
    s = m.sentences[c.index]
    if not m.cue("definite_event", s.start, s.end):
        return False
    last = drafts[-1]
    if last.claimant is None or compatible(last, new):
        return False
    new.anchor, new.coarse, new.date = last.anchor, last.coarse, last.date
    new.agents = new.agents or list(last.agents)
    new.deliveries = new.deliveries or list(last.deliveries)
    new.event_type = last.event_type
    return True


def _take_pending(new: Draft, pending: list[Draft]) -> None:
    """Date a newly opened, undated draft from an earlier mention of the same place."""
    for old in list(pending):
        if new.date is not None:
            return
        same_town = old.anchor and new.anchor and old.anchor.town == new.anchor.town
        if same_town and compatible(old, new):
            new.absorb(old)
            pending.remove(old)


def _date_from_pending(drafts: list[Draft], pending: list[Draft]) -> None:
    """ "The Ghouta incident on 21 August" told before the claim dates the undated record."""
    for early in pending[-LOOKBACK:]:
        for d in drafts[:LOOKBACK]:
            same_town = d.anchor and early.anchor and d.anchor.town == early.anchor.town
            if same_town and d.date is None and compatible(d, early):
                d.absorb(early)
                break


def _main_anchor(c: Clause) -> Anchor | None:
    """The place nearest the event words when several places are not a list."""
    if not c.anchors:
        return None
    cues = c.agents or c.deliveries
    if len(c.anchors) == 1 or not cues:
        return c.anchors[0]
    return min(c.anchors, key=lambda a: min(abs(a.start - h.start) for h in cues))


def _nearest_date(c: Clause, anchor: Anchor | None) -> DateMention | None:
    if not c.dates:
        return None
    if anchor is None or len(c.dates) == 1:
        return c.dates[0]
    return min(c.dates, key=lambda d: abs(d.start - anchor.end))


def _finish(drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    for d in drafts:
        twin = next((k for k in kept[-LOOKBACK:] if same_record(k, d)), None)
        if twin is not None:
            twin.absorb(d)
        else:
            kept.append(d)
    kept = [d for d in kept if _is_incident(d)]
    if len(kept) > LOOKBACK:
        return kept
    return [d for d in kept if not _fully_listed(d, kept)]


def _is_incident(d: Draft) -> bool:
    """Rule 2: an event plus a place below country level or a bounded time span.

    Without a town, a claim must also count its attacks or name one day: "chemical
    weapons were used in Syria in 2013" is not an incident record.
    """
    if d.anchor is not None:
        return True
    if d.date is None:
        return False
    single_day = d.date.date_start == d.date.date_end and not d.date.relative
    return d.attacks is not None or single_day


def _fully_listed(aggregate: Draft, drafts: list[Draft]) -> bool:
    """Rule 3: "three attacks" whose three members are all described: keep the members."""
    if aggregate.attacks is None or aggregate.anchor is not None or aggregate.date is None:
        return False
    wanted = aggregate.attacks.value.get("exact")
    if not wanted or wanted < 2:
        return False
    start, end = aggregate.date.date_start or "", aggregate.date.date_end or ""
    inside = [
        d
        for d in drafts
        if d is not aggregate
        and d.anchor is not None
        and d.date is not None
        and start <= (d.date.date_start or "")
        and (d.date.date_end or "") <= end
    ]
    return len(inside) >= wanted
