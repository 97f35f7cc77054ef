"""Who asserts what: claimants, intermediaries, dated report references, origin.

Cues come from ``resources/lexicon/cues.json``: reporting verbs ("said", "a indiqué",
"قالت"), "according to" phrases, anaphora ("the group", "l'ONG", "المنظمة"), unnamed
sources ("journalists", "activists"). An organisation is a claimant of a sentence when
it stands right before or after a reporting verb; wire services and media named in the
same way are intermediaries (``via``), never claimants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from qarina.extract.actors import OrgInfo, org_table
from qarina.extract.claims import (
    INTERMEDIARY_KINDS,
    could_speak,
    members,
    report_authors,
    report_org,
    sentence_claimants,
)
from qarina.extract.dates import DateMention
from qarina.extract.lexicon import TermHit
from qarina.extract.mentions import Mentions
from qarina.extract.sentences import Sentence

REPORT_NEAR = 100  # characters between a release verb and its date
REPORT_NEAR_NOUN = 24  # "the 4 February decision", "Letter dated 24 August", "report released on"


@dataclass(frozen=True, slots=True)
class ReportRef:
    """A dated mention of the release of a report, statement or decision."""

    organization: str
    date: str | None
    date_text: str
    start: int
    end: int
    year_inferred: bool = False


@dataclass(slots=True)
class Attribution:
    """Document-level attribution facts."""

    claimants: dict[int, list[str]] = field(default_factory=dict)  # sentence -> orgs, in order
    via: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # governments that speak
    report_refs: list[ReportRef] = field(default_factory=list)
    report_dates: set[int] = field(default_factory=set)  # starts of dates used by report_refs
    scores: Counter[str] = field(default_factory=Counter)  # claims and report references
    claimed: Counter[str] = field(default_factory=Counter)  # claims only
    own_voice: str | None = None  # a publisher that speaks for itself (not a news outlet)

    def main_claimant(self) -> str | None:
        """The organisation that makes most claims and releases in the document."""
        ranked = self.scores.most_common(1)
        return ranked[0][0] if ranked else None


def read_attribution(m: Mentions, publisher: OrgInfo | None, repost: bool = False) -> Attribution:
    """Claimants per sentence, intermediaries, speaking governments and report references.

    In a repost (a copy of someone else's page), "said today" dates the original release,
    which the copy does not show: such relative release dates stay unresolved.
    """
    att = Attribution()
    if publisher is not None and publisher.kind not in INTERMEDIARY_KINDS and not repost:
        att.own_voice = publisher.name
    last: str | None = None
    table = org_table()
    for i, s in enumerate(m.sentences):
        claimants, via = sentence_claimants(m, s, last)
        if i == 0 and is_headline(s.text):
            claimants = []  # a headline's claim is told again, with its source, below
        for name in claimants:
            att.speakers.extend(n for n in members(name) if table[n].kind == "government")
        if publisher is not None:
            claimants = [c for c in claimants if c != publisher.name]
            via = [v for v in via if v != publisher.name]
        att.claimants[i] = claimants
        att.via.extend(via)
        denial = bool(m.cue("denial_verbs", s.start, s.end))
        for name in claimants:
            att.claimed[name] += 1
            att.scores[name] += 0 if denial else 1  # a denial makes no one the main source
        if claimants:
            last = claimants[-1]
        elif i > 0 or not is_headline(s.text):
            orgs = m.orgs.within(s.start, s.end)
            named = [o.name for k, o in enumerate(orgs) if could_speak(m.text, orgs, k)]
            last = named[0] if named and last is None else last
    att.via = list(dict.fromkeys(att.via))
    att.speakers = list(dict.fromkeys(att.speakers))
    _add_report_refs(m, att, repost)
    return att


def is_headline(text: str) -> bool:
    """A short first line without a full stop: the page title."""
    return len(text) < 150 and not text.rstrip().endswith((".", "!", "?", "\u061f", ":", '"'))


def _is_noun(m: Mentions, cue: TermHit) -> bool:
    return bool(m.cue("relay_nouns", cue.start, cue.end))


def _release_cue(m: Mentions, s: Sentence, d: DateMention) -> TermHit | None:
    """The release word ("said", "released", "decision") next to a date, if any."""
    best: TermHit | None = None
    best_gap = REPORT_NEAR + 1
    window = (max(s.start, d.start - REPORT_NEAR - 30), min(s.end, d.end + REPORT_NEAR + 1))
    findings = m.cue("finding_date_verbs", *window)
    finding_ids = {id(f) for f in findings}
    for cue in m.cue("report_date_verbs", *window) + findings:
        gap = cue.start - d.end if cue.start >= d.end else d.start - cue.end
        limit = REPORT_NEAR_NOUN if _is_noun(m, cue) else REPORT_NEAR
        if id(cue) in finding_ids and (cue.start >= d.end or gap > REPORT_NEAR_NOUN):
            continue  # "concluded on Friday" dates a finding; "on 21 August, as concluded" does not
        if gap < 0 or gap > limit:
            continue
        lo, hi = min(cue.end, d.end), max(cue.start, d.start)
        attacks = [
            a for a in m.events["attack"].within(lo, hi) if not m.orgs.overlapping(a.start, a.end)
        ]
        tolls = [c for c in m.counts.within(lo, hi) if c.role in ("killed", "injured")]
        if m.agents.within(lo, hi) or attacks or tolls:
            continue  # "on 4 April, killing 92 people, HRW said": the date is the event's
        if gap < best_gap:
            best, best_gap = cue, gap
    return best


_ISSUERS = {"OPCW": "OPCW", "UNSC": "UN Security Council", "UNGA": "UN General Assembly"}


def _issuer(m: Mentions, d: DateMention) -> str | None:
    """``(C-SS-4/DEC.3, dated 27 June 2018)``: the body that issued the instrument dated."""
    for ref in m.legal_index.within(max(0, d.start - 60), d.start):
        issuer = _ISSUERS.get(ref.value.split()[0])
        if issuer:
            return issuer
    return None


def _report_orgs(m: Mentions, att: Attribution, i: int, cue: TermHit, d: DateMention) -> list[str]:
    """Who released what is dated: the issuer of a dated instrument, the organisation next
    to the release word (and the author of "the report of X" it transmits), else the
    sentence's or the document's claimant."""
    issuer = _issuer(m, d)
    if issuer:
        return [issuer]
    found = report_org(m, m.sentences[i], cue)
    if found:
        return [found, *report_authors(m, m.sentences[i], cue, found)]
    fallback = _report_org(m, att, i)
    return [fallback] if fallback else []


def _report_org(m: Mentions, att: Attribution, i: int) -> str | None:
    for j in (i, i - 1):
        if att.claimants.get(j):
            return members(att.claimants[j][0])[0]
    main = att.main_claimant()
    return members(main)[0] if main else None


def _release_dates(m: Mentions, s: Sentence) -> list[tuple[DateMention, TermHit]]:
    """The dates of a sentence that date a release, each with its release word. A release
    word dates one release: "on April 4, 2017, killing 92, HRW said today" dates only
    "today", the date nearest the word."""
    found: list[tuple[DateMention, TermHit]] = []
    for d in m.dates.within(s.start, s.end):
        if d.kind == "range" or not (d.relative or d.precision != "year"):
            continue  # a release happens on one day
        if m.legal_index.overlapping(d.start, d.end):
            continue  # "resolution 2209 (2015)"
        if m.cue("since", max(s.start, d.start - 12), d.start):
            continue  # "three other attacks since December 2016": a span's start, not a release
        cue = _release_cue(m, s, d)
        if cue is not None:
            found.append((d, cue))
    nearest: dict[int, int] = {}
    for d, cue in found:
        gap = _gap(d, cue)
        nearest[cue.start] = min(gap, nearest.get(cue.start, gap))
    return [(d, cue) for d, cue in found if _gap(d, cue) == nearest[cue.start]]


def _gap(d: DateMention, cue: TermHit) -> int:
    return cue.start - d.end if cue.start >= d.end else d.start - cue.end


def _add_report_refs(m: Mentions, att: Attribution, repost: bool) -> None:
    seen: set[tuple[str, str | None]] = set()
    for i, s in enumerate(m.sentences):
        for d, cue in _release_dates(m, s):
            att.report_dates.add(d.start)  # a release (or sighting) date, never an event's
            was_seen = bool(m.cue("seen_verbs", max(s.start, d.start - 24), d.start))
            day = d.date_start if d.precision == "day" and d.date_start == d.date_end else None
            date = None if was_seen or (repost and d.relative) else day
            for org in _report_orgs(m, att, i, cue, d):
                att.scores[org] += 2
                if (org, date) in seen:
                    continue
                seen.add((org, date))
                ref = ReportRef(org, date, d.text, d.start, d.end, bool(d.year_inferred and date))
                att.report_refs.append(ref)


def decide_origin(
    publisher: OrgInfo | None,
    att: Attribution,
    incident_claimants: list[str],
    named: frozenset[str] = frozenset(),
) -> bool:
    """Is the publisher the first-hand source of what the document presents?

    With incidents: most of them are claimed by the publisher's organisation (or one of its
    bodies). Without: the publisher's organisation releases, decides or states something,
    or is named on its own page (``named``: the organisations the text names).
    """
    if publisher is None or publisher.kind in INTERMEDIARY_KINDS:
        return False
    table = org_table()
    if incident_claimants:
        own = sum(
            1
            for name in incident_claimants
            if any(table[n].family == publisher.family for n in members(name))
        )
        return own > 0 and own * 2 >= len(incident_claimants)  # its own finding, half or more
    if publisher.name in named:
        return True  # a body's own page that names it and reports no incident: "About the JIM"
    speakers = [r.organization for r in att.report_refs]
    speakers += [n for name in att.claimed for n in members(name)]
    return any(table[name].family == publisher.family for name in speakers)


def decide_relays(
    publisher: OrgInfo | None, origin: bool, att: Attribution, incident_claimants: list[str]
) -> list[str]:
    """Organisations whose findings, decisions or statements the document reports second-hand."""
    table = org_table()
    names = [n for name in incident_claimants for n in members(name)]
    if not origin:  # an origin document relays only what its incidents cite
        names += [n for name, _ in att.claimed.most_common() for n in members(name)]
    out = []
    for name in dict.fromkeys(names):
        info = table[name]
        if info.kind in INTERMEDIARY_KINDS or name in att.via:
            continue
        if publisher is not None and (
            name == publisher.name or (origin and info.family == publisher.family)
        ):
            continue
        out.append(name)
    return out
