"""What every request shares: the workspace services, the incident catalogue, templates."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.types import ASGIApp, Receive, Scope, Send

from qarina.app import web_actions
from qarina.app.accounts import User
from qarina.app.web_services import WebServices
from qarina.web.catalogue import Catalogue

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
RECHECK_SECONDS = 1.0


def template_environment() -> Environment:
    """Jinja with autoescaping on for every template (evidence is hostile)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


class WebContext:
    """The shared state of one running web application."""

    def __init__(self, services: WebServices, *, https: bool = False) -> None:
        self.services = services
        self.https = https
        self._catalogue: Catalogue | None = None
        self._lock = threading.Lock()
        self._hidden_docs: dict[frozenset[str], frozenset[str]] = {}
        self._directory_id = 0
        self._checked_at = 0.0
        self._proof_at = 0.0
        self._proof: tuple[tuple[int | None, int | None], dict[str, Any] | None] | None = None
        self._by_ref: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None = None

    def changed(self) -> None:
        """Look for a new linking run and checkpoint on the next request (after a write)."""
        self._checked_at = 0.0
        self._proof_at = 0.0

    def _fresh(self) -> bool:
        """True at most every ``RECHECK_SECONDS``: time to look at the log again."""
        now = time.monotonic()
        if now - self._checked_at < RECHECK_SECONDS:
            return False
        self._checked_at = now
        return True

    def catalogue(self) -> Catalogue:
        """The incident catalogue of the newest linking run (rebuilt when it changes;
        other processes' runs are noticed within ``RECHECK_SECONDS``)."""
        current = self._catalogue
        if current is not None and not self._fresh():
            return current
        version = self.services.latest_event("linked")
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._catalogue is None or self._catalogue.version != version:
                self._catalogue = Catalogue(self.services.ws.facts.incidents(), version)
                self.services.refresh()
            return self._catalogue

    def linking_proof(self) -> dict[str, Any] | None:
        """Inclusion proof of the newest ``linked`` event in the newest checkpoint (cached)."""
        services = self.services
        if self._proof is not None and time.monotonic() - self._proof_at < RECHECK_SECONDS:
            return self._proof[1]
        self._proof_at = time.monotonic()
        index = services.latest_event("linked")
        stored = services.ws.custody.store.latest_checkpoint()
        key = (index, stored.size if stored else None)
        if self._proof is None or self._proof[0] != key:
            self._proof = (key, web_actions.inclusion(services.ws, index))
        return self._proof[1]

    def hidden_docs(self, user: User) -> frozenset[str]:
        """Document references (external id and id) of items ``user`` may not see."""
        hidden_items = self.services.hidden_items(user)
        if not hidden_items:
            return frozenset()
        directory = self.services.directory()
        if id(directory) != self._directory_id:
            self._hidden_docs, self._directory_id = {}, id(directory)
        cached = self._hidden_docs.get(hidden_items)
        if cached is None:
            refs: set[str] = set()
            for doc in directory:
                if doc["item_sha256"] in hidden_items:
                    refs.add(doc["id"])
                    if doc["external_id"]:
                        refs.add(doc["external_id"])
            cached = frozenset(refs)
            self._hidden_docs[hidden_items] = cached
        return cached

    def documents_by_ref(self) -> dict[str, dict[str, Any]]:
        """Document metadata by external id and by id (how incident mentions name them)."""
        directory = self.services.directory()
        if self._by_ref is not None and self._by_ref[0] is directory:
            return self._by_ref[1]
        out: dict[str, dict[str, Any]] = {}
        for doc in directory:
            out[doc["id"]] = doc
            if doc["external_id"]:
                out[doc["external_id"]] = doc
        self._by_ref = (directory, out)
        return out


class RecheckAfterWrites:
    """ASGI middleware: after any request that may write, look at the log afresh."""

    def __init__(self, app: ASGIApp, context: WebContext) -> None:
        self.app = app
        self.context = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] == "http" and scope.get("method") not in ("GET", "HEAD"):
            self.context.changed()
