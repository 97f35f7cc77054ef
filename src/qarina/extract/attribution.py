"""Who asserts what: claimants, intermediaries, dated report references, origin.

Cues come from ``resources/lexicon/cues.json``: reporting verbs ("said", "a indiqué",
"قالت"), "according to" phrases, anaphora ("the group", "l'ONG", "المنظمة"), unnamed
sources ("journalists", "activists"). An organisation is a claimant of a sentence when
it stands right before or after a reporting verb; wire services and media named in the
same way are intermediaries (``via``), never claimants.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from qarina.extract.actors import OrgInfo, OrgMention, org_table
from qarina.extract.dates import DateMention
from qarina.extract.lexicon import TermHit, load_resource
from qarina.extract.mentions import Mentions
from qarina.extract.sentences import Sentence

NEAR = 20  # characters between a reporting verb and its subject or object
NEAR_ACCORDING = 50  # "laut einem Bericht der Menschenrechtsorganisation Human Rights Watch"
REPORT_NEAR = 100  # characters between a release verb and its date
REPORT_NEAR_NOUN = 24  # "the 4 February decision", "Letter dated 24 August", "report released on"
_BREAK = re.compile(r"[.;!?\u061f\n\u201c\u201d\"]")
_INTERMEDIARY_KINDS = frozenset({"agency", "media"})
_POSTPOSED = re.compile(r"zufolge", re.I)
_SOURCE_AFTER = re.compile(  # "the report of the JIM", "findings by the OPCW", "تقرير منظمة"
    r"\s+(?:(?:and \w+ )?(?:of|by|from|de|du|des|der|da|do)\b|(?=[\u0621-\u064a]))",
    re.I,
)


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

    claimants: dict[int, list[str]] = field(default_factory=dict)  # sentence -> orgs
    via: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # governments that speak
    report_refs: list[ReportRef] = field(default_factory=list)
    report_dates: set[int] = field(default_factory=set)  # starts of dates used by report_refs
    scores: Counter[str] = field(default_factory=Counter)  # claims and report references
    claimed: Counter[str] = field(default_factory=Counter)  # claims only

    def main_claimant(self, exclude: frozenset[str] = frozenset()) -> str | None:
        """The organisation that makes most claims in the document."""
        for name, _ in self.scores.most_common():
            if name not in exclude:
                return name
        return None


def _clear(text: str, a: int, b: int) -> bool:
    """No sentence-internal break (full stop, quote, semicolon) between offsets."""
    return a <= b and _BREAK.search(text, a, b) is None


def _adjacent(text: str, org: OrgMention | TermHit, cue: TermHit, near: int = NEAR) -> bool:
    if org.end <= cue.start:
        return cue.start - org.end <= near and _clear(text, org.end, cue.start)
    if org.start >= cue.end:
        return org.start - cue.end <= near and _clear(text, cue.end, org.start)
    return False


@cache
def _marker_pattern(key: str) -> re.Pattern[str]:
    words = sorted(load_resource("cues")[key], key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(f"(?:^|[^\\w])(?:{alternation})\\s*(?:the\\s+)?$", re.I)


_CHAIN = re.compile(
    r"\s*\)?\s*(?:\(|(?:of the|of|in the|at the|de la|de l'|du|de|da|do|der|des|"
    r"\u0641\u064a)\s*\(?)?\s*",
    re.I,
)
_COORDINATED = re.compile(r"\s*(?:\(|(?:and|et|y|e|und)\s+(?:the\s+)?)?", re.I)
_MODIFIED = re.compile(
    r"\s+(?:investigators|experts|investigation|inquiry|probe|report|panel|team|officials|"
    r"inspectors|mission|diplomats|sources|envoy)\b",
    re.I,
)


def _not_speaker(text: str, org: OrgMention, previous: OrgMention | None = None) -> bool:
    """The organisation receives or created the thing, or only qualifies a noun."""
    if previous is not None:
        between = text[previous.end : org.start]
        coordinated = org.text.startswith("\u0648") and not between.strip()
        if coordinated or _COORDINATED.fullmatch(between):
            return _not_speaker(text, previous)  # "set up by the UN and the OPCW", "X (OPCW)"
    if org.text.isupper() and len(org.text) <= 4 and _MODIFIED.match(text, org.end):
        return True  # "UN investigators say": the speaker is a body of the UN, named elsewhere
    before = text[max(0, org.start - 24) : org.start]
    if org.text.startswith("\u0644") and not org.text.startswith("\u0644\u062c"):
        return True  # Arabic "to": لمجلس الأمن، للأمم المتحدة
    return bool(
        _marker_pattern("recipient_markers").search(before)
        or _marker_pattern("creator_markers").search(before)
    )


def _chain_head(text: str, orgs: list[OrgMention], k: int) -> int:
    """``The IIT (IIT) of the OPCW (OPCW) said``: walk back to the head of the chain."""
    while k > 0 and _CHAIN.fullmatch(text, orgs[k - 1].end, orgs[k].start):
        k -= 1
    return k


def _sentence_claimants(m: Mentions, s: Sentence, last: str | None) -> tuple[list[str], list[str]]:
    """(claimants, intermediaries) of one sentence; anaphora resolve to ``last``."""
    verbs = m.cue("claim_verbs", s.start, s.end)
    according = m.cue("according_to", s.start, s.end) + [
        n for n in m.cue("relay_nouns", s.start, s.end) if _SOURCE_AFTER.match(m.text, n.end)
    ]
    orgs = m.orgs.within(s.start, s.end)
    claimants: list[str] = []
    via: list[str] = []
    for verb in verbs + according:
        near = NEAR_ACCORDING if verb in according else NEAR
        for k, org in enumerate(orgs):
            if not _adjacent(m.text, org, verb, near):
                continue
            if verb in according and org.start < verb.start and not _POSTPOSED.search(verb.text):
                continue  # "according to X", "seen by X": the source follows the cue
            if org.kind in _INTERMEDIARY_KINDS:
                via.append(org.name)
            elif not _not_speaker(m.text, org, orgs[k - 1] if k else None):
                claimants.append(orgs[_chain_head(m.text, orgs, k)].name)
        for gov in m.governments.within(s.start, s.end):
            if _adjacent(m.text, gov, verb, 10) and not m.orgs.overlapping(gov.start, gov.end):
                claimants.append(gov.name)
        if last and not claimants:
            for ana in m.cue("anaphora", s.start, s.end):
                if _adjacent(m.text, ana, verb):
                    claimants.append(last)
    for org in orgs:  # "NACIONES UNIDAS (AP) —", "(dpa)": a credit in parentheses
        if org.kind == "agency" and m.text[org.start - 1 : org.start] == "(":
            via.append(org.name)
    return list(dict.fromkeys(claimants)), via


def read_attribution(m: Mentions, publisher: OrgInfo | None) -> Attribution:
    """Claimants per sentence, intermediaries, speaking governments and report references."""
    att = Attribution()
    last: str | None = None
    table = org_table()
    for i, s in enumerate(m.sentences):
        claimants, via = _sentence_claimants(m, s, last)
        if publisher is not None:
            claimants = [c for c in claimants if c != publisher.name]
            via = [v for v in via if v != publisher.name]
        att.claimants[i] = claimants
        att.via.extend(via)
        for name in claimants:
            att.scores[name] += 1
            att.claimed[name] += 1
            if table[name].kind == "government":
                att.speakers.append(name)
        if claimants:
            last = claimants[-1]
        else:
            named = [
                o.name for o in m.orgs.within(s.start, s.end) if o.kind not in _INTERMEDIARY_KINDS
            ]
            last = named[0] if named and last is None else last
    att.via = list(dict.fromkeys(att.via))
    att.speakers = list(dict.fromkeys(att.speakers))
    _add_report_refs(m, att)
    return att


def _is_noun(m: Mentions, cue: TermHit) -> bool:
    return bool(m.cue("relay_nouns", cue.start, cue.end))


def _release_cue(m: Mentions, s: Sentence, d: DateMention) -> TermHit | None:
    best: TermHit | None = None
    best_gap = REPORT_NEAR + 1
    for cue in m.cue("report_date_verbs", s.start, s.end):
        gap = cue.start - d.end if cue.start >= d.end else d.start - cue.end
        limit = REPORT_NEAR_NOUN if _is_noun(m, cue) else REPORT_NEAR
        if gap < 0 or gap > limit:
            continue
        lo, hi = min(cue.end, d.end), max(cue.start, d.start)
        attacks = [
            a for a in m.events["attack"].within(lo, hi) if not m.orgs.overlapping(a.start, a.end)
        ]
        if m.agents.within(lo, hi) or attacks:
            continue
        if gap < best_gap:
            best, best_gap = cue, gap
    return best


def _report_org(m: Mentions, att: Attribution, i: int, cue: TermHit) -> str | None:
    s = m.sentences[i]
    orgs = m.orgs.within(s.start, s.end)
    near = [
        k
        for k, o in enumerate(orgs)
        if o.kind not in _INTERMEDIARY_KINDS
        and not _not_speaker(m.text, o, orgs[k - 1] if k else None)
        and _adjacent(m.text, o, cue, 100)
    ]
    if near:
        k = min(near, key=lambda k: abs(orgs[k].start - cue.start))
        return orgs[_chain_head(m.text, orgs, k)].name
    if att.claimants.get(i):
        return att.claimants[i][0]
    return att.main_claimant()


def _add_report_refs(m: Mentions, att: Attribution) -> None:
    seen: set[tuple[str, str | None]] = set()
    for i, s in enumerate(m.sentences):
        for d in m.dates.within(s.start, s.end):
            if d.kind == "range" or not (d.relative or d.precision != "year"):
                continue  # a release happens on one day
            if m.legal_index.overlapping(d.start, d.end):
                continue  # "resolution 2209 (2015)"
            cue = _release_cue(m, s, d)
            if cue is None:
                continue
            org = _report_org(m, att, i, cue)
            if org is None:
                continue
            att.report_dates.add(d.start)
            was_seen = bool(m.cue("seen_verbs", max(s.start, d.start - 24), d.start))
            day = d.date_start if d.precision == "day" and d.date_start == d.date_end else None
            date = None if was_seen else day
            att.scores[org] += 2
            if (org, date) in seen:
                continue
            seen.add((org, date))
            att.report_refs.append(
                ReportRef(org, date, d.text, d.start, d.end, bool(d.year_inferred and date))
            )


def decide_origin(
    publisher: OrgInfo | None, att: Attribution, incident_claimants: list[str]
) -> bool:
    """Is the publisher the first-hand source of what the document presents?

    With incidents: most of them are claimed by the publisher's organisation (or one of its
    bodies). Without: the publisher's organisation releases, decides or states something.
    """
    if publisher is None or publisher.kind in _INTERMEDIARY_KINDS:
        return False
    table = org_table()
    if incident_claimants:
        own = sum(1 for name in incident_claimants if table[name].family == publisher.family)
        return own * 2 > len(incident_claimants)
    speakers = [r.organization for r in att.report_refs] + list(att.claimed)
    return any(table[name].family == publisher.family for name in speakers)


def decide_relays(
    publisher: OrgInfo | None, origin: bool, att: Attribution, incident_claimants: list[str]
) -> list[str]:
    """Organisations whose findings, decisions or statements the document reports second-hand."""
    table = org_table()
    names = list(incident_claimants)
    if not origin:  # an origin document relays only what its incidents cite
        names += [n for n, _ in att.claimed.most_common()]
    out = []
    for name in dict.fromkeys(names):
        info = table[name]
        if info.kind in _INTERMEDIARY_KINDS or name in att.via:
            continue
        if publisher is not None and (
            name == publisher.name or (origin and info.family == publisher.family)
        ):
            continue
        out.append(name)
    return out
