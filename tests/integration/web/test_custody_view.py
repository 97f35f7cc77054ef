"""The custody page for a user who may not see every item."""

from __future__ import annotations

from pathlib import Path

from qarina.app.ingestion import Ingestion
from qarina.app.web_services import WebServices
from qarina.app.workspace import create_workspace

PASSWORD = "a long enough secret"


def test_events_whose_items_detail_is_a_count_do_not_break_the_log(tmp_path: Path) -> None:
    ws = create_workspace(tmp_path / "ws", user="tester")
    try:
        note = tmp_path / "statement.txt"
        note.write_text("A witness statement about Saydnaya prison.\n")
        sha = str(Ingestion(ws).ingest_paths([note]).outcomes[0].sha256)
        services = WebServices(ws)
        admin = services.accounts.add_user("boss", "admin", PASSWORD)
        viewer = services.accounts.add_user("reader", "viewer", PASSWORD)
        services.restrict(admin, sha, "witness", "protect the witness")
        ws.record("exported", None, {"items": 3, "case": "c1"})  # a count, not a list
        ws.record("viewed", None, {"page": "items", "items": [sha]})
        kinds = [event["kind"] for event in services.events(viewer, 0, 100)]
        assert "exported" in kinds
        assert all(
            sha not in (e["details"].get("items") or [])
            for e in services.events(viewer, 0, 100)
            if isinstance(e["details"].get("items"), list)
        )
    finally:
        ws.close()
