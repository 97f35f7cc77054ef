"""The forgiving query grammar shared by every search back end."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.core.errors import UsageError
from qarina.core.search_query import (
    MAX_QUERY_TERMS,
    MAX_RESULTS,
    Clause,
    ParsedQuery,
    Phrase,
    check_limit,
    parse_query,
)


def words(*terms: str) -> Phrase:
    return Phrase(terms)


def test_words_are_all_required() -> None:
    parsed = parse_query("Chlorine  Aleppo")
    assert parsed == ParsedQuery((Clause((words("chlorine"),)), Clause((words("aleppo"),))))


def test_phrases_and_words_that_analyse_to_several_terms() -> None:
    parsed = parse_query('"barrel bombs" 71/248')
    assert parsed.clauses == (Clause((words("barrel", "bombs"),)), Clause((words("71", "248"),)))


def test_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('"(foo AND').clauses == (Clause((words("foo", "and"),)),)


def test_or_joins_neighbours_and_and_is_ignored() -> None:
    parsed = parse_query('chlorine OR "mustard gas" AND aleppo')
    assert parsed.clauses == (
        Clause((words("chlorine"), words("mustard", "gas"))),
        Clause((words("aleppo"),)),
    )
    assert parse_query("or").clauses == (Clause((words("or"),)),)  # lower case is a word


def test_exclusions() -> None:
    parsed = parse_query('chlorine -aleppo -"barrel bomb" NOT idlib a-b')
    assert [c.excluded for c in parsed.clauses] == [False, True, True, True, False]
    assert parsed.highlight_terms() == frozenset({"chlorine", "a", "b"})
    assert parse_query("x OR -y").clauses[1].excluded


@pytest.mark.parametrize("query", ["", " ", "()", "-x", "NOT x", "- - -", '""', "OR AND"])
def test_nothing_to_find(query: str) -> None:
    with pytest.raises(UsageError, match="no words"):
        parse_query(query)


def test_size_limits() -> None:
    with pytest.raises(UsageError, match="characters"):
        parse_query("x" * 1001)
    with pytest.raises(UsageError, match="words"):
        parse_query(" ".join(["w"] * (MAX_QUERY_TERMS + 1)))
    with pytest.raises(UsageError, match="text"):
        parse_query(b"bytes")  # type: ignore[arg-type]


def test_check_limit() -> None:
    assert check_limit(10) == 10
    assert check_limit(MAX_RESULTS) == MAX_RESULTS
    for bad in (0, -3, MAX_RESULTS + 1, True, 1.5, "10"):
        with pytest.raises(UsageError):
            check_limit(bad)  # type: ignore[arg-type]


_TERM = re.compile(r"^[^\W_]+$")


@given(st.text(max_size=120))
def test_any_text_parses_or_is_refused_clearly(query: str) -> None:
    try:
        parsed = parse_query(query)
    except UsageError as exc:
        assert exc.message
        return
    assert parsed.included
    for clause in parsed.clauses:
        for phrase in clause.alternatives:
            assert phrase.terms and all(_TERM.match(t) for t in phrase.terms)
