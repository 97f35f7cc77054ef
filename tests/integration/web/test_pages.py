"""Pages: sign-in, cookies, CSRF on every form, the document viewer, map, review."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from qarina.web.app import create_app
from tests.integration.web.harness import PASSWORD, Harness, csrf_of


def test_anonymous_pages_redirect_to_sign_in_with_a_safe_next(web: Harness) -> None:
    reply = web.client.get("/incidents?place=Aleppo", follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/login?next=/incidents%3Fplace%3DAleppo"
    page = web.client.get("/login?next=//evil.example/")
    assert 'name="next" value="/"' in page.text


def test_session_cookie_flags(web: Harness) -> None:
    client = web.login("viewer")
    assert client.get("/").status_code == 200
    page = web.client.get("/login")
    reply = web.client.post(
        "/login",
        data={"username": "viewer", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    cookie = reply.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie


def test_cookies_are_secure_over_https(web: Harness) -> None:
    client = TestClient(create_app(web.services, https=True), base_url="https://testserver")
    page = client.get("/login")
    assert "Secure" in page.headers["set-cookie"]
    assert page.headers["strict-transport-security"].startswith("max-age=")


def test_login_needs_the_form_token_and_the_right_password(web: Harness) -> None:
    web.client.get("/login")
    no_token = web.client.post(
        "/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert no_token.status_code == 403
    page = web.client.get("/login")
    wrong = web.client.post(
        "/login",
        data={"username": "viewer", "password": "wrong-password", "csrf_token": csrf_of(page.text)},
    )
    assert wrong.status_code == 401 and "wrong user name or password" in wrong.text


def test_every_form_carries_a_csrf_token_and_forms_without_it_are_refused(web: Harness) -> None:
    client = web.login("admin")
    doc = next(iter(web.services.directory()))
    incident = web.ws.facts.incidents()[0]["id"]
    for path in (
        "/",
        "/upload",
        f"/review/{doc['id']}",
        f"/incidents/{incident}",
        "/custody",
        "/users",
        f"/items/{doc['item_sha256']}",
    ):
        html = client.get(path).text
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S)
        assert forms, path
        assert all('name="csrf_token"' in form for form in forms), path
    size = web.ws.custody.size()
    refused = client.post("/custody/verify", data={"csrf_token": "not-the-token"})
    assert refused.status_code == 403
    other = web.login("analyst")
    stolen = csrf_of(other.get("/").text)
    assert client.post("/custody/verify", data={"csrf_token": stolen}).status_code == 403
    assert web.ws.custody.size() == size


def test_document_viewer_highlights_typed_spans_and_sets_rtl_for_arabic(web: Harness) -> None:
    client = web.login("admin")
    docs = web.services.directory()
    english = next(d for d in docs if d["language"] == "en" and web.ws.facts.proposals_of(d["id"]))
    html = client.get(f"/documents/{english['id']}").text
    assert 'class="span-date' in html or "span-date " in html
    assert re.search(r'<mark class="[^"]*span-(location|agent)', html)
    arabic = next(d for d in docs if d["language"] == "ar")
    html = client.get(f"/documents/{arabic['id']}").text
    assert 'id="doctext" dir="rtl" lang="ar"' in html


def test_review_in_the_browser_flow(web: Harness) -> None:
    client = web.login("analyst")
    queue = client.get("/review").text
    first = re.search(r'href="/review/([0-9a-f-]{36})"', queue)
    assert first is not None
    page = client.get(f"/review/{first.group(1)}").text
    proposal = re.search(r'name="proposal_id" value="([^"]+)"', page)
    assert proposal is not None
    size = web.ws.custody.size()
    reply = client.post(
        "/review/proposal",
        data={
            "csrf_token": csrf_of(page),
            "document_id": first.group(1),
            "proposal_id": proposal.group(1),
            "decision": "accepted",
            "reason": "matches the source",
        },
        follow_redirects=True,
    )
    assert reply.status_code == 200 and 'class="decision">accepted' in reply.text
    assert web.ws.custody.event(size).kind == "reviewed"


def test_map_and_timeline_draw_incidents(web: Harness) -> None:
    client = web.login("viewer")
    html = client.get("/map").text
    assert html.count("<circle") >= 1 and "/incidents?place=" in html
    timeline = client.get("/timeline").text
    assert "<rect" in timeline and 'class="bar"' in timeline


def test_incident_facets_and_detail(web: Harness) -> None:
    client = web.login("viewer")
    html = client.get("/incidents").text
    assert 'id="facets"' in html and "Confidence tier" in html
    link = re.search(r'href="(/incidents/sha256:[0-9a-f]{64})"', html)
    assert link is not None
    detail = client.get(link.group(1)).text
    assert 'id="linking-proof"' in detail and "proof verified" in detail
    assert 'id="decision"' not in detail  # viewers cannot decide


def test_upload_page_shows_the_hash(web: Harness) -> None:
    client = web.login("investigator")
    page = client.get("/upload").text
    reply = client.post(
        "/upload",
        data={"csrf_token": csrf_of(page)},
        files={"file": ("witness-note.txt", b"Chlorine smell in Sarmin, 16 March 2015.\n")},
    )
    assert reply.status_code == 200
    assert 'id="upload-status">preserved' in reply.text
    assert re.search(r'id="upload-sha256"[^>]*>sha256:[0-9a-f]{64}<', reply.text)


def test_dashboard_shows_verification_status(web: Harness) -> None:
    html = web.login("viewer").get("/").text
    assert 'id="verification-status"' in html and "passed" in html
