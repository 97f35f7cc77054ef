"""Reading one scanned time expression and resolving it to a calendar interval.

The words of an expression are looked up in the grammar (longest phrase first) and
grouped into one or two sides (``between A and B``); each side says a day, a month and a
year, any of which may be missing and is then taken from the other side or, for the
year, from ``published``: the year of ``published``, or the one before when the date
would otherwise fall after it. Relative expressions count back from ``published``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from qarina.extract.date_grammar import WORD, DateGrammar

__all__ = [
    "RANGE_KINDS",
    "Interval",
    "Part",
    "Reading",
    "interpret",
    "interpret_numeric",
    "read_expression",
]

RANGE_KINDS = frozenset({"range", "mdrange", "mrange", "yrange"})
Interval = tuple[dt.date, dt.date, str, bool]  # start, end, precision, year_inferred
_NUMERIC_SEP = re.compile(r"[-./]")
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (1, 2)}
_MOD_PARTS = {"early": 0, "earlier": 0, "mid": 1, "late": 2}
_COARSER = {"day": 0, "month": 1, "year": 2, "approximate": 3}
_CLITIC_AND = "و"


@dataclass(slots=True)
class Part:
    """What one side of an expression says: day, month, year (any may be missing)."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_from_other: bool = False


@dataclass(slots=True)
class Reading:
    """The words of one expression, grouped for interpretation."""

    parts: list[Part]
    weekday: int | None = None
    relative: str | None = None
    modifier: str | None = None
    season: str | None = None
    months: list[tuple[str, int]] = field(default_factory=list)  # (folded word, offset)
    last: bool = False  # "last Monday", "lundi dernier": strictly before published
    amount: int | None = None  # "three days ago": 3
    unit: tuple[str, int] | None = None  # ("day", 1); ("day", 2) for the Arabic dual "يومين"
    led: bool = False  # a range lead ("between", "from", "entre") opens the expression
    joiner: tuple[str, int] | None = None  # the word joining the two sides, and its offset


def read_expression(grammar: DateGrammar, span: str, kind: str) -> Reading:
    """Group the words of a folded expression (a scanner match) into a :class:`Reading`."""
    reading = Reading(parts=[Part()])
    words = [(m.group(), m.start()) for m in WORD.finditer(span)]
    reading.last = any(w in grammar.last_markers for w, _ in words)
    i = 0
    while i < len(words):
        i += _read_word(grammar, reading, words, i, kind)
    return reading


def _read_word(
    grammar: DateGrammar, reading: Reading, words: list[tuple[str, int]], i: int, kind: str
) -> int:
    """Read the phrase at ``words[i]``; return how many words it used."""
    word, offset = words[i]
    for n in range(min(grammar.longest.get(word, 0), len(words) - i), 0, -1):
        key = " ".join(w for w, _ in words[i : i + n]) if n > 1 else word
        hit = grammar.words.get(key)
        if hit is not None:
            _take(reading, hit[0], hit[1], key, offset, kind)
            return n
    part = reading.parts[-1]
    if word.isdigit():
        if len(word) == 4:
            part.year = int(word)
        elif len(word) <= 2 and part.day is None:
            part.day = int(word)
    elif word[0] == _CLITIC_AND and len(word) > 1:  # "وآب", "وكانون الأول": and <month>
        return _read_clitic_month(grammar, reading, words, i, kind)
    return 1


def _read_clitic_month(
    grammar: DateGrammar, reading: Reading, words: list[tuple[str, int]], i: int, kind: str
) -> int:
    """A month name (one or more words) with the Arabic "و" (and) written onto it."""
    word, offset = words[i]
    bare = [word[1:]] + [w for w, _ in words[i + 1 : i + 3]]
    for n in range(len(bare), 0, -1):
        key = " ".join(bare[:n])
        if key in grammar.months:
            _take(reading, "conn", None, _CLITIC_AND, offset, kind)
            _take(reading, "months", grammar.words[key][1], key, offset + 1, kind)
            return n
    return 1


def _take(reading: Reading, what: str, value: object, word: str, offset: int, kind: str) -> None:
    part = reading.parts[-1]
    if what == "conn":
        if kind in RANGE_KINDS and len(reading.parts) == 1 and part != Part():
            reading.parts.append(Part())
            reading.joiner = (word, offset)
    elif what == "lead" and part == Part():
        reading.led = True
    elif what == "months" and isinstance(value, int):
        part.month = value
        reading.months.append((word, offset))
    elif what == "weekdays" and isinstance(value, int):
        reading.weekday = value
    elif what == "relative" and isinstance(value, str):
        reading.relative = value
    elif what == "modifiers" and isinstance(value, str) and reading.modifier is None:
        reading.modifier = value
    elif what == "seasons" and isinstance(value, str):
        reading.season = value
    elif what == "ordinal_day" and isinstance(value, int):
        part.day = value
    elif what == "ago_number" and isinstance(value, int):
        reading.amount = value
    elif what == "ago_unit" and isinstance(value, tuple):
        reading.unit = value


def _infer_year(month: int, day: int, published: dt.date) -> int:
    """The year of a day and month without one: that of ``published``, or the one before."""
    return published.year - 1 if (month, day) > (published.month, published.day) else published.year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _resolve_part(part: Part, published: dt.date | None) -> Interval | None:
    inferred = part.year is None
    if part.month is None:
        if part.year is None:
            return None
        return dt.date(part.year, 1, 1), dt.date(part.year, 12, 31), "year", False
    if part.year is not None:
        year = part.year
    elif published is not None:
        year = _infer_year(part.month, part.day or 1, published)
    else:
        return None
    if part.day is None:
        return dt.date(year, part.month, 1), _month_end(year, part.month), "month", inferred
    try:
        day = dt.date(year, part.month, part.day)
    except ValueError:
        return None
    return day, day, "day", inferred


def _copy(part: Part) -> Part:
    return Part(part.day, part.month, part.year, part.year_from_other)


def _resolve_range(reading: Reading, kind: str, published: dt.date | None) -> Interval | None:
    first, second = _copy(reading.parts[0]), _copy(reading.parts[-1])  # the reading stays
    if kind == "yrange" and second.year is None and second.day is not None and first.year:
        later = (second.day - first.year % 100) % 100  # "2014-15", "1999-00"
        if not 0 < later <= 20:
            return None  # "2017-02" is not a span of years
        second.year, second.day = first.year + later, None
    for a, b in ((first, second), (second, first)):
        if a.month is None and b.month is not None and a.day is not None:
            a.month = b.month
        if a.year is None and b.year is not None:
            a.year, a.year_from_other = b.year, True
    left, right = _resolve_part(first, published), _resolve_part(second, published)
    if left is None or right is None:
        return None
    start = left[0]
    if start > right[1] and (left[3] or first.year_from_other):
        try:
            start = start.replace(year=start.year - 1)  # "between 20 December and 5 January"
        except ValueError:
            return None
    if start > right[1]:
        return None  # "from 2017 to 2015": no span
    precision = max(left[2], right[2], key=_COARSER.__getitem__)
    return start, right[1], precision, left[3] or right[3]


def _apply_modifier(
    interval: Interval, modifier: str, published: dt.date | None, relative: str | None
) -> Interval:
    """Early / mid / late: the first, middle or last third of a year or month."""
    start, end, precision, inferred = interval
    if modifier == "earlier" and published is not None and relative in {"this_month", "this_year"}:
        return start, published, "approximate", inferred
    third = _MOD_PARTS.get(modifier, 0)
    if precision == "year":
        return (
            dt.date(start.year, 1 + 4 * third, 1),
            _month_end(start.year, 4 + 4 * third),
            "approximate",
            inferred,
        )
    if precision == "month":
        last_day = end.day if third == 2 else 10 * (third + 1)
        first_day = 1 + 10 * third
        return start.replace(day=first_day), start.replace(day=last_day), "approximate", inferred
    return start, end, "approximate", inferred


def _resolve_relative(key: str, published: dt.date) -> Interval:
    back = {"today": 0, "yesterday": 1, "day_before_yesterday": 2}
    if key in back:
        day = published - dt.timedelta(days=back[key])
        return day, day, "day", False
    if key in {"this_week", "last_week"}:
        monday = published - dt.timedelta(days=published.weekday())
        if key == "this_week":
            return monday, published, "approximate", False
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "approximate", False
    if key in {"this_month", "last_month"}:
        first = published.replace(day=1)
        if key == "last_month":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first, _month_end(first.year, first.month), "month", False
    year = published.year - (1 if key == "last_year" else 0)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", False


def _resolve_weekday(
    weekday: int, day_of_month: int | None, strictly_before: bool, published: dt.date
) -> Interval:
    """The most recent ``weekday`` on or before ``published`` (with that day, if given)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    found = published - dt.timedelta(days=back)
    if day_of_month is not None:
        candidate = found
        for _ in range(160):  # about three years of weeks
            if candidate.day == day_of_month:
                return candidate, candidate, "day", False
            candidate -= dt.timedelta(days=7)
    return found, found, "day", False


def _resolve_ago(reading: Reading, published: dt.date) -> Interval | None:
    """ "Three days ago", "il y a deux semaines", "قبل عامين": counted back from published."""
    if reading.unit is None:
        return None
    unit, implied = reading.unit
    n = reading.amount or reading.parts[0].day or implied
    if unit == "day":
        day = published - dt.timedelta(days=n)
        return day, day, "day", False
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday() + 7 * n)
        return monday, monday + dt.timedelta(days=6), "approximate", False
    if unit == "month":
        months = published.year * 12 + published.month - 1 - n
        year, month = divmod(months, 12)
        return dt.date(year, month + 1, 1), _month_end(year, month + 1), "month", False
    return dt.date(published.year - n, 1, 1), dt.date(published.year - n, 12, 31), "year", False


def _resolve_season(reading: Reading) -> Interval | None:
    year = reading.parts[0].year
    if year is None or reading.season is None:
        return None
    first, last = _SEASON_MONTHS[reading.season]
    return dt.date(year, first, 1), _month_end(year, last), "approximate", False


def interpret_numeric(
    kind: str, span: str, published: dt.date | None, language: str | None
) -> Interval | None:
    """ISO ``2016-04-27`` and ``27.04.2016`` / ``04/27/2016`` (month first only in English)."""
    if kind == "iso":
        y, m, d = (int(x) for x in _NUMERIC_SEP.split(span))
        return _resolve_part(Part(d, m, y), published)
    a, b, y = (int(x) for x in _NUMERIC_SEP.split(span))
    month_first = (language or "").lower().startswith("en") and b <= 12
    day, month = (b, a) if (a <= 12 < b) or month_first else (a, b)
    return _resolve_part(Part(day, month, y), published)


def interpret(reading: Reading, kind: str, published: dt.date | None) -> Interval | None:
    """The interval an expression denotes, or ``None`` when it cannot be resolved."""
    if kind in RANGE_KINDS:
        return _resolve_range(reading, kind, published)
    if kind == "season":
        return _resolve_season(reading)
    if kind == "ago":
        return None if published is None else _resolve_ago(reading, published)
    if kind == "mrel":  # "in August last year", "en agosto del año pasado"
        if published is None or reading.parts[0].month is None:
            return None
        year = published.year - (reading.relative == "last_year")
        month = reading.parts[0].month
        return dt.date(year, month, 1), _month_end(year, month), "month", False
    if kind == "wd":
        if published is None or reading.weekday is None:
            return None
        return _resolve_weekday(reading.weekday, reading.parts[0].day, reading.last, published)
    if reading.relative is not None:
        if published is None:
            return None
        interval = _resolve_relative(reading.relative, published)
    else:
        part = _copy(reading.parts[0])
        if kind == "bmonth" and published is not None and part.month is not None:
            part.day = None
            if reading.last:
                part.year = published.year - (part.month >= published.month)
        resolved = _resolve_part(part, published)
        if resolved is None:
            return None
        interval = (*resolved[:3], True) if kind == "bmonth" else resolved
    if reading.modifier is not None:
        interval = _apply_modifier(interval, reading.modifier, published, reading.relative)
    return interval
