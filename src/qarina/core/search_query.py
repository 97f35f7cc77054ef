"""The search query language, parsed once and run by every full-text back end.

Queries are untrusted text. The grammar is forgiving, in the manner of web search
engines and PostgreSQL's ``websearch_to_tsquery``; it never fails on syntax:

- words separated by spaces must all match (``AND`` between them is allowed and ignored);
- ``"several words"`` is a phrase (an unclosed quote runs to the end of the query);
- a word that analyses into several terms (``71/248``) is a phrase of them;
- ``OR`` (upper case) between two words or phrases matches either;
- ``-word``, ``-"a phrase"`` or ``NOT word`` excludes passages that contain it;
- every other punctuation is a word separator.

Only an empty query, a query with nothing to find (only exclusions) or an oversized one
is refused, with a :class:`~qarina.core.errors.UsageError` that says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from qarina.core.errors import UsageError
from qarina.core.search_text import terms_of

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
MAX_RESULTS = 10_000


@dataclass(frozen=True, slots=True)
class Phrase:
    """Terms that must appear next to each other, in order (one term: a plain word)."""

    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Clause:
    """Any one of ``alternatives`` must match; ``excluded`` means none of them may."""

    alternatives: tuple[Phrase, ...]
    excluded: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Every included clause must match and no excluded clause may."""

    clauses: tuple[Clause, ...]

    @property
    def included(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.excluded)

    @property
    def excluded(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.excluded)

    def highlight_terms(self) -> frozenset[str]:
        """The terms a snippet should mark: those of included clauses."""
        return frozenset(t for c in self.included for p in c.alternatives for t in p.terms)


@dataclass(frozen=True, slots=True)
class _Unit:
    """One lexical unit: a word or a quoted phrase, with its raw text."""

    text: str
    quoted: bool
    negated: bool


def _read_units(query: str) -> list[_Unit]:
    units: list[_Unit] = []
    i, n = 0, len(query)
    negate_next = False
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "-" and i + 1 < n and not query[i + 1].isspace():
            negate_next, i = True, i + 1
            continue
        if ch == '"':
            close = query.find('"', i + 1)
            end = n if close < 0 else close
            units.append(_Unit(query[i + 1 : end], True, negate_next))
            negate_next, i = False, end + 1
            continue
        end = i
        while end < n and not query[end].isspace() and query[end] != '"':
            end += 1
        word = query[i:end]
        if word == "NOT":
            negate_next = True
        else:
            units.append(_Unit(word, False, negate_next))
            negate_next = False
        i = end
    return units


def _clauses_of(units: list[_Unit]) -> list[Clause]:
    clauses: list[Clause] = []
    join_next = False
    for unit in units:
        if not unit.quoted and unit.text in ("AND", "OR"):
            join_next = unit.text == "OR" and bool(clauses)
            continue
        terms = tuple(terms_of(unit.text))
        if not terms:
            continue
        phrase = Phrase(terms)
        previous = clauses[-1] if clauses else None
        if join_next and previous is not None and not previous.excluded and not unit.negated:
            clauses[-1] = Clause((*previous.alternatives, phrase))
        else:
            clauses.append(Clause((phrase,), excluded=unit.negated))
        join_next = False
    return clauses


def parse_query(query: str) -> ParsedQuery:
    """Parse an untrusted query string (see the module docstring for the grammar)."""
    if not isinstance(query, str):
        raise UsageError(f"a search query must be text, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(
            f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}"
        )
    parsed = ParsedQuery(tuple(_clauses_of(_read_units(query))))
    count = sum(len(p.terms) for c in parsed.clauses for p in c.alternatives)
    if count > MAX_QUERY_TERMS:
        raise UsageError(f"the query has {count} words; the limit is {MAX_QUERY_TERMS}")
    if not parsed.included:
        raise UsageError(
            "the query has no words to search for",
            hint="type at least one word or phrase that is not excluded with '-'",
        )
    return parsed


def check_limit(limit: int, maximum: int = MAX_RESULTS) -> int:
    """Validate a requested number of results (1..``maximum``)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= maximum:
        raise UsageError(f"limit must be a whole number from 1 to {maximum}, not {limit!r}")
    return limit
