"""Folded copies of text for pattern scanning, and phrase lists compiled as regex tries.

The date and count finders match lower-cased, accent-free, Arabic-folded text with
ASCII digits, then report spans in the original text: :class:`FoldedText` keeps the
offset map. Folding is the one-character part of :func:`qarina.core.textnorm.fold` as one
``str.translate`` (same length) plus, only when the text has Arabic diacritics, tatweel or
combining accents, their removal with an index of the characters kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from qarina.core.textnorm import fold

__all__ = ["FoldedText", "fold_for_scan", "fold_phrase", "phrase_pattern", "words_pattern"]

# Characters folded beyond what qarina.core.textnorm folds: Arabic decimal and thousands
# separators, the minus sign, bidi marks and guillemets.
_EXTRA = {
    "\u066c": ",",
    "\u066b": ".",
    "\u2212": "-",
    "\u200f": " ",
    "\u200e": " ",
    "\u00ab": '"',
    "\u00bb": '"',
}
_FOLDED_BLOCKS = ((0x41, 0x250), (0x300, 0x370), (0x600, 0x700), (0xA0, 0xC0), (0x2000, 0x2070))


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
def _fold_tables() -> tuple[dict[int, str], str, re.Pattern[str]]:
    """One-character folds of :func:`qarina.core.textnorm.fold`, as a translation table,
    and the characters it deletes (Arabic marks, tatweel, combining accents)."""
    table: dict[int, str] = {}
    dropped = []
    for low, high in _FOLDED_BLOCKS:
        for cp in range(low, high):
            folded = fold(chr(cp))
            if not folded:
                dropped.append(chr(cp))
            elif len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    table.update({ord(k): v for k, v in _EXTRA.items()})
    deleted = "".join(dropped)
    return table, deleted, re.compile(f"[{re.escape(deleted)}]")


def fold_for_scan(text: str) -> FoldedText:
    """Fold case, Latin accents, Arabic letter variants, digits and punctuation as
    :func:`qarina.core.textnorm.fold` does, one character for one; drop the characters it
    deletes (Arabic marks, tatweel) and keep the offsets of the others."""
    table, deleted, deleted_re = _fold_tables()
    folded = text.translate(table)
    if deleted_re.search(folded) is None:
        return FoldedText(folded, None)
    keep = [i for i, ch in enumerate(folded) if ch not in deleted]
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
