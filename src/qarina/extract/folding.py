"""Folded copies of text for pattern scanning, and phrase lists compiled as regex tries.

The date and count finders match lower-cased, accent-free, Arabic-folded text with
ASCII digits, then report spans in the original text: :class:`FoldedText` keeps the
offset map. Folding is one ``str.translate`` (same length) plus, only when the text has
Arabic diacritics or tatweel, their removal with an index of the characters kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = ["FoldedText", "fold_for_scan", "fold_phrase", "phrase_pattern", "words_pattern"]

_DROPPED = "\u0640" + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
_DROP_RE = re.compile(f"[{_DROPPED}]")
_ARABIC = {"آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي", "ی": "ي", "ة": "ه"}
_PUNCT = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200f": " ",
    "\u200e": " ",
    "\u060c": ",",
    "\u066c": ",",
    "\u066b": ".",
    "\u061b": ";",
    "\u00ab": '"',
    "\u00bb": '"',
}


class FoldedText(NamedTuple):
    """A lower-cased, accent- and Arabic-folded copy of a text with an offset map back."""

    text: str
    positions: list[int] | None  # folded position -> original position; None: identical

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text of ``self.text[start:end]`` (``start < end``)."""
        if self.positions is None:
            return start, end
        return self.positions[start], self.positions[end - 1] + 1


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x41, 0x250):  # Latin: lower case, first character of the decomposition
        base = unicodedata.normalize("NFD", chr(cp))[0].lower()
        if len(base) == 1 and base != chr(cp):
            table[cp] = base
    table.update({ord(k): v for k, v in _ARABIC.items()})
    table.update({0x0660 + i: str(i) for i in range(10)})  # Arabic-Indic digits
    table.update({0x06F0 + i: str(i) for i in range(10)})  # Extended Arabic-Indic digits
    table.update({ord(k): v for k, v in _PUNCT.items()})
    return table


def fold_for_scan(text: str) -> FoldedText:
    """Fold case, Latin accents, Arabic letter variants and digits; drop Arabic marks."""
    folded = text.translate(_fold_table())
    if _DROP_RE.search(folded) is None:
        return FoldedText(folded, None)
    keep = [i for i, ch in enumerate(folded) if ch not in _DROPPED]
    return FoldedText("".join(folded[i] for i in keep), keep)


def fold_phrase(phrase: str) -> str:
    """The folded form of a lexicon entry."""
    return fold_for_scan(phrase).text


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases as a prefix trie (fast to try, no backtracking).

    A space in a phrase matches one to three whitespace characters.
    """
    trie: dict[str, Any] = {}
    for phrase in {fold_phrase(p) for p in phrases if p}:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def words_pattern(phrases: Iterable[str]) -> str:
    """Like :func:`phrase_pattern`, only where the phrase is whole words."""
    return r"(?<!\w)" + phrase_pattern(phrases) + r"(?!\w)"


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s{1,3}" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
