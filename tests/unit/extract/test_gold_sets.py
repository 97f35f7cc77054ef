"""Our own gold sets (``tests/data/extract_*``) follow the corpus format and annotation rules
(``../shared/corpus/README.md``), so that scoring against them means what it says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from qarina.extract.actors import org_table

DATA = Path(__file__).resolve().parents[2] / "data"
SETS = {"extract_generalisation": (16, 24), "extract_heldout": (12, 16)}
KEYS = {
    "doc_id", "url", "title", "publisher", "published", "language", "topic", "text", "origin",
    "relays", "via", "incidents", "legal_refs", "organizations", "report_refs",
}  # fmt: skip
TOPICS = {
    "hrw-aleppo-chlorine-2017", "jim-attributions-2016-2017", "ghouta-ltamenah-douma-marea",
    "amnesty-saydnaya-2017", "un-resolutions",
}  # fmt: skip
EVENTS = {"chemical_attack", "executions_in_detention", "attack_on_medical_facility", "other"}
AGENTS = {"chlorine", "sarin", "sulfur mustard", "unknown toxic chemical", "other"}
DELIVERIES = {
    "helicopter", "aircraft", "barrel bomb", "rocket", "artillery", "ground-launched",
    "unknown", "other",
}  # fmt: skip
PERPETRATORS = {None, "Syrian government forces", "ISIL", "armed opposition groups"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PATHS = [path for name in SETS for path in sorted((DATA / name).glob("*.json"))]


def _load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def _orgs(doc: dict[str, Any]) -> list[str]:
    names = doc["relays"] + doc["via"] + doc["organizations"]
    names += [r["organization"] for r in doc["report_refs"]]
    for inc in doc["incidents"]:
        by = inc["attributed_by"]
        names += by if isinstance(by, list) else [by] if by else []
    return names


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_set_is_multilingual_and_named_by_its_ids(name: str) -> None:
    paths = sorted((DATA / name).glob("*.json"))
    docs = [_load(p) for p in paths]
    low, high = SETS[name]
    assert low <= len(docs) <= high
    assert {d["language"] for d in docs} == {"en", "ar", "fr", "es", "pt", "de"}
    assert {d["topic"] for d in docs} <= TOPICS
    assert all(p.stem == d["doc_id"] for p, d in zip(paths, docs, strict=True))


def test_the_heldout_set_covers_every_topic() -> None:
    docs = [_load(p) for p in sorted((DATA / "extract_heldout").glob("*.json"))]
    assert {d["topic"] for d in docs} == TOPICS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_follows_the_corpus_rules(path: Path) -> None:
    doc = _load(path)
    assert set(doc) >= KEYS
    text = doc["text"]
    assert len(text) < 2300
    assert doc["published"] is None or DAY.fullmatch(doc["published"])
    table = org_table()
    assert all(name in table for name in _orgs(doc)), _orgs(doc)
    assert doc["origin"] or doc["relays"]  # every non-origin document relays someone
    for ref in doc["report_refs"]:
        assert ref["date_text"] in text
        assert ref["date"] is None or DAY.fullmatch(ref["date"])
    for inc in doc["incidents"]:
        spans = inc["evidence_span"]
        assert all(s in text for s in (spans if isinstance(spans, list) else [spans]))
        for key in ("date_text", "location", "perpetrator_text"):
            assert inc[key] is None or inc[key] in text
        assert inc["event_type"] in EVENTS and inc["agent"] in AGENTS
        assert inc["delivery"] in DELIVERIES and inc["perpetrator"] in PERPETRATORS
        assert (inc["date_start"] is None) == (inc["date_precision"] is None)
        assert inc["date_start"] is None or inc["date_start"] <= inc["date_end"]
