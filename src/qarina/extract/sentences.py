"""Sentence splitting with character offsets into the original text.

Lines are always boundaries (headlines, captions, list items); inside a line a sentence
ends at ``.``, ``!``, ``?``, ``؟`` or ``…`` followed by white space and a capital letter,
a quote, a digit or an Arabic letter, unless the full stop closes a known abbreviation
or a single initial. One linear scan, no backtracking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "sgt",
        "st",
        "no",
        "nos",
        "vol",
        "art",
        "para",
        "paras",
        "p",
        "pp",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "u.s",
        "u.k",
        "u.n",
        "approx",
        "ca",
        "cf",
        "al",
        "sr",
        "jr",
        "mt",
        "ft",
        "av",
        "avda",
        "sra",
        "sr",
        "dra",
        "nº",
        "n°",
    ]
)
_END = re.compile(
    r"(?<![.!?\u061f\u2026])[.!?\u061f\u2026]++[\"'\u201d\u2019»)\]]*+"
    r"(?=[ \t]++[\"'\u201c\u2018«(\[]?\w)"
)
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: offsets into the original text, its text and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(line: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(line, max(0, dot - 24), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True
    if word.isdigit() and len(word) <= 2:
        return True  # German ordinal: "am 17. November"
    return word in _ABBREVIATIONS


def _next_starts_sentence(line: str, pos: int) -> bool:
    rest = line[pos : pos + 4].lstrip(" \t\"'\u201c\u2018«([")
    if not rest:
        return False
    ch = rest[0]
    return ch.isupper() or ch.isdigit() or "\u0600" <= ch <= "\u06ff" or not ch.isalpha()


def _split_line(line: str, offset: int, paragraph: int) -> list[Sentence]:
    out: list[Sentence] = []
    begin = 0
    for m in _END.finditer(line):
        if m.group()[0] == "." and _is_abbreviation(line, m.start()):
            continue
        if not _next_starts_sentence(line, m.end()):
            continue
        out.extend(_piece(line, begin, m.end(), offset, paragraph))
        begin = m.end()
    out.extend(_piece(line, begin, len(line), offset, paragraph))
    return out


def _piece(line: str, begin: int, end: int, offset: int, paragraph: int) -> list[Sentence]:
    chunk = line[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    lead = len(chunk) - len(chunk.lstrip())
    start = offset + begin + lead
    return [Sentence(start, start + len(stripped), stripped, paragraph)]


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for every one."""
    sentences: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    for m in _LINE.finditer(text):
        if text.count("\n", previous_end, m.start()) > 1:
            paragraph += 1
        previous_end = m.end()
        sentences.extend(_split_line(m.group(), m.start(), paragraph))
    return sentences
