"""Multilingual term lexicons: load the JSON data files once, match terms fast.

A :class:`TermMatcher` compiles every alias of a lexicon into one regular expression
over the folded text (``qarina.core.textnorm.fold_keep_offsets``), so matching ignores
case, accents and Arabic letter variants while offsets still point into the original
text. Arabic aliases accept the common one-letter clitics (و ف ب ل ك) in front; all-caps
acronyms are matched case-sensitively on the original text. Alternations are sorted
longest first and have no nested quantifiers, so matching is linear in the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from qarina.core.textnorm import fold, fold_keep_offsets

_ARABIC = re.compile("[\u0600-\u06ff]")
_LEFT = r"(?<![^\W_])"
_RIGHT = r"(?![^\W_])"


@dataclass(frozen=True, slots=True)
class TermHit:
    """One lexicon term found in a text: offsets into the original text and its value."""

    start: int
    end: int
    text: str
    value: str


@cache
def load_resource(name: str) -> Any:
    """Parse ``resources/lexicon/<name>.json`` once per process."""
    path = resources.files("qarina.extract").joinpath("resources", "lexicon", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _arabic_pattern(key: str) -> str:
    """Pattern for a folded Arabic alias, allowing proclitics (و ف ب ل ك, لل for ال)."""
    if key.startswith("\u0627\u0644"):
        rest = re.escape(key[2:])
        return f"(?:[\u0648\u0641]?(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644)){rest}"
    return f"(?:[\u0648\u0641]?[\u0628\u0644\u0643]?){re.escape(key)}"


def _alternation(keys: Iterable[str], arabic: bool) -> str:
    ordered = sorted(set(keys), key=lambda k: (-len(k), k))
    return "|".join(_arabic_pattern(k) if arabic else re.escape(k) for k in ordered)


class TermMatcher:
    """Find the longest non-overlapping aliases of a ``{alias: value}`` table in a text."""

    def __init__(
        self,
        terms: Mapping[str, str],
        case_sensitive: Mapping[str, str] | None = None,
        stems: Mapping[str, str] | None = None,
    ) -> None:
        self._values: dict[str, str] = {}
        latin: list[str] = []
        arabic: list[str] = []
        for alias, value in terms.items():
            key = fold(alias).strip()
            if not key:
                continue
            self._values.setdefault(key, value)
            (arabic if _ARABIC.search(key) else latin).append(key)
        parts = []
        if latin:
            parts.append(f"{_LEFT}(?:{_alternation(latin, False)}){_RIGHT}")
        if arabic:
            parts.append(f"{_LEFT}(?:{_alternation(arabic, True)}){_RIGHT}")
        self._folded = re.compile("|".join(parts)) if parts else None
        self._cs_values = dict(case_sensitive or {})
        cs_alt = _alternation(self._cs_values, False)
        self._cs = re.compile(f"{_LEFT}(?:{cs_alt}){_RIGHT}") if self._cs_values else None
        self._stem_values = {fold(s): v for s, v in (stems or {}).items()}
        stem_alt = _alternation(self._stem_values, False)
        self._stems = re.compile(f"\\w*(?:{stem_alt})\\w*") if self._stem_values else None

    def _value_of(self, folded_match: str) -> str | None:
        key = folded_match.replace("\u200b", "")
        if key in self._values:
            return self._values[key]
        for cut in (1, 2, 3, 4):  # Arabic proclitics in front of the alias
            stripped = key[cut:]
            if stripped in self._values:
                return self._values[stripped]
            if key[cut - 1 : cut + 1] == "\u0644\u0644" and "\u0627" + stripped in self._values:
                return self._values["\u0627" + stripped]
        return None

    def find(self, text: str, folded: str | None = None) -> list[TermHit]:
        """All matches, longest first at each position, never overlapping."""
        folded = fold_keep_offsets(text) if folded is None else folded
        hits: list[TermHit] = []
        if self._folded is not None:
            for m in self._folded.finditer(folded):
                value = self._value_of(m.group())
                if value is not None:
                    hits.append(TermHit(m.start(), m.end(), text[m.start() : m.end()], value))
        if self._cs is not None:
            for m in self._cs.finditer(text):
                hits.append(TermHit(m.start(), m.end(), m.group(), self._cs_values[m.group()]))
        if self._stems is not None:
            hits.extend(self._stem_hits(text, folded))
        return _without_overlaps(hits)

    def _stem_hits(self, text: str, folded: str) -> list[TermHit]:
        assert self._stems is not None
        hits = []
        for m in self._stems.finditer(folded):
            word = m.group()
            for stem, value in self._stem_values.items():
                if stem in word:
                    hits.append(TermHit(m.start(), m.end(), text[m.start() : m.end()], value))
                    break
        return hits


def _without_overlaps(hits: list[TermHit]) -> list[TermHit]:
    """Keep the longest hit where hits overlap; return them in text order."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[TermHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def invert(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """``{value: [alias, ...]}`` to ``{alias: value}`` (first value wins for an alias)."""
    out: dict[str, str] = {}
    for value, aliases in table.items():
        for alias in aliases:
            out.setdefault(alias, value)
    return out


@cache
def word_matcher(resource: str, key: str) -> TermMatcher:
    """A matcher over one flat word list of a resource; each hit's value is the alias."""
    words = load_resource(resource)[key]
    return TermMatcher({w: w for w in words})
