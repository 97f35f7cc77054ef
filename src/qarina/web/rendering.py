"""Turning evidence text into segments that templates render (always escaped).

Nothing here produces HTML: a segment is ``(text, kinds)``; templates wrap segments that
have kinds in ``<mark>`` elements and Jinja's autoescaping escapes every character of
the text, so hostile documents, file names and queries stay plain text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"})
SPAN_KINDS = (
    "evidence",
    "date",
    "location",
    "agent",
    "delivery",
    "perpetrator",
    "num_attacks",
    "killed",
    "injured",
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text and the span kinds (possibly none) that cover it."""

    text: str
    kinds: tuple[str, ...] = ()
    proposal: str | None = None


def direction(language: str | None) -> str:
    """``rtl`` for right-to-left languages, else ``auto`` (the browser decides)."""
    base = (language or "").split("-")[0].lower()
    return "rtl" if base in RTL_LANGUAGES else "auto"


def spans_of(value: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """Every typed ``(start, end, kind)`` span a proposal's ``spans`` field carries."""
    spans = value.get("spans")
    if not isinstance(spans, Mapping):
        return []
    out: list[tuple[int, int, str]] = []
    for kind, raw in spans.items():
        if kind not in SPAN_KINDS or not isinstance(raw, list) or not raw:
            continue
        pairs = raw if isinstance(raw[0], list) else [raw]
        for pair in pairs:
            if (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
            ):
                out.append((pair[0], pair[1], kind))
    return out


def highlight(text: str, proposals: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """``text`` cut into segments at every span boundary of every proposal."""
    spans: list[tuple[int, int, str, str]] = []
    for proposal in proposals:
        for start, end, kind in spans_of(proposal.get("value") or {}):
            if 0 <= start < end <= len(text):
                spans.append((start, end, kind, str(proposal.get("id"))))
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    segments: list[Segment] = []
    for lo, hi in itertools.pairwise(cuts):
        covering = [s for s in spans if s[0] <= lo and hi <= s[1]]
        kinds = tuple(sorted({s[2] for s in covering}, key=SPAN_KINDS.index))
        typed = [s for s in covering if s[2] != "evidence"]
        owner = (typed or covering)[0][3] if covering else None
        segments.append(Segment(text[lo:hi], kinds, owner))
    return segments


def passage_segments(
    text: str, offset: int, highlights: Iterable[Sequence[int]], width: int = 280
) -> list[Segment]:
    """A window of a passage around its first highlight, as segments.

    ``text`` is the passage, starting at character ``offset`` of its document;
    ``highlights`` are ``(start, end)`` offsets in the document (as search hits carry
    them), so the text's own characters — brackets included — cannot move or forge a
    highlight. Highlights outside the passage are ignored; overlapping ones merge. The
    window is ``width`` characters at most, with ``…`` where it cuts the passage.
    """
    spans: list[tuple[int, int]] = []
    for pair in sorted(tuple(p) for p in highlights if len(p) == 2):
        lo, hi = pair[0] - offset, pair[1] - offset
        if not 0 <= lo < hi <= len(text):
            continue
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    stop = min(len(text), start + width)
    out = [Segment("…")] if start > 0 else []
    cursor = start
    for lo, hi in spans:
        lo, hi = max(lo, cursor), min(hi, stop)
        if lo >= hi:
            continue
        if lo > cursor:
            out.append(Segment(text[cursor:lo]))
        out.append(Segment(text[lo:hi], ("match",)))
        cursor = hi
    if cursor < stop:
        out.append(Segment(text[cursor:stop]))
    if stop < len(text):
        out.append(Segment("…"))
    return out


def spans_text(text: str, pairs: Sequence[Sequence[int]]) -> list[str]:
    """The pieces of ``text`` that ``pairs`` of offsets cover (bad pairs skipped)."""
    return [text[a:b] for a, b in pairs if 0 <= a < b <= len(text)]
