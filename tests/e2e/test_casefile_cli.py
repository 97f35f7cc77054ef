"""The case-file commands end to end, in a subprocess, on the dev corpus."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.e2e.conftest import Run
from tests.integration.casefile.test_case_round_trip import corpus_jsonl

# Runs the real ``qarina`` command; registers the case commands only if cli/main has not.
LAUNCH = (
    "import sys; from qarina.cli import main, case_commands\n"
    "if 'case' not in [g.name for g in main.app.registered_groups]:\n"
    "    case_commands.register(main.app)\n"
    "sys.argv[0] = 'qarina'; main.main()"
)
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$")


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-c", LAUNCH, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=300,
            env={**os.environ, "QARINA_USER": "e2e", "COLUMNS": "200"},
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"qarina {' '.join(args)}: {done.returncode}\n{done.stdout}\n{done.stderr}"
            )
        return done

    return run


def test_legal_catalogue_commands(cli: Run) -> None:
    listed = json.loads(cli("legal", "list", "--json").stdout)
    assert "rs-8-2-e-xiv" in {c["id"] for c in listed}
    shown = json.loads(cli("legal", "show", "rs-7-1-a", "--json").stdout)
    assert shown["elements"][1]["cite"] == "Elements of Crimes, art. 7(1)(a), element 2"
    missing = cli("legal", "show", "nope", check=False)
    assert missing.returncode == 3 and "no crime 'nope'" in missing.stderr


@pytest.mark.slow
def test_case_to_verified_bundle(cli: Run, corpus_dev: Path, tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    cli("init", ws)
    cli("ingest", ws, "--jsonl", str(corpus_jsonl(corpus_dev, tmp_path / "dev.jsonl")))
    cli("link", ws)
    incidents = json.loads(cli("incidents", ws, "--format", "json").stdout)
    aleppo = [i["id"] for i in incidents if i.get("place_normalized") == "Aleppo"]
    args = [a for i in aleppo for a in ("--incident", i)]
    created = cli(
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
    suggestions = json.loads(cli("case", "suggest", ws, case_id, "--json").stdout)
    first = next(s for s in suggestions if s["element_id"] == "rs-8-2-e-xiv.1")
    cli("case", "accept", ws, case_id, first["id"][:10], "--reason", "HRW finding")
    other = next(s for s in suggestions if s["element_id"] == "rs-8-2-e-xiv.2")
    cli("case", "reject", ws, case_id, other["id"], "--reason", "needs a toxicology source")
    matrix = json.loads(cli("case", "matrix", ws, case_id, "--json").stdout)
    assert [r["status"] for r in matrix] == ["supported", "gap", "gap", "gap"]
    bad = cli(
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
    cli("export", ws, "--case", case_id, "--out", str(out))
    key = str(Path(ws) / "keys" / "verifier.pub")
    assert cli("verify-bundle", str(out), "--key", key).returncode == 0
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
    failed = cli("verify-bundle", str(tampered), "--key", key, check=False)
    assert (
        failed.returncode == 1 and "file.hash" in failed.stdout and "NOT VERIFIED" in failed.stdout
    )
