"""Scoring a folder of gold documents with the shared scorer (``../shared/tools/score.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qarina.extract.document import extract_jsonl


def score_extraction(shared_dir: Path, gold: Path, tmp_path: Path) -> dict[str, float]:
    """Run ``extract_jsonl`` over ``gold``'s input lines; return the scorer's JSON result."""
    scorer = shared_dir / "tools" / "score.py"
    if not scorer.is_file():
        pytest.skip("../shared/tools/score.py is not present")
    made = subprocess.run(
        [sys.executable, str(scorer), "input", str(gold)],
        check=True,
        capture_output=True,
        text=True,
    )
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text(
        "\n".join(extract_jsonl(made.stdout.splitlines())) + "\n", encoding="utf-8"
    )
    scored = subprocess.run(
        [sys.executable, str(scorer), "extract", str(gold), str(predicted), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    body = scored.stdout[: scored.stdout.rindex("extraction score")]
    return dict(json.loads(body))
