"""Every page and API list works on the dev corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from qarina.app.ingestion import Ingestion
from qarina.app.linking import link_workspace
from qarina.app.web_services import WebServices
from qarina.app.workspace import create_workspace
from qarina.web.app import create_app
from tests.integration.web.harness import PASSWORD, csrf_of

FIELDS = ("text", "published", "language", "url", "title", "publisher")


def test_every_page_renders_on_the_dev_corpus(corpus_dev: Path, tmp_path: Path) -> None:
    lines = []
    for path in sorted(corpus_dev.glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        lines.append(json.dumps({"id": doc["doc_id"], **{k: doc[k] for k in FIELDS if doc.get(k)}}))
    source = tmp_path / "dev.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = create_workspace(tmp_path / "ws", user="tester")
    try:
        Ingestion(ws).ingest_jsonl(source)
        incidents = link_workspace(ws)
        ws.checkpoint()
        services = WebServices(ws)
        services.accounts.add_user("admin", "admin", PASSWORD)
        client = TestClient(create_app(services))
        login = client.get("/login")
        client.post(
            "/login",
            data={"username": "admin", "password": PASSWORD, "csrf_token": csrf_of(login.text)},
        )
        paths = [
            "/",
            "/items",
            "/documents",
            "/incidents",
            "/map",
            "/timeline",
            "/review",
            "/custody",
        ]
        paths += [f"/documents/{d['id']}" for d in services.directory()]
        paths += [f"/review/{d['id']}" for d in services.directory()]
        paths += [f"/incidents/{i['id']}" for i in incidents]
        failed = [(p, r.status_code) for p in paths if (r := client.get(p)).status_code != 200]
        assert failed == []
        arabic = [d for d in services.directory() if d["language"] == "ar"]
        assert arabic
        html = client.get(f"/documents/{arabic[0]['id']}").text
        assert 'dir="rtl" lang="ar"' in html
        hits = client.get("/search", params={"q": "الكلور"}).text
        assert re.search(r'<article class="hit" dir="rtl" lang="ar">', hits)
    finally:
        ws.close()
