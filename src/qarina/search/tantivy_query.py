"""Turn a parsed query (``qarina.core.search_query``) into a tantivy query."""

from __future__ import annotations

import tantivy

from qarina.core.search_query import Clause, ParsedQuery, Phrase
from qarina.search.tantivy_schema import LANGUAGE, TERMS


def _phrase_query(schema: tantivy.Schema, phrase: Phrase) -> tantivy.Query:
    if len(phrase.terms) == 1:
        return tantivy.Query.term_query(schema, TERMS, phrase.terms[0])
    return tantivy.Query.phrase_query(schema, TERMS, list(phrase.terms))


def _clause_query(schema: tantivy.Schema, clause: Clause) -> tantivy.Query:
    queries = [_phrase_query(schema, phrase) for phrase in clause.alternatives]
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def to_tantivy(
    schema: tantivy.Schema, parsed: ParsedQuery, language: str | None = None
) -> tantivy.Query:
    """The tantivy query for ``parsed``, restricted to ``language`` when given."""
    parts = [(tantivy.Occur.Must, _clause_query(schema, c)) for c in parsed.included]
    parts += [(tantivy.Occur.MustNot, _clause_query(schema, c)) for c in parsed.excluded]
    if language is not None:
        only = tantivy.Query.term_query(schema, LANGUAGE, language)
        parts.append((tantivy.Occur.Must, tantivy.Query.const_score_query(only, 0.0)))
    if len(parts) == 1:
        return parts[0][1]
    return tantivy.Query.boolean_query(parts)
