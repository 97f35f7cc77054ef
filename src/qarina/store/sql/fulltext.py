"""Full-text search over passages in PostgreSQL (``SearchIndex`` for team workspaces).

Passages are analysed in Python by :mod:`qarina.core.search_text`, exactly as the
embedded engine does (folding, Arabic clitics), and the space-separated terms are
stored as ``to_tsvector('simple', terms)`` behind a GIN index. Queries are parsed by
:mod:`qarina.core.search_query` and rendered as a ``to_tsquery('simple', …)`` string of
quoted lexemes, so user input never reaches the tsquery parser as syntax. Ranking is
``ts_rank_cd`` (cover density, divided by 1 + log of the passage length).

Snippets come from :mod:`qarina.core.search_snippet` rather than ``ts_headline``:
``ts_headline`` re-parses the original text without our folding and clitic stripping,
so it misses ``بالكلور`` for ``الكلور`` and cannot give offsets into the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Engine

from qarina.core.errors import StorageError, UsageError
from qarina.core.model import Passage
from qarina.core.ports import SearchHit
from qarina.core.search_query import Clause, ParsedQuery, Phrase, check_limit, parse_query
from qarina.core.search_snippet import build_snippet
from qarina.core.search_text import check_passage, indexable_text
from qarina.store.sql.metadata import metadata

UNKNOWN_LANGUAGE = "und"
BATCH_ROWS = 1000
RANK_NORMALISATION = 1  # ts_rank_cd: divide by 1 + log(number of words)
DEFAULT_SEARCH_TIMEOUT_MS = 10_000
QUERY_CANCELED = "57014"  # PostgreSQL SQLSTATE of a statement stopped by statement_timeout

passage_fulltext = sa.Table(
    "passage_fulltext",
    metadata,
    sa.Column("item_sha256", sa.String(71), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start_offset", sa.Integer, nullable=False),
    sa.Column("end_offset", sa.Integer, nullable=False),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # A tsvector on PostgreSQL; on SQLite the table exists but stays unused.
    sa.Column("terms", sa.Text().with_variant(TSVECTOR(), "postgresql"), nullable=False),
)
sa.Index("ix_passage_fulltext_terms", passage_fulltext.c.terms, postgresql_using="gin").ddl_if(
    dialect="postgresql"
)

_SIMPLE: sa.ColumnClause[Any] = sa.literal_column("'simple'::regconfig")


def _lexeme(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def _render_phrase(phrase: Phrase) -> str:
    return "(" + " <-> ".join(_lexeme(t) for t in phrase.terms) + ")"


def _render_clause(clause: Clause) -> str:
    inner = " | ".join(_render_phrase(p) for p in clause.alternatives)
    return f"!({inner})" if clause.excluded else f"({inner})"


def render_tsquery(parsed: ParsedQuery) -> str:
    """The ``to_tsquery`` text for ``parsed``: quoted lexemes joined by operators."""
    return " & ".join(_render_clause(c) for c in (*parsed.included, *parsed.excluded))


def _row(passage: Passage) -> dict[str, Any]:
    check_passage(passage)
    return {
        "item_sha256": passage.item_sha256,
        "seq": passage.seq,
        "start_offset": passage.start,
        "end_offset": passage.end,
        "language": passage.language or UNKNOWN_LANGUAGE,
        "text": passage.text,
        "terms_text": indexable_text(passage.text),
    }


def _upsert_statement() -> Any:
    columns = ("item_sha256", "seq", "start_offset", "end_offset", "language", "text")
    values: dict[str, Any] = {name: sa.bindparam(name) for name in columns}
    values["terms"] = sa.func.to_tsvector(_SIMPLE, sa.bindparam("terms_text"))
    stmt = pg_insert(passage_fulltext).values(values)
    updated = {name: stmt.excluded[name] for name in (*columns[2:], "terms")}
    return stmt.on_conflict_do_update(index_elements=["item_sha256", "seq"], set_=updated)


def _hit(row: sa.RowMapping, terms: frozenset[str]) -> SearchHit:
    snippet = build_snippet(row["text"], terms)
    start = int(row["start_offset"])
    return SearchHit(
        item_sha256=row["item_sha256"],
        seq=int(row["seq"]),
        score=float(row["score"]),
        snippet=snippet.text,
        start=start,
        end=int(row["end_offset"]),
        language=None if row["language"] == UNKNOWN_LANGUAGE else row["language"],
        highlights=tuple((start + lo, start + hi) for lo, hi in snippet.highlights),
    )


class PostgresSearchIndex:
    """Ranked full-text search over passages in PostgreSQL (``SearchIndex``)."""

    def __init__(
        self, engine: Engine, *, search_timeout_ms: int = DEFAULT_SEARCH_TIMEOUT_MS
    ) -> None:
        if engine.dialect.name != "postgresql":
            raise StorageError(
                f"PostgresSearchIndex needs a PostgreSQL database, not {engine.dialect.name}",
                hint="embedded workspaces use qarina.search.open_index(<workspace>/search)",
            )
        self._engine = engine
        self._upsert = _upsert_statement()
        self._timeout_ms = search_timeout_ms

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self._engine.begin() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            if getattr(getattr(exc, "orig", None), "sqlstate", None) == QUERY_CANCELED:
                raise UsageError(
                    f"the search took longer than {self._timeout_ms} ms and was stopped",
                    hint="add words or use a phrase to narrow it",
                ) from exc
            raise StorageError(
                f"full-text search failed in PostgreSQL: {exc.__class__.__name__}: {exc}",
                hint="check that the database is reachable and its schema is up to date",
            ) from exc

    def _limit_time(self, conn: Connection) -> None:
        """Queries are untrusted: stop one that runs too long (this transaction only)."""
        setting = sa.text("SELECT set_config('statement_timeout', :value, true)")
        conn.execute(setting, {"value": f"{self._timeout_ms}ms"})

    def create_schema(self) -> None:
        """Create the passage table and its GIN index if they do not exist yet."""
        with self._transaction() as conn:
            passage_fulltext.create(conn, checkfirst=True)

    def add(self, passages: Iterable[Passage]) -> int:
        """Index ``passages`` in one transaction, replacing any with the same item and seq."""
        added = 0
        iterator = iter(passages)
        with self._transaction() as conn:
            while batch := list(islice(iterator, BATCH_ROWS)):
                rows: dict[tuple[str, int], dict[str, Any]] = {}
                for passage in batch:  # the last of duplicate keys wins, as in tantivy
                    row = _row(passage)
                    rows[(row["item_sha256"], row["seq"])] = row
                conn.execute(self._upsert, list(rows.values()))
                added += len(batch)
        return added

    def remove_item(self, item_sha256: str) -> None:
        """Remove every passage of one item."""
        table = passage_fulltext
        with self._transaction() as conn:
            conn.execute(table.delete().where(table.c.item_sha256 == item_sha256))

    def clear(self) -> None:
        """Remove every passage (before re-indexing a workspace)."""
        with self._transaction() as conn:
            conn.execute(passage_fulltext.delete())

    def search(
        self, query: str, limit: int = 10, *, language: str | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` passages for ``query`` by ``ts_rank_cd``, with snippets."""
        parsed = parse_query(query)
        check_limit(limit)
        table = passage_fulltext
        tsquery = sa.func.to_tsquery(_SIMPLE, render_tsquery(parsed))
        score = sa.func.ts_rank_cd(table.c.terms, tsquery, RANK_NORMALISATION).label("score")
        stmt = (
            sa.select(
                table.c.item_sha256,
                table.c.seq,
                table.c.start_offset,
                table.c.end_offset,
                table.c.language,
                table.c.text,
                score,
            )
            .where(table.c.terms.op("@@")(tsquery))
            .order_by(score.desc(), table.c.item_sha256, table.c.seq)
            .limit(limit)
        )
        if language is not None:
            if not isinstance(language, str) or not language.strip():
                raise UsageError(f"language must be a language tag, not {language!r}")
            stmt = stmt.where(table.c.language == language)
        with self._transaction() as conn:
            self._limit_time(conn)
            rows = conn.execute(stmt).mappings().all()
        terms = parsed.highlight_terms()
        return [_hit(row, terms) for row in rows]

    def language_counts(self, query: str) -> dict[str, int]:
        """How many passages match ``query`` per language (``"und"`` when unknown)."""
        table = passage_fulltext
        tsquery = sa.func.to_tsquery(_SIMPLE, render_tsquery(parse_query(query)))
        stmt = (
            sa.select(table.c.language, sa.func.count())
            .where(table.c.terms.op("@@")(tsquery))
            .group_by(table.c.language)
        )
        with self._transaction() as conn:
            self._limit_time(conn)
            return {str(lang): int(n) for lang, n in conn.execute(stmt).all()}

    def count(self) -> int:
        """How many passages are indexed."""
        with self._transaction() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(passage_fulltext)) or 0)
