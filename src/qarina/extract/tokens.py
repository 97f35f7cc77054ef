"""Word tokens of a folded text, shared by every lexicon matcher of a document.

``fold_offsets`` folds case, accents, Arabic letter variants and digits one character for
one character (``qarina.core.textnorm.fold_keep_offsets`` semantics) at C speed; ``tokens``
cuts the folded text into words and punctuation once (cached), and keeps, for Arabic
words, the forms with proclitics stripped (و ف ب ل ك, لل for ال).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qarina.core.textnorm import fold_keep_offsets

_ARABIC = re.compile("[\u0600-\u06ff]")


_FOLD_CACHE: dict[int, str] = {}


def fold_offsets(text: str) -> str:
    """``fold_keep_offsets`` at C speed: one translate table, filled per new character."""
    for ch in set(text).difference(map(chr, _FOLD_CACHE)) if len(_FOLD_CACHE) < 4096 else set(text):
        code = ord(ch)
        if code not in _FOLD_CACHE:
            _FOLD_CACHE[code] = fold_keep_offsets(ch)
    return text.translate(_FOLD_CACHE)


_TOKEN = re.compile(r"[\w\u200b]+|[^\w\s\u200b]")
_PROCLITIC_1 = "\u0648\u0641"  # و ف
_PROCLITIC_2 = "\u0628\u0644\u0643"  # ب ل ك


@dataclass(frozen=True, slots=True)
class Tokens:
    """Word and punctuation tokens of one text: parallel lists, shared by every matcher."""

    starts: list[int]
    ends: list[int]
    keys: list[str]  # folded spelling
    variants: dict[int, tuple[str, ...]]  # Arabic tokens: keys with proclitics stripped


def _clitic_variants(key: str) -> tuple[str, ...]:
    """An Arabic word with its proclitics stripped: وبالكلور -> بالكلور, الكلور; للأمم -> الأمم."""
    bases = [key]
    if key[0] in _PROCLITIC_1 and len(key) > 2:
        bases.append(key[1:])
    out = []
    for base in bases:
        out.append(base)
        if base[0] in _PROCLITIC_2 and len(base) > 2:
            out.append(base[1:])
        if base.startswith("\u0644\u0644") and len(base) > 3:
            out.append("\u0627" + base[1:])
    return tuple(dict.fromkeys(out))


def split(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        key = m.group().replace("\u200b", "")
        if key:
            out.append((m.start(), m.end(), key))
    return out


@lru_cache(maxsize=8)
def tokenise(folded: str) -> Tokens:
    """Tokens of a folded text (cached: every matcher of a document shares them)."""
    starts: list[int] = []
    ends: list[int] = []
    keys: list[str] = []
    variants: dict[int, tuple[str, ...]] = {}
    for m in _TOKEN.finditer(folded):
        key = m.group()
        if "\u200b" in key:
            key = key.replace("\u200b", "")
            if not key:
                continue
        if _ARABIC.match(key):
            forms = _clitic_variants(key)
            if len(forms) > 1:
                variants[len(keys)] = forms
        starts.append(m.start())
        ends.append(m.end())
        keys.append(key)
    return Tokens(starts, ends, keys, variants)


@lru_cache(maxsize=8)
def raw_keys(text: str, folded: str) -> list[str]:
    """The original spelling of the folded tokens (same offsets), for acronyms."""
    tokens = tokenise(folded)
    return [text[a:b] for a, b in zip(tokens.starts, tokens.ends, strict=True)]


Trie = dict[str, Any]


def insert(trie: Trie, alias: str, value: str) -> None:
    node = trie
    for _, _, key in split(alias):
        node = node.setdefault(key, {})
    if node is not trie:
        node.setdefault("", value)
