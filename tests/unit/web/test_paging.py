"""Keyset pagination with hidden rows: walking ``next`` visits every visible row once,
pages are full until the last, and ``previous`` leads back to the page before."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.app.web_listings import Page, paginate
from qarina.core.errors import UsageError


def table(keys: list[str]) -> Any:
    """A fetch over sorted rows, as the repositories page them (limit, either order)."""
    rows = [{"k": k, "owner": f"o{k}"} for k in sorted(keys)]

    def fetch(cursor: str | None, n: int, descending: bool) -> list[dict[str, Any]]:
        if descending:
            found = [r for r in reversed(rows) if cursor is None or r["k"] < cursor]
        else:
            found = [r for r in rows if cursor is None or r["k"] > cursor]
        return found[:n]

    return fetch


@given(
    st.sets(st.text("abcdef", min_size=1, max_size=4), max_size=60),
    st.data(),
    st.integers(1, 7),
)
def test_walking_pages_visits_every_visible_row_once(
    keys: set[str], data: st.DataObject, limit: int
) -> None:
    hidden_keys = data.draw(st.sets(st.sampled_from(sorted(keys)))) if keys else set()
    hidden = frozenset(f"o{k}" for k in hidden_keys)
    fetch = table(list(keys))
    pages: list[Page] = []
    page = paginate(fetch, "k", "owner", hidden, None, None, limit)
    pages.append(page)
    while page.next:
        page = paginate(fetch, "k", "owner", hidden, page.next, None, limit)
        pages.append(page)
    seen = [r["k"] for p in pages for r in p.rows]
    assert seen == sorted(keys - hidden_keys)
    assert all(len(p.rows) == limit for p in pages[:-1])
    for earlier, later in itertools.pairwise(pages):
        assert later.previous is not None
        back = paginate(fetch, "k", "owner", hidden, None, later.previous, limit)
        assert back.rows == earlier.rows


def test_after_and_before_together_are_refused() -> None:
    with pytest.raises(UsageError):
        paginate(table(["a"]), "k", "owner", frozenset(), "a", "b", 5)
    with pytest.raises(UsageError):
        paginate(table(["a"]), "k", "owner", frozenset(), None, None, 501)
