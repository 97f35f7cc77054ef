"""Assemble one canonical incident (the CLI contract's JSON object) from its cluster."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qarina.link.canonical import canonical_fields, incident_id
from qarina.link.clustering import Cluster
from qarina.link.contradictions import record_contradictions
from qarina.link.folding import fold_text
from qarina.link.grading import Grade, SourceGrader, confidence_tier, credibility
from qarina.link.judgements import Judgement
from qarina.link.places import PlaceHierarchy
from qarina.link.records import IncidentRecord
from qarina.link.scoring import SCORER, explain_pair
from qarina.link.sources import DocumentInfo, Independence, assess_independence

_SAMPLES = re.compile(
    r"sample|laborator|biomedical|environmental analys|عينات|عينة|مختبر|echantillon|"
    r"muestra|amostra|\bprobe|\bproben",
    re.IGNORECASE,
)
_GRADE_ORDER = {g: i for i, g in enumerate("ABCDEF")}


@dataclass(frozen=True, slots=True)
class Context:
    """Everything incident assembly reads, built once per linker run."""

    records: Sequence[IncidentRecord]
    docs: Mapping[str, DocumentInfo]
    places: PlaceHierarchy
    grader: SourceGrader
    reposts: Callable[[Sequence[str]], Mapping[str, str]]
    denials: Callable[[str], list[dict[str, Any]]]
    by_key: Mapping[str, IncidentRecord]
    record_grades: dict[int, Grade] = field(default_factory=dict)


def _evidence(record: IncidentRecord) -> list[str]:
    span = record.raw.get("evidence_span")
    if isinstance(span, str):
        return [span]
    return [s for s in span if isinstance(s, str)] if isinstance(span, list) else []


def _best_grade(record: IncidentRecord, ctx: Context) -> Grade:
    """The best reliability among the record's claimants (memoised per record)."""
    grade = ctx.record_grades.get(record.pos)
    if grade is None:
        names = record.raw.get("attributed_by")
        listed = names if isinstance(names, list) else [names]
        claimants = tuple(n for n in listed if isinstance(n, str))
        grade = ctx.grader.best(claimants, record.raw.get("perpetrator"))
        ctx.record_grades[record.pos] = grade
    return grade


def _merge_reasons(cluster: Cluster, ctx: Context) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, j, why in cluster.edges:
        a, b = ctx.records[i], ctx.records[j]
        if isinstance(why, Judgement):
            out.append({"by": "judgement", "records": [a.key, b.key], **why.to_dict()})
        else:
            _, reasons = explain_pair(a, b, ctx.places)
            out.append({"by": SCORER, "records": [a.key, b.key], "score": why, "reasons": reasons})
    return out


def _mentions(
    members: Sequence[IncidentRecord],
    ctx: Context,
    independence: Independence,
    conflicts: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    contradicted: dict[str, list[str]] = {}
    for conflict in conflicts:
        if not conflict["independent"]:
            continue
        a, b = conflict["claims"]
        for mine, theirs in ((a, b), (b, a)):
            other = ctx.by_key[f"{theirs['doc']}#{theirs['index']}"]
            contradicted.setdefault(f"{mine['doc']}#{mine['index']}", []).append(
                _best_grade(other, ctx).grade
            )
    out = []
    n_sources = len(independence.independent_sources)
    for r in members:
        grade = _best_grade(r, ctx)
        cred = credibility(
            n_sources, grade.grade, contradicted.get(r.key, []), attributed=bool(r.claimants)
        )
        out.append(
            {
                "doc": r.doc,
                "index": r.index,
                "attributed_by": r.raw.get("attributed_by"),
                "reliability": grade.as_dict(),
                "credibility": cred.as_dict(),
                "evidence_span": r.raw.get("evidence_span"),
            }
        )
    return out


def assemble_incident(cluster: Cluster, ctx: Context) -> dict[str, Any]:
    """The JSON-able canonical incident of ``cluster`` (``parent`` is set by the caller)."""
    members = [ctx.records[p] for p in cluster.members]
    doc_ids = sorted({r.doc for r in members})
    independence = assess_independence(members, ctx.docs, ctx.reposts(doc_ids))

    def rank(r: IncidentRecord) -> tuple[int, bool, int]:
        grade = _GRADE_ORDER[_best_grade(r, ctx).grade]
        return grade, not ctx.docs[r.doc].origin, r.pos

    fields = canonical_fields(members, ctx.places, rank)
    conflicts = record_contradictions(members, ctx.docs)
    denials = [d for doc in independence.documents for d in ctx.denials(doc)]
    source_grades = [
        ctx.grader.reliability(s, fields.get("perpetrator")).grade
        for s in independence.independent_sources
    ]
    samples = any(_SAMPLES.search(fold_text(text)) for r in members for text in _evidence(r))
    contested = any(c["independent"] for c in conflicts)
    return {
        "id": incident_id(members),
        **fields,
        "parent": None,
        "mentions": _mentions(members, ctx, independence, conflicts),
        "documents": independence.documents,
        "independent_sources": independence.independent_sources,
        "documents_by_source": independence.documents_by_source,
        "relay_chains": independence.relay_chains,
        "reposts": independence.repost_groups,
        "source_reliability": {
            s: ctx.grader.reliability(s, fields.get("perpetrator")).as_dict()
            for s in independence.independent_sources
        },
        "confidence": confidence_tier(source_grades, samples, contested),
        "contradictions": conflicts + denials,
        "merge_reasons": _merge_reasons(cluster, ctx),
        "scorer": SCORER,
    }
