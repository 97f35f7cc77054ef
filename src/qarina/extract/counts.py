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

import bisect
import re
import sys
from dataclasses import dataclass

from qarina.extract.count_grammar import LANGUAGES, CountGrammar, count_grammar, number_value
from qarina.extract.dates import scan_date_spans
from qarina.extract.folding import FoldedText

__all__ = ["CountMention", "find_counts"]

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_SPACES = re.compile(r"\s+")
_GLUED_AFTER = re.compile(r":\d|[a-z\u00df-\u024f]")  # 10:30, 1st
_GLUED_BEFORE = re.compile(r"\d[:.]|\w\(")  # the 30 of 10:30, the 2 of "art. 8(2)"
_SENTENCE_END = re.compile(r"[.;!?\n]")
_WORDISH = re.compile(r"[\w.#$€£°º]+")
_REFERENCE_TAIL = re.compile(r"\s?\(\s?(?:19|20)\d\d\s?\)")  # "2319 (2016)": a resolution
_LIST_ITEM = re.compile(r"(?:^|\n)[ \t]*$")
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


def _role_of(lex: CountGrammar, word: str) -> str | None:
    found = lex.role.match(word)
    return found.lastgroup if found else None


def _words_after(lex: CountGrammar, folded: str, end: int) -> list[str]:
    """The words of the clause after a count; a subset clause right after it is skipped
    ("92 people, including 30 children, were killed")."""
    pieces = _CLAUSE_END.split(folded[end : end + 120], maxsplit=2)
    words = _TOKEN.findall(pieces[0])
    if len(pieces) > 2 and lex.subset_start.match(pieces[1]):
        words += _TOKEN.findall(pieces[2])
    return words


def _is_new_clause(lex: CountGrammar, word: str) -> bool:
    """ "and", or Arabic "و" written onto a cue ("وجرح": and wounded)."""
    return word in lex.clause_words or (word[0] == "و" and _role_of(lex, word[1:]) is not None)


def _role(lex: CountGrammar, folded: str, origin: int, end: int) -> str | None:
    """What a count counts: a cue among the next words ("nine people were killed",
    "eight attacks"), else, when the number counts people or closes its clause, a cue
    just before its qualifier ("killing nine people", "killed 12 and injured 40")."""
    after = _words_after(lex, folded, end)
    closes = not after or _is_new_clause(lex, after[0])
    for word in after[:6]:
        if word.isdigit() or word in lex.words or _is_new_clause(lex, word):
            break
        role = _role_of(lex, word)
        if role:
            return role
    if not closes and not any(word in lex.people for word in after[:2]):
        return None
    before = _TOKEN.findall(_CLAUSE_END.split(folded[max(0, origin - 40) : origin])[-1])
    for word in reversed(before[-3:]):
        role = _role_of(lex, word)
        if role:
            return role
    return None


def _neighbour_words(folded: str, start: int, end: int) -> tuple[str, str, str]:
    """The word before a number (with its punctuation), and the one and two words after."""
    before = _WORDISH.findall(folded[max(0, start - 24) : start])
    after = _TOKEN.findall(folded[end : end + 40])
    return (before[-1] if before else "", after[0] if after else "", " ".join(after[:2]))


def _is_not_a_count(
    lex: CountGrammar, folded: str, match: re.Match[str], value: int, end: int
) -> bool:
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


def _qualify(lex: CountGrammar, folded: str, start: int, end: int) -> tuple[str, int]:
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
    lex: CountGrammar, folded: str, start: int, end: int, low: int
) -> tuple[int, int] | None:
    """(high, end) when the number opens a range ("20-50", "between 8 and 10")."""
    tail = lex.range_tail.match(folded, end)
    if tail is None:
        return None
    join = _SPACES.sub(" ", tail.group("join"))
    if join in lex.and_joiners and not lex.range_lead.search(folded[max(0, start - 24) : start]):
        return None
    read = number_value(lex, tail)
    if read is None or read[0] <= low:
        return None
    return read


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (start, sys.maxsize))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


def _read_count(
    lex: CountGrammar,
    text: str,
    folded: FoldedText,
    match: re.Match[str],
    dates: list[tuple[int, int]],
) -> tuple[CountMention | None, int]:
    """The count a number match stands for (or ``None``) and where scanning resumes."""
    f = folded.text
    read = number_value(lex, match)
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
    code = (language or "").lower()[:2]  # "EN", "en-GB" -> "en"
    lex = count_grammar(code if code in LANGUAGES else None)
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
