"""Preserving evidence end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from qarina.app.ingestion import Ingestion
from qarina.app.item_view import describe_item
from qarina.app.verification import verify_workspace
from qarina.app.workspace import Workspace


def _sha(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def test_files_are_preserved_with_hashes_text_and_custody(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report = b"Chlorine was dropped on Sakhur, Aleppo, on 20 November 2016.\n"
    (folder / "report.txt").write_bytes(report)
    (folder / "copy.txt").write_bytes(report)
    (folder / "page.html").write_text(
        "<html><head><title>Ghouta</title></head><body><article><p>"
        + "Rockets carrying sarin struck Ghouta on 21 August 2013. " * 5
        + "</p></article></body></html>"
    )
    summary = Ingestion(workspace).ingest_paths([folder])
    assert summary.totals()["failed"] == 0
    assert summary.totals()["preserved"] == 3
    item = workspace.evidence.item(_sha(report))
    assert item is not None
    assert item.md5 == hashlib.md5(report).hexdigest()
    assert item.sha1 == hashlib.sha1(report).hexdigest()
    assert item.mime == "text/plain"
    # the same bytes twice: one item, two acquisitions
    assert len(workspace.evidence.acquisitions_of(_sha(report))) == 2
    assert sum(1 for _ in workspace.blobs.digests()) == 2
    view = describe_item(workspace, _sha(report)[7:19])
    assert {e["kind"] for e in view["custody"]} >= {"acquired", "derived"}
    workspace.checkpoint()
    view = describe_item(workspace, _sha(report))
    assert view["inclusion_proof"]["verified"] is True
    hits = workspace.search.search("sarin Ghouta")
    assert hits and "Ghouta" in hits[0].snippet
    assert verify_workspace(workspace).ok


def test_jsonl_lines_are_originals_and_bad_lines_fail_alone(
    workspace: Workspace, tmp_path: Path
) -> None:
    good = {
        "id": "d1",
        "text": "هجوم بالكلور على حلب في 22 تشرين الثاني 2016.",
        "language": "ar",
        "published": "2017-02-13",
        "title": "t",
        "publisher": "p",
        "url": "https://x.test/1",
    }
    line = json.dumps(good, ensure_ascii=False).encode()
    file = tmp_path / "in.jsonl"
    file.write_bytes(line + b"\n{broken\n" + json.dumps({"id": "d2"}).encode() + b"\n")
    summary = Ingestion(workspace).ingest_jsonl(file)
    totals = summary.totals()
    assert (totals["preserved"], totals["failed"]) == (1, 2)
    assert workspace.evidence.item(_sha(line)) is not None, "the JSON line itself is the original"
    failures = workspace.evidence.failures(summary.batch_id)
    assert [f.path.rsplit(":", 1)[1] for f in failures] == ["2", "3"]
    assert "invalid JSON" in failures[0].reason
    hits = workspace.search.search("الكلور")
    assert hits, "Arabic search finds the passage"
    assert verify_workspace(workspace).ok


def test_bad_inputs_get_reasons_and_nothing_else_is_lost(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    (folder / "ok.txt").write_text("Saydnaya prison, 2011 to 2015.")
    sparse = folder / "huge.bin"
    with sparse.open("wb") as handle:
        handle.truncate(5 * (1 << 30))
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    summary = Ingestion(workspace).ingest_paths([folder])
    outcome = {Path(o.label).name: o for o in summary.outcomes}
    assert outcome["ok.txt"].status == "preserved"
    assert outcome["huge.bin"].status == "failed" and "limit" in (outcome["huge.bin"].reason or "")
    assert outcome["loop"].status == "failed" and "loop" in (outcome["loop"].reason or "")
    for name in ("empty.txt", "binary.txt", "corrupt.pdf"):
        assert outcome[name].status == "opaque", name
        assert outcome[name].reason, f"{name} has a one-line reason"
        assert "\n" not in (outcome[name].reason or "")
    assert verify_workspace(workspace).ok


def test_file_removed_during_ingest_is_a_failure_not_a_crash(
    workspace: Workspace, tmp_path: Path
) -> None:
    from qarina.app.sources import FileSource

    keep, gone = tmp_path / "keep.txt", tmp_path / "gone.txt"
    keep.write_text("kept")
    gone.write_text("gone")

    def sources():  # type: ignore[no-untyped-def]
        yield FileSource(gone)
        yield FileSource(keep)

    os.unlink(gone)
    summary = Ingestion(workspace)._run(sources())
    statuses = {Path(o.label).name: o.status for o in summary.outcomes}
    assert statuses == {"gone.txt": "failed", "keep.txt": "preserved"}


@pytest.mark.parametrize("workers", [2])
def test_parallel_workers_give_the_same_items(
    workspace: Workspace, tmp_path: Path, workers: int
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:03}.txt").write_text(f"Report {n}: barrel bombs on Daraya, {n} killed.")
    summary = Ingestion(workspace, workers=workers, batch_size=7).ingest_paths([folder])
    assert summary.totals()["preserved"] == 40
    assert [Path(o.label).name for o in summary.outcomes] == sorted(
        p.name for p in folder.iterdir()
    )
    assert workspace.evidence.counts()["items"] == 40
    assert verify_workspace(workspace).ok
