"""Benchmark the date finder against ``dateparser.search.search_dates``.

Data: ``benchmarks/data/date_sentences.jsonl``, ~200 report-like sentences in en, fr, es,
pt, de and ar written for this benchmark (not taken from the corpus), each with its
publication date and the gold calendar intervals of the time expressions it contains
(``[start, end]``; a day is ``[d, d]``; relative expressions resolved against
``published``). Some sentences hold no date at all but numbers that look like one.

Scoring, per sentence:
- ours is scored strictly: a found interval is right only when it equals a gold interval;
- dateparser returns one datetime per match, so it is scored generously: a datetime is right
  when its day is the start or the end of a gold interval or lies inside one.
Precision is right / found, recall is gold intervals hit / gold intervals.
Throughput is sentences per CPU second (process time, steadier than wall time on a shared
machine) over the whole set (best of ``--rounds``), after one warm-up pass (dateparser's
first call costs seconds); each timed round reads texts not seen before (the sentences with
a neutral ``~`` suffix), because dateparser caches what it has read. dateparser is told
each sentence's language and ``RELATIVE_BASE`` (its fast path) and the same ``published``.

dateparser is a benchmark-only dependency (``pip install dateparser``); the package never
imports it.

    nice .venv/bin/python benchmarks/dates.py [--rounds 3] [--show-misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qarina.extract.dates import find_dates

DATA = Path(__file__).parent / "data" / "date_sentences.jsonl"
Interval = tuple[str, str]


def load() -> list[dict[str, Any]]:
    """The labelled sentences."""
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def ours(row: dict[str, Any]) -> list[Interval]:
    """Resolved intervals found by Qarina's date finder."""
    found = find_dates(row["text"], row["language"], row["published"])
    return [(m.date_start, m.date_end) for m in found if m.date_start and m.date_end]


def make_dateparser() -> Callable[[dict[str, Any]], list[Interval]]:
    """dateparser's ``search_dates`` with the language and reference date given."""
    from dateparser.search import search_dates

    def run(row: dict[str, Any]) -> list[Interval]:
        base = dt.datetime.fromisoformat(row["published"])
        settings = {
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
        }
        hits = search_dates(row["text"], languages=[row["language"]], settings=settings) or []
        return [(d.date().isoformat(), d.date().isoformat()) for _, d in hits]

    return run


def score_strict(found: list[Interval], gold: list[Interval]) -> tuple[int, int]:
    """(right, gold hit) when a found interval must equal a gold one."""
    right = sum(1 for f in found if f in gold)
    return right, sum(1 for g in gold if g in found)


def score_generous(found: list[Interval], gold: list[Interval]) -> tuple[int, int]:
    """(right, gold hit) when a found day may be a gold start, end, or inside a gold span."""

    def fits(day: str, g: Interval) -> bool:
        return g[0] <= day <= g[1]

    right = sum(1 for f in found if any(fits(f[0], g) for g in gold))
    return right, sum(1 for g in gold if any(fits(f[0], g) for f in found))


def evaluate(
    name: str,
    run: Callable[[dict[str, Any]], list[Interval]],
    rows: list[dict[str, Any]],
    strict: bool,
    rounds: int,
    show_misses: bool,
) -> float:
    """Print precision, recall and throughput of one finder; return sentences per second."""
    outputs = [run(row) for row in rows]  # warm-up pass, also the one scored
    best = float("inf")
    for n in range(1, rounds + 1):
        # Texts never seen before (dateparser caches what it has read): a neutral suffix.
        unseen = [{**row, "text": f"{row['text']} {'~' * n}"} for row in rows]
        started = time.process_time()
        for row in unseen:
            run(row)
        best = min(best, time.process_time() - started)
    scorer = score_strict if strict else score_generous
    right = found = hit = gold = 0
    for row, out in zip(rows, outputs, strict=True):
        want = [tuple(g) for g in row["dates"]]
        r, h = scorer(out, want)  # type: ignore[arg-type]
        right, found, hit, gold = right + r, found + len(out), hit + h, gold + len(want)
        if show_misses and (r < len(out) or h < len(want)):
            print(f"  {name} {row['id']} {row['text']!r}\n    found {out}\n    gold  {want}")
    precision = right / found if found else 1.0
    recall = hit / gold if gold else 1.0
    rate = len(rows) / best
    print(
        f"{name:11s} precision {precision:.3f}  recall {recall:.3f}  "
        f"({right}/{found} found right, {hit}/{gold} gold hit)  {rate:,.0f} sentences/s"
    )
    return rate


def main() -> None:
    """Run both finders on the labelled set and print the throughput ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rows = load()
    langs = sorted({r["language"] for r in rows})
    print(
        f"{len(rows)} sentences ({', '.join(langs)}), "
        f"{sum(len(r['dates']) for r in rows)} gold intervals"
    )
    rate_ours = evaluate("qarina", ours, rows, True, args.rounds, args.show_misses)
    rate_dp = evaluate("dateparser", make_dateparser(), rows, False, args.rounds, args.show_misses)
    print(f"throughput ratio qarina / dateparser: {rate_ours / rate_dp:,.1f}x")


if __name__ == "__main__":
    main()
