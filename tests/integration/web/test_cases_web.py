"""Cases in the web application: API and pages, permissions, custody, restricted evidence."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from qarina.app.cases import view_case
from tests.integration.web.harness import CLEARED, Harness, csrf_of

CRIME = "rs-8-2-e-xiv"


def visible_toxic_incident(web: Harness) -> str:
    """An incident with a toxic agent reported only by unrestricted documents."""
    hidden = set(web.services.restrictions())
    hidden_docs = {
        ref
        for d in web.services.directory()
        if d["item_sha256"] in hidden
        for ref in (d["id"], d["external_id"])
    }
    for incident in web.ws.facts.incidents():
        docs = {m["doc"] for m in incident["mentions"]}
        if incident.get("agent") not in (None, "", "other", "none") and not docs & hidden_docs:
            return str(incident["id"])
    raise AssertionError("the demo has no visible incident with a toxic agent")


def restricted_refs(web: Harness) -> tuple[str, str, str]:
    """The restricted item's digest, a claim read from it, and an incident citing it."""
    sha = web.restricted_sha()
    docs = {
        ref
        for d in web.services.directory()
        if d["item_sha256"] == sha
        for ref in (d["id"], d["external_id"])
    }
    for incident in web.ws.facts.incidents():
        for mention in incident["mentions"]:
            if mention["doc"] in docs:
                return sha, f"{mention['doc']}#{mention['index']}", str(incident["id"])
    raise AssertionError("the restricted document reports no incident")


def open_case(web: Harness, incidents: list[str], who: str = "investigator") -> str:
    body: dict[str, Any] = {
        "title": "Chlorine in Aleppo",
        "incidents": incidents,
        "charges": [{"crime_id": CRIME, "perpetrator": "Syrian Arab Air Force"}],
    }
    reply = web.client.post("/api/cases", json=body, headers=web.bearer(who))
    assert reply.status_code == 201, reply.text
    return str(reply.json()["id"])


def test_api_creates_a_case_and_logs_it_under_the_user(web: Harness) -> None:
    incident = visible_toxic_incident(web)
    size = web.ws.custody.size()
    case_id = open_case(web, [incident])
    events = [web.ws.custody.event(i) for i in range(size, web.ws.custody.size())]
    assert [(e.kind, e.actor, e.subject) for e in events] == [
        ("opened", "investigator", case_id),
        ("charged", "investigator", case_id),
    ]
    listed = web.client.get("/api/cases", headers=web.bearer("viewer")).json()
    assert [c["id"] for c in listed] == [case_id]
    got = web.client.get(f"/api/cases/{case_id}", headers=web.bearer("analyst")).json()
    assert got["incidents"] == [incident] and got["charges"][0]["crime_id"] == CRIME


def test_bad_case_input_is_a_clear_error(web: Harness) -> None:
    headers = web.bearer("admin")
    unknown = web.client.post(
        "/api/cases", json={"title": "x", "charges": [{"crime_id": "no-such"}]}, headers=headers
    )
    assert unknown.status_code == 404 and "no crime" in unknown.json()["detail"]
    blank = web.client.post("/api/cases", json={"title": "  "}, headers=headers)
    assert blank.status_code == 400 and "title" in blank.json()["detail"]
    missing = web.client.get("/api/cases/nonexistent", headers=headers)
    assert missing.status_code == 404
    assert web.client.post("/api/cases", json={}, headers=headers).status_code == 422


def test_links_matrix_and_suggestions_through_the_api(web: Harness) -> None:
    incident = visible_toxic_incident(web)
    case_id = open_case(web, [incident])
    inv = web.bearer("investigator")
    before = web.client.get(f"/api/cases/{case_id}/matrix", headers=inv).json()
    assert before and all(row["status"] == "gap" for row in before)
    link = {
        "element_id": f"{CRIME}.1",
        "evidence": f"incident:{incident}",
        "weight": 4,
        "note": "two independent reports",
    }
    reply = web.client.post(f"/api/cases/{case_id}/links", json=link, headers=inv)
    assert reply.status_code == 201, reply.text
    rows = web.client.get(f"/api/cases/{case_id}/matrix", headers=web.bearer("viewer")).json()
    first = next(r for r in rows if r["element_id"] == f"{CRIME}.1")
    assert first["status"] == "supported" and first["weight_for"] == 4
    proposed = web.client.post(f"/api/cases/{case_id}/suggestions", headers=inv).json()
    assert proposed["suggestions"] > 0
    suggestion = web.client.get(f"/api/cases/{case_id}", headers=inv).json()["suggestions"][0]
    decided = web.client.post(
        f"/api/cases/{case_id}/suggestions/{suggestion['id']}",
        json={"decision": "accept", "reason": "agent confirmed"},
        headers=web.bearer("analyst"),
    )
    assert decided.status_code == 201, decided.text
    view = view_case(web.ws, case_id)
    accepted = [x for x in view.links if x.suggestion_id == suggestion["id"]]
    assert accepted and accepted[0].element_id == suggestion["element_id"]
    again = web.client.post(
        f"/api/cases/{case_id}/suggestions/not-a-suggestion",
        json={"decision": "reject"},
        headers=web.bearer("analyst"),
    )
    assert again.status_code == 404


def test_viewers_read_and_analysts_may_not_edit(web: Harness) -> None:
    case_id = open_case(web, [])
    link = {"element_id": f"{CRIME}.1", "evidence": f"item:{web.restricted_sha()}"}
    for who in ("viewer", "analyst"):
        headers = web.bearer(who)
        assert web.client.post("/api/cases", json={"title": "t"}, headers=headers).status_code == (
            403
        )
        refused = web.client.post(f"/api/cases/{case_id}/links", json=link, headers=headers)
        assert refused.status_code == 403
    assert web.client.get("/api/cases").status_code == 401


def test_restricted_evidence_is_absent_for_uncleared_users(web: Harness) -> None:
    sha, claim, incident = restricted_refs(web)
    case_id = open_case(web, [incident], who="admin")
    admin = web.bearer("admin")
    for evidence in (f"item:{sha}", f"claim:{claim}"):
        link = {"element_id": f"{CRIME}.1", "evidence": evidence, "note": "statement"}
        added = web.client.post(f"/api/cases/{case_id}/links", json=link, headers=admin)
        assert added.status_code == 201, added.text
    for who, sees in (("viewer", False), ("investigator", False), (CLEARED, True), ("admin", True)):
        body = web.client.get(f"/api/cases/{case_id}", headers=web.bearer(who)).text
        matrix = web.client.get(f"/api/cases/{case_id}/matrix", headers=web.bearer(who)).text
        assert (sha in body) is sees and (claim in body) is sees, who
        assert (sha in matrix) is sees and (claim in matrix) is sees, who
    page = web.login("viewer").get(f"/cases/{case_id}/matrix").text
    assert sha not in page and claim not in page and "status-gap" in page
    inv = web.bearer("investigator")
    link = {"element_id": f"{CRIME}.1", "evidence": f"item:{sha}"}
    guessed = web.client.post(f"/api/cases/{case_id}/links", json=link, headers=inv)
    assert guessed.status_code == 404
    client = web.login("investigator")
    csrf = csrf_of(client.get(f"/cases/{case_id}").text)
    refused = client.post(f"/cases/{case_id}/export", data={"csrf_token": csrf})
    assert refused.status_code == 403 and sha not in refused.text


def test_pages_create_link_decide_and_export(web: Harness) -> None:
    incident = visible_toxic_incident(web)
    client = web.login("investigator")
    form = client.get("/cases/new").text
    assert CRIME in form
    reply = client.post(
        "/cases",
        data={
            "csrf_token": csrf_of(form),
            "title": "Ghouta <script>",
            "incidents": incident,
            "crime": [CRIME, "cwc-1-use"],
            "perpetrator": "Unit 1",
        },
        follow_redirects=False,
    )
    assert reply.status_code == 303, reply.text
    case_path = reply.headers["location"]
    page = client.get(case_path).text
    assert "Ghouta &lt;script&gt;" in page and "<script>" not in page.split("<main>")[1]
    csrf = csrf_of(page)
    charge = view_case(web.ws, case_path.rsplit("/", 1)[1]).charges[0]
    linked = client.post(
        f"{case_path}/links",
        data={
            "csrf_token": csrf,
            "element": f"{charge.id} {charge.crime_id}.2",
            "evidence": f"incident:{incident}",
            "stance": "exculpatory",
            "weight": "2",
            "note": "denied by the ministry",
        },
        follow_redirects=False,
    )
    assert linked.status_code == 303, linked.text
    assert "denied by the ministry" in client.get(case_path).text
    client.post(f"{case_path}/suggest", data={"csrf_token": csrf})
    matrix = client.get(f"{case_path}/matrix").text
    assert "status-gap" in matrix and "cwc-1-use" in matrix
    assert "denied by the ministry" in matrix and f'href="/incidents/{incident}"' in matrix
    suggestion = re.search(r'action="(/cases/[^"]+/suggestions/[^"]+)"', client.get(case_path).text)
    assert suggestion is not None
    analyst = web.login("analyst")
    decided = analyst.post(
        suggestion.group(1),
        data={"csrf_token": csrf_of(analyst.get(case_path).text), "decision": "reject"},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    assert "rejected by analyst" in client.get(case_path).text
    size = web.ws.custody.size()
    bundle = client.post(f"{case_path}/export", data={"csrf_token": csrf})
    assert bundle.status_code == 200, bundle.text[:300]
    assert bundle.headers["content-type"] == "application/zip"
    assert bundle.headers["content-disposition"].startswith("attachment")
    assert bundle.headers["x-content-type-options"] == "nosniff"
    assert zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    kinds = [web.ws.custody.event(i).kind for i in range(size, web.ws.custody.size())]
    assert "exported" in kinds


def test_forms_without_csrf_are_refused(web: Harness) -> None:
    case_id = open_case(web, [])
    client = web.login("admin")
    for path in ("/cases", f"/cases/{case_id}/export", f"/cases/{case_id}/suggest"):
        reply = client.post(path, data={"csrf_token": "forged", "title": "x"})
        assert reply.status_code == 403, path
    assert view_case(web.ws, case_id).suggestions == []


def test_incidents_are_scoped_once_and_hidden_ones_refused(web: Harness) -> None:
    incident = visible_toxic_incident(web)
    case_id = open_case(web, [])
    inv = web.bearer("investigator")
    url = f"/api/cases/{case_id}/incidents"
    added = web.client.post(url, json={"incidents": [incident[:20]]}, headers=inv)
    assert added.status_code == 201 and added.json() == {"added": [incident]}
    again = web.client.post(url, json={"incidents": [incident]}, headers=inv)
    assert again.json() == {"added": []}
    assert web.client.post(url, json={"incidents": ["zzzzzzzz"]}, headers=inv).status_code == 404
    assert web.client.post(url, json={"incidents": []}, headers=inv).status_code == 422
    assert view_case(web.ws, case_id).incidents == [incident]


def test_an_incident_known_only_from_restricted_items_is_absent(web: Harness) -> None:
    by_ref = {
        ref: d["item_sha256"]
        for d in web.services.directory()
        for ref in (d["id"], d["external_id"])
        if ref
    }
    single = next(i for i in web.ws.facts.incidents() if len(i["mentions"]) == 1)
    incident, sha = str(single["id"]), by_ref[single["mentions"][0]["doc"]]
    admin = web.services.accounts.users()[0]
    assert admin.role == "admin"
    web.services.restrict(admin, sha, "witness", "protects a witness")
    case_id = open_case(web, [incident], who="admin")
    link = {"element_id": f"{CRIME}.1", "evidence": f"incident:{incident}"}
    headers = web.bearer("admin")
    assert web.client.post(
        f"/api/cases/{case_id}/links", json=link, headers=headers
    ).status_code == (201)
    for who, sees in (("viewer", False), ("analyst", False), (CLEARED, True), ("admin", True)):
        body = web.client.get(f"/api/cases/{case_id}", headers=web.bearer(who)).json()
        assert (incident in body["incidents"]) is sees, who
        assert bool(body["links"]) is sees, who
    refused = web.client.post(
        "/api/cases",
        json={"title": "t", "incidents": [incident]},
        headers=web.bearer("investigator"),
    )
    assert refused.status_code == 404


def test_incidents_renumbered_by_a_judgement_are_marked_stale(web: Harness) -> None:
    hidden = set(web.services.restrictions())
    visible = {
        ref
        for d in web.services.directory()
        if d["item_sha256"] not in hidden
        for ref in (d["id"], d["external_id"])
    }
    incident = next(
        i
        for i in web.ws.facts.incidents()
        if len(i["mentions"]) >= 2 and {m["doc"] for m in i["mentions"]} <= visible
    )
    case_id = open_case(web, [str(incident["id"])])
    client = web.login("investigator")
    assert "not in the current linking run" not in client.get(f"/cases/{case_id}").text
    first, second = (f"{m['doc']}#{m['index']}" for m in incident["mentions"][:2])
    split = {"kind": "split", "subject": first, "other": second, "reason": "different days"}
    reply = web.client.post("/api/judgements", json=split, headers=web.bearer("analyst"))
    assert reply.status_code == 201, reply.text
    assert incident["id"] not in {i["id"] for i in web.ws.facts.incidents()}
    page = client.get(f"/cases/{case_id}").text
    assert "not in the current linking run" in page
    assert f'href="/incidents/{incident["id"]}"' not in page
