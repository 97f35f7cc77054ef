"""Rendering parsed queries for PostgreSQL's ``to_tsquery`` (no database needed)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from qarina.core.errors import UsageError
from qarina.core.search_query import parse_query
from qarina.store.sql.fulltext import render_tsquery


def test_render() -> None:
    parsed = parse_query('chlorine OR "barrel bomb" -aleppo')
    assert render_tsquery(parsed) == ("(('chlorine') | ('barrel' <-> 'bomb')) & !(('aleppo'))")


def test_operators_typed_by_users_are_only_lexemes() -> None:
    rendered = render_tsquery(parse_query("!chlorine & <-> | 'x'"))
    assert rendered == "(('chlorine')) & (('x'))"


_OUTSIDE_QUOTES = re.compile(r"'[^']*'")


@given(st.text(max_size=120))
def test_user_text_never_escapes_a_quoted_lexeme(query: str) -> None:
    try:
        rendered = render_tsquery(parse_query(query))
    except UsageError:
        return
    skeleton = _OUTSIDE_QUOTES.sub("L", rendered)
    assert set(skeleton) <= set("L()|&!<-> ")
