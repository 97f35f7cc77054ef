"""Legal references: UN resolutions, treaties, Chapter VII, OPCW decisions.

Values follow the corpus contract: ``UNSC 2118``, ``UNGA 71/248``, ``CWC``, ``Rome
Statute``, ``UN Charter``, ``UN Charter Chapter VII``, ``Geneva Protocol 1925``, ``Hague
Declaration 1899``, ``OPCW C-SS-4/DEC.3``. A resolution named without its number is
recognised from a small table of known resolutions (adoption date, body, subject).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from qarina.core.textnorm import fold
from qarina.extract.lexicon import TermHit, TermMatcher, invert, load_resource
from qarina.extract.tokens import fold_offsets

_SC_SYMBOL = re.compile(r"\bS/RES/(\d{1,4})\b")
_GA_SYMBOL = re.compile(r"\bA/(?:RES/)?(\d{1,2})/(\d{1,3})\b")
_OPCW_DECISION = re.compile(r"\b((?:EC|C)(?:-[A-Z]{1,3})?-\d{1,3}/DEC\.\d{1,3})\b")
_ITEM = re.compile(
    r"[ \t]*(?:no\.?[ \t]*|n[°º][ \t]*|\u0631\u0642\u0645[ \t]*)?\(?[ \t]*"
    r"(?:(?:A/(?:RES/)?)?(?P<session>\d{1,2})/(?P<num>\d{1,3})(?!\d)"
    r"|(?:S/RES/)?(?P<sc>\d{2,4})(?:-(?:19|20)\d\d)?(?![\d/]))"
    r"\)?(?:[ \t]*\((?:19|20)\d\d\))?",
    re.I,
)
_SEPARATOR = re.compile(
    r"[ \t]*(?:,|and|et|y|e|und|\u0648)[ \t]*"
    r"(?:(?:resolutions?|r\u00e9solutions?|resoluci\u00f3n|resolu\u00e7\u00e3o|resolution)[ \t]*)?",
    re.I,
)
_CHARTER_AFTER = 60


class DatedSpan(Protocol):
    """Anything with offsets and a resolved start date (a date mention)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def date_start(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class LegalRef:
    """A normalised legal reference and the text it was read from."""

    start: int
    end: int
    text: str
    value: str


@cache
def _matchers() -> dict[str, TermMatcher]:
    data = load_resource("legal")
    return {
        "instrument": TermMatcher(invert(data["instruments"])),
        "chapter": TermMatcher({w: w for w in data["chapter_vii"]}),
        "resolution": TermMatcher({w: w for w in data["resolution_words"]}),
    }


def _numbers_after(text: str, pos: int) -> list[tuple[int, str]]:
    """Resolution numbers listed right after a resolution word: ``2235 (2015) and 2319``."""
    found: list[tuple[int, str]] = []
    for _ in range(8):
        m = _ITEM.match(text, pos)
        if m is None:
            break
        if m.group("sc"):
            found.append((m.end(), f"UNSC {int(m.group('sc'))}"))
        else:
            found.append((m.end(), f"UNGA {int(m.group('session'))}/{int(m.group('num'))}"))
        pos = m.end()
        sep = _SEPARATOR.match(text, pos)
        if sep is None or sep.end() == pos:
            break
        pos = sep.end()
    return found


def _resolution_refs(text: str, words: list[TermHit]) -> list[LegalRef]:
    refs = []
    for word in words:
        for end, value in _numbers_after(text, word.end):
            refs.append(LegalRef(word.start, end, text[word.start : end], value))
    for m in _SC_SYMBOL.finditer(text):
        refs.append(LegalRef(m.start(), m.end(), m.group(), f"UNSC {int(m.group(1))}"))
    for m in _GA_SYMBOL.finditer(text):
        value = f"UNGA {int(m.group(1))}/{int(m.group(2))}"
        refs.append(LegalRef(m.start(), m.end(), m.group(), value))
    return refs


def _charter_refs(text: str, folded: str) -> list[LegalRef]:
    m = _matchers()
    chapters = m["chapter"].find(text, folded)
    refs = [LegalRef(h.start, h.end, h.text, "UN Charter Chapter VII") for h in chapters]
    for hit in m["instrument"].find(text, folded):
        if hit.value == "UN Charter" and any(
            0 <= hit.start - c.end <= _CHARTER_AFTER for c in chapters
        ):
            continue  # "Chapter VII of the UN Charter" is one reference
        refs.append(LegalRef(hit.start, hit.end, hit.text, hit.value))
    return refs


_DRAFT_BEFORE = re.compile(r"(?:draft|projet de|proyecto de|projeto de|مشروع)\s*$")


def _known_resolutions(
    text: str, folded: str, words: list[TermHit], dates: Sequence[DatedSpan], explicit: set[str]
) -> list[LegalRef]:
    """Resolutions identified by adoption date or subject next to a resolution word."""
    refs = []
    bodies = {h.value for h in _body_matcher().find(text, folded)}
    for entry in load_resource("legal")["known_resolutions"]:
        prefix = entry["ref"].split()[0]
        if any(v.startswith(prefix) for v in explicit) or entry["body"] not in bodies:
            continue
        subjects = [fold(s) for s in entry["subject"]]
        starts = sorted(d.start for d in dates if d.date_start == entry["date"])
        for word in words:
            if _DRAFT_BEFORE.search(folded, max(0, word.start - 16), word.start):
                continue  # "a draft resolution that would have extended": not adopted
            window = slice(max(0, word.start - 200), word.end + 200)
            k = bisect.bisect_left(starts, window.start)
            by_date = k < len(starts) and starts[k] < window.stop
            by_subject = any(s in folded[window] for s in subjects)
            if by_date or by_subject:
                refs.append(LegalRef(word.start, word.end, word.text, entry["ref"]))
                break
    return refs


@cache
def _body_matcher() -> TermMatcher:
    terms = {}
    for entry in load_resource("organizations")["organizations"]:
        if entry["name"] in ("UN General Assembly", "UN Security Council"):
            terms.update({a: entry["name"] for a in entry["aliases"]})
    return TermMatcher(terms)


def find_legal_refs(
    text: str, dates: Sequence[DatedSpan] = (), folded: str | None = None
) -> list[LegalRef]:
    """Every legal reference in ``text``, in text order (duplicates kept, with offsets)."""
    folded = fold_offsets(text) if folded is None else folded
    words = _matchers()["resolution"].find(text, folded)
    refs = _resolution_refs(text, words)
    refs += _charter_refs(text, folded)
    refs += [
        LegalRef(m.start(), m.end(), m.group(), f"OPCW {m.group(1)}")
        for m in _OPCW_DECISION.finditer(text)
    ]
    explicit = {r.value for r in refs if r.value.startswith(("UNSC", "UNGA"))}
    refs += _known_resolutions(text, folded, words, dates, explicit)
    return sorted(refs, key=lambda r: r.start)


def legal_values(refs: Sequence[LegalRef]) -> list[str]:
    """Distinct values in order of first mention."""
    return list(dict.fromkeys(r.value for r in refs))
