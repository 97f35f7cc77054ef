"""Ingest of many small text and HTML documents, end to end on SQLite.

Target (issue 2): >= 200 documents/s end to end (preserve, identify, read text, detect
language, cut passages, record rows and custody events, index for search). Reported with
and without fact extraction (issue 3's extractor runs during ingest by default).

    python benchmarks/ingest.py [--docs 10000] [--workers 0]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from qarina.app.ingestion import Ingestion
from qarina.app.processing import worker_count
from qarina.app.workspace import create_workspace

PLACES = ["Aleppo", "Douma", "Sarmin", "Khan Shaykhun", "Ltamenah", "Saraqib", "Binnish"]
AGENTS = ["chlorine", "sarin", "a toxic chemical", "mustard gas"]
MONTHS = ["January", "March", "April", "August", "November", "December"]


def _paragraph(rng: random.Random, n: int) -> str:
    place, agent = rng.choice(PLACES), rng.choice(AGENTS)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2013, 2018)
    return (
        f"Witnesses in {place} described an attack with {agent} on {day} {month} {year}. "
        f"Local doctors said at least {rng.randint(2, 60)} people were treated and "
        f"{rng.randint(0, 20)} were killed, according to statement number {n}. "
        "The organisation said it had interviewed residents, medical staff and first "
        "responders, and analysed photographs and videos posted online. "
    )


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` documents of about 2-5 KB, half plain text and half HTML."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for n in range(count):
        body = "\n\n".join(_paragraph(rng, n) for _ in range(rng.randint(5, 12)))
        if n % 2:
            paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            html = (
                f"<html><head><title>Report {n}</title></head><body><nav>Home | News</nav>"
                f"<article><h1>Report {n}</h1>{paragraphs}</article></body></html>"
            )
            (folder / f"{n:06}.html").write_text(html)
        else:
            (folder / f"{n:06}.txt").write_text(body)


def run(folder: Path, work: Path, *, extract: bool, workers: int) -> float:
    ws = create_workspace(work / ("ws-extract" if extract else "ws-plain"), user="bench")
    start = time.perf_counter()
    summary = Ingestion(ws, workers=workers, extract_facts=extract).ingest_paths([folder])
    ws.checkpoint()
    elapsed = time.perf_counter() - start
    assert summary.totals()["failed"] == 0
    ws.close()
    return len(summary.outcomes) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qarina-ingest-bench-"))
    try:
        make_corpus(work / "docs", args.docs)
        workers = worker_count(args.workers or None)
        plain = run(work / "docs", work, extract=False, workers=workers)
        full = run(work / "docs", work, extract=True, workers=workers)
        print(f"{args.docs} documents, {workers} worker processes, SQLite")
        print(
            f"preserve + text + passages + custody + search index: {plain:7.1f} docs/s "
            f"({plain / 200:.2f}x the 200 docs/s target)"
        )
        print(
            f"... plus fact extraction:                           {full:7.1f} docs/s "
            f"({full / 200:.2f}x the target)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
