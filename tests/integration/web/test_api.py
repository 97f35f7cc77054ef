"""The REST API in-process: tokens, listing, restricted items, reviews, uploads, proofs."""

from __future__ import annotations

import hashlib

from qarina.app.web_actions import acting_as
from tests.integration.web.harness import CLEARED, PASSWORD, Harness


def kinds_after(web: Harness, size: int) -> list[tuple[str, str]]:
    events = [web.ws.custody.event(i) for i in range(size, web.ws.custody.size())]
    return [(e.kind, e.actor) for e in events]


def test_password_flow_gives_a_bearer_token(web: Harness) -> None:
    reply = web.client.post("/api/token", data={"username": "viewer", "password": PASSWORD})
    assert reply.status_code == 200
    body = reply.json()
    assert body["token_type"] == "bearer" and len(body["access_token"]) >= 32
    me = web.client.get("/api/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["role"] == "viewer"


def test_wrong_password_and_missing_token_are_401_problems(web: Harness) -> None:
    reply = web.client.post("/api/token", data={"username": "viewer", "password": "nope-nope-1"})
    assert reply.status_code == 401
    assert reply.headers["content-type"].startswith("application/problem+json")
    missing = web.client.get("/api/incidents")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    forged = web.client.get("/api/incidents", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401


def test_login_is_throttled_after_repeated_failures(web: Harness) -> None:
    for _ in range(5):
        bad = web.client.post("/api/token", data={"username": "analyst", "password": "x" * 12})
        assert bad.status_code == 401
    right = web.client.post("/api/token", data={"username": "analyst", "password": PASSWORD})
    assert right.status_code == 429
    other = web.client.post("/api/token", data={"username": "viewer", "password": PASSWORD})
    assert other.status_code == 200


def test_session_token_is_not_an_api_token_and_logout_revokes(web: Harness) -> None:
    client = web.login("viewer")
    session = client.cookies.get("qarina_session")
    assert session
    assert (
        web.client.get("/api/me", headers={"Authorization": f"Bearer {session}"}).status_code == 401
    )
    headers = web.bearer("viewer")
    assert web.client.post("/api/logout", headers=headers).status_code == 204
    assert web.client.get("/api/me", headers=headers).status_code == 401


def test_incidents_list_has_facets_and_filters(web: Harness) -> None:
    reply = web.client.get("/api/incidents", headers=web.bearer("admin"))
    body = reply.json()
    assert body["total"] == len(body["incidents"]) > 0
    places = body["facets"]["place"]
    assert places and sum(p["count"] for p in places) <= body["total"]
    place = places[0]["value"]
    narrowed = web.client.get(
        "/api/incidents", params={"place": place}, headers=web.bearer("admin")
    ).json()
    assert narrowed["total"] == places[0]["count"]
    assert all(i["place_normalized"] == place for i in narrowed["incidents"])
    none = web.client.get(
        "/api/incidents",
        params={"date_from": "1990-01-01", "date_to": "1990-12-31"},
        headers=web.bearer("admin"),
    ).json()
    assert none["total"] == 0


def test_incident_detail_carries_a_verified_inclusion_proof(web: Harness) -> None:
    headers = web.bearer("viewer")
    first = web.client.get("/api/incidents", headers=headers).json()["incidents"][0]
    detail = web.client.get(f"/api/incidents/{first['id']}", headers=headers).json()
    assert detail["incident"]["id"] == first["id"]
    proof = detail["linking_proof"]
    assert proof["verified"] is True and proof["tree_size"] > proof["leaf_index"]
    assert web.ws.custody.event(proof["leaf_index"]).kind == "linked"
    assert web.client.get("/api/incidents/sha256:00", headers=headers).status_code == 404


def test_restricted_item_is_invisible_to_uncleared_users(web: Harness) -> None:
    sha = web.restricted_sha()
    headers = web.bearer("viewer")
    listed = web.client.get("/api/items", params={"limit": 500}, headers=headers).json()
    assert sha not in {i["sha256"] for i in listed["items"]}
    assert web.client.get(f"/api/items/{sha}", headers=headers).status_code == 404
    assert web.client.get(f"/api/items/{sha}/original", headers=headers).status_code == 404
    docs = web.client.get("/api/documents", headers=headers).json()["documents"]
    assert sha not in {d["item_sha256"] for d in docs}
    hidden_doc = next(d for d in web.services.directory() if d["item_sha256"] == sha)
    refs = {hidden_doc["id"], hidden_doc["external_id"]}
    reply = web.client.get("/api/incidents", params={"limit": 500}, headers=headers).json()
    for incident in reply["incidents"]:
        full = web.client.get(f"/api/incidents/{incident['id']}", headers=headers).json()
        assert not refs & {m["doc"] for m in full["incident"]["mentions"]}
    hits = web.client.get("/api/search", params={"q": "chlorine", "limit": 100}, headers=headers)
    assert sha not in {h["item_sha256"] for h in hits.json()["hits"]}


def test_every_view_of_a_restricted_item_is_logged(web: Harness) -> None:
    sha = web.restricted_sha()
    size = web.ws.custody.size()
    headers = web.bearer(CLEARED)
    assert web.client.get(f"/api/items/{sha}", headers=headers).status_code == 200
    original = web.client.get(f"/api/items/{sha}/original", headers=headers)
    assert original.status_code == 200
    assert hashlib.sha256(original.content).hexdigest() == sha.split(":")[1]
    assert kinds_after(web, size) == [("viewed", CLEARED), ("viewed", CLEARED)]
    viewed = web.ws.custody.event(size)
    assert viewed.subject == sha and viewed.details["page"] == "api:item"


def test_review_is_written_to_the_custody_log_by_its_reviewer(web: Harness) -> None:
    doc = next(
        d
        for d in web.services.directory()
        if web.ws.facts.proposals_of(d["id"])
        and d["item_sha256"] not in web.services.restrictions()
    )
    proposal = web.ws.facts.proposals_of(doc["id"])[0]
    size = web.ws.custody.size()
    body = {
        "document_id": doc["id"],
        "proposal_id": proposal["id"],
        "decision": "edited",
        "reason": "date checked against the report",
        "edits": {"date_start": "2016-11-17"},
    }
    reply = web.client.post("/api/reviews", json=body, headers=web.bearer("analyst"))
    assert reply.status_code == 201, reply.text
    assert kinds_after(web, size) == [("reviewed", "analyst")]
    stored = web.ws.facts.proposals_of(doc["id"])[0]["review"]
    assert stored["decision"] == "edited" and stored["value"]["date_start"] == "2016-11-17"
    body["edits"] = {"date_start": "17 Nov"}
    bad = web.client.post("/api/reviews", json=body, headers=web.bearer("analyst"))
    assert bad.status_code == 422


def test_split_judgement_relinks_and_is_logged(web: Harness) -> None:
    incidents = web.client.get("/api/incidents", headers=web.bearer("admin")).json()["incidents"]
    multi = None
    for summary in incidents:
        full = web.client.get(f"/api/incidents/{summary['id']}", headers=web.bearer("admin"))
        mentions = full.json()["incident"]["mentions"]
        if len(mentions) >= 2:
            multi = [f"{m['doc']}#{m['index']}" for m in mentions[:2]]
            break
    assert multi is not None, "the demo has an incident reported twice"
    size = web.ws.custody.size()
    body = {"kind": "split", "subject": multi[0], "other": multi[1], "reason": "different days"}
    reply = web.client.post("/api/judgements", json=body, headers=web.bearer("investigator"))
    assert reply.status_code == 201, reply.text
    assert [k for k in kinds_after(web, size)] == [
        ("judged", "investigator"),
        ("linked", "investigator"),
    ]


def test_upload_preserves_the_original_name_and_hash(web: Harness) -> None:
    data = b"Report: chlorine barrels were dropped on Saraqib on 1 August 2016.\n"
    files = {"file": ("saraqib report (draft).txt", data, "text/plain")}
    size = web.ws.custody.size()
    reply = web.client.post("/api/items", files=files, headers=web.bearer("investigator"))
    assert reply.status_code == 201, reply.text
    outcome = reply.json()
    assert outcome["sha256"] == "sha256:" + hashlib.sha256(data).hexdigest()
    item = web.client.get(f"/api/items/{outcome['sha256']}", headers=web.bearer("viewer")).json()
    assert item["acquisitions"][0]["original_name"] == "saraqib report (draft).txt"
    assert item["acquisitions"][0]["acquired_by"] == "investigator"
    assert ("acquired", "investigator") in kinds_after(web, size)
    download = web.client.get(
        f"/api/items/{outcome['sha256']}/original", headers=web.bearer("viewer")
    )
    assert download.content == data
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment;")
    empty = web.client.post(
        "/api/items",
        files={"file": ("e.txt", b"", "text/plain")},
        headers=web.bearer("investigator"),
    )
    assert empty.status_code == 422


def test_search_in_arabic_returns_highlighted_arabic_passages(web: Harness) -> None:
    reply = web.client.get(
        "/api/search", params={"q": "الكلور", "facets": "true"}, headers=web.bearer("viewer")
    )
    assert reply.status_code == 200
    hits = reply.json()["hits"]
    assert hits and all(h["language"] == "ar" for h in hits)
    assert all(h["highlights"] for h in hits)
    assert reply.json()["languages"].get("ar", 0) >= len(hits)


def test_restriction_via_api_then_lifted(web: Harness) -> None:
    items = web.client.get("/api/items", headers=web.bearer("admin")).json()["items"]
    sha = next(i["sha256"] for i in items if not i["restricted"])
    body = {"collection": "medical", "reason": "patient records"}
    reply = web.client.post(
        f"/api/items/{sha}/restriction", json=body, headers=web.bearer("investigator")
    )
    assert reply.status_code == 204
    assert web.client.get(f"/api/items/{sha}", headers=web.bearer("viewer")).status_code == 404
    lift = {"collection": None, "reason": "consent given"}
    reply = web.client.post(f"/api/items/{sha}/restriction", json=lift, headers=web.bearer("admin"))
    assert reply.status_code == 204
    assert web.client.get(f"/api/items/{sha}", headers=web.bearer("viewer")).status_code == 200


def test_verify_reports_ok_and_is_logged(web: Harness) -> None:
    size = web.ws.custody.size()
    reply = web.client.post("/api/verify", headers=web.bearer("investigator"))
    assert reply.status_code == 200 and reply.json()["ok"] is True
    assert kinds_after(web, size) == [("verified", "investigator")]


def test_acting_as_shares_services(web: Harness) -> None:
    user = web.services.accounts.users()[0]
    clone = acting_as(web.ws, user)
    assert clone.search is web.ws.search and clone.settings.user == user.name
