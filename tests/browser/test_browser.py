"""Investigators' main paths in a real browser: sign in, upload, review, search in Arabic,
open the incident map. Every step saves a screenshot."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.integration.web.harness import PASSWORD


def sign_in(page: Any, url: str, name: str) -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def test_sign_in_shows_the_dashboard(page: Any, live_server: str, screenshots: Path) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, "viewer")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert "passed" in page.locator("#verification-status").inner_text()
    page.screenshot(path=str(screenshots / "01-dashboard.png"), full_page=True)
    assert not errors, errors  # no CSP violation, no script error


def test_upload_is_preserved_with_its_hash(
    page: Any, live_server: str, screenshots: Path, tmp_path: Path
) -> None:
    data = b"Witness note: chlorine smell in Sarmin on 16 March 2015.\n"
    upload = tmp_path / "witness note (Sarmin).txt"
    upload.write_bytes(data)
    sign_in(page, live_server, "investigator")
    page.goto(f"{live_server}/upload")
    page.set_input_files("input[type=file]", str(upload))
    page.click("form[action='/upload'] button[type=submit]")
    page.wait_for_selector("#upload-sha256")
    expected = "sha256:" + hashlib.sha256(data).hexdigest()
    assert page.locator("#upload-status").inner_text() == "preserved"
    assert page.locator("#upload-sha256").inner_text() == expected
    page.screenshot(path=str(screenshots / "02-upload.png"), full_page=True)
    page.click("#upload-sha256")
    assert page.locator("#sha256").inner_text() == expected
    assert page.locator(".original-name").first.inner_text() == "witness note (Sarmin).txt"
    page.screenshot(path=str(screenshots / "03-item.png"), full_page=True)


def test_review_an_extracted_incident(page: Any, live_server: str, screenshots: Path) -> None:
    sign_in(page, live_server, "analyst")
    page.goto(f"{live_server}/review")
    page.locator("#queue a").first.click()
    page.wait_for_selector(".proposal")
    assert page.locator(".doctext mark").count() > 0  # typed spans highlighted
    page.screenshot(path=str(screenshots / "04-review-document.png"), full_page=True)
    first = page.locator(".proposal").first
    first.locator("input[name=reason]").fill("checked against the source")
    first.locator("button[value=accepted]").click()
    page.wait_for_selector(".proposal .decision")
    assert page.locator(".proposal").first.locator(".decision").inner_text() == "accepted"
    page.screenshot(path=str(screenshots / "05-reviewed.png"), full_page=True)


def test_search_in_arabic(page: Any, live_server: str, screenshots: Path) -> None:
    sign_in(page, live_server, "viewer")
    page.goto(f"{live_server}/search")
    page.fill("input[name=q]", "الكلور")
    page.click("form[role=search] button")
    page.wait_for_selector("#hits .hit")
    hit = page.locator("#hits .hit").first
    assert hit.get_attribute("dir") == "rtl" and hit.get_attribute("lang") == "ar"
    assert hit.locator("mark.span-match").count() >= 1
    page.screenshot(path=str(screenshots / "06-search-arabic.png"), full_page=True)


def test_open_the_incident_map(page: Any, live_server: str, screenshots: Path) -> None:
    sign_in(page, live_server, "viewer")
    page.goto(f"{live_server}/map")
    circles = page.locator("#incident-map circle")
    assert circles.count() >= 1
    page.screenshot(path=str(screenshots / "07-map.png"), full_page=True)
    page.locator("#incident-map a").first.click()
    page.wait_for_url("**/incidents?place=*")
    assert page.locator("#incidents tbody tr").count() >= 1
    page.screenshot(path=str(screenshots / "08-incidents.png"), full_page=True)
    page.locator("#incidents tbody a").first.click()
    page.wait_for_selector("#linking-proof")
    page.screenshot(path=str(screenshots / "09-incident.png"), full_page=True)
    page.goto(f"{live_server}/timeline")
    assert page.locator("#timeline rect.bar").count() >= 1
    page.screenshot(path=str(screenshots / "10-timeline.png"), full_page=True)


def test_page_through_items(page: Any, live_server: str, screenshots: Path) -> None:
    sign_in(page, live_server, "viewer")
    page.goto(f"{live_server}/items?limit=2")
    first = page.locator("#items tbody a").all_inner_texts()
    assert len(first) == 2 and page.locator("a[rel=prev]").count() == 0
    page.click("a[rel=next]")
    second = page.locator("#items tbody a").all_inner_texts()
    assert second and not set(second) & set(first)
    page.screenshot(path=str(screenshots / "11-items-page-2.png"), full_page=True)
    page.click("a[rel=prev]")
    assert page.locator("#items tbody a").all_inner_texts() == first


def test_map_labels_do_not_overlap(page: Any, live_server: str) -> None:
    sign_in(page, live_server, "viewer")
    page.goto(f"{live_server}/map")
    boxes = page.eval_on_selector_all(
        "#incident-map text.place-label",
        "els => els.map(e => { const b = e.getBBox(); return [b.x, b.y, b.width, b.height]; })",
    )
    assert boxes
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            apart = x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
            assert apart, ((x, y, w, h), (x2, y2, w2, h2))
