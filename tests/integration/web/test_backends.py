"""Accounts, restrictions and the API on both database back ends (SQLite, PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from qarina.app.ingestion import Ingestion
from qarina.app.web_listings import review_queue
from qarina.app.web_services import WebServices
from qarina.app.workspace import create_workspace
from qarina.store.sql.accounts import has_account_tables
from qarina.web.app import create_app

PASSWORD = "a long enough secret"


def test_accounts_and_restrictions_work_on_each_backend(db_url: str, tmp_path: Path) -> None:
    ws = create_workspace(tmp_path / "ws", db_url=db_url, user="tester")
    try:
        note = tmp_path / "note.txt"
        note.write_text("Chlorine canisters fell on Kafr Zita on 18 April 2014.\n")
        outcome = Ingestion(ws).ingest_paths([note]).outcomes[0]
        services = WebServices(ws)
        assert has_account_tables(ws.engine)
        admin = services.accounts.add_user("boss", "admin", PASSWORD)
        services.accounts.add_user("reader", "viewer", PASSWORD)
        services.restrict(admin, str(outcome.sha256), "witness", "protect the witness")
        client = TestClient(create_app(services))

        def bearer(name: str) -> dict[str, str]:
            reply = client.post("/api/token", data={"username": name, "password": PASSWORD})
            assert reply.status_code == 200, reply.text
            return {"Authorization": f"Bearer {reply.json()['access_token']}"}

        reader, boss = bearer("reader"), bearer("boss")
        assert client.get("/api/items", headers=reader).json() == {
            "items": [],
            "next": None,
            "previous": None,
        }
        listed = client.get("/api/items", params={"limit": 1}, headers=boss).json()
        assert [i["sha256"] for i in listed["items"]] == [outcome.sha256]
        assert listed["next"] is None
        docs = client.get("/api/documents", params={"limit": 1}, headers=boss).json()
        (doc,) = docs["documents"]
        after = {"after": doc["id"], "limit": 1}
        assert client.get("/api/documents", params=after, headers=boss).json()["documents"] == []
        before = client.get("/api/documents", params={"before": doc["id"]}, headers=boss).json()
        assert [d["id"] for d in before["documents"]] == [doc["id"]]
        queue = review_queue(services, admin, limit=5)  # unreviewed proposals, on each backend
        assert all(row["undecided"] > 0 for row in queue.rows) and queue.next is None
        size = ws.custody.size()
        assert client.get(f"/api/items/{outcome.sha256}", headers=boss).status_code == 200
        assert ws.custody.event(size).kind == "viewed"
        hits = client.get("/api/search", params={"q": "chlorine"}, headers=boss).json()["hits"]
        assert [h["item_sha256"] for h in hits] == [outcome.sha256]
        assert (
            client.get("/api/search", params={"q": "chlorine"}, headers=reader).json()["hits"] == []
        )
        for _ in range(5):
            client.post("/api/token", data={"username": "reader", "password": "wrong-wrong"})
        throttled = client.post("/api/token", data={"username": "reader", "password": PASSWORD})
        assert throttled.status_code == 429
    finally:
        ws.close()
