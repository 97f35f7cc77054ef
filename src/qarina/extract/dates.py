"""Time expressions in en/ar/fr/es/pt/de text, resolved to calendar intervals.

One compiled scanner (built lazily from ``resources/dates.json``) finds the extent of
each expression in a folded copy of the text; a small token reader then interprets it.
Relative expressions ("on Monday", "yesterday", "last year") and day-month dates
without a year are resolved against ``published``. Spans are offsets into the original
text. Every pattern is built from bounded pieces, so scanning is linear in the input.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "DateMention",
    "FoldedText",
    "find_dates",
    "fold_for_scan",
    "phrase_pattern",
    "scan_date_spans",
]

_DROPPED = "\u0640" + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
_DROP_RE = re.compile(f"[{_DROPPED}]")
_LB = r"(?<![0-9a-z\u00df-\u024f])"
_RB = r"(?![0-9a-z\u00df-\u024f])"
_SPACES = re.compile(r"\s+")
_NUMERIC_SEP = re.compile(r"[./]")
_DECIMAL_TAIL = re.compile(r"[.,]\d")
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (1, 2)}
_MOD_PARTS = {"early": (0, 3), "mid": (1, 3), "late": (2, 3)}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One time expression: its span, resolved interval and how it was resolved."""

    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    precision: str
    year_inferred: bool
    relative: bool
    kind: str


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A lower-cased, accent- and Arabic-folded copy of a text with an offset map back."""

    text: str
    index: list[int] | None  # folded position -> original position; None when identical

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text of ``folded[start:end]``."""
        if self.index is None:
            return start, end
        return self.index[start], self.index[end - 1] + 1


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x41, 0x250):
        base = unicodedata.normalize("NFD", chr(cp))[0].lower()
        if len(base) == 1 and base != chr(cp):
            table[cp] = base
    arabic = {"آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي", "ی": "ي",
              "ة": "ه"}
    table.update({ord(k): v for k, v in arabic.items()})
    table.update({0x0660 + i: str(i) for i in range(10)})
    table.update({0x06F0 + i: str(i) for i in range(10)})
    punct = {
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
    table.update({ord(k): v for k, v in punct.items()})
    return table


def fold_for_scan(text: str) -> FoldedText:
    """Fold case, Latin accents, Arabic letter variants and digits; drop Arabic marks."""
    folded = text.translate(_fold_table())
    if _DROP_RE.search(folded) is None:
        return FoldedText(folded, None)
    keep = [i for i, ch in enumerate(folded) if ch not in _DROPPED]
    return FoldedText("".join(folded[i] for i in keep), keep)


def _fold_phrase(phrase: str) -> str:
    return fold_for_scan(phrase).text


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases as a prefix trie (fast to try, no backtracking)."""
    trie: dict[str, Any] = {}
    for phrase in {_fold_phrase(p) for p in phrases if p}:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


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


def _words(phrases: Any) -> str:
    return r"(?<!\w)" + phrase_pattern(list(phrases)) + r"(?!\w)"


@dataclass(frozen=True)
class _Lexicon:
    """Folded lexicon lookups and the compiled scanner and token reader."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, str]
    modifiers: dict[str, str]
    seasons: dict[str, str]
    ambiguous: frozenset[str]
    last_markers: frozenset[str]
    year_exclude: frozenset[str]
    year_nouns: frozenset[str]
    qualifiers: frozenset[str]
    anchors: frozenset[str]
    starters: frozenset[str]
    relevant: re.Pattern[str] = field(repr=False)  # digit runs, anchor and starter words
    scanner: re.Pattern[str] = field(repr=False)
    tokens: re.Pattern[str] = field(repr=False)


def _inverse(groups: dict[str, list[str]], cast: Any = str) -> dict[str, Any]:
    return {_fold_phrase(w): cast(key) for key, words in groups.items() for w in words}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("qarina.extract.resources")
        .joinpath("dates.json")
        .read_text(encoding="utf-8")
    )
    months, weekdays = _inverse(raw["months"], int), _inverse(raw["weekdays"], int)
    relative, modifiers = _inverse(raw["relative"]), _inverse(raw["modifiers"])
    seasons = _inverse(raw["seasons"])
    scanner, tokens = _build_patterns(raw)
    trails = {_fold_phrase(w) for w in raw["weekday_trail"]}
    anchors, starters = _anchor_words(raw), _starter_words(raw)
    return _Lexicon(
        months,
        weekdays,
        relative,
        modifiers,
        seasons,
        ambiguous=frozenset(_fold_phrase(w) for w in raw["ambiguous_months"]),
        last_markers=frozenset(
            trails
            | {"last", "past", "this past", "el pasado", "vergangenen", "letzten", "na passada"}
        ),
        year_exclude=frozenset(_fold_phrase(w) for w in raw["year_context_exclude"]),
        year_nouns=frozenset(_fold_phrase(w) for w in raw["year_count_nouns"]),
        qualifiers=frozenset(_fold_phrase(w) for w in raw["count_qualifiers"]),
        anchors=anchors,
        starters=starters,
        relevant=re.compile(rf"(?<![^\W\d_])(?:{phrase_pattern(anchors | starters)})"
                            r"(?![^\W\d_])|(?<!\d)\d{1,4}(?!\d)"),
        scanner=scanner,
        tokens=tokens,
    )


_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_LEAD_ROOM = 48  # the longest lead before an anchor word ("a finales del", "zwischen dem")
_MATCH_ROOM = 200  # longer than any expression the scanner can match


def _starter_words(raw: dict[str, Any]) -> frozenset[str]:
    """The first word of every phrase an expression can open with (lead, month, weekday…)."""
    nested = [raw[k] for k in ("months", "weekdays", "relative", "modifiers", "seasons")]
    flat = [raw[k] for k in ("range_lead", "article", "weekday_lead", "month_cue")]
    phrases = [p for group in nested for ps in group.values() for p in ps]
    phrases += [p for group in flat for p in group]
    return frozenset(_TOKEN.findall(_fold_phrase(p))[0] for p in phrases if _TOKEN.search(p))


def _anchor_words(raw: dict[str, Any]) -> frozenset[str]:
    """One word (the longest) of every month, weekday, relative and season phrase."""
    groups = [raw["months"], raw["weekdays"], raw["relative"], raw["seasons"]]
    words = set()
    for group in groups:
        for phrase in (p for ps in group.values() for p in ps):
            words.add(max(_TOKEN.findall(_fold_phrase(phrase)), key=len))
    return frozenset(words)


def _candidate_starts(lex: _Lexicon, folded: str) -> list[int]:
    """Starts of digit runs and of lead words shortly before a digit run or anchor word.

    Every branch of the scanner starts at a word start and contains an anchor within
    ``_LEAD_ROOM`` characters of it, so trying only these positions finds what a full scan
    would, at a cost proportional to the number of words rather than of characters.
    """
    starts: list[int] = []
    anchored: list[bool] = []
    for tok in lex.relevant.finditer(folded):
        word = tok.group()
        starts.append(tok.start())
        anchored.append(word[0].isdigit() or word in lex.anchors)
    chosen: list[int] = []
    next_anchor = -1
    for i in range(len(starts) - 1, -1, -1):
        if anchored[i]:
            next_anchor = starts[i]
        if next_anchor >= 0 and next_anchor - starts[i] <= _LEAD_ROOM:
            chosen.append(starts[i])
    chosen.reverse()
    return chosen


def _scan(lex: _Lexicon, folded: str) -> Iterator[re.Match[str]]:
    """What ``lex.scanner.finditer(folded)`` yields, trying only the candidate starts."""
    resume = 0
    for start in _candidate_starts(lex, folded):
        if start < resume:
            continue
        match = lex.scanner.match(folded, start, start + _MATCH_ROOM)
        if match is not None:
            yield match
            resume = match.end()


def _build_patterns(raw: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    month_words = [w for ws in raw["months"].values() for w in ws]
    after_and = r"(?<=(?<![^\W\d_])و)"  # Arabic "و" (and) written onto the month name
    mon = rf"(?:(?<![^\W\d_])|{after_and})" + phrase_pattern(month_words) + r"(?!\w)"
    monx = rf"{mon}(?:\.(?=\s{{0,2}}\d))?(?:\s{{0,2}}[/(]\s{{0,2}}{mon}\)?)?"
    ordinal = rf"(?:st|nd|rd|th|er|eme|º|ª|\.(?=\s{{0,2}}(?:{mon}|bis|und|-)))"
    day = _LB + rf"(?:[12]\d|3[01]|0?[1-9]){ordinal}?" + _RB
    year = _LB + r"(?:1[89]\d\d|20\d\d)(?!\d)(?!'?s(?![a-z]))"  # not "1980s"
    of = r"(?:(?:of|de|del|di)\s{1,3})"
    sep = r"\s{0,2},?\s{0,3}"
    dmy = rf"{day}\s{{0,3}}{of}?{monx}(?:{sep}{of}?{year})?"
    mdy = rf"{mon}\.?\s{{1,3}}{day}(?:{sep}{year})?"
    my = rf"{monx}\s{{0,3}},?\s{{0,2}}{of}?{year}"
    lead = _words(raw["range_lead"]) + r"(?:\s{1,3}(?:" + phrase_pattern(raw["range_unit"]) + "))?"
    conn = _words(raw["range_connector"]) + rf"|-|و(?=\s?\d)|و(?={mon})"
    art = _words(raw["article"])
    weekday = _words([w for ws in raw["weekdays"].values() for w in ws])
    wd = (
        rf"(?:{_words(raw['weekday_lead'])}\s{{1,3}})?{weekday}"
        rf"(?:\s{{1,3}}{_words(raw['weekday_trail'])})?(?:\s{{0,2}}\(\s{{0,2}}\d{{1,2}}\s{{0,2}}\))?"
    )
    mod = _words([w for ws in raw["modifiers"].values() for w in ws])
    link = rf"(?:{_words(raw['modifier_link'])}\s{{0,3}}|-\s?)?"
    rel = _words([w for ws in raw["relative"].values() for w in ws])
    season = _words([w for ws in raw["seasons"].values() for w in ws])
    cue = _words(raw["month_cue"])
    branches = {
        "iso": _LB + r"(?:1[89]|20)\d\d-(?:0?[1-9]|1[0-2])-(?:[0-3]?\d)(?!\d)",
        "num": _LB + r"\d{1,2}(?P<numsep>[./])\d{1,2}(?P=numsep)(?:1[89]|20)\d\d(?!\d)",
        "range": rf"(?:{lead}\s{{1,3}})?(?:{art}\s{{1,3}})?(?:{day}\s{{0,2}},\s{{0,3}}){{0,6}}"
                 rf"(?>{dmy}|{mdy}|{day})\s{{0,2}},?\s{{0,3}}(?:{conn})"
        rf"\s{{0,3}}(?:{art}\s{{1,3}})?(?:{dmy}|{mdy})",
        "mdrange": rf"{mon}\.?\s{{1,3}}{day}\s{{0,3}}(?:{conn})\s{{0,3}}{day}(?:{sep}{year})?",
        "mrange": rf"(?:{lead}\s{{1,3}})?(?>{my}|{monx})\s{{1,3}}(?:{conn})\s{{0,3}}{my}",
        "yrange": rf"(?:{lead}\s{{1,3}})?{year}\s{{0,3}}(?:{conn})\s{{0,3}}(?:{year}|\d\d(?!\d))",
        "wdate": rf"{wd}{sep}(?:{art}\s{{1,3}})?(?:{dmy}|{mdy})",
        "season": rf"(?:{mod}\s{{0,3}}{link})?{season}\s{{0,3}}{of}?"
        rf"(?:(?:the\s{{1,3}})?year\s{{1,3}}|(?:عام|سنة)\s{{1,3}})?{year}",
        "mod": rf"{mod}\s{{0,3}}{link}(?:{my}|{monx}|{year}|{rel})",
        "date": rf"{dmy}|{mdy}|{my}",
        "rel": rf"{rel}(?:\s{{0,2}}\(\s{{0,2}}{weekday}\s{{0,2}}\))?",
        "wd": wd,
        "bmonth": rf"{cue}\s{{1,3}}(?:(?:the\s{{1,3}})?month\s{{1,3}}of\s{{1,3}})?{monx}"
        rf"(?!\s{{0,3}},?\s{{0,3}}{of}?\d)(?!\s{{1,3}}(?:{conn})\s{{0,3}}{mon})",
        "year": year,
    }
    scanner = re.compile("|".join(f"(?P<{k}>{v})" for k, v in branches.items()))
    token_parts = {
        "rel": rel,
        "mon": mon,
        "wd": weekday,
        "season": season,
        "mod": mod,
        "year": r"(?<!\d)(?:1[89]|20)\d\d(?!\d)",
        "num": r"(?<!\d)\d{1,2}(?!\d)",
        "conn": conn,
    }
    tokens = re.compile("|".join(f"(?P<{k}>{v})" for k, v in token_parts.items()))
    return scanner, tokens


@dataclass(slots=True)
class _Part:
    """What one side of an expression says: day, month, year (any may be missing)."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_from_other: bool = False


@dataclass(slots=True)
class _Reading:
    """The tokens of one matched expression, grouped for interpretation."""

    parts: list[_Part]
    weekday: int | None = None
    relative: str | None = None
    modifier: str | None = None
    season: str | None = None
    months: list[tuple[str, int]] = field(default_factory=list)  # (folded word, offset)


_RANGE_KINDS = frozenset({"range", "mdrange", "mrange", "yrange"})
_Interval = tuple[dt.date, dt.date, str, bool]  # start, end, precision, year_inferred


def _read(lex: _Lexicon, span: str, kind: str) -> _Reading:
    reading = _Reading(parts=[_Part()])
    for tok in lex.tokens.finditer(span):
        group, word = tok.lastgroup, tok.group()
        part = reading.parts[-1]
        if group == "conn":
            if kind in _RANGE_KINDS and len(reading.parts) == 1 and part != _Part():
                reading.parts.append(_Part())
        elif group == "mon":
            part.month = lex.months[_SPACES.sub(" ", word)]
            reading.months.append((word, tok.start()))
        elif group == "year":
            part.year = int(word)
        elif group == "num" and part.day is None:
            part.day = int(word)
        elif group == "wd":
            reading.weekday = lex.weekdays[_SPACES.sub(" ", word)]
        elif group == "rel":
            reading.relative = lex.relative[_SPACES.sub(" ", word)]
        elif group == "mod" and reading.modifier is None:
            reading.modifier = lex.modifiers[_SPACES.sub(" ", word)]
        elif group == "season":
            reading.season = lex.seasons[_SPACES.sub(" ", word)]
    return reading


def _infer_year(month: int, day: int, published: dt.date) -> int:
    """The year of a day and month without one: that of ``published``, or the one before."""
    return published.year - 1 if (month, day) > (published.month, published.day) else published.year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _resolve_part(part: _Part, published: dt.date | None) -> _Interval | None:
    inferred = part.year is None
    if part.month is not None and part.day is not None:
        if part.year is None and published is None:
            return None
        year = part.year if part.year is not None else _infer_year(part.month, part.day, published)  # type: ignore[arg-type]
        try:
            day = dt.date(year, part.month, part.day)
        except ValueError:
            return None
        return day, day, "day", inferred
    if part.month is not None:
        if part.year is None:
            if published is None:
                return None
            year = _infer_year(part.month, 1, published)
        else:
            year = part.year
        return dt.date(year, part.month, 1), _month_end(year, part.month), "month", inferred
    if part.year is not None:
        return dt.date(part.year, 1, 1), dt.date(part.year, 12, 31), "year", False
    return None


_COARSER = {"day": 0, "month": 1, "year": 2, "approximate": 3}


def _resolve_range(reading: _Reading, kind: str, published: dt.date | None) -> _Interval | None:
    first, second = reading.parts[0], reading.parts[-1]
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
            start = start.replace(year=start.year - 1)
        except ValueError:
            return None
    precision = max(left[2], right[2], key=_COARSER.__getitem__)
    return start, right[1], precision, left[3] or right[3]


def _apply_modifier(
    interval: _Interval, modifier: str, published: dt.date | None, relative: str | None
) -> _Interval:
    start, end, precision, inferred = interval
    if modifier == "earlier" and published is not None and relative in {"this_month", "this_year"}:
        return start, published, "approximate", inferred
    first, count = _MOD_PARTS.get(modifier, (0, 3))
    if precision == "year":
        months = (1 + 4 * first, 4 + 4 * first)
        return (
            dt.date(start.year, months[0], 1),
            _month_end(start.year, months[1]),
            "approximate",
            inferred,
        )
    if precision == "month":
        lo = 1 + 10 * first
        hi = end.day if first == count - 1 else 10 * (first + 1)
        return start.replace(day=lo), start.replace(day=hi), "approximate", inferred
    return start, end, "approximate", inferred


def _resolve_relative(key: str, published: dt.date) -> _Interval:
    if key in {"today", "yesterday", "day_before_yesterday"}:
        day = published - dt.timedelta(
            days=("today", "yesterday").index(key) if key != "day_before_yesterday" else 2
        )
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
) -> _Interval:
    """The most recent ``weekday`` on or before ``published`` (with that day, if given)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    found = published - dt.timedelta(days=back)
    if day_of_month is not None:
        candidate = found
        for _ in range(160):  # about three years of weeks
            if candidate.day == day_of_month:
                found = candidate
                break
            candidate -= dt.timedelta(days=7)
    return found, found, "day", False


def _resolve_season(reading: _Reading) -> _Interval | None:
    year = reading.parts[0].year
    if year is None or reading.season is None:
        return None
    first, last = _SEASON_MONTHS[reading.season]
    return dt.date(year, first, 1), _month_end(year, last), "approximate", False


def _interpret(
    lex: _Lexicon, kind: str, span: str, published: dt.date | None, language: str | None
) -> _Interval | None:
    """The interval an expression denotes, or ``None`` when it cannot be resolved."""
    if kind == "iso":
        y, m, d = (int(x) for x in span.split("-"))
        return _resolve_part(_Part(d, m, y), published)
    if kind == "num":
        a, b, y = (int(x) for x in _NUMERIC_SEP.split(span))
        day, month = (b, a) if (a <= 12 < b) or (language == "en" and b <= 12) else (a, b)
        return _resolve_part(_Part(day, month, y), published)
    reading = _read(lex, span, kind)
    if kind in _RANGE_KINDS:
        return _resolve_range(reading, kind, published)
    if kind == "season":
        return _resolve_season(reading)
    if kind == "wd":
        if published is None or reading.weekday is None:
            return None
        last = bool(set(span.split()) & lex.last_markers)
        return _resolve_weekday(reading.weekday, reading.parts[0].day, last, published)
    if reading.relative is not None:
        if published is None:
            return None
        interval = _resolve_relative(reading.relative, published)
    else:
        part = reading.parts[0]
        if kind == "bmonth" and published is not None and part.month is not None:
            part.day = None
            if set(span.split()) & lex.last_markers:
                part.year = published.year - (part.month >= published.month)
        resolved = _resolve_part(part, published)
        if resolved is None:
            return None
        if kind == "bmonth":
            resolved = (*resolved[:3], True)
        interval = resolved
    if reading.modifier is not None:
        interval = _apply_modifier(interval, reading.modifier, published, reading.relative)
    return interval


_WORD = re.compile(r"[\w.'#/]+")


def _is_number_not_year(lex: _Lexicon, folded: str, start: int, end: int) -> bool:
    """A year-shaped number that is a resolution, page, document symbol or head count."""
    before, after = folded[max(0, start - 40) : start], folded[end : end + 40]
    if (
        (before and before[-1] in "/\\-#")
        or (after and after[0] in "/%\\")
        or _DECIMAL_TAIL.match(after)
    ):
        return True
    words = _WORD.findall(before)
    tail = [w.rstrip(".") for w in words[-1:]] + words[-1:]
    if any(w in lex.year_exclude for w in tail):
        return True
    if any(" ".join(words[-n:]) in lex.qualifiers for n in (1, 2, 3) if len(words) >= n):
        return True
    following = _WORD.findall(after[:20])
    return bool(following) and following[0] in lex.year_nouns


def _rejected(
    lex: _Lexicon, kind: str, folded: FoldedText, original: str, match: re.Match[str]
) -> bool:
    """Whether a scanner match is not a date after all (context and capitalisation checks)."""
    span = match.group()
    if kind in {"year", "yrange"} and _is_number_not_year(lex, folded.text, *match.span()):
        return True
    for tok in lex.tokens.finditer(span):
        if tok.lastgroup != "mon" or tok.group() not in lex.ambiguous:
            continue
        if kind == "bmonth" and not tok.group().isascii():
            return True
        pos = folded.original_span(match.start() + tok.start(), match.start() + tok.end())[0]
        if original[pos].isascii() and original[pos].islower():
            return True
    return False


def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=2)
def _accepted_matches(text: str) -> tuple[FoldedText, tuple[re.Match[str], ...]]:
    """The folded text and the scanner matches that are dates (cached: counts reuse it)."""
    lex = _lexicon()
    folded = fold_for_scan(text)
    matches = tuple(m for m in _scan(lex, folded.text)
                    if not _rejected(lex, m.lastgroup or "", folded, text, m))
    return folded, matches


def scan_date_spans(text: str) -> tuple[FoldedText, list[tuple[int, int]]]:
    """``text`` folded, and the spans (in folded coordinates) of its time expressions.

    For other finders (counts) that must not read a day or a year as a number; the scan
    is shared with :func:`find_dates` on the same text.
    """
    folded, matches = _accepted_matches(text)
    return folded, [m.span() for m in matches]


def find_dates(text: str, language: str | None, published: str | None) -> list[DateMention]:
    """Every time expression in ``text``, resolved against ``published`` (``YYYY-MM-DD``).

    ``language`` (ISO 639-1) only breaks ties such as the order of ``03/04/2016``; the
    lexicons of all supported languages are always used. An unparsable ``published`` is
    treated as missing. Expressions that need a missing reference date are returned with
    ``date_start = date_end = None``.
    """
    lex = _lexicon()
    folded, matches = _accepted_matches(text)
    pub = _parse_published(published)
    found: list[DateMention] = []
    for match in matches:
        kind = match.lastgroup or ""
        interval = _interpret(lex, kind, match.group(), pub, language)
        if interval is None and kind in _ALWAYS_RESOLVABLE:
            continue  # "31 February 2016", "2017-02": shaped like a date, is none
        start, end = folded.original_span(*match.span())
        found.append(_mention(text, start, end, kind, interval, lex, match.group()))
    return found


_RELATIVE_KINDS = frozenset({"wd", "bmonth"})
_ALWAYS_RESOLVABLE = frozenset({"iso", "num", "yrange", "year"})
_PRECISION_OF_KIND = {"wd": "day", "bmonth": "month", "season": "approximate", "mod": "approximate"}


def _mention(
    text: str, start: int, end: int, kind: str, interval: _Interval | None, lex: _Lexicon, span: str
) -> DateMention:
    relative = kind in _RELATIVE_KINDS or (
        kind in {"rel", "mod"} and any(t.lastgroup == "rel" for t in lex.tokens.finditer(span))
    )
    shape = "range" if kind in _RANGE_KINDS else "point"
    if interval is None:
        precision = _PRECISION_OF_KIND.get(kind, "day")
        inferred = kind not in {"year", "yrange", "iso", "num"} and not relative
        return DateMention(
            start, end, text[start:end], None, None, precision, inferred, relative, shape
        )
    first, last, precision, inferred = interval
    return DateMention(
        start,
        end,
        text[start:end],
        first.isoformat(),
        last.isoformat(),
        precision,
        inferred,
        relative,
        shape,
    )
