"""The hand-written held-out set (round 2) through ``extract_jsonl`` and the shared scorer.

``tests/data/extract_heldout/`` holds documents written apart from the dev corpus
(see its README): the score here shows how extraction carries over to
unseen wording. The floors sit a little under the measured figures so a regression shows.
"""

from __future__ import annotations

from pathlib import Path

from tests.integration.extract.scoring import score_extraction

SET = Path(__file__).resolve().parents[2] / "data" / "extract_heldout"
MIN_SCORE = 0.91  # measured 0.933 (0.817 before any rule change)
MIN_INCIDENT_F1 = 0.86  # measured 0.889 (0.757 before)
MIN_FIELD_ACCURACY = 0.95  # measured 0.977


def test_heldout_set_extraction_score(shared_dir: Path, tmp_path: Path) -> None:
    result = score_extraction(shared_dir, SET, tmp_path)
    assert not result["missing_outputs"]
    assert result["incident_f1"] >= MIN_INCIDENT_F1, result
    assert result["field_accuracy_mean"] >= MIN_FIELD_ACCURACY, result
    assert result["score"] >= MIN_SCORE, result
