"""Time expressions in en/ar/fr/es/pt/de text, resolved to calendar intervals.

``find_dates`` scans a folded copy of the text with the date grammar
(:mod:`qarina.extract.date_grammar`, lexicons in ``resources/dates.json``), drops what only
looks like a date (resolution and document numbers, head counts, lower-case "may"), and
resolves each expression (:mod:`qarina.extract.date_reading`). Relative expressions
("on Monday", "yesterday", "last year") and day-month dates without a year are resolved
against ``published``. Spans are offsets into the original text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from qarina.extract.date_grammar import DateGrammar, date_grammar, scan_expressions
from qarina.extract.date_reading import (
    RANGE_KINDS,
    Interval,
    Reading,
    interpret,
    interpret_numeric,
    read_expression,
)
from qarina.extract.folding import FoldedText, fold_for_scan

__all__ = ["DateMention", "find_dates", "scan_date_spans"]

_CONTEXT_WORD = re.compile(r"[\w.'#/]+")
_DECIMAL_TAIL = re.compile(r"[.,]\d")
_NEXT_WORD = re.compile(r"\s{1,3}(\w+)")
_NUMERIC_KINDS = frozenset({"iso", "num"})
_ALWAYS_RESOLVABLE = frozenset({"iso", "num", "yrange", "year"})  # unresolved: not a date
_RELATIVE_KINDS = frozenset({"wd", "bmonth", "ago", "mrel"})
_PRECISION_OF_KIND = {
    "ago": "approximate",
    "wd": "day",
    "bmonth": "month",
    "mrel": "month",
    "season": "approximate",
    "mod": "approximate",
}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One time expression: its span, resolved interval and how it was resolved."""

    start: int
    end: int
    text: str
    date_start: str | None  # YYYY-MM-DD; None when it cannot be resolved
    date_end: str | None
    precision: str  # "day" | "month" | "year" | "approximate"
    year_inferred: bool  # the year is not in the text: taken from ``published``
    relative: bool  # "on Monday", "yesterday", "last year", "in September"…
    kind: str  # "point" | "range"


class _Found(NamedTuple):
    """An expression that is a date: folded span, shape, reading (``None`` if numeric)."""

    start: int
    end: int
    span: str
    kind: str
    reading: Reading | None


def _is_number_not_year(grammar: DateGrammar, folded: str, start: int, end: int) -> bool:
    """A year-shaped number that is a resolution, page, document symbol or head count."""
    before, after = folded[max(0, start - 40) : start], folded[end : end + 40]
    if (before and before[-1] in "/\\-#") or (after and after[0] in "/%\\"):
        return True
    if _DECIMAL_TAIL.match(after):
        return True
    words = _CONTEXT_WORD.findall(before)
    if words and (
        words[-1] in grammar.year_exclude or words[-1].rstrip(".") in grammar.year_exclude
    ):
        return True
    if any(" ".join(words[-n:]) in grammar.qualifiers for n in (1, 2, 3) if len(words) >= n):
        return True
    following = _NEXT_WORD.match(after)  # "2000 people", not "2015, more"
    return following is not None and following.group(1) in grammar.year_nouns


def _rejected(grammar: DateGrammar, found: _Found, folded: FoldedText, original: str) -> bool:
    """Whether a scanner match is not a date after all (context and capitalisation)."""
    if found.kind in {"year", "yrange"} and _is_number_not_year(
        grammar, folded.text, found.start, found.end
    ):
        return True
    months = found.reading.months if found.reading and found.kind != "ago" else []
    for word, offset in months:
        if word not in grammar.ambiguous:
            continue
        if found.kind == "bmonth" and not word.isascii():
            return True  # Arabic "آب" alone is also "father"
        pos = folded.original_span(found.start + offset, found.start + offset + 1)[0]
        if original[pos].isascii() and original[pos].islower():
            return True  # "may", "march", "set", "out" in running text
    return False


@lru_cache(maxsize=2)
def _dates_in(text: str) -> tuple[FoldedText, tuple[_Found, ...]]:
    """The folded text and the expressions that are dates (cached: counts reuse it)."""
    grammar = date_grammar()
    folded = fold_for_scan(text)
    kept = []
    for match in scan_expressions(grammar, folded.text):
        kind, span = match.lastgroup or "", match.group()
        reading = None if kind in _NUMERIC_KINDS else read_expression(grammar, span, kind)
        for found in _split_listed_dates(grammar, _Found(*match.span(), span, kind, reading)):
            if not _rejected(grammar, found, folded, text):
                kept.append(found)
    return folded, tuple(kept)


def _split_listed_dates(grammar: DateGrammar, found: _Found) -> tuple[_Found, ...]:
    """ "4 April 2017 and 15 September 2016" is two dates, not a span between them.

    A range stays one when a lead opens it ("between …"), when its joiner is not "and"
    ("to", "-", "bis"), or when its first side lacks its own year ("17 and 23 November").
    """
    reading = found.reading
    if (
        found.kind not in RANGE_KINDS
        or reading is None
        or reading.led
        or reading.joiner is None
        or reading.joiner[0] not in grammar.and_words
        or reading.parts[0].year is None
        or reading.parts[0].month is None
    ):
        return (found,)
    word, at = reading.joiner
    head = found.span[:at].rstrip(" ,")
    tail_at = (
        at
        + len(word)
        + len(found.span[at + len(word) :])
        - len(found.span[at + len(word) :].lstrip())
    )
    tail = found.span[tail_at:]
    return (
        _Found(
            found.start,
            found.start + len(head),
            head,
            "date",
            read_expression(grammar, head, "date"),
        ),
        _Found(
            found.start + tail_at, found.end, tail, "date", read_expression(grammar, tail, "date")
        ),
    )


def scan_date_spans(text: str) -> tuple[FoldedText, list[tuple[int, int]]]:
    """``text`` folded, and the spans (in folded coordinates) of its time expressions.

    For other finders (counts) that must not read a day or a year as a number; the scan
    is shared with :func:`find_dates` on the same text.
    """
    folded, found = _dates_in(text)
    return folded, [(f.start, f.end) for f in found]


@lru_cache(maxsize=64)
def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_dates(text: str, language: str | None, published: str | None) -> list[DateMention]:
    """Every time expression in ``text``, resolved against ``published`` (``YYYY-MM-DD``).

    ``language`` (ISO 639-1) only breaks ties such as the order of ``03/04/2016``; the
    lexicons of all supported languages are always used. An unparsable ``published`` is
    treated as missing. Expressions that need a missing reference date are returned with
    ``date_start = date_end = None``.
    """
    folded, found = _dates_in(text)
    pub = _parse_published(published)
    mentions: list[DateMention] = []
    for item in found:
        if item.reading is None:
            interval = interpret_numeric(item.kind, item.span, pub, language)
        else:
            interval = interpret(item.reading, item.kind, pub)
        if interval is None and item.kind in _ALWAYS_RESOLVABLE:
            continue  # "31 February 2016", "2017-02": shaped like a date, is none
        start, end = folded.original_span(item.start, item.end)
        mentions.append(_mention(text[start:end], start, item, interval))
    return mentions


def _mention(text: str, start: int, item: _Found, interval: Interval | None) -> DateMention:
    relative = item.kind in _RELATIVE_KINDS or (
        item.reading is not None and item.reading.relative is not None
    )
    shape = "range" if item.kind in RANGE_KINDS else "point"
    end = start + len(text)
    if interval is None:
        precision = _PRECISION_OF_KIND.get(item.kind, "day")
        inferred = (
            not relative
            and item.reading is not None
            and any(p.year is None for p in item.reading.parts)
        )  # needs a year it was not given
        return DateMention(start, end, text, None, None, precision, inferred, relative, shape)
    first, last, precision, inferred = interval
    return DateMention(
        start, end, text, first.isoformat(), last.isoformat(), precision, inferred, relative, shape
    )
