"""Hostile evidence: XSS payloads in file names, HTML content, EXIF fields and queries are
rendered as text, never as markup; originals leave as neutral downloads."""

from __future__ import annotations

import io
from urllib.parse import quote

from PIL import Image

from tests.integration.web.harness import Harness

SCRIPT = "<script>alert('qarina-xss')</script>"
IMG = '<img src=x onerror="alert(1)">'
PAYLOADS = (SCRIPT, IMG, "<svg onload=alert(2)>", "javascript:alert(3)")


def assert_inert(html: str) -> None:
    for raw in (SCRIPT, IMG, "<svg onload", "<script>alert"):
        assert raw not in html, f"unescaped {raw!r} in page"
    assert 'onerror="alert' not in html and "<b onmouseover" not in html


def upload(web: Harness, name: str, data: bytes, mime: str) -> dict[str, object]:
    reply = web.client.post(
        "/api/items", files={"file": (name, data, mime)}, headers=web.bearer("admin")
    )
    assert reply.status_code == 201, reply.text
    return dict(reply.json())


def test_hostile_file_name_and_html_content_stay_text(web: Harness) -> None:
    name = f"{IMG}<b onmouseover=alert(4)>report.html"  # names lose folders: no '/' here
    html = (
        f"<html><head><title>{SCRIPT} chlorine report</title></head><body><article>"
        f"<h1>Chlorine attack {IMG}</h1><p>Witnesses said chlorine was dropped on Saraqib "
        f"on 1 August 2016. &lt;script&gt;alert('qarina-xss')&lt;/script&gt; {SCRIPT}</p>"
        "<p>More text about the barrel bombs and the victims in the town.</p>"
        "</article></body></html>"
    ).encode()
    outcome = upload(web, name, html, "text/html")
    sha = outcome["sha256"]
    page = web.login("viewer")
    for path in ("/items", f"/items/{sha}", "/documents", "/custody", "/", "/incidents"):
        reply = page.get(path)
        assert reply.status_code == 200
        assert_inert(reply.text)
    item = page.get(f"/items/{sha}").text
    assert "&lt;img src=x onerror=" in item and "&lt;b onmouseover=alert(4)&gt;" in item
    document_id = outcome["document_id"]
    if document_id:
        assert_inert(page.get(f"/documents/{document_id}").text)
        assert_inert(page.get(f"/review/{document_id}").text)
    download = page.get(f"/items/{sha}/original")
    assert download.content == html
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in download.headers["content-security-policy"]
    assert "<" not in download.headers["content-disposition"]


def test_hostile_exif_fields_stay_text(web: Harness) -> None:
    exif = Image.Exif()
    exif[0x010F] = SCRIPT  # camera make
    exif[0x0110] = IMG  # camera model
    exif[0x010E] = "<svg onload=alert(2)> photo of the site"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(buffer, "JPEG", exif=exif)
    outcome = upload(web, "site-photo.jpg", buffer.getvalue(), "image/jpeg")
    page = web.login("viewer").get(f"/items/{outcome['sha256']}")
    assert page.status_code == 200
    assert "qarina-xss" in page.text  # the field is shown …
    assert_inert(page.text)  # … as text


def test_hostile_search_queries_stay_text(web: Harness) -> None:
    client = web.login("viewer")
    for payload in PAYLOADS:
        reply = client.get(f"/search?q={quote(payload)}")
        assert reply.status_code == 200
        assert_inert(reply.text)
        api = web.client.get("/api/search", params={"q": payload}, headers=web.bearer("viewer"))
        assert api.status_code in (200, 400)
        assert api.headers["content-type"].startswith("application/")


def test_hostile_review_reason_and_restriction_collection_stay_text(web: Harness) -> None:
    items = web.client.get("/api/items", headers=web.bearer("admin")).json()["items"]
    sha = next(i["sha256"] for i in items if not i["restricted"])
    body = {"collection": SCRIPT, "reason": IMG}
    reply = web.client.post(f"/api/items/{sha}/restriction", json=body, headers=web.bearer("admin"))
    assert reply.status_code == 204
    client = web.login("admin")
    for path in (f"/items/{sha}", "/items", "/custody", "/"):
        assert_inert(client.get(path).text)


def test_every_page_carries_the_security_headers(web: Harness) -> None:
    client = web.login("viewer")
    for path in ("/", "/login", "/incidents", "/api/health", "/static/app.css"):
        reply = client.get(path)
        csp = reply.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(web: Harness) -> None:
    client = web.login("admin")
    for path in ("/", "/items", "/incidents", "/map", "/timeline", "/search?q=chlorine"):
        html = client.get(path).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert " on" + "click=" not in html
