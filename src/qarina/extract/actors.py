"""Organisations, governments and perpetrators named in a text, normalised.

Organisations come from ``resources/lexicon/organizations.json`` (canonical name, kind,
family, aliases in many languages, case-sensitive acronyms); perpetrators from
``perpetrators.json``; governments from ``governments.json`` (kept only where they speak,
which :mod:`qarina.extract.attribution` decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from qarina.extract.lexicon import TermHit, TermMatcher, invert, load_resource

_RUN_IN = re.compile(r"(?<=[a-z\u00e0-\u00ff])(?:Reuters|AFP|Getty Images)(?![^\W_])")
_DATELINE_AFTER = re.compile(r"\s*\((?:AP|AFP|dpa|Reuters|DPA)\)")
_HYPHEN_AFTER = re.compile(r"[-\u2010\u2011]\w")
_VIA_PREFIX = re.compile(r"(?:via|archived by|copy of|hosted on|transcript hosted on)\b.*", re.I)


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """What the lexicon knows about one canonical organisation."""

    name: str
    kind: str  # agency, media, ngo, un, opcw, jim, government, other
    family: str


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation named in the text."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    family: str


@dataclass(frozen=True, slots=True)
class PerpetratorMention:
    """An alleged perpetrator named in the text, with its normalised value."""

    start: int
    end: int
    text: str
    value: str


@cache
def org_table() -> dict[str, OrgInfo]:
    """Canonical organisation name -> :class:`OrgInfo`."""
    table = {}
    for entry in load_resource("organizations")["organizations"]:
        table[entry["name"]] = OrgInfo(entry["name"], entry["kind"], entry["family"])
    for name in load_resource("governments")["governments"]:
        table.setdefault(name, OrgInfo(name, "government", name))
    return table


@cache
def _org_matcher() -> TermMatcher:
    terms: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for entry in load_resource("organizations")["organizations"]:
        for alias in entry["aliases"]:
            terms.setdefault(alias, entry["name"])
        for alias in entry.get("cs", []):
            acronyms.setdefault(alias, entry["name"])
    for phrase in load_resource("organizations").get("not_organizations", []):
        terms[phrase] = ""
    return TermMatcher(terms, case_sensitive=acronyms)


@cache
def _government_matcher() -> TermMatcher:
    table = load_resource("governments")["governments"]
    short = {a: n for n, aliases in table.items() for a in aliases if a.isupper() or "." in a}
    long = {a: n for n, aliases in table.items() for a in aliases if a not in short}
    return TermMatcher(long, case_sensitive=short)


@cache
def _perpetrator_matcher() -> TermMatcher:
    data = load_resource("perpetrators")
    return TermMatcher(invert(data["perpetrators"]), case_sensitive=invert(data.get("cs", {})))


def _is_dateline(text: str, hit: TermHit) -> bool:
    """``UNITED NATIONS (AP) —``: a place name in capitals before an agency credit."""
    return hit.text.isupper() and len(hit.text) > 3 and bool(_DATELINE_AFTER.match(text, hit.end))


def _is_modifier(text: str, hit: TermHit) -> bool:
    """``UN-appointed``, ``UN-led``: the acronym qualifies another word, it is not an actor."""
    return hit.text in ("UN", "ONU") and bool(_HYPHEN_AFTER.match(text, hit.end))


def find_organizations(text: str, folded: str | None = None) -> list[OrgMention]:
    """Every organisation named in ``text`` (aliases, translations, acronyms, credits)."""
    table = org_table()
    hits = [
        h
        for h in _org_matcher().find(text, folded)
        if h.value and not _is_dateline(text, h) and not _is_modifier(text, h)
    ]
    for m in _RUN_IN.finditer(text):  # photo credits run into captions: "AleppoReuters"
        name = "AFP" if m.group() == "AFP" else m.group()
        if name in table:
            hits.append(TermHit(m.start(), m.end(), m.group(), name))
    hits.sort(key=lambda h: h.start)
    named = [
        OrgMention(h.start, h.end, h.text, h.value, table[h.value].kind, table[h.value].family)
        for h in hits
    ]
    return _with_short_forms(text, named)


_SHORT_FORM = re.compile(
    r"\b[Tt]he (Mechanism|Commission|Council|Assembly|Court|Panel|Mission|Team|Organi[sz]ation)\b"
)


def _with_short_forms(text: str, named: list[OrgMention]) -> list[OrgMention]:
    """``the Mechanism``, ``the Council``: the latest organisation named with that word."""
    if not named:
        return named
    out = list(named)
    k = 0
    for m in _SHORT_FORM.finditer(text):
        while k < len(named) and named[k].end <= m.start():
            k += 1
        word = m.group(1).lower().replace("organisation", "organization")
        for j in range(k - 1, max(-1, k - 50), -1):
            org = named[j]
            if word in org.name.lower().replace("organisation", "organization") or (
                word in org.text.lower().replace("organisation", "organization")
            ):
                out.append(
                    OrgMention(m.start(), m.end(), m.group(), org.name, org.kind, org.family)
                )
                break
    return sorted(out, key=lambda o: o.start)


_CONJUNCTION = re.compile(r" (?:and|et|y|e|und) ")


def named_parts(mention: OrgMention) -> list[str]:
    """Organisations a compound description names as its parts: "the joint investigation by
    the United Nations and the OPCW" names the UN and the OPCW as well as the mechanism."""
    if not _CONJUNCTION.search(mention.text):
        return []
    inner = mention.text[1:]  # off by one: the whole description no longer matches
    return [h.value for h in _org_matcher().find(inner) if h.value and h.value != mention.name]


def find_governments(text: str, folded: str | None = None) -> list[OrgMention]:
    """Countries and capitals that may stand for a government (speaker test elsewhere)."""
    table = org_table()
    return [
        OrgMention(h.start, h.end, h.text, h.value, "government", table[h.value].family)
        for h in _government_matcher().find(text, folded)
    ]


def find_perpetrators(text: str, folded: str | None = None) -> list[PerpetratorMention]:
    """Every armed actor named in ``text`` with its normalised value."""
    return [
        PerpetratorMention(h.start, h.end, h.text, h.value)
        for h in _perpetrator_matcher().find(text, folded)
    ]


_REPOST = re.compile(r"\b(?:copy of|copied from|repost(?:ed)?|mirror(?:ed)? of)\b", re.I)


def is_repost(publisher: str | None) -> bool:
    """The page is a verbatim copy of someone else's (``copy of ...``, ``reposted``)."""
    return bool(publisher and _REPOST.search(publisher))


def publisher_organization(publisher: str | None) -> OrgInfo | None:
    """The organisation a ``publisher`` string names first (before "via", "archived by")."""
    if not publisher:
        return None
    head = _VIA_PREFIX.sub("", publisher)
    head = head.split(";")[0]
    found = find_organizations(head) or find_governments(head)
    if not found:
        return None
    return org_table()[found[0].name]
