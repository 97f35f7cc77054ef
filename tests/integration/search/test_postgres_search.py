"""The PostgreSQL back end against the shared search behaviour suite.

Uses the ``engine`` fixture of ``tests/integration/conftest.py`` on its PostgreSQL case
only (it skips with the reason when no server is reachable).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from qarina.core.errors import StorageError, UsageError
from qarina.core.model import Passage
from qarina.store.sql.fulltext import PostgresSearchIndex, passage_fulltext

from .conformance import SearchConformance


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
class TestPostgresSearch(SearchConformance):
    @pytest.fixture
    def index(self, engine: Engine) -> PostgresSearchIndex:
        index = PostgresSearchIndex(engine)
        index.create_schema()
        return index

    def test_create_schema_is_idempotent_and_makes_a_gin_index(
        self, index: PostgresSearchIndex, engine: Engine
    ) -> None:
        index.create_schema()
        assert index.count() == 0
        with engine.connect() as conn:
            definition = conn.scalar(
                sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"),
                {"name": "ix_passage_fulltext_terms"},
            )
        assert definition is not None and "USING gin" in definition


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_search_that_runs_too_long_is_stopped(engine: Engine) -> None:
    index = PostgresSearchIndex(engine, search_timeout_ms=1)
    index.create_schema()
    text = "chlorine " * 200
    item = "sha256:" + "ab" * 32
    index.add(Passage(item, seq, 0, len(text), text, "en") for seq in range(3000))
    with pytest.raises(UsageError, match="longer than 1 ms"):
        index.search("chlorine")
    assert PostgresSearchIndex(engine).search("chlorine", limit=1)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_refuses_sqlite(engine: Engine) -> None:
    with pytest.raises(StorageError, match="PostgreSQL"):
        PostgresSearchIndex(engine)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_shared_metadata_still_creates_on_sqlite(engine: Engine) -> None:
    passage_fulltext.create(engine)
    with engine.connect() as conn:
        indexes = sa.inspect(conn).get_indexes("passage_fulltext")
    assert indexes == []  # the GIN index is PostgreSQL only


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_missing_table_is_a_storage_error(engine: Engine) -> None:
    with pytest.raises(StorageError, match="full-text search failed"):
        PostgresSearchIndex(engine).count()
