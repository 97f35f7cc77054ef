"""The dev corpus through ``extract_jsonl`` and the shared scorer: the quality gate."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from qarina.extract.document import extract_document
from tests.integration.extract.scoring import score_extraction

MIN_SCORE = 0.95  # measured 0.982 (extract@0.2.0 and 0.3.0)
MIN_INCIDENT_F1 = 0.95  # measured 1.000


def test_dev_corpus_extraction_score(shared_dir: Path, corpus_dev: Path, tmp_path: Path) -> None:
    result = score_extraction(shared_dir, corpus_dev, tmp_path)
    assert not result["missing_outputs"]
    assert result["incident_f1"] >= MIN_INCIDENT_F1, result
    assert result["score"] >= MIN_SCORE, result


def test_every_span_of_the_dev_corpus_slices_its_text(corpus_dev: Path) -> None:
    for path in sorted(corpus_dev.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out = extract_document(
            {
                "id": doc["doc_id"],
                "text": doc["text"],
                "published": doc.get("published"),
                "language": doc.get("language"),
            }
        )
        text = doc["text"]
        for inc in out["incidents"]:
            spans = (
                inc["evidence_span"]
                if isinstance(inc["evidence_span"], list)
                else [inc["evidence_span"]]
            )
            assert all(s in text for s in spans)
            if inc["location"] is not None:
                start, end = inc["spans"]["location"]
                assert text[start:end] == inc["location"]


@pytest.mark.slow
def test_ten_megabytes_of_report_text(corpus_dev: Path) -> None:
    texts = [
        json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(corpus_dev.glob("*.json"))
    ]
    real = "\n\n".join(texts)
    big = (real * (10_000_000 // len(real) + 1))[:10_000_000]
    started = time.process_time()  # CPU time: the machine may be shared
    out = extract_document({"id": "big", "text": big, "language": "en"})
    elapsed = time.process_time() - started
    assert out["incidents"]
    assert elapsed < 180, f"10 MB took {elapsed:.0f} s"


def test_no_processor_id_drift() -> None:
    out = extract_document({"id": "x", "text": "x"})
    assert re.fullmatch(r"extract@\d+\.\d+\.\d+", out["extractor"])
