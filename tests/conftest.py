"""Fixtures shared by every test: the ``../shared`` folder, cache hygiene, and the two
database backends.

Every storage test runs on SQLite and PostgreSQL. PostgreSQL is at 127.0.0.1:5432 (trust
auth, database ``test``); each test gets its own schema, dropped afterwards. Without a
server the PostgreSQL cases skip with the reason; with ``QARINA_REQUIRE_POSTGRES=1`` (set
by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from qarina.store.sql.engine import create_engine_for

REPO_ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path | None:
    explicit = os.environ.get("QARINA_SHARED")
    candidate = Path(explicit) if explicit else REPO_ROOT.parent / "shared"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder (corpus, test vectors, data); skip when absent."""
    found = _shared_dir()
    if found is None:
        pytest.skip("../shared is not present on this machine (set QARINA_SHARED)")
    return found


@pytest.fixture(scope="session")
def corpus_dev(shared_dir: Path) -> Path:
    """The dev corpus folder of gold-annotated documents."""
    path = shared_dir / "corpus" / "dev"
    if not path.is_dir():
        pytest.skip("../shared/corpus/dev is not present")
    return path


@pytest.fixture(autouse=True, scope="session")
def _cache_hygiene(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep library caches out of the home folder and never reach a model hub."""
    cache = tmp_path_factory.mktemp("cache")
    os.environ.setdefault("XDG_CACHE_HOME", str(cache))
    os.environ.setdefault("MPLCONFIGDIR", str(cache / "mpl"))
    os.environ["HF_HUB_OFFLINE"] = "1"


PG_ADMIN_URL = os.environ.get(
    "QARINA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_unavailable() -> str | None:
    try:
        engine = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure means: no usable server here
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}: {exc}"
    return None


def postgres_or_skip() -> None:
    """Skip (or fail, when PostgreSQL is required) if the test server is not reachable."""
    reason = _postgres_unavailable()
    if reason is None:
        return
    if os.environ.get("QARINA_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason + " (QARINA_REQUIRE_POSTGRES=1)")
    pytest.skip(reason)


def postgres_schema_url() -> Iterator[str]:
    """Create a throw-away schema and yield a URL whose connections use it."""
    postgres_or_skip()
    schema = "t_" + secrets.token_hex(6)
    admin = sa.create_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = sa.engine.make_url(PG_ADMIN_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'qarina.db'}"
        return
    yield from postgres_schema_url()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a fresh, empty database of each backend (no tables created)."""
    eng = create_engine_for(db_url)
    try:
        yield eng
    finally:
        eng.dispose()
