"""A demo workspace with one account per role, and helpers to call the web application."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient

from qarina.app.demo import run_demo
from qarina.app.settings import load_settings
from qarina.app.web_services import WebServices
from qarina.app.workspace import Workspace, open_workspace
from qarina.web.app import create_app

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "investigator", "analyst", "viewer")
CLEARED = "cleared"  # an analyst cleared for the "witness" collection
COLLECTION = "witness"


def build_base(folder: Path) -> Path:
    """The demo workspace plus accounts and one restricted item (built once a session)."""
    result = run_demo(folder)
    ws = result.workspace
    services = WebServices(ws)
    for role in ROLES:
        services.accounts.add_user(role, role, PASSWORD)
    services.accounts.add_user(CLEARED, "analyst", PASSWORD, [COLLECTION])
    admin = services.accounts.users()[0]
    restricted = restricted_document(services)
    services.restrict(admin, restricted["item_sha256"], COLLECTION, "witness statement")
    ws.checkpoint()
    ws.close()
    return folder


def restricted_document(services: WebServices) -> dict[str, object]:
    """The document chosen to be restricted: the English one with fewest proposals."""
    candidates = []
    for doc in services.directory():
        count = len(services.ws.facts.proposals_of(doc["id"]))
        if doc["language"] == "en" and count:
            candidates.append((count, str(doc["title"]), doc))
    if not candidates:
        raise AssertionError("the demo has no English document with proposals")
    return min(candidates, key=lambda c: c[:2])[2]


@dataclass
class Harness:
    """One private copy of the base workspace served in-process."""

    ws: Workspace
    services: WebServices
    client: TestClient
    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, name: str) -> str:
        if name not in self.tokens:
            reply = self.client.post("/api/token", data={"username": name, "password": PASSWORD})
            assert reply.status_code == 200, reply.text
            self.tokens[name] = reply.json()["access_token"]
        return self.tokens[name]

    def bearer(self, name: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(name)}"} if name else {}

    def login(self, name: str) -> TestClient:
        """A second client signed in to the pages as ``name``."""
        client = TestClient(self.client.app, base_url="http://testserver")
        page = client.get("/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf is not None
        reply = client.post(
            "/login",
            data={"username": name, "password": PASSWORD, "csrf_token": csrf.group(1)},
            follow_redirects=False,
        )
        assert reply.status_code == 303, reply.text
        return client

    def restricted_sha(self) -> str:
        return next(iter(self.services.restrictions()))

    def close(self) -> None:
        self.client.close()
        self.ws.close()


def open_copy(base: Path, target: Path) -> Harness:
    """Copy ``base`` to ``target`` and serve the copy."""
    shutil.copytree(base, target)
    ws = open_workspace(load_settings(target, user="web-tests"))
    services = WebServices(ws)
    client = TestClient(create_app(services))
    return Harness(ws, services, client)


def csrf_of(html: str) -> str:
    """The session CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "no CSRF field on the page"
    return found.group(1)
