"""What one sentence says about events: its kind, places, dates, counts, actors, cues.

:func:`read_clause` turns the mentions of one sentence into a :class:`Clause`; the
incident assembler (:mod:`qarina.extract.incidents`) only ever looks at clauses.
Place anchors are the places an event happened at: datelines, places "near" another,
province qualifiers, places inside organisation names and places abroad are dropped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from qarina.extract.actors import PerpetratorMention
from qarina.extract.anchors import Anchor, is_list, read_anchors
from qarina.extract.attribution import Attribution
from qarina.extract.counts import CountMention
from qarina.extract.datelines import is_wire_dateline
from qarina.extract.dates import DateMention
from qarina.extract.lexicon import TermHit
from qarina.extract.mentions import Mentions

_CHROME = re.compile(  # also a map's key of bullets ("Legend: ● chlorine ● sarin"), not a caption
    r"\s*(?:(?:read more|see also|related|watch|lire aussi|à lire aussi|leer m[aá]s|lea tambi[eé]n|"
    r"leia (?:mais|tamb[eé]m)|mehr zum thema|lesen sie auch|"
    r"\u0627\u0642\u0631\u0623 \u0623\u064a\u0636\u0627)\b"
    r"|(?:(?:map )?legend|l[eé]gende|leyenda|legenda)\s*:?\s*[\u25cf\u25a0\u25b2\u25c6\u2022])",
    re.I,
)
_SINCE = re.compile(r"(?:since|depuis|desde|seit|\u0645\u0646\u0630)\b[^.,;]{0,20}$", re.I)
_BLOCK_PERP = re.compile(
    r"(?:control\w*|against|contra|contre|gegen|held by|\u0636\u062f)[^.]{0,12}$", re.I
)


@dataclass(slots=True)
class Clause:
    """The event facts of one sentence."""

    index: int
    kind: str | None  # "create", "named_attack", "attack", "facts" or None
    event_type: str
    anchors: list[Anchor]
    coarse: Anchor | None
    listed: bool  # the anchors are a list ("Talmenes, Sarmin and Marea")
    dates: list[DateMention]
    attacks: list[CountMention]
    killed: list[CountMention]
    injured: list[CountMention]
    perpetrators: list[PerpetratorMention]
    agents: list[TermHit]
    deliveries: list[TermHit]
    claimant: str | None
    singular: bool = False
    plural: bool = False  # "attacks", "strikes": the sentence speaks of several events
    flags: set[str] = field(default_factory=set)  # parent, earlier, period, undetermined, unnamed


MAX_DATES = 6  # more dates than this in one sentence: page chrome (a calendar strip)
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")


def is_title_case_block(text: str) -> bool:
    """A line in capitals (a document title): names what was investigated, asserts nothing."""
    upper = len(_UPPER.findall(text))
    return upper > 20 and upper > 4 * len(_LOWER.findall(text))


def _event_kind(m: Mentions, start: int, end: int, agents: list[TermHit]) -> tuple[str | None, str]:
    if is_title_case_block(m.text[start:end]) or _CHROME.match(m.text, start, end):
        return None, "other"
    executions = m.events["execution"].within(start, end)
    attacks = m.events["attack"].within(start, end)
    if agents:
        return "create", "chemical_attack"
    if executions:
        return "create", "executions_in_detention"
    if attacks and m.events["medical"].within(start, end):
        return "create", "attack_on_medical_facility"
    if attacks:
        named = m.events["attack_noun"].within(start, end)
        return ("named_attack" if named and m.agents.items else "attack"), "chemical_attack"
    return None, "other"


def _flags(m: Mentions, att: Attribution, i: int, start: int, end: int) -> set[str]:
    flags = set()
    for key, flag in (
        ("parent", "parent"),
        ("earlier", "earlier"),
        ("period_anaphora", "period"),
        ("undetermined", "undetermined"),
        ("all_members", "all_members"),
    ):
        if m.cue(key, start, end):
            flags.add(flag)
    return flags


def _unnamed_count(m: Mentions, start: int, attacks: list[CountMention]) -> bool:
    """``journalists ... reported at least 12 attacks``: the count's source is unnamed."""
    if not attacks:
        return False
    count = attacks[0]
    verbs = [v for v in m.cue("claim_verbs", start, count.start)]
    if not verbs:
        return False
    verb = verbs[-1]
    sources = m.cue("unnamed_sources", max(start, verb.start - 80), verb.start)
    if not sources:
        return False
    return not m.orgs.within(sources[-1].end, verb.start)


def _perpetrators(m: Mentions, start: int, end: int) -> list[PerpetratorMention]:
    return [
        p
        for p in m.perpetrators.within(start, end)
        if not _BLOCK_PERP.search(m.text[max(start, p.start - 30) : p.start])
    ]


def _executed(m: Mentions, counts: list[CountMention], event_type: str) -> list[CountMention]:
    """``13,000 people ... were hanged``: people counted right before an execution word."""
    if event_type != "executions_in_detention":
        return []
    return [
        c for c in counts if c.role is None and m.events["execution"].within(c.end, c.end + 150)
    ]


def _counts_occasions(m: Mentions, count: CountMention) -> bool:
    """``à au moins huit reprises``: a count of occasions is a count of attacks."""
    return count.role is None and bool(m.events["occasions"].within(count.end, count.end + 12))


def _nearest_claimant(
    m: Mentions, names: list[str], start: int, end: int, agents: list[TermHit]
) -> str | None:
    """Of several claimants in a sentence, the one named closest to the event words."""
    if len(names) < 2 or not agents:
        return names[0] if names else None
    where = agents[0].start
    spots = {o.name: o.start for o in m.orgs.within(start, end)}
    return min(names, key=lambda n: abs(spots.get(n.split(" + ")[0], where) - where))


def _has_plural_attacks(m: Mentions, start: int, end: int) -> bool:
    """An attack noun that is not singular ("attacks", "ataques", "هجمات") in the span."""
    singular = m.events["singular"]
    return any(
        not singular.overlapping(h.start, h.end) for h in m.events["attack_noun"].within(start, end)
    )


def since_spans(m: Mentions, start: int, end: int) -> list[DateMention]:
    """ "Hit three times since September 28, 2016": counted attacks from that day to the
    publication date (unknown without one)."""
    out = []
    for d in m.dates.within(start, end):
        after_since = _SINCE.search(m.text[max(start, d.start - 30) : d.start])
        if not after_since or d.relative or d.precision != "day" or not d.date_start:
            continue
        if m.published and d.date_start < m.published:
            out.append(dataclasses.replace(d, date_end=m.published, kind="range"))
    return out


def _claimant(m: Mentions, att: Attribution, i: int, agents: list[TermHit]) -> str | None:
    """Who makes the sentence's claim. A denial ("Russia rejected the findings") claims no
    event; a bare statement of fact on an organisation's own page is that organisation's
    (corpus rule 6)."""
    s = m.sentences[i]
    if m.cue("denial_verbs", s.start, s.end):
        return None
    named = _nearest_claimant(m, att.claimants.get(i, []), s.start, s.end, agents)
    if named is not None or att.own_voice is None:
        return named
    cues = ("claim_verbs", "according_to", "relay_nouns", "anaphora")
    if any(m.cue(key, s.start, s.end) for key in cues):
        return None
    return att.own_voice


def _empty(i: int, kind: str | None, event_type: str) -> Clause:
    return Clause(i, kind, event_type, [], None, False, [], [], [], [], [], [], [], None)


def read_clause(m: Mentions, att: Attribution, i: int, country: str | None) -> Clause:
    """The event facts of sentence ``i``."""
    s = m.sentences[i]
    agents = m.agents.within(s.start, s.end)
    kind, event_type = _event_kind(m, s.start, s.end, agents)
    counts = [
        c for c in m.counts.within(s.start, s.end) if not m.legal_index.overlapping(c.start, c.end)
    ]
    killed = [c for c in counts if c.role == "killed"] or _executed(m, counts, event_type)
    injured = [c for c in counts if c.role == "injured"]
    if kind is None:
        platforms = [x for x in m.deliveries.within(s.start, s.end) if x.value != "dropped"]
        if not (killed or injured or platforms):
            return _empty(i, None, event_type)
        kind = "facts"  # a toll, or how it was done ("a military helicopter dropped a cylinder")
    if len(m.dates.within(s.start, s.end)) > MAX_DATES:
        return _empty(i, None, event_type)  # a calendar or timeline widget, not a statement
    dates = [
        d
        for d in m.dates.within(s.start, s.end)
        if d.date_start
        and d.start not in att.report_dates
        and not m.orgs.overlapping(d.start, d.end)
        and not m.legal_index.overlapping(d.start, d.end)
        and not _SINCE.search(m.text[max(s.start, d.start - 30) : d.start])
        and not is_wire_dateline(m.text, d)
    ]
    if not dates and m.cue("denial_verbs", s.start, s.end):
        return _empty(i, None, event_type)  # "Damascus has always denied using them": no claim
    anchors, coarse = read_anchors(m, s.start, s.end, country)
    clause = Clause(
        index=i,
        kind=kind,
        event_type=event_type,
        anchors=anchors,
        coarse=coarse,
        listed=len(anchors) > 1 and is_list(m, anchors),
        dates=dates,
        attacks=[c for c in counts if c.role == "attacks" or _counts_occasions(m, c)],
        killed=killed,
        injured=injured,
        perpetrators=_perpetrators(m, s.start, s.end),
        agents=agents,
        deliveries=m.deliveries.within(s.start, s.end),
        claimant=_claimant(m, att, i, agents),
        singular=bool(m.events["singular"].within(s.start, s.end)),
        plural=_has_plural_attacks(m, s.start, s.end),
        flags=_flags(m, att, i, s.start, s.end),
    )
    if clause.attacks and not clause.dates:
        clause.dates = since_spans(m, s.start, s.end)
    if _unnamed_count(m, s.start, clause.attacks):
        clause.flags.add("unnamed")
    return clause
