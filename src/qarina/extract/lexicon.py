"""Multilingual term lexicons: load the JSON data files once, match terms fast.

A :class:`TermMatcher` holds the aliases of a lexicon as a trie of word tokens and
walks it over the tokens of the folded text (``qarina.core.textnorm.fold_keep_offsets``
semantics, one character for one character), so matching ignores case, accents, Arabic
letter variants and spacing while offsets still point into the original text. Arabic
words also match with their proclitics (و ف ب ل ك, لل for ال) in front; acronyms are
matched case-sensitively on the original tokens; a few German compound stems are found
inside words. Matching is linear in the text: one dictionary look-up per token.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from qarina.core.textnorm import fold
from qarina.extract.tokens import Tokens, Trie, fold_offsets, insert, raw_keys, split, tokenise


def _trie_pattern(keys: Iterable[str]) -> str:
    """A regex alternation shaped as a trie: each position tries each first letter once."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    optional = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


def folded_forms(term: str) -> set[str]:
    """A lexicon term folded as texts are (one character for one, "ß" -> "s") and fully
    ("ß" -> "ss"): the text side keeps offsets, so both spellings must be in the trie."""
    return {fold(term), fold_offsets(term)}


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


def _alternation(keys: Iterable[str]) -> str:
    return _trie_pattern(set(keys))


def _longest(trie: Trie, keys: list[str], i: int, first: str) -> tuple[int, str]:
    """Index of the last token of the longest alias starting at ``i``, and its value."""
    best, value = -1, ""
    node = trie.get(first)
    j, n = i, len(keys)
    while node is not None:
        if "" in node:
            best, value = j, node[""]
        j += 1
        node = node.get(keys[j]) if j < n else None
    return best, value


def _walk(trie: Trie, tokens: Tokens, keys: list[str], text: str) -> list[TermHit]:
    """Longest alias at every token where one starts (candidates found at C speed)."""
    candidates = [i for i, key in enumerate(keys) if key in trie]
    if tokens.variants and keys is tokens.keys:
        candidates = sorted(set(candidates) | set(tokens.variants))
    hits = []
    for i in candidates:
        best, value = -1, ""
        for first in tokens.variants.get(i, (keys[i],)) if keys is tokens.keys else (keys[i],):
            end, found = _longest(trie, keys, i, first)
            if end > best:
                best, value = end, found
        if best >= 0:
            start, stop = tokens.starts[i], tokens.ends[best]
            hits.append(TermHit(start, stop, text[start:stop], value))
    return hits


class TermMatcher:
    """Find the longest non-overlapping aliases of a ``{alias: value}`` table in a text.

    Aliases and text are cut into word tokens once; a trie of aliases is walked from each
    token, so matching costs one dictionary look-up per token and never backtracks.
    """

    def __init__(
        self,
        terms: Mapping[str, str],
        case_sensitive: Mapping[str, str] | None = None,
        stems: Mapping[str, str] | None = None,
    ) -> None:
        self._trie: Trie = {}
        for alias, value in terms.items():
            for key in folded_forms(alias):
                insert(self._trie, key, value)
        self._cs_trie: Trie = {}
        for alias, value in (case_sensitive or {}).items():
            insert(self._cs_trie, alias, value)
        self._stem_values = {k: v for s, v in (stems or {}).items() for k in folded_forms(s)}
        stem_alt = _alternation(self._stem_values)
        self._stems = re.compile(stem_alt) if self._stem_values else None

    def find(self, text: str, folded: str | None = None) -> list[TermHit]:
        """All matches, longest first at each position, never overlapping."""
        folded = fold_offsets(text) if folded is None else folded
        hits: list[TermHit] = []
        tokens = tokenise(folded)
        if self._trie:
            hits.extend(_walk(self._trie, tokens, tokens.keys, text))
        if self._cs_trie:
            hits.extend(_walk(self._cs_trie, tokens, raw_keys(text, folded), text))
        if self._stems is not None:
            hits.extend(self._stem_hits(text, folded))
        return _without_overlaps(hits)

    def _stem_hits(self, text: str, folded: str) -> list[TermHit]:
        """Whole words that contain a stem (German compounds: Armeehubschrauber)."""
        assert self._stems is not None
        hits = []
        last_end = -1
        for m in self._stems.finditer(folded):
            if m.start() < last_end:
                continue
            start, end = m.start(), m.end()
            while start > 0 and folded[start - 1].isalnum():
                start -= 1
            while end < len(folded) and folded[end].isalnum():
                end += 1
            last_end = end
            hits.append(TermHit(start, end, text[start:end], self._stem_values[m.group()]))
        return hits


class MultiMatcher:
    """Several word lists matched in one walk: ``{list name: hits}``, longest per list."""

    def __init__(self, tables: Mapping[str, Iterable[str]]) -> None:
        self._trie: Trie = {}
        self._names = list(tables)
        for name, words in tables.items():
            for word in words:
                for form in folded_forms(word):
                    node = self._trie
                    for _, _, key in split(form):
                        node = node.setdefault(key, {})
                    if node is not self._trie:
                        node.setdefault("", {}).setdefault(name, word)

    def find(self, text: str, folded: str | None = None) -> dict[str, list[TermHit]]:
        """Hits of every list, each list without overlaps, in text order."""
        folded = fold_offsets(text) if folded is None else folded
        tokens = tokenise(folded)
        keys, trie = tokens.keys, self._trie
        found: dict[str, list[TermHit]] = {name: [] for name in self._names}
        candidates = [i for i, key in enumerate(keys) if key in trie]
        if tokens.variants:
            candidates = sorted(set(candidates) | set(tokens.variants))
        n = len(keys)
        for i in candidates:
            best: dict[str, tuple[int, str]] = {}
            for first in tokens.variants.get(i, (keys[i],)):
                node = trie.get(first)
                j = i
                while node is not None:
                    for name, word in node.get("", {}).items():
                        if j > best.get(name, (-1, ""))[0]:
                            best[name] = (j, word)
                    j += 1
                    node = node.get(keys[j]) if j < n else None
            start = tokens.starts[i]
            for name, (last, word) in best.items():
                end = tokens.ends[last]
                found[name].append(TermHit(start, end, text[start:end], word))
        return {name: _without_overlaps(hits) for name, hits in found.items()}


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
def lists_matcher(resource: str, keys: tuple[str, ...]) -> MultiMatcher:
    """One matcher over several flat word lists of a resource."""
    data = load_resource(resource)
    return MultiMatcher({k: data[k] for k in keys})
