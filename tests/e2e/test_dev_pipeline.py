"""The issue's own quality commands, end to end through the CLI on the dev corpus:
extraction contract and linking contract, scored by the shared scorer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import Run

EXTRACTION_FLOOR = 0.80
LINKING_FLOOR = 0.75


def _score(shared: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_extract_then_ingest_link_and_score(
    qarina: Run, shared_dir: Path, corpus_dev: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in.jsonl"
    made = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), "input", str(corpus_dev)],
        capture_output=True,
        text=True,
        check=True,
    )
    inputs.write_text(made.stdout)
    out = tmp_path / "out.jsonl"
    out.write_text(qarina("extract", "--jsonl", str(inputs)).stdout)
    line = _score(shared_dir, "extract", str(corpus_dev), str(out))
    score = float(re.search(r"extraction score ([0-9.]+)", line).group(1))  # type: ignore[union-attr]
    assert score >= EXTRACTION_FLOOR, line

    qarina("init", "ws")
    qarina("ingest", "ws", "--jsonl", str(inputs))
    incidents = tmp_path / "inc.json"
    incidents.write_text(qarina("incidents", "ws", "--format", "json").stdout)
    clusters = shared_dir / "corpus" / "clusters-dev.json"
    line = _score(shared_dir, "link", str(corpus_dev), str(clusters), str(incidents))
    found = re.search(
        r"linking score ([0-9.]+) \(pair F1 ([0-9.]+), independent sources ([0-9.]+)", line
    )
    assert found, line
    assert float(found.group(1)) >= LINKING_FLOOR, line
    assert "every check holds" in qarina("verify", "ws").stdout
