"""The README's other commands, end to end: demo, extract on files, link, incidents,
incident, judge and reindex."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Run


def test_demo_then_incidents_judgements_and_reindex(qarina: Run, tmp_path: Path) -> None:
    done = qarina("demo", "demo-ws")
    assert "verified" in done.stdout
    ws = str(tmp_path / "demo-ws")
    incidents = json.loads(qarina("incidents", ws, "--format", "json").stdout)
    assert len(incidents) >= 2
    first = incidents[0]
    shown = json.loads(qarina("incident", ws, first["id"][7:19], "--json").stdout)
    assert shown["id"] == first["id"]
    assert "incident " in qarina("incident", ws, first["id"][7:19]).stdout

    # a human merge of two records from different incidents survives re-linking
    a = f"{incidents[0]['mentions'][0]['doc']}#{incidents[0]['mentions'][0]['index']}"
    b = f"{incidents[1]['mentions'][0]['doc']}#{incidents[1]['mentions'][0]['index']}"
    qarina("judge", ws, "merge", a, b, "--reason", "same attack, two reports")
    qarina("link", ws)
    after = json.loads(qarina("incidents", ws, "--format", "json").stdout)
    holder = [i for i in after if {a, b} <= {f"{m['doc']}#{m['index']}" for m in i["mentions"]}]
    assert len(holder) == 1, "the judged records are one incident after re-linking"
    reasons = holder[0]["merge_reasons"]
    assert any(r.get("by") == "judgement" and set(r["records"]) == {a, b} for r in reasons)
    log = qarina("log", ws, "--canonical").stdout.splitlines()
    assert any(json.loads(line)["kind"] == "judged" for line in log)

    indexed = qarina("reindex", ws).stdout
    assert int(indexed.split()[0]) > 0
    assert json.loads(qarina("search", ws, "chlorine", "--json").stdout)
    assert "every check holds" in qarina("verify", ws).stdout


def test_extract_reads_files_and_reports_unreadable_ones(qarina: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>Sarmin</title></head><body><article><p>"
        "Human Rights Watch said that a helicopter dropped a chlorine barrel bomb on Sarmin "
        "on 16 March 2015, killing six people.</p></article></body></html>"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = qarina("extract", str(page), str(empty), check=False)
    assert done.returncode == 1, "one unreadable file makes the exit status 1"
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 1 and out[0]["id"] == str(page)
    incident = out[0]["incidents"][0]
    assert incident["agent"] == "chlorine" and incident["date_start"] == "2015-03-16"
    assert "empty.txt" in done.stderr
