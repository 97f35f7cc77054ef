"""Benchmark: cross-document incident linking at scale, against a splink (DuckDB) baseline.

A generator writes synthetic incident mentions with known truth and realistic noise: date
precision (day / month / year / undated, a few off-by-one days), spelling variants and
missing normalised places, neighbourhoods dropped, unknown vs named agents, missing or
conflicting perpetrators, relays and verbatim reposts, series of attacks over the same
city, and look-alike events (same place on another day, same day in another town, another
neighbourhood of the same city on the same day). Both linkers get the same records; pairwise
precision, recall and F1 are computed over mention pairs.

    nice -n 19 .venv/bin/python benchmarks/link.py --mentions 100000
    nice -n 19 .venv/bin/python benchmarks/link.py --mentions 1000000 --no-splink

splink is a benchmark-only dependency (``pip install splink``); it is never imported by
the package.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from qarina.link.linker import assemble_incidents, cluster_mentions

AGENTS = ("chlorine", "sarin", "sulfur mustard")
PERPETRATORS = (
    "Syrian government forces",
    "ISIL",
    "armed opposition groups",
    "Russian armed forces",
    "Hay'at Tahrir al-Sham",
)
EVENT_TYPES = (
    ("chemical_attack", 0.5),
    ("airstrike", 0.25),
    ("attack_on_medical_facility", 0.15),
    ("massacre", 0.10),
)
DELIVERIES = ("helicopter", "aircraft", "rocket", "artillery", "ground-launched")
ORGS = (
    "Human Rights Watch",
    "Amnesty International",
    "Syrian American Medical Society",
    "OPCW Fact-Finding Mission",
    "UN Commission of Inquiry on Syria",
    "Forensic Architecture",
    "Syrian Network for Human Rights",
    "Union of Medical Care and Relief Organizations",
    "Syrian Coalition",
    "Syrian Ministry of Foreign Affairs",
    "Russian Federation",
    "United States",
    "France",
    "United Kingdom",
    "Aleppo Media Center",
)
OUTLETS = tuple(f"Outlet {n}" for n in range(300))
WIRES = ("AFP", "Reuters", "AP", "dpa")
SYLLABLES = (
    "ka",
    "fr",
    "tal",
    "mar",
    "sha",
    "ra",
    "qa",
    "bi",
    "nish",
    "zi",
    "ta",
    "me",
    "nas",
    "hal",
    "dou",
    "ma",
    "sar",
    "min",
    "ha",
    "wsh",
    "ja",
    "bal",
    "kh",
    "an",
    "sa",
    "raq",
    "ib",
    "lat",
    "am",
    "deir",
    "ain",
    "um",
    "ab",
    "ul",
    "el",
    "ze",
)
VOCAB = tuple(f"w{n}" for n in range(6000))
FIRST_DAY = date(2012, 1, 1).toordinal()
LAST_DAY = date(2023, 12, 31).toordinal()


@dataclass(slots=True)
class Event:
    """One true event."""

    id: int
    event_type: str
    start: int
    end: int
    town: str
    district: str | None
    agent: str
    perpetrator: str
    delivery: str
    killed: int
    sources: list[str]
    attacks: int = 1
    mentions: int = 0


@dataclass(slots=True)
class World:
    """Places and spelling variants."""

    rng: random.Random
    towns: list[str] = field(default_factory=list)
    cities: dict[str, list[str]] = field(default_factory=dict)


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_world(rng: random.Random, n_towns: int) -> World:
    world = World(rng)
    seen: set[str] = set()
    while len(world.towns) < n_towns:
        name = _name(rng, rng.choice((2, 3, 3, 4)))
        if rng.random() < 0.2:
            name = f"{rng.choice(('Kafr', 'Tal', 'Deir', 'Ain', 'Khan'))} {name}"
        if name not in seen:
            seen.add(name)
            world.towns.append(name)
    for city in world.towns[:40]:
        world.cities[city] = [f"{_name(rng, 2)} Quarter {n}" for n in range(12)]
    return world


def spelling_variant(rng: random.Random, name: str) -> str:
    """A transliteration variant: vowels changed, a consonant doubled, an article added."""
    out = name
    swaps = (("a", "e"), ("ou", "u"), ("i", "ei"), ("e", "i"), ("u", "ou"), ("a", "aa"))
    for _ in range(rng.randint(1, 2)):
        a, b = rng.choice(swaps)
        out = out.replace(a, b, 1)
    if rng.random() < 0.3:
        out = "Al-" + out
    return out


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def new_event(world: World, n: int) -> Event:
    rng = world.rng
    event_type = _weighted(rng, EVENT_TYPES)
    city = rng.random() < 0.3
    town = rng.choice(list(world.cities)) if city else rng.choice(world.towns)
    district = rng.choice(world.cities[town]) if city and rng.random() < 0.7 else None
    day = rng.randint(FIRST_DAY, LAST_DAY)
    agent = rng.choice(AGENTS) if event_type == "chemical_attack" else "other"
    return Event(
        n,
        event_type,
        day,
        day,
        town,
        district,
        agent,
        rng.choice(PERPETRATORS),
        rng.choice(DELIVERIES),
        rng.choice((0, 1, 2, 3, 5, 8, 12, 20, 43, 90)),
        rng.sample(ORGS, rng.choice((1, 1, 2, 2, 3))),
    )


def look_alike(world: World, base: Event, n: int) -> Event:
    """Same place another day, same day another town, or another quarter the same day."""
    rng = world.rng
    twin = new_event(world, n)
    twin.event_type, twin.agent = base.event_type, base.agent
    kind = rng.random()
    if kind < 0.4:
        shift = rng.choice((-1, 1)) * rng.randint(3, 40)
        twin.town, twin.district = base.town, base.district
        twin.start = twin.end = base.start + shift
    elif kind < 0.75 or base.town not in world.cities:
        twin.start = twin.end = base.start
    else:
        twin.town, twin.start, twin.end = base.town, base.start, base.start
        others = [d for d in world.cities[base.town] if d != base.district]
        twin.district = rng.choice(others)
    return twin


def series(world: World, n: int) -> Event:
    """A series of attacks on one city over weeks."""
    rng = world.rng
    event = new_event(world, n)
    event.town = rng.choice(list(world.cities))
    event.district = None
    event.end = event.start + rng.randint(14, 40)
    event.attacks = rng.randint(3, 12)
    return event


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _dates(rng: random.Random, e: Event) -> tuple[str | None, str | None, str | None, bool]:
    r = rng.random()
    if r < 0.04:
        return None, None, None, False
    if e.attacks > 1:
        return _iso(e.start), _iso(e.end), "day", False
    day = date.fromordinal(e.start)
    if r < 0.14:
        last = calendar.monthrange(day.year, day.month)[1]
        return (day.replace(day=1).isoformat(), day.replace(day=last).isoformat(), "month", False)
    if r < 0.17:
        return f"{day.year}-01-01", f"{day.year}-12-31", "year", False
    if r < 0.18:
        shifted = (day + timedelta(days=rng.choice((-1, 1)))).isoformat()
        return shifted, shifted, "day", False
    return day.isoformat(), day.isoformat(), "day", rng.random() < 0.2


def _count(rng: random.Random, n: int) -> dict[str, int] | None:
    r = rng.random()
    if r < 0.5 or n == 0:
        return None
    if r < 0.75:
        return {"exact": n}
    if r < 0.9:
        return {"min": max(1, n - rng.randint(0, 2))}
    return {"approx": n}


def mention(world: World, e: Event) -> dict[str, Any]:
    """One noisy incident record of event ``e``."""
    rng = world.rng
    start, end, precision, inferred = _dates(rng, e)
    r = rng.random()
    location: str | None = e.district or e.town
    place: str | None = e.town
    district = e.district
    if r < 0.05:
        place, location = None, spelling_variant(rng, e.town)
    elif r < 0.25:
        location = spelling_variant(rng, e.town)
    if district and rng.random() < 0.15:
        district, location = None, e.town
    agent = e.agent
    if e.event_type == "chemical_attack":
        a = rng.random()
        agent = (
            "unknown toxic chemical" if a < 0.35 else (rng.choice(AGENTS) if a < 0.37 else e.agent)
        )
    p = rng.random()
    perpetrator = None if p < 0.35 else (rng.choice(PERPETRATORS) if p < 0.37 else e.perpetrator)
    if e.attacks > 1:
        attacks = {"min": e.attacks} if rng.random() < 0.85 else {"exact": e.attacks}
    else:
        attacks = {"exact": 1} if rng.random() < 0.5 else None
    return {
        "event_type": e.event_type,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "year_inferred": inferred,
        "date_text": None,
        "location": location,
        "place_normalized": place,
        "district": district,
        "country": "SY",
        "agent": agent,
        "delivery": e.delivery if rng.random() < 0.5 else "unknown",
        "perpetrator": perpetrator,
        "perpetrator_text": perpetrator,
        "attributed_by": rng.choice(e.sources) if rng.random() < 0.9 else None,
        "num_attacks": attacks,
        "killed": _count(rng, e.killed),
        "injured": None,
        "evidence_span": [],
        "parent": None,
    }


def generate(n_mentions: int, seed: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Documents (extraction-output form) and the true event of every ``doc#index``."""
    rng = random.Random(seed)
    world = make_world(rng, max(400, n_mentions // 60))
    events: list[Event] = []
    plan: list[Event] = []
    while len(plan) < n_mentions:
        n = len(events)
        r = rng.random()
        if r < 0.2 and events:
            event = look_alike(world, rng.choice(events), n)
        elif r < 0.25:
            event = series(world, n)
        else:
            event = new_event(world, n)
        events.append(event)
        plan.extend([event] * rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 13)))
    plan = plan[:n_mentions]
    rng.shuffle(plan)
    return _pack(world, plan)


def _repost(rng: random.Random, docs: list[dict[str, Any]], truth: dict[str, int]) -> None:
    """A verbatim repost of a recent document by another outlet (its records too)."""
    source = rng.choice(docs[-50:])
    doc_id = f"d{len(docs)}"
    copy = dict(
        source,
        id=doc_id,
        publisher=rng.choice(OUTLETS),
        text=source["text"] + " Share this article.",
        incidents=[dict(x) for x in source["incidents"]],
    )
    docs.append(copy)
    for n in range(len(copy["incidents"])):
        truth[f"{doc_id}#{n}"] = truth[f"{source['id']}#{n}"]


def _pack(world: World, plan: list[Event]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    rng = world.rng
    docs: list[dict[str, Any]] = []
    truth: dict[str, int] = {}
    i = 0
    while i < len(plan) and len(truth) < len(plan):
        if docs and rng.random() < 0.05:
            _repost(rng, docs, truth)
            continue
        size = rng.choice((1, 1, 2, 3))
        batch: list[Event] = []
        while i < len(plan) and len(batch) < size and plan[i] not in batch:
            batch.append(plan[i])
            i += 1
        doc_id = f"d{len(docs)}"
        incidents = [mention(world, e) for e in batch]
        for n, e in enumerate(batch):
            truth[f"{doc_id}#{n}"] = e.id
        claimants = sorted({str(x["attributed_by"]) for x in incidents if x["attributed_by"]})
        docs.append(
            {
                "id": doc_id,
                "language": "en",
                "origin": rng.random() < 0.1,
                "relays": claimants,
                "via": [rng.choice(WIRES)] if rng.random() < 0.3 else [],
                "published": None,
                "publisher": rng.choice(OUTLETS),
                "text": " ".join(rng.choice(VOCAB) for _ in range(40)),
                "incidents": incidents,
                "legal_refs": [],
                "organizations": claimants,
                "report_refs": [],
            }
        )
    return docs, truth


def pair_scores(clusters: Iterable[list[str]], truth: dict[str, int]) -> dict[str, float]:
    """Pairwise precision, recall and F1 over mention pairs."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    predicted = tp = 0
    covered: set[str] = set()
    for members in clusters:
        covered.update(members)
        predicted += pairs(len(members))
        tp += sum(pairs(c) for c in Counter(truth[m] for m in members).values())
    gold = sum(pairs(c) for c in Counter(truth.values()).values())
    precision = tp / predicted if predicted else 1.0
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def run_qarina(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Linkage (parse, block, score, cluster), then the full output (grading, sources…).

    Wall and CPU seconds are both kept: on a shared machine the CPU time is the fairer
    comparison.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    linkage = cluster_mentions(docs)
    linked_wall, linked_cpu = time.perf_counter(), time.process_time()
    incidents = assemble_incidents(linkage)
    done_wall, done_cpu = time.perf_counter(), time.process_time()
    groups = [[f"{m['doc']}#{m['index']}" for m in i["mentions"]] for i in incidents]
    assert sorted(map(sorted, groups)) == sorted(map(sorted, linkage.groups()))
    return {
        "groups": groups,
        "linkage_s": round(linked_wall - wall, 1),
        "linkage_cpu_s": round(linked_cpu - cpu, 1),
        "seconds": round(done_wall - wall, 1),
        "cpu_s": round(done_cpu - cpu, 1),
    }


def splink_rows(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for doc in docs:
        for n, x in enumerate(doc["incidents"]):
            rows.append(
                {
                    "unique_id": f"{doc['id']}#{n}",
                    "event_type": x["event_type"],
                    "place": (x["place_normalized"] or x["location"] or "").lower(),
                    "district": x["district"],
                    "date_start": x["date_start"],
                    "agent": x["agent"],
                    "perpetrator": x["perpetrator"],
                    "delivery": None if x["delivery"] == "unknown" else x["delivery"],
                    "year": (x["date_start"] or "")[:4] or None,
                }
            )
    return rows


def run_splink(docs: list[dict[str, Any]]) -> tuple[list[list[str]], float, float]:
    """splink 5 on DuckDB with the same fields, trained unsupervised (EM)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started, cpu = time.perf_counter(), time.process_time()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("place", "year"),
            block_on("date_start", "event_type"),
        ],
        comparisons=[
            cl.ExactMatch("event_type"),
            cl.JaroWinklerAtThresholds("place", [0.92, 0.8]),
            cl.ExactMatch("district"),
            cl.AbsoluteDateDifferenceAtThresholds(
                "date_start",
                input_is_string=True,
                metrics=["day", "day", "day"],
                thresholds=[1, 31, 366],
            ),
            cl.ExactMatch("agent"),
            cl.ExactMatch("perpetrator"),
            cl.ExactMatch("delivery"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    table = db_api.register(splink_rows(docs))
    linker = Linker(table, settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("place", "date_start", "event_type")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_start"), estimate_without_term_frequencies=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("place"), estimate_without_term_frequencies=True
    )
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.9
    ).as_dict()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu
    groups: dict[Any, list[str]] = {}
    for uid, cluster in zip(clustered["unique_id"], clustered["cluster_id"], strict=True):
        groups.setdefault(cluster, []).append(uid)
    return list(groups.values()), seconds, cpu_seconds


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-splink", action="store_true", help="skip the splink baseline")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    docs, truth = generate(args.mentions, args.seed)
    result: dict[str, Any] = {
        "mentions": len(truth),
        "documents": len(docs),
        "events": len(set(truth.values())),
        "generate_s": round(time.perf_counter() - started, 1),
    }
    run = run_qarina(docs)
    groups = run.pop("groups")
    result["qarina"] = {
        **run,
        "incidents": len(groups),
        **pair_scores(groups, truth),
        "peak_mb": round(peak_memory_mb()),
    }
    del groups
    print(json.dumps(result), file=sys.stderr)
    if not args.no_splink:
        clusters, seconds, cpu_seconds = run_splink(docs)
        result["splink"] = {
            "seconds": round(seconds, 1),
            "cpu_s": round(cpu_seconds, 1),
            "incidents": len(clusters),
            **pair_scores(clusters, truth),
        }
    result["load_average"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
