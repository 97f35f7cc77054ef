"""The embedded tantivy back end against the shared search behaviour suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from qarina.search import TantivySearchIndex, open_index

from .conformance import SearchConformance


class TestTantivySearch(SearchConformance):
    @pytest.fixture
    def index(self, tmp_path: Path) -> TantivySearchIndex:
        return open_index(tmp_path / "search", writer_heap=15_000_000, writer_threads=1)
