"""Cut a document's text into passages with exact character offsets.

A passage is the unit of search and of provenance. Rules, in order:

1. Paragraphs are blocks separated by blank lines; each becomes its own passage when it
   fits in ``max_chars``.
2. A longer block is packed line by line (HTML extraction puts one paragraph per line),
   a line longer than ``max_chars`` sentence by sentence, and a sentence longer than
   ``max_chars`` is cut at the last space before the limit (or at the limit, never
   before a combining mark).
3. Passages never start or end with whitespace; ``text[p.start:p.end] == p.text`` and
   every non-space character of the text lies in exactly one passage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from qarina.core.model import Passage

MAX_CHARS = 1000

_BLOCK_BREAK = re.compile(r"\n[ \t\r\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
# End of a sentence: terminal punctuation (Latin, Arabic, CJK, Devanagari), optional
# closing quotes or brackets, then whitespace. Not after a lone capital ("J. Smith").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?؟۔。！？।]+[\"'”’»)\]]*\s+")

# How an oversized span is split, coarsest first; past the last level, hard cuts.
_LEVELS = (_LINE_BREAK, _SENTENCE_END)

Span = tuple[int, int]


def _trim(text: str, start: int, end: int) -> Span | None:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _pieces(text: str, start: int, end: int, boundary: re.Pattern[str]) -> Iterator[Span]:
    """Sub-spans of ``[start, end)`` cut after each match of ``boundary``."""
    cursor = start
    for match in boundary.finditer(text, start, end):
        yield cursor, match.end()
        cursor = match.end()
    if cursor < end:
        yield cursor, end


def _hard_cuts(text: str, start: int, end: int, max_chars: int) -> Iterator[Span]:
    """Cut a span with no usable boundary at spaces, or at the limit if it has none."""
    while end - start > max_chars:
        limit = start + max_chars
        cut = limit
        while cut > start and not text[cut].isspace():
            cut -= 1
        if cut <= start:
            cut = limit
            while cut > start + 1 and unicodedata.combining(text[cut]):
                cut -= 1
        yield start, cut
        start = cut
    yield start, end


def _pack(text: str, spans: list[Span], max_chars: int, finer: int) -> Iterator[Span]:
    """Join consecutive spans greedily up to ``max_chars``; split oversized ones finer."""
    current: Span | None = None
    for span in spans:
        trimmed = _trim(text, *span)
        if trimmed is None:
            continue
        if trimmed[1] - trimmed[0] > max_chars:
            if current is not None:
                yield current
                current = None
            yield from _split(text, trimmed, max_chars, finer)
        elif current is not None and trimmed[1] - current[0] <= max_chars:
            current = (current[0], trimmed[1])
        else:
            if current is not None:
                yield current
            current = trimmed
    if current is not None:
        yield current


def _split(text: str, span: Span, max_chars: int, level: int) -> Iterator[Span]:
    """Split an oversized span by lines, then sentences, then hard cuts."""
    if level >= len(_LEVELS):
        for piece in _hard_cuts(text, span[0], span[1], max_chars):
            trimmed = _trim(text, *piece)
            if trimmed is not None:
                yield trimmed
        return
    pieces = list(_pieces(text, span[0], span[1], _LEVELS[level]))
    yield from _pack(text, pieces, max_chars, level + 1)


def passage_spans(text: str, max_chars: int = MAX_CHARS) -> list[Span]:
    """The ``(start, end)`` offsets of the passages of ``text`` (see the module docstring)."""
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    spans: list[Span] = []
    for block in _pieces(text, 0, len(text), _BLOCK_BREAK):
        trimmed = _trim(text, *block)
        if trimmed is None:
            continue
        if trimmed[1] - trimmed[0] <= max_chars:
            spans.append(trimmed)
        else:
            spans.extend(_split(text, trimmed, max_chars, 0))
    return spans


def split_passages(
    item_sha256: str, text: str, language: str | None, max_chars: int = MAX_CHARS
) -> list[Passage]:
    """Cut ``text`` into :class:`Passage` objects numbered from 0 in text order."""
    return [
        Passage(item_sha256, seq, start, end, text[start:end], language)
        for seq, (start, end) in enumerate(passage_spans(text, max_chars))
    ]
