"""What one sentence says about events: its kind, places, dates, counts, actors, cues.

:func:`read_clause` turns the mentions of one sentence into a :class:`Clause`; the
incident assembler (:mod:`qarina.extract.incidents`) only ever looks at clauses.
Place anchors are the places an event happened at: datelines, places "near" another,
province qualifiers, places inside organisation names and places abroad are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from qarina.extract.actors import PerpetratorMention
from qarina.extract.attribution import Attribution
from qarina.extract.counts import CountMention
from qarina.extract.dates import DateMention
from qarina.extract.lexicon import TermHit
from qarina.extract.mentions import Mentions
from qarina.extract.places import PlaceMention

MIN_PLACE_SCORE = 0.6
_FINE = frozenset({"community", "neighbourhood", "subdistrict", "district"})
_COARSE_ORDER = ("region", "governorate", "country")
_NEAR_BEFORE = re.compile(
    r"(?:near|north of|south of|east of|west of|outside|close to|outskirts of|pr[eè]s de|"
    r"residents? of|natives? of|originally from|habitants? de|vecinos? de|moradore?s? de|"
    r"Bewohner von|\u0645\u0646 \u0623\u0647\u0627\u0644\u064a|"
    r"\u0645\u0646 \u0633\u0643\u0627\u0646|"
    r"au nord de|au sud de|cerca de|perto de|nahe|n[oö]rdlich von|s[uü]dlich von|"
    r"\u0642\u0631\u0628|\u0628\u0627\u0644\u0642\u0631\u0628 \u0645\u0646)\s+(?:the\s+|de\s+)?$",
    re.I,
)
_QUALIFIER_AFTER = re.compile(
    r"\s+(?:province|governorate|countryside|prefecture|provincia|provinz)\b", re.I
)
_QUALIFIER_BEFORE = re.compile(
    r"(?:province of|governorate of|province d[e'’]\s?|provincia de|"
    r"\u0645\u062d\u0627\u0641\u0638\u0629|"
    r"\u0631\u064a\u0641)\s*$",
    re.I,
)
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|et\b|y\b|e\b|und\b|\u0648)")
_LIST_JOIN = re.compile(r"(?:,|\band\b|\bet\b|\by\b|\be\b|\bund\b|(?:^|\s)\u0648|\u060c)")
_BREAK = re.compile(r"[.;:!?\u061f]\s")
_IN = re.compile(r"\s+(?:in|of|à|en|em|im|in der|\u0641\u064a)\s+(?:the\s+)?", re.I)
_CHROME = re.compile(
    r"\s*(?:read more|see also|related|watch|lire aussi|à lire aussi|leer m[aá]s|lea tambi[eé]n|"
    r"leia (?:mais|tamb[eé]m)|mehr zum thema|lesen sie auch|"
    r"\u0627\u0642\u0631\u0623 \u0623\u064a\u0636\u0627)\b",
    re.I,
)
_SINCE = re.compile(r"(?:since|depuis|desde|seit|\u0645\u0646\u0630)\b[^.,;]{0,20}$", re.I)
_BLOCK_PERP = re.compile(
    r"(?:control\w*|against|contra|contre|gegen|held by|\u0636\u062f)[^.]{0,12}$", re.I
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A place an event is said to have happened at, at town level."""

    town: str
    district: str | None
    level: str
    country: str
    text: str
    start: int
    end: int


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
    flags: set[str] = field(default_factory=set)  # parent, earlier, period, undetermined, unnamed


def dominant_country(m: Mentions) -> str | None:
    """The country most places of the document lie in."""
    counts = Counter(p.country for p in m.places.items if p.level != "country" and p.country)
    if not counts:
        counts = Counter(p.country for p in m.places.items if p.country)
    return counts.most_common(1)[0][0] if counts else None


def _blocked_place(m: Mentions, p: PlaceMention, sentence_start: int) -> bool:
    text = m.text
    before = text[max(sentence_start, p.start - 24) : p.start]
    if _NEAR_BEFORE.search(before) or _QUALIFIER_BEFORE.search(before):
        return True
    if _QUALIFIER_AFTER.match(text, p.end):
        return True
    if p.start - sentence_start <= 1 and (p.text.isupper() or before.endswith("(")):
        return True  # dateline: "QAMISHLI, Syria (North Press) –", "(New York) –"
    spans = (m.orgs, m.perpetrators, m.agents, m.legal_index)
    return any(index.overlapping(p.start, p.end) for index in spans)


def _anchor(p: PlaceMention) -> Anchor:
    town = p.town or p.name
    district = p.district if p.level == "neighbourhood" else None
    return Anchor(town, district, p.level, p.country, p.text, p.start, p.end)


def _is_qualifier(m: Mentions, prev: PlaceMention, p: PlaceMention) -> bool:
    """``Eastern Ghouta, Damascus``: the second place only locates the first."""
    between = m.text[prev.end : p.start]
    if between.strip() != ",":
        return False
    return _LIST_AFTER.match(m.text, p.end) is None


def read_anchors(
    m: Mentions, start: int, end: int, country: str | None
) -> tuple[list[Anchor], Anchor | None]:
    """Town-level places of a span grouped by town, in text order; and the coarse place."""
    kept: list[PlaceMention] = []
    for p in m.places.within(start, end):
        if p.score < MIN_PLACE_SCORE or _blocked_place(m, p, start):
            continue
        if country and p.country and p.country != country:
            continue
        if kept and _is_qualifier(m, kept[-1], p):
            continue
        kept.append(p)
    fine = [p for p in kept if p.level in _FINE]
    coarse = None
    for level in _COARSE_ORDER:
        found = [p for p in kept if p.level == level]
        if found:
            coarse = _anchor(found[0])
            break
    regions = [p for p in kept if p.level == "region"]
    if regions and (not fine or (len(fine) > 1 and _contains(m, fine, regions[0]))):
        fine, coarse = regions[:1], None
    groups: dict[str, Anchor] = {}
    for p in fine:
        a = _anchor(p)
        known = groups.get(a.town)
        if known is None or (a.district and not known.district):
            groups[a.town] = (
                a
                if known is None
                else Anchor(a.town, a.district, a.level, a.country, a.text, a.start, a.end)
            )
    return sorted(groups.values(), key=lambda a: a.start), coarse


def _contains(m: Mentions, fine: list[PlaceMention], region: PlaceMention) -> bool:
    """``in Ain Tarma, Moadamiya, and Zamalka in Eastern Ghouta``: the region holds the list."""
    last = fine[-1]
    return region.start > last.end and bool(_IN.fullmatch(m.text, last.end, region.start))


def is_list(m: Mentions, anchors: list[Anchor]) -> bool:
    """Places joined by commas or "and": ``Talmenes ... and Sarmin``, ``اللطامنة ودوما``."""
    for a, b in itertools.pairwise(anchors):
        between = m.text[a.end : b.start]
        if len(between) > 60 or not _LIST_JOIN.search(between) or _BREAK.search(between):
            return False
    return True


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
        if not (killed or injured):
            return _empty(i, None, event_type)
        kind = "facts"
    dates = [
        d
        for d in m.dates.within(s.start, s.end)
        if d.date_start
        and d.start not in att.report_dates
        and not m.orgs.overlapping(d.start, d.end)
        and not m.legal_index.overlapping(d.start, d.end)
        and not _SINCE.search(m.text[max(s.start, d.start - 30) : d.start])
    ]
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
        claimant=next(iter(att.claimants.get(i, [])), None),
        singular=bool(m.events["singular"].within(s.start, s.end)),
        flags=_flags(m, att, i, s.start, s.end),
    )
    if _unnamed_count(m, s.start, clause.attacks):
        clause.flags.add("unnamed")
    return clause
