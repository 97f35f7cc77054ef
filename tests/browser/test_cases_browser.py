"""A case in a real browser: open it with a charge and an incident, link evidence, decide
a suggestion, read the evidence matrix (screenshot) and download the case file."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from tests.browser.test_browser import sign_in

CRIME = "rs-8-2-e-xiv"
RED = "rgb(180, 35, 24)"  # --warn: a gap badge


def toxic_incident(page: Any, url: str) -> str:
    """The id of the first listed incident that names an agent."""
    page.goto(f"{url}/incidents")
    found = page.evaluate(
        """() => [...document.querySelectorAll('#incidents tbody tr')]
            .filter(r => r.cells[2].innerText.trim())
            .map(r => r.querySelector('a').getAttribute('href'))[0] || null"""
    )
    assert found, "no incident with an agent on the incidents page"
    return str(found).rsplit("/", 1)[1]


def test_build_a_case_and_read_its_matrix(
    page: Any, live_server: str, screenshots: Path, tmp_path: Path
) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, "investigator")
    incident = toxic_incident(page, live_server)
    page.goto(f"{live_server}/cases/new")
    page.fill("input[name=title]", "Chlorine attacks, Idlib 2015")
    page.fill("textarea[name=incidents]", incident)
    page.check(f"input[name=crime][value='{CRIME}']")
    page.fill("input[name=perpetrator]", "Syrian Arab Air Force")
    page.click("#new-case button[type=submit]")
    page.wait_for_selector("#charges")
    assert page.locator("h1").inner_text() == "Chlorine attacks, Idlib 2015"
    assert incident in page.locator("#scoped").inner_text()

    page.select_option("#add-link select[name=element]", index=0)
    page.fill("#add-link input[name=evidence]", f"incident:{incident}")
    page.fill("#add-link input[name=note]", "two independent first-hand reports")
    page.click("#add-link button[type=submit]")
    page.wait_for_selector("#links")
    assert "two independent first-hand reports" in page.locator("#links").inner_text()

    page.click("form[action$='/suggest'] button")
    page.wait_for_selector("#suggestion-list")
    first = page.locator("#suggestion-list tbody tr").first
    first.locator("input[name=reason]").fill("agent confirmed by the lab")
    first.locator("button[value=accept]").click()
    page.wait_for_selector("#suggestion-list")
    assert "accepted by investigator" in page.locator("#suggestion-list").inner_text()
    page.screenshot(path=str(screenshots / "20-case.png"), full_page=True)

    page.click("text=Evidence matrix")
    page.wait_for_selector("table.matrix")
    assert page.locator("tr.status-supported").count() >= 1
    gap = page.locator(".badge.status-gap").first
    assert gap.evaluate("e => getComputedStyle(e).backgroundColor") == RED
    page.screenshot(path=str(screenshots / "21-evidence-matrix.png"), full_page=True)

    page.go_back()
    with page.expect_download() as caught:
        page.click("#export")
    download = caught.value
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    assert saved.suffix == ".zip" and zipfile.ZipFile(saved).namelist()
    assert not errors, errors
