"""Fixtures: a demo workspace built once per session, copied for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.web.harness import Harness, build_base, open_copy


@pytest.fixture(scope="session")
def web_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_base(tmp_path_factory.mktemp("webbase") / "ws")


@pytest.fixture
def web(web_base: Path, tmp_path: Path) -> Iterator[Harness]:
    harness = open_copy(web_base, tmp_path / "ws")
    yield harness
    harness.close()
