"""The entry point: documents with incident records in, canonical incidents out."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from qarina.link.candidates import candidate_pairs
from qarina.link.clustering import Cluster, cluster_records
from qarina.link.contradictions import find_denials
from qarina.link.grading import SourceGrader
from qarina.link.incident import Context, assemble_incident
from qarina.link.judgements import Constraints, Judgement, resolve_judgements
from qarina.link.minhash import SignatureCache
from qarina.link.places import PlaceHierarchy, default_hierarchy
from qarina.link.records import IncidentRecord, doc_id_of, parse_records
from qarina.link.scoring import ATTACH_THRESHOLD, score_pair
from qarina.link.sources import DocumentInfo, document_info


def score_candidates(
    records: Sequence[IncidentRecord], places: PlaceHierarchy
) -> list[tuple[float, int, int]]:
    """Scores of every blocked pair worth keeping (at or above the attach threshold)."""
    kept: list[tuple[float, int, int]] = []
    for i, j in candidate_pairs(records, places):
        score = score_pair(records[i], records[j], places)
        if score is not None and score >= ATTACH_THRESHOLD:
            kept.append((score, i, j))
    return kept


def _parents(
    clusters: Sequence[Cluster],
    records: Sequence[IncidentRecord],
    ids: Sequence[str],
    constraints: Constraints,
) -> list[str | None]:
    """Parent incident ids: the aggregate the text names, unless a judgement says otherwise."""
    owner = {pos: n for n, c in enumerate(clusters) for pos in c.members}
    by_ref = {(r.doc, r.index): r.pos for r in records}
    parents: list[str | None] = []
    for n, cluster in enumerate(clusters):
        votes: dict[int, int] = {}
        for pos in cluster.members:
            parent = records[pos].parent
            if parent is None:
                continue
            target = owner.get(by_ref.get((records[pos].doc, parent), -1))
            if target is not None and target != n:
                votes[target] = votes.get(target, 0) + 1
        chosen = max(votes, key=lambda t: (votes[t], -t)) if votes else None
        for pos in cluster.members:
            if pos in constraints.parents:
                other = constraints.parents[pos][0]
                chosen = owner[other] if other is not None and owner[other] != n else None
        parents.append(ids[chosen] if chosen is not None else None)
    return parents


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are built.

    Its full passes rescan every live object and made large runs superlinear; the
    structures built here hold no reference cycles, so nothing is left for it to find.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Linkage:
    """The clustering of one run, before canonical incidents are assembled."""

    records: Sequence[IncidentRecord]
    clusters: Sequence[Cluster]
    constraints: Constraints
    docs: Mapping[str, DocumentInfo]
    places: PlaceHierarchy

    def groups(self) -> list[list[str]]:
        """Member references (``doc#index``) of each incident."""
        return [[self.records[p].key for p in c.members] for c in self.clusters]


def cluster_mentions(
    docs: Sequence[Mapping[str, Any]],
    judgements: Iterable[Judgement] = (),
    *,
    places: PlaceHierarchy | None = None,
) -> Linkage:
    """Parse, block, score and cluster the incident records of ``docs`` (no assembly)."""
    with _bulk_allocation():
        by_id = sorted((doc_id_of(doc, n), n) for n, doc in enumerate(docs))
        records = parse_records([docs[n] for _, n in by_id])  # input order must not matter
        infos = {doc_id: document_info(doc_id, docs[n]) for doc_id, n in by_id}
        places = places or default_hierarchy()
        constraints = resolve_judgements(list(judgements), {r.key: r.pos for r in records})
        scored = score_candidates(records, places)
        clusters = cluster_records(records, places, scored, constraints)
    return Linkage(records, clusters, constraints, infos, places)


def link_incidents(
    docs: Sequence[Mapping[str, Any]],
    judgements: Iterable[Judgement] = (),
    grades: Mapping[str, str] | None = None,
    *,
    places: PlaceHierarchy | None = None,
    near_duplicate_texts: bool = True,
) -> list[dict[str, Any]]:
    """Resolve the incident records of ``docs`` into canonical incidents (JSON-able dicts).

    ``docs`` are extraction outputs (``id``, ``origin``, ``relays``, ``via``, ``incidents``)
    with ``published``, ``publisher`` and ``text``; ``judgements`` are human decisions
    (applied on every run, never undone); ``grades`` maps source names to Admiralty
    reliability grades A–F over the type defaults; ``places`` replaces the shipped place
    hierarchy.
    """
    linkage = cluster_mentions(docs, judgements, places=places)
    return assemble_incidents(linkage, grades, near_duplicate_texts=near_duplicate_texts)


def assemble_incidents(
    linkage: Linkage, grades: Mapping[str, str] | None = None, *, near_duplicate_texts: bool = True
) -> list[dict[str, Any]]:
    """Canonical incidents (the CLI contract's JSON objects) of a :class:`Linkage`."""
    records, clusters, infos = linkage.records, linkage.clusters, linkage.docs
    signatures = SignatureCache({d: info.text for d, info in infos.items()})
    if near_duplicate_texts:
        shared = [{records[p].doc for p in c.members} for c in clusters]
        signatures.prepare(d for docs_of in shared if len(docs_of) > 1 for d in docs_of)

    def reposts(doc_ids: Sequence[str]) -> dict[str, str]:
        if not near_duplicate_texts or len(doc_ids) < 2:
            return {}
        return signatures.repost_groups(doc_ids)

    denial_cache: dict[str, list[dict[str, Any]]] = {}

    def denials(doc_id: str) -> list[dict[str, Any]]:
        if doc_id not in denial_cache:
            denial_cache[doc_id] = find_denials(infos[doc_id])
        return denial_cache[doc_id]

    ctx = Context(
        records=records,
        docs=infos,
        places=linkage.places,
        grader=SourceGrader(grades),
        reposts=reposts,
        denials=denials,
        by_key={r.key: r for r in records},
    )
    with _bulk_allocation():
        incidents = [assemble_incident(c, ctx) for c in clusters]
    ids = [inc["id"] for inc in incidents]
    parents = _parents(clusters, records, ids, linkage.constraints)
    for incident, parent in zip(incidents, parents, strict=True):
        incident["parent"] = parent
    return incidents
