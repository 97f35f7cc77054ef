"""Snippets: the part of a passage that best shows why it matched, matches marked.

Matches are marked ``[`` … ``]`` in the snippet text and also returned as character
spans of the passage, which is what a renderer should rely on (the passage itself may
contain brackets).
"""

from __future__ import annotations

from dataclasses import dataclass

from qarina.core.search_text import Token, find_terms

SNIPPET_CHARS = 240
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Snippet:
    """Snippet text with ``[`` ``]`` marks, and every match as a ``(start, end)`` span."""

    text: str
    highlights: tuple[tuple[int, int], ...]


def _best_window(matches: list[Token], width: int) -> tuple[int, int]:
    """Indexes ``[i, j)`` of ``matches`` whose span fits ``width`` with most distinct terms."""
    best, best_score = (0, 1), -1
    j = 0
    for i, first in enumerate(matches):
        j = max(j, i + 1)
        while j < len(matches) and matches[j].end - first.start <= width:
            j += 1
        score = len({m.term for m in matches[i:j]})
        if score > best_score:
            best, best_score = (i, j), score
    return best


def _window_bounds(text: str, lo: int, hi: int, width: int) -> tuple[int, int]:
    """Grow ``[lo, hi)`` to about ``width`` characters, ending on word boundaries."""
    spare = max(0, width - (hi - lo))
    start = max(0, lo - spare // 3)
    end = min(len(text), hi + spare - (lo - start))
    if start > 0:
        cut = text.find(" ", start, lo)
        start = cut + 1 if cut >= 0 else start
    if end < len(text):
        cut = text.rfind(" ", hi, end)
        end = cut if cut >= 0 else end
    return start, end


def _marked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = [ELLIPSIS] if start > 0 else []
    cursor = start
    for lo, hi in spans:
        if lo < start or hi > end:
            continue
        parts += [text[cursor:lo], "[", text[lo:hi], "]"]
        cursor = hi
    parts.append(text[cursor:end])
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)


def build_snippet(text: str, terms: frozenset[str], width: int = SNIPPET_CHARS) -> Snippet:
    """The best ``width``-character window of ``text`` for ``terms``, matches marked.

    ``highlights`` lists every match in the whole passage, not only in the window.
    """
    matches = find_terms(text, terms)
    spans = [(m.start, m.end) for m in matches]
    if not matches:
        end = len(text) if len(text) <= width else _window_bounds(text, 0, 0, width)[1]
        return Snippet(_marked(text, 0, end, []), ())
    i, j = _best_window(matches, width)
    start, end = _window_bounds(text, matches[i].start, matches[j - 1].end, width)
    return Snippet(_marked(text, start, end, spans), tuple(spans))
