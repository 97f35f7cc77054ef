"""Language detection and passages on the dev corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import json
from pathlib import Path

from qarina.ingest.language import detect_language
from qarina.ingest.passages import split_passages

ITEM = "sha256:" + "c" * 64


def _documents(corpus_dev: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(corpus_dev.glob("*.json"))]


def test_language_matches_the_gold_language(corpus_dev: Path) -> None:
    documents = _documents(corpus_dev)
    assert documents
    wrong = [
        (doc["doc_id"], doc["language"], detect_language(str(doc["text"])))
        for doc in documents
        if detect_language(str(doc["text"])) != doc["language"]
    ]
    assert wrong == []


def test_passages_round_trip_on_every_document(corpus_dev: Path) -> None:
    for doc in _documents(corpus_dev):
        text = str(doc["text"])
        passages = split_passages(ITEM, text, str(doc["language"]))
        assert passages, doc["doc_id"]
        for passage in passages:
            assert text[passage.start : passage.end] == passage.text
            assert len(passage.text) <= 1000
        covered = sum(len("".join(p.text.split())) for p in passages)
        assert covered == len("".join(text.split()))
