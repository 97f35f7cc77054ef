"""The grammar of counts: number words, qualifiers and role cues from ``resources/numbers.json``.

:func:`count_grammar` compiles, once per language, the pattern of a number (digits with
thousands separators and an optional "million", or a run of number words) and the
patterns of qualifiers and role cues; :func:`number_value` reads the value of a matched
number ("quatre-vingt-dix-sept" is 97, "ثلاثة وعشرون" is 23, "13.000" is 13000).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from qarina.extract.folding import fold_phrase, phrase_pattern

__all__ = ["LANGUAGES", "CountGrammar", "count_grammar", "number_value"]

LANGUAGES = ("en", "fr", "es", "pt", "de", "ar")
_DIGITS_BODY = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
_DIGITS = r"(?<![0-9a-z\u00df-\u024f./\-])" + _DIGITS_BODY
_SPACES = re.compile(r"\s+")
_GROUPED = re.compile(r"\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*")  # 13,000 / 13.000 / 1,234,567
_MAX_DIGITS = 12  # longer digit runs are identifiers, not head counts


@dataclass(frozen=True)
class CountGrammar:
    """Folded lexicons and compiled patterns for one language (or all, when unknown)."""

    words: dict[str, int]
    start: re.Pattern[str]
    word: re.Pattern[str]
    number: re.Pattern[str]
    range_tail: re.Pattern[str]
    range_lead: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    role: re.Pattern[str]
    subset: re.Pattern[str]
    subset_start: re.Pattern[str]
    skip_before: frozenset[str]
    skip_after: frozenset[str]
    one_words: frozenset[str]
    one_skip_before: frozenset[str]
    one_skip_after: frozenset[str]
    people: frozenset[str]
    plural_multipliers: frozenset[str]  # "آلاف", "millions": a number only after another
    clause_words: frozenset[str]  # "and", "but"…: a new clause starts (a count's words end)
    and_joiners: frozenset[str]  # "and" of "between 20 and 50"


def _folded_set(words: list[str]) -> frozenset[str]:
    return frozenset(fold_phrase(w) for w in words)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    path = resources.files("qarina.extract.resources").joinpath("numbers.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _number_words(raw: dict[str, Any], language: str | None) -> dict[str, int]:
    chosen = [language] if language in LANGUAGES else list(LANGUAGES)
    words: dict[str, int] = {}
    for lang in chosen:
        words.update({fold_phrase(w): v for w, v in raw["words"][lang].items()})
        if lang == "de":
            for unit, u in raw["german_units_for_compounds"].items():
                for tens, t in raw["german_tens_for_compounds"].items():
                    words[fold_phrase(f"{unit}und{tens}")] = u + t
    if language not in LANGUAGES:
        for word in raw["ambiguous_in_other_languages"]:
            words.pop(fold_phrase(word), None)
    return words


def _role_pattern(raw: dict[str, Any]) -> re.Pattern[str]:
    groups = []
    for role, cues in raw["roles"].items():
        stems = [fold_phrase(c[:-1]) for c in cues if c.endswith("*")]
        whole = [fold_phrase(c) for c in cues if not c.endswith("*")]
        alts = [re.escape(s) for s in stems] + [re.escape(w) + "$" for w in whole]
        groups.append(f"(?P<{role}>{'|'.join(sorted(alts, key=len, reverse=True))})")
    return re.compile(r"^(?:[وفبل]|ال|وال|بال|فال|لل)?(?:" + "|".join(groups) + ")")


def _qualifier_pattern(groups: dict[str, list[str]], anchor_end: bool) -> re.Pattern[str]:
    parts = [f"(?P<{kind}>{phrase_pattern(words)})" for kind, words in groups.items()]
    body = r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"
    # "more than a hundred": an article may stand between the qualifier and the number
    return re.compile(body + r"\s{0,3}(?:an?\s{1,3})?$" if anchor_end else body)


@lru_cache(maxsize=8)
def count_grammar(language: str | None) -> CountGrammar:
    """The grammar for one language (``None``: every language but its ambiguous words)."""
    raw = _raw()
    words = _number_words(raw, language)
    word = r"(?<![^\W\d_])(?:[وبل](?=\w))?" + phrase_pattern(list(words)) + r"(?![^\W\d_])"
    joined = phrase_pattern(raw["number_joiners"])
    joiner = rf"(?:\s{{1,3}}(?:{joined})\s{{1,3}}|\s{{1,3}}و\s?|\s{{1,3}}|-)"
    mult = phrase_pattern([w for w, v in words.items() if v >= 1000])
    number = (
        rf"(?P<digits>{_DIGITS})(?:\s{{1,2}}(?P<mult>{mult})(?!\w))?"
        rf"|(?P<words>{word}(?:{joiner}{word}){{0,6}})"
    )
    tail_joiner = phrase_pattern(raw["range_joiner"])
    return CountGrammar(
        words=words,
        start=re.compile(r"\d+|\b(?:[وبل])?" + phrase_pattern(list(words)) + r"\b"),
        word=re.compile(word),
        number=re.compile(number),
        range_tail=re.compile(
            rf"\s{{0,3}}(?P<join>{tail_joiner}|-)\s{{0,3}}"
            rf"(?:{number.replace(_DIGITS, _DIGITS_BODY)})"
        ),
        range_lead=re.compile(r"(?<!\w)(?:" + phrase_pattern(raw["range_lead"]) + r")\s{1,3}$"),
        qualifier_before=_qualifier_pattern(raw["qualifiers"], anchor_end=True),
        qualifier_after=_qualifier_pattern(raw["qualifiers_after"], anchor_end=False),
        role=_role_pattern(raw),
        subset=re.compile(r"(?<!\w)(?:" + phrase_pattern(raw["subset_cues"]) + r")\s{0,3}$"),
        subset_start=re.compile(r"\s{0,3}(?:" + phrase_pattern(raw["subset_cues"]) + r")(?!\w)"),
        skip_before=_folded_set(raw["not_a_count_before"]),
        skip_after=_folded_set(raw["not_a_count_after"]),
        one_words=_folded_set(raw["one_words"]),
        one_skip_before=_folded_set(raw["one_not_count_before"]),
        one_skip_after=_folded_set(raw["one_not_count_after"]),
        people=_folded_set(raw["people_nouns"]),
        plural_multipliers=_folded_set(raw["plural_multipliers"]),
        clause_words=_folded_set(raw["clause_words"]),
        and_joiners=_folded_set(raw["number_joiners"]),
    )


_MULTIPLIERS = frozenset({100, 1000, 1_000_000, 1_000_000_000})


def _continues(last: int, value: int, group: int) -> bool:
    """Whether number word ``value`` extends a number whose last word was ``last``."""
    if value in _MULTIPLIERS:
        return value > group
    if value < last:
        return last >= 10
    return last < 10 and (value == 10 or (value % 10 == 0 and 20 <= value <= 90))


def _word_value(lex: CountGrammar, span: str) -> tuple[int, int] | None:
    """The value of a run of number words and the length of the part that forms one number."""
    total = group = 0
    last: int | None = None
    used_end = 0
    for word in lex.word.finditer(span):
        key = _SPACES.sub(" ", word.group())
        value = lex.words.get(key)
        if value is None:
            value = lex.words.get(key[1:])
        if value is None or (last is not None and not _continues(last, value, group)):
            break
        if last is None and key in lex.plural_multipliers:
            return None  # "آلاف", "des millions": thousands, millions of something, vague
        if value >= 1000:
            total, group = total + max(group, 1) * value, 0
        elif value == 100:
            group = max(group, 1) * 100
        else:
            group += value
        last, used_end = value, word.end()
    return (total + group, used_end) if last is not None else None


def _digits_value(digits: str, mult: str | None, lex: CountGrammar) -> int | None:
    plain = digits.replace(",", "").replace(".", "")
    if len(plain) > _MAX_DIGITS:
        return None
    if _GROUPED.fullmatch(digits):
        number = float(plain)
    elif mult is None and not digits.isdigit():
        return None  # a decimal fraction is not a head count
    else:
        number = float(digits.replace(",", "."))
    if mult is not None:
        number *= lex.words.get(_SPACES.sub(" ", mult), 1)
    return int(number)


def number_value(lex: CountGrammar, match: re.Match[str]) -> tuple[int, int] | None:
    """(value, end) of a match of ``lex.number``; the end may stop short of the match."""
    if match.group("digits") is not None:
        value = _digits_value(match.group("digits"), match.group("mult"), lex)
        return None if value is None else (value, match.end())
    read = _word_value(lex, match.group("words"))
    return None if read is None else (read[0], match.start("words") + read[1])
