"""The case-file commands end to end, in a subprocess, on the dev corpus."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.e2e.conftest import Run
from tests.integration.casefile.test_case_round_trip import corpus_jsonl

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$")


def test_legal_catalogue_commands(qarina: Run) -> None:
    listed = json.loads(qarina("legal", "list", "--json").stdout)
    assert "rs-8-2-e-xiv" in {c["id"] for c in listed}
    shown = json.loads(qarina("legal", "show", "rs-7-1-a", "--json").stdout)
    assert shown["elements"][1]["cite"] == "Elements of Crimes, art. 7(1)(a), element 2"
    missing = qarina("legal", "show", "nope", check=False)
    assert missing.returncode == 3 and "no crime 'nope'" in missing.stderr


@pytest.mark.slow
def test_case_to_verified_bundle(qarina: Run, corpus_dev: Path, tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    qarina("init", ws)
    qarina("ingest", ws, "--jsonl", str(corpus_jsonl(corpus_dev, tmp_path / "dev.jsonl")))
    qarina("link", ws)
    incidents = json.loads(qarina("incidents", ws, "--format", "json").stdout)
    aleppo = [i["id"] for i in incidents if i.get("place_normalized") == "Aleppo"]
    args = [a for i in aleppo for a in ("--incident", i)]
    created = qarina(
        "case",
        "create",
        ws,
        "Aleppo chlorine",
        *args,
        "--charge",
        "rs-8-2-e-xiv",
        "--perpetrator",
        "Syrian government forces",
    )
    assert UUID.match(created.stdout), created.stdout
    case_id = created.stdout.strip()
    suggestions = json.loads(qarina("case", "suggest", ws, case_id, "--json").stdout)
    first = next(s for s in suggestions if s["element_id"] == "rs-8-2-e-xiv.1")
    qarina("case", "accept", ws, case_id, first["id"][:10], "--reason", "HRW finding")
    other = next(s for s in suggestions if s["element_id"] == "rs-8-2-e-xiv.2")
    qarina("case", "reject", ws, case_id, other["id"], "--reason", "needs a toxicology source")
    matrix = json.loads(qarina("case", "matrix", ws, case_id, "--json").stdout)
    assert [r["status"] for r in matrix] == ["supported", "gap", "gap", "gap"]
    bad = qarina(
        "case",
        "link",
        ws,
        case_id,
        "--element",
        "rs-8-2-e-xiv.3",
        "--evidence",
        "incident:doesnotexist",
        check=False,
    )
    assert bad.returncode == 3 and "no incident" in bad.stderr
    out = tmp_path / "case.zip"
    qarina("export", ws, "--case", case_id, "--out", str(out))
    key = str(Path(ws) / "keys" / "verifier.pub")
    assert qarina("verify-bundle", str(out), "--key", key).returncode == 0
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(
                info,
                data.replace(b"Aleppo", b"Alepp0")
                if info.filename.startswith("originals/")
                else data,
            )
    failed = qarina("verify-bundle", str(tampered), "--key", key, check=False)
    assert (
        failed.returncode == 1 and "file.hash" in failed.stdout and "NOT VERIFIED" in failed.stdout
    )
