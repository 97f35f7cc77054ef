"""Where an event happened: the town-level places of a sentence.

Places come from the gazetteer finder (:mod:`qarina.extract.places`); here they become
anchors. Datelines ("QAMISHLI, Syria (North Press) –"), places "near" another or where
people live ("a resident of Zamalka"), province qualifiers ("in Idlib province"), places
inside organisation names and places abroad are dropped; a neighbourhood and its city are
one anchor; "Ain Tarma, Moadamiya and Zamalka in Eastern Ghouta" is the region.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from qarina.extract.mentions import Mentions
from qarina.extract.places import PlaceMention

MIN_PLACE_SCORE = 0.6
SPEAKER_GAP = 12  # characters from a capital to the verb it is the subject of
_FINE = frozenset({"community", "neighbourhood", "subdistrict", "district"})
_COARSE_ORDER = ("region", "governorate", "country")
_NEAR_BEFORE = re.compile(
    r"(?:near|north of|south of|east of|west of|outside|close to|outskirts of|pr[eè]s de|"
    r"residents? of|natives? of|originally from|habitants? de|vecinos? de|moradore?s? de|"
    r"Bewohner von|\u0645\u0646 \u0623\u0647\u0627\u0644\u064a|"
    r"\u0645\u0646 \u0633\u0643\u0627\u0646|"
    r"au nord d[e'\u2019]|au sud d[e'\u2019]|"
    r"[aà] l[\u2019']est d[e'\u2019]|[aà] l[\u2019']ouest d[e'\u2019]|"
    r"pr[eè]s d[\u2019']|al (?:norte|sur|este|oeste) de|ao (?:norte|sul|leste|oeste) de|"
    r"cerca de|perto de|nahe|n[oö]rdlich von|s[uü]dlich von|[oö]stlich von|westlich von|"
    r"\u0642\u0631\u0628|\u0628\u0627\u0644\u0642\u0631\u0628 \u0645\u0646)"
    r"(?:\s+(?!in\b|at\b|on\b|and\b|et\b|y\b|e\b|und\b|\u0641\u064a\b)[^\s.,;:]+){0,4}"
    r"(?:\s+|(?<=['\u2019]))$",
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
_TIME_BEFORE = re.compile(  # "in the months before Khan Sheikhoun": the place names an event
    r"(?:^|\s)(?:before|after|since|prior to|avant|apr[eè]s|depuis|antes de|despu[eé]s de|"
    r"desde|vor|nach|seit|\u0642\u0628\u0644|\u0628\u0639\u062f|\u0645\u0646\u0630)\s+$",
    re.I,
)
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|et\b|y\b|e\b|und\b|\u0648)")
_LIST_JOIN = re.compile(r"(?:,|\band\b|\bet\b|\by\b|\be\b|\bund\b|(?:^|\s)\u0648|\u060c)")
_BREAK = re.compile(r"[.;:!?\u061f]\s")
_IN = re.compile(r"\s+(?:in|of|à|en|em|im|in der|\u0641\u064a)\s+(?:the\s+)?", re.I)


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


def dominant_country(m: Mentions) -> str | None:
    """The country clearly most places of the document lie in (weighted by match score);
    ``None`` when no country clearly leads, so that no place is dropped as foreign."""
    weights: dict[str, float] = {}
    for p in m.places.items:
        if p.country:
            weight = p.score * (0.5 if p.level == "country" else 1.0)
            weights[p.country] = weights.get(p.country, 0.0) + weight
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])[:2]
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


def _blocked_place(m: Mentions, p: PlaceMention, sentence_start: int) -> bool:
    text = m.text
    before = text[max(sentence_start, p.start - 48) : p.start]
    if _NEAR_BEFORE.search(before) or _QUALIFIER_BEFORE.search(before[-24:]):
        return True
    if _TIME_BEFORE.search(before[-16:]):
        return True
    if _QUALIFIER_AFTER.match(text, p.end):
        return True
    if p.start - sentence_start <= 1 and (p.text.isupper() or before.endswith("(")):
        return True  # dateline: "QAMISHLI, Syria (North Press) –", "(New York) –"
    if p.start - sentence_start <= 1 and _speaks(m, p.end):
        return True  # "Damasco niega...", "Moscow rejected": a capital speaking for its government
    spans = (m.orgs, m.perpetrators, m.agents, m.legal_index)
    return any(index.overlapping(p.start, p.end) for index in spans)


def _speaks(m: Mentions, end: int) -> bool:
    """A reporting or denying verb right after ``end``."""
    window = (end, end + SPEAKER_GAP)
    return bool(m.cue("claim_verbs", *window) or m.cue("denial_verbs", *window))


def _anchor(p: PlaceMention) -> Anchor:
    town = p.town or p.name
    district = p.district if p.level == "neighbourhood" else None
    return Anchor(town, district, p.level, p.country, p.text, p.start, p.end)


_PART_OF = re.compile(
    r"\s+(?:neighbou?rhood|district|quarter|area)\s+of\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
    r"|\s+(?:quartier|secteur)\s+(?:de\s+|d['\u2019])|\s+(?:barrio|distrito|bairro)\s+de\s+",
    re.I,
)


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
        part = kept[-1] if kept else None
        if part and part.level != "neighbourhood" and _PART_OF.fullmatch(m.text, part.end, p.start):
            kept.pop()  # "the Al Talil neighbourhood of Saraqib", unknown as one: the town
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
