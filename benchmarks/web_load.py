"""Benchmark: the web application under load from a second process on 127.0.0.1.

1. ``generate``: a synthetic workspace (seeded) of ``--incidents`` canonical incidents and
   ``--passages`` passages (10 per document, English and Arabic, Zipf-like words), written
   through the repositories in batches; the passages are indexed; a ``linked`` custody
   event and a signed checkpoint cover the incident view. (No originals are stored: the
   workspace is for load only and does not pass ``qarina verify``.)
2. ``run``: starts the server (``qarina.web.server.serve``, one uvicorn process) in a child
   process, signs in through ``POST /api/token`` and drives it with an asyncio httpx load
   generator: ``--clients`` concurrent clients for ``--seconds`` per scenario:
   bare JSON (``/api/health``), incident list pages, incident details with inclusion
   proof, search. Then the same search queries in-process against the index (sequential)
   and through the API with one client, for the p95 ratio.

    nice .venv/bin/python benchmarks/web_load.py --incidents 20000 --passages 200000
    nice .venv/bin/python benchmarks/web_load.py            # 100,000 / 1,000,000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

EN = [
    "chlorine",
    "attack",
    "helicopter",
    "barrel",
    "bomb",
    "civilians",
    "killed",
    "injured",
    "hospital",
    "town",
    "government",
    "forces",
    "report",
    "witnesses",
    "gas",
    "symptoms",
    "breathing",
    "victims",
    "children",
    "night",
    "district",
    "village",
    "shelling",
    "sarin",
    "mission",
    "investigation",
    "evidence",
    "samples",
]
AR = [
    "هجوم",
    "الكلور",
    "مروحية",
    "برميل",
    "مدنيين",
    "قتلى",
    "جرحى",
    "مستشفى",
    "بلدة",
    "القوات",
    "الحكومية",
    "تقرير",
    "شهود",
    "غاز",
]
PLACES = [
    "Aleppo",
    "Saraqib",
    "Douma",
    "Sarmin",
    "Talmenes",
    "Qmenas",
    "Marea",
    "Idlib",
    "Hama",
    "Homs",
    "Kafr Zita",
    "Ltamenah",
    "Khan Shaykhun",
    "Darayya",
    "Zamalka",
]
AGENTS = ["chlorine", "sarin", "mustard", "unknown toxic chemical"]
PERPS = ["Syrian government forces", "ISIL", None]
SOURCES = [
    "Human Rights Watch",
    "OPCW Fact-Finding Mission",
    "Amnesty International",
    "Syrian American Medical Society",
    "Violations Documentation Center",
]
QUERIES = {
    "common": ["chlorine attack", "civilians", "government forces"],
    "rare": ["investigation samples", "symptoms"],
    "phrase": ['"barrel bomb"', '"chlorine attack"'],
    "arabic": ["الكلور", "هجوم مروحية"],
}
PASSAGES_PER_DOC = 10
USE_WRK = shutil.which("wrk") is not None


def _words(rng: random.Random, vocab: list[str] | tuple[str, ...], n: int) -> str:
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    return " ".join(rng.choices(vocab, weights, k=n))


def generate(folder: Path, n_incidents: int, n_passages: int, seed: int = 7) -> None:
    """Write the synthetic workspace into ``folder``."""
    from qarina.app.workspace import create_workspace
    from qarina.core.model import CustodyEvent

    rng = random.Random(seed)
    ws = create_workspace(folder, user="bench")
    n_docs = max(1, n_passages // PASSAGES_PER_DOC)
    started = time.perf_counter()
    for first in range(0, n_docs, 2000):
        _write_documents(ws, rng, range(first, min(first + 2000, n_docs)))
    indexed = time.perf_counter()
    incidents = [_incident(rng, i, n_docs) for i in range(n_incidents)]
    now = ws.clock.now()
    event = CustodyEvent("linked", "bench", now, None, {"incidents": len(incidents)})
    with ws.engine.begin() as conn:
        ws.facts.replace_incidents(conn, incidents, "synthetic@1", now)
        ws.custody.append([event], connection=conn)
    ws.checkpoint()
    ws.close()
    print(
        f"generated {n_docs} documents / {n_docs * PASSAGES_PER_DOC} passages in "
        f"{indexed - started:.0f}s, {n_incidents} incidents in {time.perf_counter() - indexed:.0f}s"
    )


def _write_documents(ws: Any, rng: random.Random, numbers: range) -> None:
    import hashlib

    from qarina.core.model import Derivative, Document, Item, Passage
    from qarina.store.sql.evidence import EvidenceBatch

    batch = EvidenceBatch(batch_id="synthetic")
    at = datetime(2017, 1, 1, tzinfo=UTC)
    for n in numbers:
        arabic = n % 5 == 0
        parts = [_words(rng, AR if arabic else EN, 30) for _ in range(PASSAGES_PER_DOC)]
        text = "\n\n".join(parts)
        digest = hashlib.sha256(text.encode()).hexdigest()
        sha = f"sha256:{digest}"
        batch.items.append(Item(sha, len(text), digest[:32], digest[:40], "text/plain", at))
        derivative = Derivative(f"d-{n}", sha, "text", "synthetic@1", at, {})
        batch.derivatives.append(derivative)
        language = "ar" if arabic else "en"
        batch.documents.append(
            Document(
                f"doc-{n}",
                sha,
                text,
                language,
                title=f"Report {n}",
                publisher=SOURCES[n % len(SOURCES)],
                published=_day(rng),
                external_id=f"doc-{n}",
                processor="synthetic@1",
                derivative_id=derivative.id,
                created_at=at,
            )
        )
        offset = 0
        for seq, part in enumerate(parts):
            batch.passages.append(
                Passage(sha, seq, offset, offset + len(part), part, language, f"doc-{n}")
            )
            offset += len(part) + 2
    with ws.engine.begin() as conn:
        ws.evidence.write_batch(conn, batch)
    ws.search.add(batch.passages)


def _day(rng: random.Random) -> str:
    return (datetime(2013, 1, 1) + timedelta(days=rng.randrange(0, 3000))).strftime("%Y-%m-%d")


def _incident(rng: random.Random, n: int, n_docs: int) -> dict[str, Any]:
    import hashlib

    day = _day(rng)
    docs = sorted({f"doc-{rng.randrange(n_docs)}" for _ in range(rng.randint(1, 4))})
    sources = rng.sample(SOURCES, rng.randint(0, 2))
    return {
        "id": "sha256:" + hashlib.sha256(f"incident {n}".encode()).hexdigest(),
        "event_type": "chemical_attack",
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "location": (place := rng.choice(PLACES)),
        "place_normalized": place,
        "country": "SY",
        "agent": rng.choice(AGENTS),
        "delivery": "helicopter",
        "perpetrator": rng.choice(PERPS),
        "parent": None,
        "killed": {"at_least": rng.randint(0, 50)},
        "mentions": [
            {
                "doc": d,
                "index": i,
                "attributed_by": rng.choice(SOURCES),
                "evidence_span": _words(rng, EN, 25),
            }
            for i, d in enumerate(docs)
        ],
        "documents": docs,
        "independent_sources": sources,
        "documents_by_source": {s: docs[:1] for s in sources},
        "relay_chains": {d: [d, rng.choice(SOURCES)] for d in docs},
        "confidence": {"tier": rng.randint(1, 5), "rule": "synthetic"},
        "contradictions": [],
    }


# -- load --------------------------------------------------------------------------------
async def _drive(
    url: str, paths: list[str], headers: dict[str, str], clients: int, seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=60
    ) as client:

        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                reply = await client.get(paths[i % len(paths)])
                latencies.append(time.perf_counter() - start)
                errors += reply.status_code != 200
                i += clients

        begun = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.perf_counter() - begun
    return _summary(latencies, elapsed, errors)


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("QARINA_WRK_PATHS")) do paths[#paths + 1] = line end
local token = os.getenv("QARINA_WRK_TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], {["Authorization"] = "Bearer " .. token})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status, e.timeout))
end
"""


def _wrk(url: str, paths: list[str], token: str, clients: int, seconds: float) -> dict[str, float]:
    """The same scenario driven by ``wrk`` (C, far lighter than a Python client)."""
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder) / "paths.lua", Path(folder) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        env = {"QARINA_WRK_PATHS": str(listing), "QARINA_WRK_TOKEN": token, "PATH": "/usr/bin"}
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "-s", str(script), url],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    requests, duration, p50, p95, p99, errors, timeouts = (int(x) for x in fields)
    return {
        "requests": requests,
        "rps": round(requests / (duration / 1e6), 1),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "errors": errors,
        "timeouts_over_2s": timeouts,
    }


def _summary(latencies: list[float], elapsed: float, errors: int = 0) -> dict[str, float]:
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 2)

    return {
        "requests": len(ordered),
        "rps": round(len(ordered) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "errors": errors,
    }


def _start_server(folder: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import sys; from pathlib import Path; from qarina.app.settings import load_settings;"
        "from qarina.app.workspace import open_workspace;"
        "from qarina.web.server import ServeOptions, serve;"
        "serve(open_workspace(load_settings(Path(sys.argv[1]), user='bench')),"
        " ServeOptions(port=int(sys.argv[2]), log_level='error'))"
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(folder), str(port)])
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def _listing_paths(ws: Any, rng: random.Random) -> tuple[list[str], list[str]]:
    """Item and document list pages from random positions. Each path carries both the
    keyset cursor (``after``) and the equivalent ``offset``, so the same paths measure
    releases that page either way (each ignores the other's parameter)."""
    shas = [item.sha256 for item in ws.evidence.iter_items()]
    docs = [doc.id for doc in ws.evidence.iter_documents()]
    items, documents = [], []
    for _ in range(200):
        k = rng.randrange(max(len(shas) - 50, 1))
        items.append(f"/api/items?limit=50&offset={k + 1}&after={quote(shas[k])}")
        k = rng.randrange(max(len(docs) - 50, 1))
        documents.append(f"/api/documents?limit=50&offset={k + 1}&after={docs[k]}")
    return items, documents


def run(
    folder: Path, clients: int, seconds: float, port: int, only: set[str] | None = None
) -> dict[str, Any]:
    from qarina.app.accounts import AccountService
    from qarina.app.settings import load_settings
    from qarina.app.workspace import open_workspace

    ws = open_workspace(load_settings(folder, user="bench"))
    accounts = AccountService(ws)
    if not any(u.name == "bench" for u in accounts.users()):
        accounts.add_user("bench", "admin", "benchmark password")
    ids = [i["id"] for i in ws.facts.incidents()[:2000]]
    total = len(ws.facts.incidents())
    server = _start_server(folder, port)
    url = f"http://127.0.0.1:{port}"
    try:
        token = httpx.post(
            f"{url}/api/token", data={"username": "bench", "password": "benchmark password"}
        )
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        rng = random.Random(3)
        lists = [
            f"/api/incidents?offset={rng.randrange(max(total - 50, 1))}&limit=50"
            for _ in range(200)
        ]
        details = [f"/api/incidents/{i}" for i in rng.sample(ids, min(len(ids), 500))]
        item_lists, document_lists = _listing_paths(ws, rng)
        queries = [q for qs in QUERIES.values() for q in qs]
        searches = [f"/api/search?q={quote(q)}&limit=10" for q in queries]
        for path in lists[:3] + details[:3] + searches:  # warm caches (catalogue, index)
            httpx.get(url + path, headers=headers, timeout=120)
        results: dict[str, Any] = {"load_generator": "wrk" if USE_WRK else "httpx"}
        bearer = headers["Authorization"].split()[1]
        for name, paths in (
            ("bare_json", ["/api/health"]),
            ("incident_list", lists),
            ("incident_detail", details),
            ("search", searches),
            ("item_list", item_lists),
            ("document_list", document_lists),
        ):
            if only and name not in only:
                continue
            if USE_WRK:
                results[name] = _wrk(url, paths, bearer, clients, seconds)
            else:
                results[name] = asyncio.run(_drive(url, paths, headers, clients, seconds))
        if not only:
            results["search_1_client"] = asyncio.run(_drive(url, searches, headers, 1, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    if only:
        ws.close()
        return results
    results["search_in_process"] = _in_process(ws, queries, seconds, counts=False)
    results["search_and_counts_in_process"] = _in_process(ws, queries, seconds, counts=True)
    ws.close()
    return results


def _in_process(ws: Any, queries: list[str], seconds: float, counts: bool) -> dict[str, float]:
    latencies = []
    deadline = time.perf_counter() + seconds
    begun = time.perf_counter()
    i = 0
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        ws.search.search(queries[i % len(queries)], 10)
        if counts:  # the API answers language facet counts too
            ws.search.language_counts(queries[i % len(queries)])
        latencies.append(time.perf_counter() - start)
        i += 1
    return _summary(latencies, time.perf_counter() - begun)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workspace", type=Path, help="reuse (or create) this workspace")
    parser.add_argument(
        "--only",
        help="comma-separated scenarios to run (bare_json, incident_list, incident_detail, "
        "search, item_list, document_list); skips the search comparisons",
    )
    args = parser.parse_args()
    folder = args.workspace or Path(tempfile.mkdtemp(prefix="qarina-webload-")) / "ws"
    if not (folder / "qarina.toml").exists():
        generate(folder, args.incidents, args.passages)
    only = set(args.only.split(",")) if args.only else None
    results = run(folder, args.clients, args.seconds, args.port, only)
    if only:
        print(json.dumps({"workspace": str(folder), **results}, indent=1))
        return
    bare, search = results["bare_json"], results["search_1_client"]
    results["ratios"] = {
        "list_rps_vs_bare": round(results["incident_list"]["rps"] / bare["rps"], 2),
        "detail_rps_vs_bare": round(results["incident_detail"]["rps"] / bare["rps"], 2),
        "search_api_p95_vs_in_process": round(
            search["p95_ms"] / results["search_in_process"]["p95_ms"], 2
        ),
        "search_api_p95_vs_in_process_with_counts": round(
            search["p95_ms"] / results["search_and_counts_in_process"]["p95_ms"], 2
        ),
    }
    print(json.dumps({"workspace": str(folder), **results}, indent=1))


if __name__ == "__main__":
    main()
