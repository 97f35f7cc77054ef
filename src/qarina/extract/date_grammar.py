"""The grammar of time expressions: lexicons from ``resources/dates.json`` and the scanner.

A scanner is a compiled regex whose named branches are expression shapes (``range``,
``date``, ``rel``, ``wd``, ``year``…), built from bounded pieces and prefix tries so that
no input makes it backtrack badly. Scanners are tried only at the start of digit runs and
of lexicon words shortly before a digit run or an anchor word (a month, weekday, season or
relative word), and each holds only the branches that can open with that word, so a scan
costs in proportion to those words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from qarina.extract.folding import fold_phrase, phrase_pattern, words_pattern

__all__ = ["WORD", "DateGrammar", "date_grammar", "scan_expressions"]

_THOUSANDS_AFTER = re.compile(r"[,.]\d{3}(?!\d)")
_THOUSANDS_BEFORE = re.compile(r"\d[,.]")
_LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
WORD = re.compile(r"[^\W\d_]+|\d+|-")  # words, digit runs and hyphens of folded text
_LB = r"(?<![0-9a-z\u00df-\u024f])"
_RB = r"(?![0-9a-z\u00df-\u024f])"
_LEAD_ROOM = 32  # the longest lead before an anchor word ("a finales del", "zwischen dem")
_GAP = 3  # at most this between a lead word and the next lexicon word (", ", " - ")
_MATCH_ROOM = 200  # longer than any expression the scanner can match
_NOT_PHRASES = frozenset({"year_context_exclude"})
_DIGIT_START = frozenset({"iso", "num", "range", "yrange", "date", "ago", "year"})


@dataclass(frozen=True)
class DateGrammar:
    """Folded lexicons, word lookups and the scanners (compiled on first use)."""

    words: dict[str, tuple[str, Any]]  # folded phrase (WORD tokens, space-joined) -> (kind, value)
    longest: dict[str, int]  # first word -> words in the longest phrase it opens
    months: frozenset[str]
    ambiguous: frozenset[str]
    last_markers: frozenset[str]
    year_exclude: frozenset[str]
    year_nouns: frozenset[str]  # "2000 people": a head count, not a year
    qualifiers: frozenset[str]  # "at least 2000": a head count, not a year
    anchors: frozenset[str]
    and_words: frozenset[str]  # joiners that list dates rather than span them
    openers: dict[str, frozenset[str]]  # word -> the branches a phrase opening with it may fit
    branches: dict[str, str] = field(repr=False)  # branch name -> pattern, longest shapes first
    digit_scanner: re.Pattern[str] = field(repr=False)  # tried where a digit run starts
    phrase_words: frozenset[str]  # every word of every lexicon phrase
    _scanners: dict[frozenset[str], re.Pattern[str]] = field(default_factory=dict, repr=False)

    def scanner_for(self, word: str) -> re.Pattern[str] | None:
        """The scanner of the branches that can start with ``word`` (compiled once)."""
        names = self.openers.get(word)
        if names is None:
            return None
        scanner = self._scanners.get(names)
        if scanner is None:
            scanner = self._scanners[names] = _build_scanner(self.branches, names)
        return scanner


def phrase_key(phrase: str) -> str:
    """The lookup key of a folded phrase: its WORD tokens joined by single spaces."""
    return " ".join(WORD.findall(phrase))


def _word_lookup(raw: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Every phrase of the lexicon, later kinds winning ties (months last)."""
    lookup: dict[str, tuple[str, Any]] = {}
    lookup.update({phrase_key(fold_phrase(w)): ("conn", None) for w in raw["range_connector"]})
    for kind, cast in (
        ("modifiers", str),
        ("seasons", str),
        ("weekdays", int),
        ("relative", str),
        ("months", int),
    ):
        for value, phrases in raw[kind].items():
            lookup.update({phrase_key(fold_phrase(p)): (kind, cast(value)) for p in phrases})
    for key, value in _ago_and_ordinal_entries(raw):
        lookup.setdefault(key, value)
    for lead in raw["range_lead"]:
        lookup.setdefault(phrase_key(fold_phrase(lead)), ("lead", None))
    return lookup


def _longest_phrases(lookup: dict[str, tuple[str, Any]]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in lookup:
        words = key.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def _ago_and_ordinal_entries(raw: dict[str, Any]) -> Iterator[tuple[str, tuple[str, Any]]]:
    """Lookup entries for "three days ago" and Arabic ordinal days ("الحادي والعشرين")."""
    ago = raw["ago"]
    for value, words in ago["numbers"].items():
        yield from ((phrase_key(fold_phrase(w)), ("ago_number", int(value))) for w in words)
    for unit, words in ago["units"].items():
        yield from ((phrase_key(fold_phrase(w)), ("ago_unit", (unit, 1))) for w in words)
    for unit, words in ago["dual_units"].items():
        yield from ((phrase_key(fold_phrase(w)), ("ago_unit", (unit, 2))) for w in words)
    for value, words in raw["ordinal_days"].items():
        yield from ((phrase_key(fold_phrase(w)), ("ordinal_day", int(value))) for w in words)


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold_phrase(w) for w in words)


def _resource(name: str) -> dict[str, Any]:
    path = resources.files("qarina.extract.resources").joinpath(name)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def date_grammar() -> DateGrammar:
    """The grammar, loaded and compiled once."""
    raw, counting = _resource("dates.json"), _resource("numbers.json")
    lookup = _word_lookup(raw)
    branches = _branches(raw)
    anchors, openers = _anchor_words(raw), _openers(raw)
    return DateGrammar(
        words=lookup,
        longest=_longest_phrases(lookup),
        months=frozenset(k for k, v in lookup.items() if v[0] == "months"),
        ambiguous=_folded(raw["ambiguous_months"]),
        last_markers=_folded(raw["weekday_trail"] + raw["last_words"]),
        year_exclude=_folded(raw["year_context_exclude"]),
        year_nouns=_folded(counting["people_nouns"]),
        qualifiers=_folded(counting["qualifiers"]["min"] + counting["qualifiers"]["approx"]),
        anchors=anchors,
        and_words=_folded(raw["and_words"]),
        openers=openers,
        branches=branches,
        digit_scanner=_build_scanner(branches, _DIGIT_START),
        phrase_words=_phrase_words(raw),
    )


def _phrase_words(raw: Any) -> frozenset[str]:
    """Every word of the lexicon's phrases (not of its exclusion lists)."""
    if isinstance(raw, str):
        return frozenset(WORD.findall(fold_phrase(raw)))
    if isinstance(raw, list):
        return frozenset().union(*(_phrase_words(item) for item in raw))
    if isinstance(raw, dict):
        return frozenset().union(
            *(
                _phrase_words(v)
                for k, v in raw.items()
                if not k.startswith("_") and k not in _NOT_PHRASES
            )
        )
    return frozenset()


def _first_words(phrases: Iterable[str]) -> set[str]:
    tokens = (WORD.findall(fold_phrase(p)) for p in phrases)
    return {t[0] for t in tokens if t and t[0] != "-"}


def _openers(raw: dict[str, Any]) -> dict[str, frozenset[str]]:
    """For every word a phrase can open with, the scanner branches that phrase may fit."""

    def flat(key: str) -> list[str]:
        return [p for ps in raw[key].values() for p in ps]

    months, leads = _first_words(flat("months")), _first_words(raw["range_lead"])
    weekday = _first_words(raw["weekday_lead"]) | _first_words(flat("weekdays"))
    mods = _first_words(flat("modifiers"))
    ago = raw["ago"]
    opens = {
        "range": leads | _first_words(raw["article"]) | months,
        "mdrange": months,
        "mrange": leads | months,
        "mrel": _first_words(raw["month_cue"]) | months,
        "yrange": leads,
        "wdate": weekday,
        "season": mods | _first_words(flat("seasons")),
        "mod": mods,
        "date": months | _first_words(flat("ordinal_days")),
        "ago": _first_words(ago["before"])
        | {"a", "an"}
        | _first_words([w for ws in ago["numbers"].values() for w in ws]),
        "rel": _first_words(flat("relative")),
        "wd": weekday,
        "bmonth": _first_words(raw["month_cue"]),
    }
    by_word: dict[str, set[str]] = {}
    for name, words in opens.items():
        for word in words:
            by_word.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in by_word.items()}


def _anchor_words(raw: dict[str, Any]) -> frozenset[str]:
    """One word (the longest) of every month, weekday, relative and season phrase."""
    groups = [raw["months"], raw["weekdays"], raw["relative"], raw["seasons"]]
    phrases = [p for group in groups for ps in group.values() for p in ps]
    words = {max(WORD.findall(fold_phrase(p)), key=len) for p in phrases}
    ago = raw["ago"]["before"] + raw["ago"]["after"]  # "il y a", "vor": their first word
    return frozenset(words | {WORD.findall(fold_phrase(p))[0] for p in ago})


def _candidate_starts(grammar: DateGrammar, folded: str) -> list[tuple[int, str]]:
    """Digit runs and opening words from which a time expression may start.

    Every scanner branch opens with a digit run or an opening word (a lead, month, weekday…),
    holds an anchor (a digit run, month, weekday, season or relative word) within
    ``_LEAD_ROOM`` characters, and has no word outside the lexicon between its opening word
    and the next lexicon word; so only these positions need trying.
    """
    phrase_words = grammar.phrase_words
    tokens = [
        (tok.start(), tok.end(), word)
        for tok in _LETTERS_OR_DIGITS.finditer(folded)
        if (word := tok.group()) in phrase_words
        or (word[0].isdigit() and len(word) in (1, 2, 4) and not _in_grouped_number(folded, tok))
    ]
    anchors, openers = grammar.anchors, grammar.openers
    chosen: list[tuple[int, str]] = []
    next_anchor = next_start = -1
    for start, end, word in reversed(tokens):
        if word[0].isdigit() or word in anchors:
            next_anchor, adjacent = start, True
        else:
            adjacent = 0 <= next_start - end <= _GAP
        if (
            adjacent
            and (word[0].isdigit() or word in openers)
            and (0 <= next_anchor - start <= _LEAD_ROOM)
        ):
            chosen.append((start, word))
        next_start = start
    chosen.reverse()
    return chosen


def _in_grouped_number(folded: str, digits: re.Match[str]) -> bool:
    """Part of "45,000" or "13.000": digit groups of a number, not of a date."""
    start, end = digits.span()
    after, before = folded[end : end + 5], folded[max(0, start - 2) : start]
    return bool(_THOUSANDS_AFTER.match(after) or _THOUSANDS_BEFORE.fullmatch(before))


def scan_expressions(grammar: DateGrammar, folded: str) -> Iterator[re.Match[str]]:
    """The time expressions of ``folded``, left to right, as scanner matches."""
    resume = 0
    for start, word in _candidate_starts(grammar, folded):
        if start < resume:
            continue
        scanner = grammar.digit_scanner if word[0].isdigit() else grammar.scanner_for(word)
        if scanner is None:
            continue  # an anchor that opens nothing ("pasado" of "el año pasado")
        match = scanner.match(folded, start, start + _MATCH_ROOM)
        if match is not None:
            yield match
            resume = match.end()


def _pieces(raw: dict[str, Any]) -> dict[str, str]:
    """The regex pieces the branches are made of."""
    p: dict[str, str] = {}
    after_and = r"(?<=(?<![^\W\d_])و)"  # Arabic "و" (and) written onto the month name
    month_words = [w for ws in raw["months"].values() for w in ws]
    p["mon"] = rf"(?:(?<![^\W\d_])|{after_and})" + phrase_pattern(month_words) + r"(?!\w)"
    p["monx"] = rf"{p['mon']}(?:\.(?=\s{{0,2}}\d))?(?:\s{{0,2}}[/(]\s{{0,2}}{p['mon']}\)?)?"
    ordinal = rf"(?:st|nd|rd|th|er|eme|º|ª|\.(?=\s{{0,2}}(?:{p['mon']}|bis|und|-)))"
    p["day"] = _LB + rf"(?:[12]\d|3[01]|0?[1-9]){ordinal}?" + _RB
    p["year"] = _LB + r"(?:1[89]\d\d|20\d\d)(?!\d)(?!'?s(?![a-z]))"  # not "1980s"
    p["of"] = r"(?:(?:of|de|del|di|من)\s{1,3})"  # "21 من آب", "21 de agosto"
    p["sep"] = r"\s{0,2},?\s{0,3}"
    p["dmy"] = rf"{p['day']}\s{{0,3}}{p['of']}?{p['monx']}(?:{p['sep']}{p['of']}?{p['year']})?"
    p["mdy"] = rf"{p['mon']}\.?\s{{1,3}}{p['day']}(?:{p['sep']}{p['year']})?"
    p["my"] = rf"{p['monx']}\s{{0,3}},?\s{{0,2}}{p['of']}?{p['year']}"
    unit = phrase_pattern(raw["range_unit"])  # "between the years 2011 and 2015"
    p["lead"] = words_pattern(raw["range_lead"]) + rf"(?:\s{{1,3}}(?:{unit}))?"
    p["conn"] = words_pattern(raw["range_connector"]) + rf"|-|و(?=\s?\d)|و(?={p['mon']})"
    p["art"] = words_pattern(raw["article"])
    p["weekday"] = words_pattern([w for ws in raw["weekdays"].values() for w in ws])
    p["wd"] = (
        rf"(?:{words_pattern(raw['weekday_lead'])}\s{{1,3}})?{p['weekday']}"
        rf"(?:\s{{1,3}}{words_pattern(raw['weekday_trail'])})?"
        r"(?:\s{0,2}\(\s{0,2}\d{1,2}\s{0,2}\))?"
    )
    p["mod"] = words_pattern([w for ws in raw["modifiers"].values() for w in ws])
    p["link"] = rf"(?:{words_pattern(raw['modifier_link'])}\s{{0,3}}|-\s?)?"
    p["rel"] = words_pattern([w for ws in raw["relative"].values() for w in ws])
    p["season"] = words_pattern([w for ws in raw["seasons"].values() for w in ws])
    p["cue"] = words_pattern(raw["month_cue"])
    p["rel_year"] = words_pattern(raw["relative"]["last_year"] + raw["relative"]["this_year"])
    p["year_link"] = words_pattern(raw["month_year_link"])  # "agosto del año pasado"
    p["ordday"] = words_pattern([w for ws in raw["ordinal_days"].values() for w in ws])
    ago = raw["ago"]
    amount = words_pattern([w for ws in ago["numbers"].values() for w in ws] + ago["articles"])
    unit = words_pattern(
        [w for ws in (*ago["units"].values(), *ago["dual_units"].values()) for w in ws]
    )
    p["ago"] = (
        rf"{words_pattern(ago['before'])}\s{{1,3}}(?:(?:{amount}|\d{{1,3}})\s{{1,3}})?"
        rf"{unit}(?!\s{{0,3}}(?:\d|{p['mon']}))|(?:{amount}|\d{{1,3}})\s{{1,3}}{unit}\s{{1,3}}{words_pattern(ago['after'])}"
    )
    return p


def _build_scanner(branches: dict[str, str], names: frozenset[str]) -> re.Pattern[str]:
    """One regex of the chosen branches, in order (the longest shapes come first)."""
    chosen = {k: v for k, v in branches.items() if k in names}
    return re.compile("|".join(f"(?P<{k}>{v})" for k, v in chosen.items()))


def _branches(raw: dict[str, Any]) -> dict[str, str]:
    """One named branch per expression shape, longest shapes first."""
    p = _pieces(raw)
    sp, dmy, mdy, my, monx, year = (r"\s{0,3}", p["dmy"], p["mdy"], p["my"], p["monx"], p["year"])
    lead, art = rf"(?:{p['lead']}\s{{1,3}})?", rf"(?:{p['art']}\s{{1,3}})?"
    conn, of = p["conn"], p["of"]
    branches = {
        "iso": _LB + r"(?:1[89]|20)\d\d(?P<isosep>[-/.])(?:0?[1-9]|1[0-2])(?P=isosep)"
        r"[0-3]?\d(?!\d)",
        "num": _LB + r"\d{1,2}(?P<numsep>[./])\d{1,2}(?P=numsep)(?:1[89]|20)\d\d(?!\d)",
        "range": rf"{lead}{art}(?:{p['day']}\s{{0,2}},{sp}){{0,6}}(?>{dmy}|{mdy}|{p['day']})"
        rf"\s{{0,2}},?{sp}(?:{conn}){sp}{art}(?:{dmy}|{mdy})",
        "mdrange": rf"{p['mon']}\.?\s{{1,3}}{p['day']}{sp}(?:{conn}){sp}{p['day']}"
        rf"(?:{p['sep']}{year})?",
        "mrange": rf"{lead}(?>{my}|{monx})\s{{1,3}}(?:{conn}){sp}{my}",
        "mrel": rf"(?:{p['cue']}\s{{1,3}})?(?>{monx}),?\s{{1,3}}(?:{p['year_link']}\s{{1,3}})?"
        rf"{p['rel_year']}",
        "yrange": rf"{lead}{year}{sp}(?:{conn}){sp}(?:{year}|\d\d(?!\d))",
        "wdate": rf"{p['wd']}{p['sep']}{art}(?:{dmy}|{mdy})",
        "season": rf"(?:{p['mod']}{sp}{p['link']})?{p['season']}{sp}{of}?"
        rf"(?:(?:the\s{{1,3}})?year\s{{1,3}}|(?:عام|سنة)\s{{1,3}})?{year}",
        "mod": rf"{p['mod']}{sp}{p['link']}(?:{my}|{monx}|{year}|{p['rel']})",
        "date": rf"{dmy}|{mdy}|{my}|{p['ordday']}\s{{1,3}}(?:من\s{{1,3}})?{monx}"
        rf"(?:{p['sep']}{year})?",
        "ago": p["ago"],
        "rel": rf"{p['rel']}(?:\s{{0,2}}\(\s{{0,2}}{p['weekday']}\s{{0,2}}\))?",
        "wd": p["wd"],
        "bmonth": rf"{p['cue']}\s{{1,3}}(?:(?:the\s{{1,3}})?month\s{{1,3}}of\s{{1,3}})?(?>{monx})"
        rf"(?!{sp},?{sp}{of}?\d)(?!\s{{1,3}}(?:{conn}){sp}{p['mon']})",
        "year": year,
    }
    return branches
