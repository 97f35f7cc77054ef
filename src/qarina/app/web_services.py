"""What the web layer reads from a workspace, with access rules applied.

Every function takes the signed-in :class:`~qarina.app.accounts.User`. Restricted items
(and their documents, passages and the incident mentions drawn from them) are invisible
to users not cleared for the item's collection — as if absent, so that their existence
does not leak — and every time a cleared user is shown one, a ``viewed`` custody event
names the item, the user and the page.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from qarina.app.accounts import AccountService, User
from qarina.app.item_view import describe_item, resolve_item
from qarina.app.workspace import Workspace
from qarina.core.clock import format_instant
from qarina.core.errors import AccessDenied, NotFoundError, UsageError
from qarina.core.ids import new_id
from qarina.core.model import CustodyEvent
from qarina.custody.canonical import decode_event
from qarina.store.sql.accounts import SQLAccountRepository

_SCAN_WINDOW = 512


def require(user: User, permission: str) -> None:
    """Raise :class:`AccessDenied` unless ``user``'s role grants ``permission``."""
    if not user.may(permission):
        raise AccessDenied(f"the {user.role} role may not {permission.replace('_', ' ')}")


class WebServices:
    """One workspace as the web application uses it (shared by all requests)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.accounts = AccountService(ws)
        self.repo = SQLAccountRepository(ws.engine)
        self.write_lock = threading.Lock()
        self._restrictions: dict[str, str] | None = None
        self._directory: list[dict[str, Any]] | None = None
        self._by_item: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None = None
        self._latest: dict[str, tuple[int, int | None]] = {}  # kind → (size scanned, index)

    # -- access ------------------------------------------------------------------------
    def restrictions(self) -> dict[str, str]:
        """``item digest → collection`` of every restricted item (cached)."""
        if self._restrictions is None:
            self._restrictions = self.repo.restrictions()
        return self._restrictions

    def hidden_items(self, user: User) -> frozenset[str]:
        """Digests of the restricted items ``user`` may not see."""
        return frozenset(
            sha for sha, coll in self.restrictions().items() if not user.cleared_for(coll)
        )

    def visible_item(self, user: User, reference: str) -> str:
        """The full digest of an item ``user`` may see (``NotFoundError`` otherwise)."""
        sha = resolve_item(self.ws, reference)
        if sha in self.hidden_items(user):
            raise NotFoundError(f"no item {reference} in this workspace")
        return sha

    def note_views(self, user: User, shas: set[str] | list[str], page: str) -> None:
        """Log a ``viewed`` event for every restricted item among ``shas``."""
        restricted = self.restrictions()
        events = [
            CustodyEvent(
                "viewed",
                user.name,
                self.ws.clock.now(),
                sha,
                {"page": page, "collection": restricted[sha], "role": user.role},
            )
            for sha in sorted(set(shas))
            if sha in restricted
        ]
        if events:
            with self.write_lock, self.ws.engine.begin() as conn:
                self.ws.custody.append(events, connection=conn)

    def note_list_view(self, user: User, shas: list[str], page: str) -> None:
        """Log one ``viewed`` event naming every restricted item among ``shas`` that a
        list page (items, documents, search hits) showed ``user``."""
        restricted = self.restrictions()
        shown = sorted({sha for sha in shas if sha in restricted})
        if not shown:
            return
        details = {
            "page": page,
            "items": shown,
            "collections": sorted({restricted[sha] for sha in shown}),
            "role": user.role,
        }
        event = CustodyEvent("viewed", user.name, self.ws.clock.now(), None, details)
        with self.write_lock, self.ws.engine.begin() as conn:
            self.ws.custody.append([event], connection=conn)

    def restrict(self, user: User, reference: str, collection: str | None, reason: str) -> None:
        """Restrict an item to ``collection`` (``None`` lifts it); logged."""
        require(user, "restrict")
        if collection is not None and not collection.strip():
            raise UsageError("name the collection the item is restricted to")
        if not reason.strip():
            raise UsageError("give a reason for the restriction")
        sha = self.visible_item(user, reference)
        now = self.ws.clock.now()
        row: dict[str, Any] = {
            "id": new_id(),
            "item_sha256": sha,
            "collection": collection.strip() if collection else None,
            "reason": reason,
            "marked_by": user.name,
            "marked_at": now,
        }
        kind = "restricted" if collection else "unrestricted"
        details = {"collection": row["collection"], "reason": reason}
        event = CustodyEvent(kind, user.name, now, sha, details)
        with self.write_lock, self.ws.engine.begin() as conn:
            self.repo.add_restriction(conn, row)
            self.ws.custody.append([event], connection=conn)
        self._restrictions = None

    # -- documents and items -------------------------------------------------------------
    def directory(self) -> list[dict[str, Any]]:
        """Every document's metadata without text (cached; refreshed by ``refresh``)."""
        if self._directory is None:
            self._directory = self.repo.document_directory()
        return self._directory

    def document_of_item(self) -> dict[str, dict[str, Any]]:
        """The first document of every item, by item digest (cached with the directory)."""
        directory = self.directory()
        if self._by_item is None or self._by_item[0] is not directory:
            by_item: dict[str, dict[str, Any]] = {}
            for doc in directory:
                by_item.setdefault(doc["item_sha256"], doc)
            self._by_item = (directory, by_item)
        return self._by_item[1]

    def refresh(self) -> None:
        """Forget cached rows after the workspace changed."""
        self._directory = None
        self._restrictions = None

    def item(self, user: User, reference: str, page: str = "item") -> dict[str, Any]:
        """Everything recorded about one item (logged when restricted)."""
        sha = self.visible_item(user, reference)
        view = describe_item(self.ws, sha)
        view.pop("blob_path", None)
        view["restricted"] = self.restrictions().get(sha)
        self.note_views(user, [sha], page)
        return view

    def original(self, user: User, reference: str) -> tuple[Path, str]:
        """The stored original's path and a download name (logged when restricted)."""
        sha = self.visible_item(user, reference)
        names = [a.original_name for a in self.ws.evidence.acquisitions_of(sha) if a.original_name]
        self.note_views(user, [sha], "download")
        return Path(self.ws.blobs.path_of(sha)), names[0] if names else sha.split(":")[1]

    def document(self, user: User, document_id: str) -> dict[str, Any]:
        """A document's text, metadata and extraction proposals (logged when restricted)."""
        doc = self.ws.evidence.document(document_id) if len(document_id) <= 64 else None
        if doc is None or doc.item_sha256 in self.hidden_items(user):
            raise NotFoundError(f"no document {document_id} in this workspace")
        self.note_views(user, [doc.item_sha256], "document")
        return {
            "id": doc.id,
            "item_sha256": doc.item_sha256,
            "external_id": doc.external_id,
            "language": doc.language,
            "title": doc.title,
            "publisher": doc.publisher,
            "published": doc.published,
            "url": doc.url,
            "text": doc.text,
            "processor": doc.processor,
            "restricted": self.restrictions().get(doc.item_sha256),
            "proposals": self.ws.facts.proposals_of(doc.id),
        }

    # -- custody -----------------------------------------------------------------------
    def events(self, user: User, offset: int, limit: int) -> list[dict[str, Any]]:
        """Custody events, newest first, from ``offset``; hidden items' events left out."""
        if offset < 0 or not 0 < limit <= 500:
            raise UsageError("offset must be >= 0 and limit between 1 and 500")
        hidden = self.hidden_items(user)
        end = max(self.ws.custody.size() - offset, 0)
        leaves = self.ws.custody.store.leaves(max(end - limit, 0), end)
        out = []
        for leaf in reversed(list(leaves)):
            if leaf.subject in hidden:
                continue
            event = decode_event(leaf.data)
            named = event.details.get("items")
            if hidden and isinstance(named, list) and not hidden.isdisjoint(named):
                continue  # a list view that named items this user may not see
            out.append(
                {
                    "index": leaf.index,
                    "kind": event.kind,
                    "actor": event.actor,
                    "at": format_instant(event.at),
                    "subject": event.subject,
                    "details": event.details,
                }
            )
        return out

    def latest_event(self, kind: str) -> int | None:
        """Leaf index of the newest event of ``kind`` (e.g. ``linked``, ``verified``)."""
        size = self.ws.custody.size()
        scanned, found = self._latest.get(kind, (0, None))
        end = size
        while end > scanned:
            start = max(end - _SCAN_WINDOW, scanned)
            leaves = self.ws.custody.store.leaves(start, end)
            hits = [leaf.index for leaf in leaves if leaf.kind == kind]
            if hits:
                found = max(hits)
                break
            end = start
        self._latest[kind] = (size, found)
        return found

    def event(self, index: int) -> dict[str, Any]:
        """One custody event by leaf index, JSON-ready."""
        event = self.ws.custody.event(index)
        return {
            "index": index,
            "kind": event.kind,
            "actor": event.actor,
            "at": format_instant(event.at),
            "subject": event.subject,
            "details": event.details,
        }
