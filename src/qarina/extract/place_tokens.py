"""Word tokens of a text with what place matching needs to know about each.

Features that depend only on the word (keys, case, script) are cached per distinct word;
only offsets and the gap to the next word are computed per occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qarina.extract.place_keys import LATIN_ARTICLES, TOKEN, folded_token, is_arabic, token_key

_JOINERS = " -\u2010\u2011\u2013\u00a0"
_HYPHENS = "-\u2010\u2011"
_ELISION = re.compile("(?:[dDlLjJmMnNsStTcC]|[qQ][uU])['\u2019]")
_POSSESSIVE = re.compile("['\u2019][sS]$")


@dataclass(frozen=True, slots=True)
class Word:
    """What matching needs to know about one distinct word."""

    key: str  # exact key (token_key)
    folded: str  # folded word with its Arabic article (for clitic stripping)
    cased: str  # "c" capitalised or Arabic, "u" all capitals, "a" acronym, "l" lower case
    arabic: bool
    article: bool  # a Latin article (al, el, ash…)
    camel: bool  # inner capitals (MaqamBab): glued words, no spelling-skeleton match


@dataclass(frozen=True, slots=True)
class Token:
    """One occurrence of a word in a text."""

    start: int
    end: int
    word: Word
    joins_next: bool  # only spaces or a hyphen before the next word
    hyphen_next: bool  # "al-Bab": joined to the next word by a hyphen


def casing(raw: str, arabic: bool) -> str:
    """``c`` capitalised (or Arabic), ``u`` all capitals, ``a`` acronym, ``l`` lower case."""
    if arabic:
        return "c"
    if raw.isupper() and len(raw) > 1:
        return "u" if len(raw) > 3 else "a"  # UN, HRW, AFP: acronyms, names only if listed so
    return "c" if raw[:1].isupper() else "l"


@lru_cache(maxsize=1 << 16)
def describe_word(raw: str) -> Word:
    """The cached features of one word."""
    key = token_key(raw)
    arabic = is_arabic(key)
    return Word(
        key=key,
        folded=folded_token(raw) if arabic else key,
        cased=casing(raw, arabic),
        arabic=arabic,
        article=not arabic and key in LATIN_ARTICLES,
        camel=not raw.isupper() and any(ch.isupper() for ch in raw[1:]),
    )


def _trim(start: int, end: int, raw: str) -> tuple[int, int, str]:
    """Drop an elided article (``d'Alep``, ``l'Idleb``) and a possessive (``Syria's``)."""
    elided = _ELISION.match(raw)
    if elided and len(raw) - elided.end() >= 2:
        start, raw = start + elided.end(), raw[elided.end() :]
    if len(raw) > 3 and _POSSESSIVE.search(raw):
        end, raw = end - 2, raw[:-2]
    return start, end, raw


def tokenise(text: str) -> list[Token]:
    """Every word of ``text`` in order, with its offsets and its link to the next word."""
    found: list[tuple[int, int, str]] = []
    for m in TOKEN.finditer(text):
        raw = m.group()
        if "'" in raw or "\u2019" in raw:
            found.append(_trim(m.start(), m.end(), raw))
        else:
            found.append((m.start(), m.end(), raw))
    out: list[Token] = []
    last = len(found) - 1
    for i, (start, end, raw) in enumerate(found):
        gap = text[end : found[i + 1][0]] if i < last else "."
        joins = len(gap) <= 3 and not gap.strip(_JOINERS)
        hyphen = joins and any(h in gap for h in _HYPHENS)
        out.append(Token(start, end, describe_word(raw), joins, hyphen))
    return out
