"""Who asserts what in one sentence: claimants and intermediaries next to reporting verbs.

An organisation (or a government) is a claimant when it stands right before or after a
reporting verb ("said", "a indiqué", "قالت"), after "according to" or after a source noun
("the report of ..."); wire services and media named the same way are intermediaries
(``via``). Organisations that receive or created the thing ("presented to the Security
Council", "set up by the UN") or only qualify a noun ("UN investigators") are not
claimants; "the IIT of the OPCW said" is claimed by the head of the chain; "the US, UK
and France say" is one joint claim.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from qarina.extract.actors import OrgMention, org_table
from qarina.extract.lexicon import TermHit, load_resource
from qarina.extract.mentions import Mentions
from qarina.extract.sentences import Sentence

NEAR = 20  # characters between a reporting verb and its subject or object
NEAR_ACCORDING = 50  # "laut einem Bericht der Menschenrechtsorganisation Human Rights Watch"
NEAR_GOVERNMENT = 10
JOINT = " + "  # separates the members of a joint claimant
INTERMEDIARY_KINDS = frozenset({"agency", "media"})
_LONGEST_NAME = 120  # characters: the longest organisation name the lexicon holds
_BREAK = re.compile(r"[.;!?\u061f\n\u201c\u201d\"]")
_POSTPOSED = re.compile(r"zufolge", re.I)
_SOURCE_AFTER = re.compile(  # "the report of the JIM", "findings by the OPCW", "تقرير منظمة"
    r"\s+(?:(?:and \w+ )?(?:of|by|from|de|du|des|der|da|do)\b|(?=[\u0621-\u064a]))",
    re.I,
)
_GIVING = re.compile(
    "\u0642\u062f\u0645|\u0633\u0644\u0645|\u0623\u0631\u0633\u0644|\u0631\u0641\u0639|"
    "\u0648\u062c\u0647|\u0623\u062d\u0627\u0644|\u0628\u0639\u062b|\u062a\u0642\u062f\u064a\u0645"
)  # قدم سلم أرسل رفع وجه أحال بعث تقديم
_APPOSITIVE = re.compile(r",[^,.;:()\n\u201c\u201d\"]{3,60},\s*(?:\w+\s+)?")
_SPOKESPERSON = re.compile(  # "Russia's delegate said": the government speaks through them
    r"['\u2019]s?\s+(?:(?:foreign|defence|defense|deputy|permanent)\s+)?(?:delegate|representative|"
    r"ambassador|envoy|spokesman|spokeswoman|spokesperson|minister|mission)\s*",
    re.I,
)
_ACCORDING_TO = re.compile(r"according\s+to\s+(?:the\s+)?$", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s?\s+")
_AND = re.compile(r"\s*(?:,|and|et|y|e|und)\s*(?:the\s+)?", re.I)


UMBRELLAS = {"United Nations": ("un", "jim"), "OPCW": ("opcw", "jim")}


def related(a: str, b: str) -> bool:
    """Can two claimant names stand for one claim? The same body, one family, or an umbrella
    ("United Nations", "OPCW") and one of its bodies ("UN experts" and the JIM)."""
    table = org_table()
    left, right = set(members(a)), set(members(b))
    if left & right:
        return True
    for x in left:
        for y in right:
            if table[x].family == table[y].family:
                return True
            for umbrella, kinds in UMBRELLAS.items():
                if (x == umbrella and table[y].kind in kinds) or (
                    y == umbrella and table[x].kind in kinds
                ):
                    return True
    return False


def members(name: str) -> list[str]:
    """The organisations of a (possibly joint) claimant."""
    return name.split(JOINT)


def clear(text: str, a: int, b: int) -> bool:
    """No sentence-internal break (full stop, quote, semicolon) between offsets."""
    return a <= b and _BREAK.search(text, a, b) is None


def adjacent(text: str, org: OrgMention | TermHit, cue: TermHit, near: int = NEAR) -> bool:
    """The mention stands right before or right after the cue."""
    if org.end <= cue.start:
        if _APPOSITIVE.fullmatch(text, org.end, cue.start):
            return True  # "Russia, its close ally, questioned": a comma-bounded aside
        if _SPOKESPERSON.fullmatch(text, org.end, cue.start):
            return True
        return cue.start - org.end <= near and clear(text, org.end, cue.start)
    if org.start >= cue.end:
        return org.start - cue.end <= near and clear(text, cue.end, org.start)
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


def could_speak(text: str, orgs: list[OrgMention], k: int) -> bool:
    """Organisation ``k`` of a sentence is neither an intermediary nor a recipient, creator
    or modifier: it could be the one making the sentence's claim."""
    org = orgs[k]
    return org.kind not in INTERMEDIARY_KINDS and not _not_speaker(
        text, org, orgs[k - 1] if k else None
    )


def is_modifier(text: str, org: OrgMention) -> bool:
    """``UN investigators``, ``UN report``: an acronym qualifying a noun, not an actor."""
    return org.text.isupper() and len(org.text) <= 4 and bool(_MODIFIED.match(text, org.end))


def _not_speaker(text: str, org: OrgMention, previous: OrgMention | None = None) -> bool:
    """The organisation receives or created the thing, or only qualifies a noun."""
    if previous is not None:
        between = text[previous.end : org.start]
        coordinated = org.text.startswith("\u0648") and not between.strip()
        if coordinated or _COORDINATED.fullmatch(between):
            return _not_speaker(text, previous)  # "set up by the UN and the OPCW", "X (OPCW)"
    if is_modifier(text, org):
        return True  # "UN investigators say": the speaker is a body of the UN, named elsewhere
    before = text[max(0, org.start - 24) : org.start]
    if org.text.startswith("\u0644") and _GIVING.search(text, max(0, org.start - 40), org.start):
        return True  # Arabic "to" after a verb of giving: قدمت لمجلس الأمن
    if _ACCORDING_TO.search(before):
        return False  # "according to the JIM": the source, not a recipient ("to the")
    return bool(
        _marker_pattern("recipient_markers").search(before)
        or _marker_pattern("creator_markers").search(before)
    )


def _chain_head(text: str, orgs: list[OrgMention], k: int) -> int:
    """``The IIT (IIT) of the OPCW (OPCW) said``: walk back to the head of the chain."""
    while k > 0 and _CHAIN.fullmatch(text, orgs[k - 1].end, orgs[k].start):
        k -= 1
    return k


def _coordinated(text: str, speakers: list[OrgMention], k: int) -> list[str]:
    """``the US, UK and France say``: the speakers listed together with speaker ``k``."""
    names = [speakers[k].name]
    while k > 0:
        prev, cur = speakers[k - 1], speakers[k]
        joined = _AND.fullmatch(text, prev.end, cur.start) or (
            cur.text.startswith("\u0648") and not text[prev.end : cur.start].strip()
        )
        if not joined:
            break
        names.insert(0, prev.name)
        k -= 1
    return list(dict.fromkeys(names))


def _speakers(m: Mentions, s: Sentence) -> list[OrgMention]:
    """Organisations and governments of a sentence, in text order."""
    orgs = m.orgs.within(s.start, s.end)
    govs = m.governments.within(s.start, s.end)
    govs = [g for g in govs if not m.orgs.overlapping(g.start, g.end)]
    return sorted(orgs + govs, key=lambda o: o.start)


def _claimant_of(m: Mentions, speakers: list[OrgMention], k: int, verb: TermHit) -> str | None:
    org = speakers[k]
    if _not_speaker(m.text, org, speakers[k - 1] if k else None):
        return None
    head = _chain_head(m.text, speakers, k)
    if org.end <= verb.start:
        return JOINT.join(_coordinated(m.text, speakers, head))
    return speakers[head].name


def sentence_claimants(m: Mentions, s: Sentence, last: str | None) -> tuple[list[str], list[str]]:
    """(claimants in text order, intermediaries) of one sentence; anaphora resolve to ``last``."""
    verbs = [
        v
        for v in m.cue("claim_verbs", s.start, s.end)
        if not (m.orgs.overlapping(v.start, v.end) or m.governments.overlapping(v.start, v.end))
    ]
    if verbs and m.language == "de":  # "X hatte ... verantwortlich gemacht": the auxiliary
        verbs += [a for a in m.cue("auxiliaries", s.start, verbs[-1].start)]
    according = m.cue("according_to", s.start, s.end) + [
        n for n in m.cue("relay_nouns", s.start, s.end) if _SOURCE_AFTER.match(m.text, n.end)
    ]
    speakers = _speakers(m, s)
    starts = [o.start for o in speakers]
    according_ids = {id(a) for a in according}
    claimants: list[str] = []
    positions: dict[str, int] = {}
    via: list[str] = []
    for verb in verbs + according:
        is_according = id(verb) in according_ids
        lo = bisect.bisect_left(starts, verb.start - NEAR_ACCORDING - _LONGEST_NAME)
        hi = bisect.bisect_right(starts, verb.end + NEAR_ACCORDING)
        for k in range(lo, hi):
            org = speakers[k]
            near = NEAR_GOVERNMENT if org.kind == "government" else NEAR
            if not adjacent(m.text, org, verb, NEAR_ACCORDING if is_according else near):
                continue
            if is_according and org.start < verb.start and not _POSTPOSED.search(verb.text):
                continue  # "according to X", "seen by X": the source follows the cue
            if org.kind in INTERMEDIARY_KINDS:
                via.append(org.name)
                continue
            name = _claimant_of(m, speakers, k, verb)
            if name:
                claimants.append(name)
                positions.setdefault(name, org.start)
        if last and not claimants:
            window = (max(s.start, verb.start - NEAR - 40), min(s.end, verb.end + NEAR + 40))
            for ana in m.cue("anaphora", *window):
                if adjacent(m.text, ana, verb):
                    claimants.append(last)
                    positions.setdefault(last, ana.start)
    for org in speakers:  # "NACIONES UNIDAS (AP) —", "(dpa)": a credit in parentheses
        if org.kind == "agency" and m.text[org.start - 1 : org.start] == "(":
            via.append(org.name)
    ordered = sorted(dict.fromkeys(claimants), key=lambda n: positions.get(n, s.start))
    return ordered, via


def report_org(m: Mentions, s: Sentence, cue: TermHit) -> str | None:
    """The organisation next to a release word ("issued by ...", "X said today")."""
    orgs = m.orgs.within(max(s.start, cue.start - 100 - _LONGEST_NAME), min(s.end, cue.end + 101))
    near = [
        k
        for k, o in enumerate(orgs)
        if o.kind not in INTERMEDIARY_KINDS
        and adjacent(m.text, o, cue, 100)
        and not _not_speaker(m.text, o, orgs[k - 1] if k else None)
    ]
    if not near:
        return None
    k = min(near, key=lambda k: abs(orgs[k].start - cue.start))
    if k + 1 < len(orgs) and _POSSESSIVE.fullmatch(m.text, orgs[k].end, orgs[k + 1].start):
        return orgs[k + 1].name  # "the OPCW's Investigation and Identification Team said"
    return orgs[_chain_head(m.text, orgs, k)].name


def report_authors(m: Mentions, s: Sentence, cue: TermHit, sender: str) -> list[str]:
    """``transmitted the seventh report of the JIM``: the author of the report sent."""
    out = []
    for noun in m.cue("relay_nouns", cue.end, min(s.end, cue.end + 80)):
        if not _SOURCE_AFTER.match(m.text, noun.end):
            continue
        for org in m.orgs.within(noun.end, s.end):
            near = org.start <= noun.end + NEAR_ACCORDING
            if near and org.name != sender and org.kind not in INTERMEDIARY_KINDS:
                out.append(org.name)
            break
        break
    return out
