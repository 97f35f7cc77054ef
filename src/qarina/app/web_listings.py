"""Paginated item and document listings for the web layer, with access rules applied.

Pages are cut by keyset in SQL (items by digest, documents by creation time and id), so
a request reads one page of rows, not the workspace. Restricted items that the user is
not cleared for are dropped as rows arrive and more rows are read until the page is full,
so a page is never short while visible rows remain and hidden rows never appear — not
even in the counts behind the filter menus. A cleared user's view of restricted rows is
logged as one ``viewed`` custody event per request listing their digests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qarina.app.accounts import User
from qarina.app.web_services import WebServices
from qarina.core.clock import format_instant
from qarina.core.errors import UsageError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
_OVERFETCH_CAP = 1000

Fetch = Callable[[str | None, int, bool], list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows and the cursors of its neighbours (``None``: no such page).

    ``next`` is passed back as ``after``, ``previous`` as ``before``.
    """

    rows: list[dict[str, Any]]
    next: str | None
    previous: str | None
    limit: int


def check_limit(limit: int) -> int:
    """``limit`` when it is a page size we serve (1 … ``MAX_LIMIT``)."""
    if not 0 < limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}")
    return limit


def _collect(
    fetch: Fetch,
    key: str,
    owner: str,
    hidden: frozenset[str],
    cursor: str | None,
    want: int,
    descending: bool,
) -> list[dict[str, Any]]:
    """Up to ``want`` visible rows past ``cursor``, reading in bounded batches."""
    out: list[dict[str, Any]] = []
    while len(out) < want:
        asked = want - len(out) + min(len(hidden), _OVERFETCH_CAP)
        batch = fetch(cursor, asked, descending)
        out.extend(row for row in batch if row[owner] not in hidden)
        if len(batch) < asked:
            break
        cursor = batch[-1][key]
    return out[:want]


def paginate(
    fetch: Fetch,
    key: str,
    owner: str,
    hidden: frozenset[str],
    after: str | None,
    before: str | None,
    limit: int,
) -> Page:
    """The visible page after ``after`` (or before ``before``), of ``limit`` rows.

    ``fetch(cursor, n, descending)`` reads ``n`` rows past ``cursor`` in key order;
    ``key`` names the cursor column and ``owner`` the item digest the rule applies to.
    """
    check_limit(limit)
    if after is not None and before is not None:
        raise UsageError("give either after or before, not both")
    if before is not None:
        rows = _collect(fetch, key, owner, hidden, before, limit + 1, True)
        if len(rows) <= limit:  # reached the start: show the first page, full
            return paginate(fetch, key, owner, hidden, None, None, limit)
        rows = rows[:limit][::-1]
        return Page(rows, rows[-1][key], rows[0][key], limit)
    rows = _collect(fetch, key, owner, hidden, after, limit + 1, False)
    more = len(rows) > limit
    rows = rows[:limit]
    following = rows[-1][key] if more else None
    previous = rows[0][key] if after is not None and rows else None
    return Page(rows, following, previous, limit)


def _visible_kinds(total: dict[str, int], hidden: dict[str, int]) -> list[str]:
    return sorted(k for k, n in total.items() if n > hidden.get(k, 0))


def item_page(
    services: WebServices,
    user: User,
    *,
    after: str | None = None,
    before: str | None = None,
    limit: int = DEFAULT_LIMIT,
    mime: str | None = None,
    name: str | None = None,
    page: str = "items",
) -> Page:
    """Items ``user`` may see, by digest, filtered by type and original name (logged)."""
    hidden, restricted = services.hidden_items(user), services.restrictions()
    evidence = services.ws.evidence

    def fetch(cursor: str | None, n: int, descending: bool) -> list[dict[str, Any]]:
        return evidence.item_page(cursor, n, descending=descending, mime=mime, name=name)

    found = paginate(fetch, "sha256", "sha256", hidden, after, before, limit)
    for row in found.rows:
        row["first_acquired_at"] = format_instant(row["first_acquired_at"])
        row["restricted"] = restricted.get(row["sha256"])
    services.note_list_view(user, [row["sha256"] for row in found.rows], page)
    return found


def item_types(services: WebServices, user: User) -> list[str]:
    """The MIME types of the items ``user`` may see."""
    hidden = services.hidden_items(user)
    evidence = services.ws.evidence
    return _visible_kinds(evidence.item_kinds(), evidence.kinds_of_items(hidden) if hidden else {})


def document_page(
    services: WebServices,
    user: User,
    *,
    after: str | None = None,
    before: str | None = None,
    limit: int = DEFAULT_LIMIT,
    language: str | None = None,
    page: str = "documents",
) -> Page:
    """Documents ``user`` may see (no text), oldest first, optionally in one language."""
    hidden, restricted = services.hidden_items(user), services.restrictions()
    evidence = services.ws.evidence

    def fetch(cursor: str | None, n: int, descending: bool) -> list[dict[str, Any]]:
        return evidence.document_page(cursor, n, descending=descending, language=language)

    found = paginate(fetch, "id", "item_sha256", hidden, after, before, limit)
    for row in found.rows:
        row["restricted"] = restricted.get(row["item_sha256"])
    services.note_list_view(user, [row["item_sha256"] for row in found.rows], page)
    return found


def document_languages(services: WebServices, user: User) -> list[str]:
    """The languages (``und`` for unknown) of the documents ``user`` may see (from the
    cached document directory)."""
    hidden = services.hidden_items(user)
    return sorted(
        {d["language"] or "und" for d in services.directory() if d["item_sha256"] not in hidden}
    )


def review_queue(
    services: WebServices,
    user: User,
    *,
    after: str | None = None,
    before: str | None = None,
    limit: int = 20,
) -> Page:
    """Documents ``user`` may see that have proposals nobody has reviewed (logged)."""
    repo = services.repo

    def fetch(cursor: str | None, n: int, descending: bool) -> list[dict[str, Any]]:
        return repo.review_page(cursor, n, descending=descending)

    hidden = services.hidden_items(user)
    found = paginate(fetch, "id", "item_sha256", hidden, after, before, limit)
    services.note_list_view(user, [row["item_sha256"] for row in found.rows], "review")
    return found
