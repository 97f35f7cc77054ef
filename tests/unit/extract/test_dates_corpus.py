"""Dates and counts of the dev corpus gold annotations are found where the text gives them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qarina.extract.counts import find_counts
from qarina.extract.dates import find_dates


def _documents(corpus_dev: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus_dev.glob("*.json"))]


def _gold_dates(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(date text, start, end) of every gold date the page itself lets one resolve."""
    out = []
    for inc in doc["incidents"]:
        if (
            inc["date_text"]
            and inc["date_start"]
            and not (inc["year_inferred"] and doc["published"] is None)
        ):
            out.append((inc["date_text"], inc["date_start"], inc["date_end"]))
    for ref in doc["report_refs"]:
        if ref.get("date_text") and ref.get("date"):
            out.append((ref["date_text"], ref["date"], ref["date"]))
    return out


def test_gold_dates_are_found_and_resolved(corpus_dev: Path) -> None:
    hits, misses = 0, []
    for doc in _documents(corpus_dev):
        found = find_dates(doc["text"], doc["language"], doc["published"])
        for phrase, start, end in _gold_dates(doc):
            at = doc["text"].find(phrase)
            near = [m for m in found if m.start < at + len(phrase) and m.end > at]
            if any((m.date_start, m.date_end) == (start, end) for m in near):
                hits += 1
            else:
                misses.append((doc["doc_id"], phrase, start, end, near))
    # One known miss: a repost whose "this evening" is the original release's evening.
    assert hits >= 47 and len(misses) <= 1, misses


def test_gold_counts_are_found_with_their_role(corpus_dev: Path) -> None:
    roles = {"killed": "killed", "injured": "injured", "num_attacks": "attacks"}
    hits, misses = 0, []
    for doc in _documents(corpus_dev):
        text = doc["text"]
        found = find_counts(text, doc["language"])
        for inc in doc["incidents"]:
            spans = inc["evidence_span"]
            spans = [spans] if isinstance(spans, str) else spans
            bounds = [(text.find(s), text.find(s) + len(s)) for s in spans]
            for field, role in roles.items():
                gold = inc[field]
                if not gold or gold == {"exact": 1}:  # a single attack is implied, not counted
                    continue
                inside = [c for c in found if any(a <= c.start < b for a, b in bounds)]
                if any(c.value == gold and c.role == role for c in inside):
                    hits += 1
                else:
                    misses.append((doc["doc_id"], field, gold, inside))
    # One known miss: "higher than the eight documented" is a minimum only by inference.
    assert hits >= 27 and len(misses) <= 1, misses
