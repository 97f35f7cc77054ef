"""The dev corpus, gold records as input: the shared scorer's linking score stays high."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from qarina.link import link_incidents

FLOOR = 0.75


def _gold_docs(corpus: Path) -> list[dict[str, Any]]:
    docs = []
    for path in sorted(corpus.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["id"] = doc.pop("doc_id")
        docs.append(doc)
    return docs


def test_dev_linking_score(corpus_dev: Path, shared_dir: Path, tmp_path: Path) -> None:
    predicted = link_incidents(_gold_docs(corpus_dev))
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(predicted, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "score.py"),
            "link",
            str(corpus_dev),
            str(shared_dir / "corpus" / "clusters-dev.json"),
            str(pred),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(run.stdout[: run.stdout.rindex("}") + 1])
    assert result["pair_f1"] >= FLOOR, result
    assert result["independent_sources_accuracy"] >= FLOOR, result
    assert result["score"] >= FLOOR, result


def test_dev_look_alikes_stay_apart(corpus_dev: Path) -> None:
    docs = _gold_docs(corpus_dev)
    records = {(d["id"], n): inc for d in docs for n, inc in enumerate(d["incidents"])}
    incidents = link_incidents(docs)
    for incident in incidents:
        members = [records[(m["doc"], m["index"])] for m in incident["mentions"]]
        dated = [m for m in members if m["date_start"]]
        assert all(a["date_start"] <= b["date_end"] for a in dated for b in dated)
        assert len({m["district"] for m in members} - {None}) <= 1
        pairs = {(m["doc"], json.dumps(m["attributed_by"])) for m in incident["mentions"]}
        assert len(pairs) == len(members), incident["id"]
    same_day = [i for i in incidents if i["date_start"] == "2015-03-16"]
    assert len({i["place_normalized"] for i in same_day}) == len(same_day) >= 2


def test_dev_rerun_is_identical(corpus_dev: Path) -> None:
    docs = _gold_docs(corpus_dev)
    assert link_incidents(docs) == link_incidents(list(reversed(docs)))
