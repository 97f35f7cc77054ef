"""What every request shares: the workspace services, the incident catalogue, templates."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from qarina.app import web_actions
from qarina.app.accounts import User
from qarina.app.web_services import WebServices
from qarina.web.catalogue import Catalogue

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


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
        self._proof: tuple[tuple[int | None, int | None], dict[str, Any] | None] | None = None
        self._by_ref: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None = None

    def catalogue(self) -> Catalogue:
        """The incident catalogue of the newest linking run (rebuilt when it changes)."""
        version = self.services.latest_event("linked")
        current = self._catalogue
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
