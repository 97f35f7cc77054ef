"""A case built from the dev corpus: suggestions, matrix, export → verify, tampering,
determinism, protected items, time-stamps, and the PDF rendered to PNG."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from qarina.app import case_files, cases
from qarina.app.ingestion import Ingestion
from qarina.app.linking import link_workspace
from qarina.app.workspace import Workspace, create_workspace
from qarina.casefile import layout
from qarina.casefile.archive import build_zip, read_zip
from qarina.casefile.verify import verify_bundle
from qarina.core.errors import NotFoundError, UsageError
from qarina.custody.report import VerificationReport
from qarina.custody.timestamp import TimestampAuthority
from qarina.legal.suggestions import PATTERN_RULE, TOXIC_RULE, has_toxic_agent
from tests.conftest import postgres_schema_url
from tests.unit.casefile.local_tsa import make_tsa, serve_tsa

FIELDS = ("text", "published", "language", "url", "title", "publisher")


def corpus_jsonl(corpus: Path, out: Path) -> Path:
    with out.open("w", encoding="utf-8") as stream:
        for path in sorted(corpus.glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            line = {"id": doc["doc_id"], **{k: doc.get(k) for k in FIELDS}}
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    return out


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def ws(
    request: pytest.FixtureRequest, corpus_dev: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    folder = tmp_path_factory.mktemp("casefile")
    urls = postgres_schema_url() if request.param == "postgresql" else iter([None])
    db_url = next(urls)
    workspace = create_workspace(folder / "ws", db_url=db_url, user="analyst")
    Ingestion(workspace).ingest_jsonl(corpus_jsonl(corpus_dev, folder / "dev.jsonl"))
    link_workspace(workspace)
    yield workspace
    workspace.close()
    next(urls, None)  # drops the PostgreSQL schema


def chemical_attacks(ws: Workspace) -> list[dict[str, Any]]:
    """Dated incidents naming a toxic agent: what the suggestion rules work on."""
    return [i for i in ws.facts.incidents() if has_toxic_agent(i) and i.get("date_start")]


def aleppo_chlorine(ws: Workspace) -> list[dict[str, Any]]:
    return [
        i
        for i in ws.facts.incidents()
        if i.get("place_normalized") == "Aleppo" and i.get("agent") == "chlorine"
    ]


@pytest.fixture(scope="module")
def case_id(ws: Workspace) -> str:
    incidents = [i["id"] for i in chemical_attacks(ws)]
    assert len(incidents) >= 3 and aleppo_chlorine(ws)
    return cases.create_case(
        ws,
        "Chemical attacks in Syria, 2013–2018",
        incidents,
        [("rs-8-2-e-xiv", "Syrian government forces"), ("rs-7-1-k", "Syrian government forces")],
    )


def test_dev_corpus_incidents_get_the_expected_suggestions(ws: Workspace, case_id: str) -> None:
    found = cases.suggest(ws, case_id)
    by_element = {(s["element_id"], s["rule"]) for s in found}
    assert ("rs-8-2-e-xiv.1", TOXIC_RULE) in by_element
    assert ("rs-8-2-e-xiv.2", TOXIC_RULE) in by_element
    assert ("rs-7-1-k.4", PATTERN_RULE) in by_element
    assert not any(e.startswith("rs-7-1-k.1") for e, _ in by_element)
    again = cases.suggest(ws, case_id)
    assert [s["id"] for s in again] == [s["id"] for s in found]


def test_accept_reject_and_matrix(ws: Workspace, case_id: str) -> None:
    found = cases.suggest(ws, case_id)
    use = next(s for s in found if s["element_id"] == "rs-8-2-e-xiv.1")
    pattern = next(s for s in found if s["rule"] == PATTERN_RULE)
    cases.decide(ws, case_id, use["id"], True, "HRW documents the chlorine use")
    cases.decide(ws, case_id, pattern["id"], False, "not yet enough for a pattern")
    item = next(iter(ws.evidence.iter_items())).sha256
    cases.link_evidence(
        ws,
        case_id,
        "rs-8-2-e-xiv.3",
        f"item:{item[:20]}",
        stance="exculpatory",
        weight=2,
        note="denial of the conflict nexus",
    )
    mention = aleppo_chlorine(ws)[0]["mentions"][0]
    claim = f"claim:{mention['doc']}#{mention['index']}"
    cases.link_evidence(ws, case_id, "rs-8-2-e-xiv.4", claim, note="attributed by HRW")
    document = next(iter(ws.evidence.iter_documents()))
    cases.link_evidence(ws, case_id, "rs-8-2-e-xiv.4", f"passage:{document.id}:0", weight=1)
    for bad in ("claim:nowhere#0", f"passage:{document.id}:9999", "item:sha256:ffff"):
        with pytest.raises(NotFoundError):
            cases.link_evidence(ws, case_id, "rs-8-2-e-xiv.4", bad)
    with pytest.raises(UsageError, match="charges of this case match"):
        cases.link_evidence(ws, case_id, "rs-7-1-a.1", claim)
    full = aleppo_chlorine(ws)[0]["id"]
    assert cases.resolve_incident(ws, full.removeprefix("sha256:")[:12]) == full
    for vague in ("sha256:", "0", ""):
        with pytest.raises(NotFoundError):
            cases.resolve_incident(ws, vague)
    rows = {r.element.id: r for r in cases.case_matrix(ws, case_id)}
    assert rows["rs-8-2-e-xiv.4"].weight_for == 4
    assert rows["rs-8-2-e-xiv.1"].status == "supported"
    assert rows["rs-8-2-e-xiv.3"].status == "gap"
    assert rows["rs-8-2-e-xiv.3"].weight_against == 2
    assert rows["rs-7-1-k.4"].pending == 0
    kinds = [e.kind for e in ws.custody.events_about(case_id)]
    assert kinds[0] == "opened" and {"charged", "suggested", "reviewed", "mapped"} <= set(kinds)


def test_case_tables_refuse_edits(ws: Workspace, case_id: str) -> None:
    with pytest.raises(sa.exc.DBAPIError), ws.engine.begin() as conn:
        conn.execute(sa.text("UPDATE cases SET title = 'changed'"))


def test_export_verifies_offline_and_is_deterministic(
    ws: Workspace, case_id: str, tmp_path: Path
) -> None:
    first = case_files.export_case(ws, case_id, tmp_path / "a.zip")
    second = case_files.export_case(ws, case_id, tmp_path / "b.zip")
    data = (tmp_path / "a.zip").read_bytes()
    assert data == (tmp_path / "b.zip").read_bytes() and first.sha256 == second.sha256
    report = verify_bundle(data, ws.verifier_key())
    assert report.ok, report.failures
    files = read_zip(data)
    index = json.loads(files[layout.INDEX_JSON])
    assert len(index) == first.items >= 2
    assert set(index[0]) >= {
        "evidence_number",
        "title",
        "date",
        "type",
        "author_source",
        "language",
        "pages",
        "confidentiality",
        "sha256",
    }
    geo = json.loads(files[layout.INCIDENTS_GEOJSON])
    assert any(f["geometry"] for f in geo["features"])
    assert ws.custody.events_about(first.sha256)[0].kind == "exported"


def test_tampered_export_fails(ws: Workspace, case_id: str, tmp_path: Path) -> None:
    case_files.export_case(ws, case_id, tmp_path / "c.zip")
    files = read_zip((tmp_path / "c.zip").read_bytes())
    original = next(p for p in files if p.startswith("originals/"))
    files[original] = files[original] + b" "
    report = verify_bundle(build_zip(files), ws.verifier_key())
    assert "file.hash" in {f.check for f in report.failures}


def test_protected_item_ships_only_its_logged_redaction(
    ws: Workspace, case_id: str, tmp_path: Path
) -> None:
    incident = next(i for i in chemical_attacks(ws) if i["place_normalized"] == "Aleppo")
    doc = incident["mentions"][0]["doc"]
    item = next(d.item_sha256 for d in ws.evidence.iter_documents() if d.external_id == doc)
    redacted = case_files.protect_item(ws, item, "names a witness", ["Aleppo Media Center"])
    case_files.export_case(ws, case_id, tmp_path / "p.zip")
    data = (tmp_path / "p.zip").read_bytes()
    files = read_zip(data)
    assert not any(p.startswith("originals/" + item[7:]) for p in files)
    redacted_text = files[layout.redacted_path(item)].decode()
    assert "Aleppo Media Center" not in redacted_text and "[REDACTED]" in redacted_text
    assert not any(p.startswith("derivatives/" + item[7:]) for p in files)
    manifest = json.loads(files[layout.MANIFEST])
    assert {"sha256": item, "redacted_sha256": redacted}.items() <= manifest["withheld"][0].items()
    assert verify_bundle(data, ws.verifier_key()).ok


def test_time_stamped_checkpoint_travels_with_the_bundle(
    ws: Workspace, case_id: str, tmp_path: Path
) -> None:
    tsa = make_tsa(tmp_path / "tsa")
    with serve_tsa(tsa) as url:
        case_files.timestamp_checkpoint(ws, TimestampAuthority("local-tsa", url, tsa.chain_pem))
    cases.add_charge(ws, case_id, "ihl-rule-74", None)  # new case events: a new checkpoint
    with serve_tsa(tsa) as url:
        case_files.timestamp_checkpoint(ws, TimestampAuthority("local-tsa", url, tsa.chain_pem))
    stored = VerificationReport()
    case_files.verify_timestamps(ws, stored)
    assert stored.ok and len(stored.findings) >= 2
    case_files.export_case(ws, case_id, tmp_path / "t.zip")
    files = read_zip((tmp_path / "t.zip").read_bytes())
    tokens = [p for p in files if p.startswith(layout.TIMESTAMPS) and p.endswith(".tsr")]
    assert tokens
    report = verify_bundle(build_zip(files), ws.verifier_key())
    assert report.ok and "timestamp.token" in report.checks
    files[tokens[0]] = files[tokens[0]][:-3] + b"\x00\x00\x00"
    failures = verify_bundle(build_zip(files), ws.verifier_key()).failures
    assert "timestamp.token" in {f.check for f in failures}


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdf_renders_with_arabic_glyphs(ws: Workspace, case_id: str, tmp_path: Path) -> None:
    arabic = [
        i["id"]
        for i in ws.facts.incidents()
        if any(m.get("doc", "").endswith("-ar") for m in i.get("mentions") or [])
    ]
    assert arabic, "the dev corpus has Arabic reports"
    cases.add_incidents(ws, case_id, arabic)
    case_files.export_case(ws, case_id, tmp_path / "r.zip")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(read_zip((tmp_path / "r.zip").read_bytes())[layout.REPORT_PDF])
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    from PIL import Image

    for page in pages:
        with Image.open(page) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:128])
            assert dark > 500, f"{page.name} is blank"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "Arabic" in fonts.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert any("\u0600" <= c <= "\u06ff" for c in text)
