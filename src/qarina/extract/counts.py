"""Counts (of people killed or injured, of attacks) in en/ar/fr/es/pt/de text.

Numbers in digits (ASCII or Arabic-Indic, with thousands separators, "1.5 million") and in
words ("nine", "vingt-cinq", "ثلاثة عشر", "einundzwanzig") are read with their qualifier
("at least" → ``min``, "about" → ``approx``, "up to" → ``max``, "between a and b" →
``min``/``max``, bare → ``exact``) and the role that nearby words give them ("killed",
"injured", "attacks"). Years, dates, resolution and page numbers, times, percentages and
durations are not counts. Vague amounts ("dozens", "hundreds") are not numbers at all.
Lexicons: ``resources/numbers.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from qarina.extract.dates import scan_date_spans
from qarina.extract.folding import FoldedText, fold_for_scan, phrase_pattern

__all__ = ["CountMention", "find_counts"]

_LANGUAGES = ("en", "fr", "es", "pt", "de", "ar")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_CLITIC = re.compile(r"^(?:[وفبل]|وب|ول|فب)(?=\w)")
_DIGITS_BODY = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
_DIGITS = r"(?<![0-9a-z\u00df-\u024f./\-])" + _DIGITS_BODY
_SPACES = re.compile(r"\s+")
_GROUPED = re.compile(r"\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*")  # 13,000 / 13.000 / 1,234,567
_GLUED_AFTER = re.compile(r":\d|[a-z\u00df-\u024f]")  # 10:30, 1st
_GLUED_BEFORE = re.compile(r"\d[:.]")  # the 30 of 10:30
_SENTENCE_END = re.compile(r"[.;!?\n]")
_WORDISH = re.compile(r"[\w.#$€£°º]+")
_REFERENCE_TAIL = re.compile(r"\s?\(\s?(?:19|20)\d\d\s?\)")  # "2319 (2016)": a resolution
_LIST_ITEM = re.compile(r"(?:^|\n)[ \t]*$")
_CLAUSE_WORDS = frozenset(
    {
        "and",
        "et",
        "y",
        "e",
        "und",
        "or",
        "ou",
        "o",
        "oder",
        "but",
        "mais",
        "pero",
        "mas",
        "aber",
        "while",
        "whereas",
        "alors",
        "mientras",
    }
)
_MAX_DIGITS = 12
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n\"]|,(?!\d)|\s-\s")


@dataclass(frozen=True, slots=True)
class CountMention:
    """One number with its qualifier and, when nearby words say, what it counts."""

    start: int
    end: int
    text: str
    value: dict[str, int]
    role: str | None
    subset: bool = False  # "including four children": part of a count given just before


@dataclass(frozen=True)
class _Lexicon:
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
    skip_before: frozenset[str]
    skip_after: frozenset[str]
    one_words: frozenset[str]
    one_skip_before: frozenset[str]
    one_skip_after: frozenset[str]
    people: frozenset[str]


def _fold(phrase: str) -> str:
    return fold_for_scan(phrase).text


def _folded_set(words: list[str]) -> frozenset[str]:
    return frozenset(_fold(w) for w in words)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    path = resources.files("qarina.extract.resources").joinpath("numbers.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _number_words(raw: dict[str, Any], language: str | None) -> dict[str, int]:
    chosen = [language] if language in _LANGUAGES else list(_LANGUAGES)
    words: dict[str, int] = {}
    for lang in chosen:
        words.update({_fold(w): v for w, v in raw["words"][lang].items()})
        if lang == "de":
            for unit, u in raw["german_units_for_compounds"].items():
                for tens, t in raw["german_tens_for_compounds"].items():
                    words[_fold(f"{unit}und{tens}")] = u + t
    if language not in _LANGUAGES:
        for word in raw["ambiguous_in_other_languages"]:
            words.pop(_fold(word), None)
    return words


def _role_pattern(raw: dict[str, Any]) -> re.Pattern[str]:
    groups = []
    for role, cues in raw["roles"].items():
        stems = [_fold(c[:-1]) for c in cues if c.endswith("*")]
        whole = [_fold(c) for c in cues if not c.endswith("*")]
        alts = [re.escape(s) for s in stems] + [re.escape(w) + "$" for w in whole]
        groups.append(f"(?P<{role}>{'|'.join(sorted(alts, key=len, reverse=True))})")
    return re.compile(r"^(?:[وفبل]|ال|وال|بال|فال|لل)?(?:" + "|".join(groups) + ")")


def _qualifier_pattern(groups: dict[str, list[str]], anchor_end: bool) -> re.Pattern[str]:
    parts = [f"(?P<{kind}>{phrase_pattern(words)})" for kind, words in groups.items()]
    body = r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"
    return re.compile(body + r"\s{0,3}$" if anchor_end else body)


@lru_cache(maxsize=8)
def _lexicon(language: str | None) -> _Lexicon:
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
    return _Lexicon(
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
        skip_before=_folded_set(raw["not_a_count_before"]),
        skip_after=_folded_set(raw["not_a_count_after"]),
        one_words=_folded_set(raw["one_words"]),
        one_skip_before=_folded_set(raw["one_not_count_before"]),
        one_skip_after=_folded_set(raw["one_not_count_after"]),
        people=_folded_set(raw["people_nouns"]),
    )


_AND_JOINERS = frozenset({"and", "et", "y", "e", "und", "و"})
_MULTIPLIERS = frozenset({100, 1000, 1_000_000, 1_000_000_000})


def _continues(last: int, value: int, group: int) -> bool:
    """Whether number word ``value`` extends a number whose last word was ``last``."""
    if value in _MULTIPLIERS:
        return value > group
    if value < last:
        return last >= 10
    return last < 10 and (value == 10 or (value % 10 == 0 and 20 <= value <= 90))


def _word_value(lex: _Lexicon, span: str) -> tuple[int, int] | None:
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
        if value >= 1000:
            total, group = total + max(group, 1) * value, 0
        elif value == 100:
            group = max(group, 1) * 100
        else:
            group += value
        last, used_end = value, word.end()
    return (total + group, used_end) if last is not None else None


def _digits_value(digits: str, mult: str | None, lex: _Lexicon) -> int | None:
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


def _number_value(lex: _Lexicon, match: re.Match[str]) -> tuple[int, int] | None:
    """(value, end) of a match of ``lex.number``; the end may stop short of the match."""
    if match.group("digits") is not None:
        value = _digits_value(match.group("digits"), match.group("mult"), lex)
        return None if value is None else (value, match.end())
    read = _word_value(lex, match.group("words"))
    return None if read is None else (read[0], match.start("words") + read[1])


def _role_of(lex: _Lexicon, word: str) -> str | None:
    found = lex.role.match(word)
    return found.lastgroup if found else None


def _role(lex: _Lexicon, folded: str, origin: int, end: int) -> str | None:
    """What a count counts: a cue among the next words ("nine people were killed",
    "eight attacks"), else, when the number counts people or closes its clause, a cue
    just before its qualifier ("killing nine people", "injured around 200")."""
    after = _TOKEN.findall(_CLAUSE_END.split(folded[end : end + 80], maxsplit=1)[0])
    for word in after[:4]:
        if word.isdigit() or word in lex.words or word in _CLAUSE_WORDS:
            break
        role = _role_of(lex, word)
        if role:
            return role
    if after and not any(word in lex.people for word in after[:2]):
        return None
    before = _TOKEN.findall(_CLAUSE_END.split(folded[max(0, origin - 40) : origin])[-1])
    for word in reversed(before[-2:]):
        role = _role_of(lex, word)
        if role:
            return role
    return None


def _neighbour_words(folded: str, start: int, end: int) -> tuple[str, str, str]:
    """The word before a number (with its punctuation), and the one and two words after."""
    before = _WORDISH.findall(folded[max(0, start - 24) : start])
    after = _TOKEN.findall(folded[end : end + 40])
    return (before[-1] if before else "", after[0] if after else "", " ".join(after[:2]))


def _is_not_a_count(lex: _Lexicon, folded: str, match: re.Match[str], value: int, end: int) -> bool:
    """Years, references, times, percentages, durations, ordinals and pronoun "one"."""
    start = match.start()
    nxt = folded[end : end + 2]
    if nxt[:1] in {"/", "%", "°", "º", "ª"} or _GLUED_AFTER.match(nxt):
        return True
    if (start and folded[start - 1] in "/#$€£") or _GLUED_BEFORE.match(folded[start - 2 : start]):
        return True
    if _REFERENCE_TAIL.match(folded, end) or (
        nxt[:1] in {".", ")"} and _LIST_ITEM.search(folded[max(0, start - 40) : start])
    ):
        return True
    before, after1, after2 = _neighbour_words(folded, start, end)
    if before in lex.skip_before or before.rstrip(".,:;") in lex.skip_before:
        return True
    if after1 in lex.skip_after or after2 in lex.skip_after or nxt[:1] == "%":
        return True
    if match.group("words") is not None and match.group("words") in lex.one_words:
        return after1 in lex.one_skip_after or before in lex.one_skip_before
    digits = match.group("digits")
    if digits is not None and digits.isdigit() and len(digits) == 4 and 1900 <= value <= 2099:
        return not (
            after1 in lex.people
            or _role_of(lex, after1)
            or lex.qualifier_before.search(folded[max(0, start - 40) : start])
        )
    return False


def _qualify(lex: _Lexicon, folded: str, start: int, end: int) -> tuple[str, int]:
    """The qualifier kind ("exact", "min", "approx", "max") and where its phrase starts."""
    before = lex.qualifier_before.search(folded[max(0, start - 40) : start])
    kind = before.lastgroup if before and before.lastgroup else "exact"
    origin = start - (min(start, 40) - before.start()) if before else start
    after_text = _SENTENCE_END.split(folded[end : end + 45], maxsplit=1)[0]
    after = lex.qualifier_after.search(after_text)
    if after and lex.number.match(after_text[after.end() :].lstrip()):
        after = None  # "… and about 200": the qualifier of the next number
    if after and after.lastgroup == "approx" and kind in {"exact", "max"}:
        kind = "approx"
    elif after and after.lastgroup == "min" and kind == "exact":
        kind = "min"
    return kind, origin


def _read_range(
    lex: _Lexicon, folded: str, start: int, end: int, low: int
) -> tuple[int, int] | None:
    """(high, end) when the number opens a range ("20-50", "between 8 and 10")."""
    tail = lex.range_tail.match(folded, end)
    if tail is None:
        return None
    join = _SPACES.sub(" ", tail.group("join"))
    if join in _AND_JOINERS and not lex.range_lead.search(folded[max(0, start - 24) : start]):
        return None
    read = _number_value(lex, tail)
    if read is None or read[0] <= low:
        return None
    return read


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _read_count(
    lex: _Lexicon, text: str, folded: FoldedText, match: re.Match[str], dates: list[tuple[int, int]]
) -> tuple[CountMention | None, int]:
    """The count a number match stands for (or ``None``) and where scanning resumes."""
    f = folded.text
    read = _number_value(lex, match)
    if read is None:
        return None, match.end()
    value, end = read
    if _inside(dates, match.start(), end) or _is_not_a_count(lex, f, match, value, end):
        return None, end
    high = _read_range(lex, f, match.start(), end, value)
    kind, origin = _qualify(lex, f, match.start(), end)
    if high is not None:
        amount, end = {"min": value, "max": high[0]}, high[1]
    else:
        amount = {kind: value}
    subset = bool(lex.subset.search(f[max(0, origin - 30) : origin]))
    role = _role(lex, f, origin, end)
    start, stop = folded.original_span(origin, end)
    return CountMention(start, stop, text[start:stop], amount, role, subset), end


def find_counts(text: str, language: str | None) -> list[CountMention]:
    """Every count in ``text``; ``language`` (ISO 639-1) picks the number words to read.

    With an unknown or missing language, the number words of all supported languages are
    used except those that are ordinary words in another one ("once", "sept").
    """
    lex = _lexicon(language if language in _LANGUAGES else None)
    folded, dates = scan_date_spans(text)
    found: list[CountMention] = []
    resume = 0
    for tok in lex.start.finditer(folded.text):
        if tok.start() < resume:
            continue
        match = lex.number.match(folded.text, tok.start())
        if match is None:
            continue
        mention, resume = _read_count(lex, text, folded, match, dates)
        if mention is not None:
            found.append(mention)
    return found
