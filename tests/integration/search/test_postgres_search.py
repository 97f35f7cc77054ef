"""The PostgreSQL back end against the shared search behaviour suite.

Uses the ``engine`` fixture of ``tests/integration/conftest.py`` on its PostgreSQL case
only (it skips with the reason when no server is reachable).
"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from qarina.core.errors import StorageError
from qarina.store.sql.fulltext import PostgresSearchIndex

from .conformance import SearchConformance


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
class TestPostgresSearch(SearchConformance):
    @pytest.fixture
    def index(self, engine: Engine) -> PostgresSearchIndex:
        index = PostgresSearchIndex(engine)
        index.create_schema()
        return index

    def test_create_schema_is_idempotent(self, index: PostgresSearchIndex) -> None:
        index.create_schema()
        assert index.count() == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_refuses_sqlite(engine: Engine) -> None:
    with pytest.raises(StorageError, match="PostgreSQL"):
        PostgresSearchIndex(engine)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_missing_table_is_a_storage_error(engine: Engine) -> None:
    with pytest.raises(StorageError, match="full-text search failed"):
        PostgresSearchIndex(engine).count()
