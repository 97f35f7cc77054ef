"""Paginated listings: keyset pages in SQL, access rules, batched view logging, the
review queue, and search highlights drawn from offsets."""

from __future__ import annotations

import re
from typing import Any

from qarina.app import web_listings
from tests.integration.web.harness import CLEARED, Harness


def walk(web: Harness, path: str, key: str, who: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of a listing, following ``next`` links; checks the page sizes."""
    rows: list[dict[str, Any]] = []
    limit = int(params.get("limit", 50))
    url: str | None = path
    first = True
    while url:
        body = web.client.get(url, params=params if first else None, headers=web.bearer(who))
        assert body.status_code == 200, body.text
        page = body.json()
        first = False
        if page["next"]:
            assert len(page[key]) == limit  # never a short page while more rows remain
        rows += page[key]
        url = page["next"]
    return rows


def visible_shas(web: Harness, hidden: set[str]) -> list[str]:
    return sorted(i.sha256 for i in web.ws.evidence.iter_items() if i.sha256 not in hidden)


def test_item_pages_cover_every_visible_item_once_in_order(web: Harness) -> None:
    hidden = set(web.services.restrictions())
    for who, left_out in (("admin", set()), ("viewer", hidden)):
        rows = walk(web, "/api/items", "items", who, limit=2)
        assert [r["sha256"] for r in rows] == visible_shas(web, left_out)
    assert hidden and all(
        r["sha256"] not in hidden for r in walk(web, "/api/items", "items", "viewer", limit=1)
    )


def test_previous_links_lead_back_to_the_same_pages(web: Harness) -> None:
    headers = web.bearer("viewer")
    first = web.client.get("/api/items", params={"limit": 2}, headers=headers).json()
    assert first["previous"] is None and first["next"]
    second = web.client.get(first["next"], headers=headers).json()
    assert second["previous"]
    back = web.client.get(second["previous"], headers=headers).json()
    assert back["items"] == first["items"]


def test_hidden_rows_never_make_short_pages(web: Harness) -> None:
    hidden = set(web.services.restrictions())
    viewer = web.services.accounts.users()
    user = next(u for u in viewer if u.name == "viewer")
    shas = visible_shas(web, hidden)
    sha = next(iter(hidden))
    cursor = max((s for s in shas if s < sha), default=None)
    page = web_listings.item_page(web.services, user, after=cursor, limit=2)
    expected = [s for s in shas if cursor is None or s > cursor][:2]
    assert len(expected) == 2 and expected[0] > sha  # the hidden item falls inside the page
    assert [r["sha256"] for r in page.rows] == expected


def test_limits_are_checked(web: Harness) -> None:
    headers = web.bearer("viewer")
    assert web.client.get("/api/items", params={"limit": 501}, headers=headers).status_code == 422
    assert web.client.get("/api/items", params={"limit": 0}, headers=headers).status_code == 422
    both = {"after": "sha256:00", "before": "sha256:ff"}
    assert web.client.get("/api/items", params=both, headers=headers).status_code == 400


def test_document_pages_filter_by_language_and_hide_restricted(web: Harness) -> None:
    hidden = set(web.services.restrictions())
    rows = walk(web, "/api/documents", "documents", "viewer", limit=3, language="en")
    expected = [
        d["id"]
        for d in web.services.directory()
        if d["language"] == "en" and d["item_sha256"] not in hidden
    ]
    assert [r["id"] for r in rows] == expected and expected
    everything = walk(web, "/api/documents", "documents", "admin", limit=4)
    assert [r["id"] for r in everything] == [d["id"] for d in web.services.directory()]


def test_cleared_list_views_are_logged_once_per_request(web: Harness) -> None:
    sha = web.restricted_sha()
    size = web.ws.custody.size()
    rows = walk(web, "/api/items", "items", CLEARED, limit=500)
    assert sha in {r["sha256"] for r in rows}
    events = [web.ws.custody.event(i) for i in range(size, web.ws.custody.size())]
    assert [(e.kind, e.subject) for e in events] == [("viewed", None)]
    assert events[0].details["items"] == [sha] and events[0].details["page"] == "api:items"
    size = web.ws.custody.size()
    walk(web, "/api/items", "items", "viewer", limit=500)
    assert web.ws.custody.size() == size
    custody = web.client.get("/api/custody", params={"limit": 50}, headers=web.bearer("viewer"))
    assert custody.status_code == 200 and "viewed" not in custody.text
    assert sha not in custody.text  # the list-view event names a hidden item: left out


def test_uncleared_pages_never_show_restricted_names_or_titles(web: Harness) -> None:
    sha = web.restricted_sha()
    doc = next(d for d in web.services.directory() if d["item_sha256"] == sha)
    names = {a.original_name for a in web.ws.evidence.acquisitions_of(sha) if a.original_name}
    shared = {
        n
        for s in web.services.directory()
        if s["item_sha256"] != sha
        for n in (a.original_name for a in web.ws.evidence.acquisitions_of(s["item_sha256"]))
    }
    secrets = {str(doc["title"]), doc["id"], sha[7:19]} | (names - shared)
    page = web.login("viewer")
    paths = [
        "/",
        "/items?limit=500",
        "/documents?limit=500",
        "/review?limit=500",
        "/incidents",
        "/custody",
        "/map",
        "/search?q=chlorine",
    ]
    for path in paths:
        html = page.get(path).text
        assert not {s for s in secrets if s in html}, path
    cleared = web.login(CLEARED)
    assert str(doc["title"]) in cleared.get("/documents?limit=500").text


def test_item_page_has_next_and_previous_links(web: Harness) -> None:
    page = web.login("viewer")
    html = page.get("/items?limit=1").text
    found = re.search(r'rel="next" href="([^"]+)"', html)
    assert found and 'rel="prev"' not in html
    second = page.get(found.group(1).replace("&amp;", "&")).text
    assert 'rel="prev"' in second


def test_review_queue_counts_match_the_proposals(web: Harness) -> None:
    viewer = next(u for u in web.services.accounts.users() if u.name == "viewer")
    queue = web_listings.review_queue(web.services, viewer, limit=500)
    hidden = set(web.services.restrictions())
    expected = []
    for doc in web.services.directory():
        proposals = web.ws.facts.proposals_of(doc["id"])
        undecided = sum(p["review"] is None for p in proposals)
        if undecided and doc["item_sha256"] not in hidden:
            expected.append((doc["id"], undecided, len(proposals) - undecided))
    assert [(r["id"], r["undecided"], r["decided"]) for r in queue.rows] == expected
    assert expected


def test_search_highlights_come_from_offsets_not_brackets(web: Harness) -> None:
    text = "Witness [A] said: [chlorine] smelled near [the] mosque; zyxqor canisters [sic].\n"
    files = {"file": ("brackets.txt", text.encode(), "text/plain")}
    reply = web.client.post("/api/items", files=files, headers=web.bearer("admin"))
    assert reply.status_code == 201, reply.text
    html = web.login("viewer").get("/search", params={"q": "zyxqor"}).text
    marks = re.findall(r"<mark[^>]*>([^<]*)</mark>", html)
    assert marks == ["zyxqor"]
    assert "[chlorine]" in html and "[sic]" in html


def test_an_incident_citing_a_restricted_report_logs_one_view(web: Harness) -> None:
    sha = web.restricted_sha()
    doc = next(d for d in web.services.directory() if d["item_sha256"] == sha)
    refs = {doc["id"], doc["external_id"]}
    incident = next(i for i in web.ws.facts.incidents() if refs & {m["doc"] for m in i["mentions"]})
    size = web.ws.custody.size()
    reply = web.client.get(f"/api/incidents/{incident['id']}", headers=web.bearer(CLEARED))
    assert reply.status_code == 200
    events = [web.ws.custody.event(i) for i in range(size, web.ws.custody.size())]
    assert [(e.kind, e.details["page"], e.details["items"]) for e in events] == [
        ("viewed", "incident", [sha])
    ]
