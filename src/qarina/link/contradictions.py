"""Contradictions inside one incident: where sources disagree, or deny.

Record-level conflicts compare every pair of member records from different claimants
(``independent: true``) or from relays of one claimant (``independent: false``, e.g. a
relay that misprints the death toll): time spans that do not overlap, casualty figures
outside each other's qualifiers, different perpetrators or agents. Denials are sentences
of member documents that carry a denial phrase in their language (en/ar/fr/es/pt/de).
Every conflicting claim is listed with its span (character offsets into its document).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Any

from qarina.link.folding import fold_name, fold_text
from qarina.link.records import UNKNOWN_AGENT, IncidentRecord
from qarina.link.sources import DocumentInfo

_SENTENCE_END = re.compile(r"(?<=[.!?؟。])\s+|\n+")


@lru_cache(maxsize=1)
def denial_pattern() -> re.Pattern[str]:
    """One pattern for every denial phrase of every language, on folded text.

    Phrases match whole words; Arabic phrases may carry a leading conjunction (و, ف).
    """
    path = resources.files("qarina.link").joinpath("resources/denials.json")
    data = json.loads(path.read_text("utf-8"))
    phrases = sorted(
        {fold_name(p) for lang, items in data.items() if not lang.startswith("_") for p in items},
        key=len,
        reverse=True,
    )
    alternation = "|".join(re.escape(p) for p in phrases if p)
    return re.compile(rf"(?<!\w)(?:[\u0648\u0641](?=[\u0600-\u06ff]))?({alternation})(?!\w)")


def _span(doc: DocumentInfo | None, record: IncidentRecord) -> list[int] | None:
    evidence = record.raw.get("evidence_span")
    first = evidence[0] if isinstance(evidence, list) and evidence else evidence
    if doc is None or not isinstance(first, str) or not first:
        return None
    start = doc.text.find(first)
    return [start, start + len(first)] if start >= 0 else None


def _claim(record: IncidentRecord, doc: DocumentInfo | None, value: Any) -> dict[str, Any]:
    return {
        "doc": record.doc,
        "index": record.index,
        "claimant": record.raw.get("attributed_by"),
        "value": value,
        "span": _span(doc, record),
    }


def _conflicts(a: IncidentRecord, b: IncidentRecord) -> list[tuple[str, Any, Any]]:
    found: list[tuple[str, Any, Any]] = []
    if a.start is not None and b.start is not None and (a.start > b.end or b.start > a.end):  # type: ignore[operator]
        found.append(
            (
                "dates",
                [a.raw.get("date_start"), a.raw.get("date_end")],
                [b.raw.get("date_start"), b.raw.get("date_end")],
            )
        )
    for field in ("killed", "injured"):
        ca, cb = getattr(a, field), getattr(b, field)
        if ca is not None and cb is not None and not ca.overlaps(cb):
            found.append((field, a.raw.get(field), b.raw.get(field)))
    if a.perpetrator and b.perpetrator and a.perpetrator != b.perpetrator:
        found.append(("perpetrator", a.raw.get("perpetrator"), b.raw.get("perpetrator")))
    agents_a, agents_b = a.agents - {UNKNOWN_AGENT}, b.agents - {UNKNOWN_AGENT}
    if agents_a and agents_b and not agents_a & agents_b:
        found.append(("agent", a.raw.get("agent"), b.raw.get("agent")))
    return found


def record_contradictions(
    members: Sequence[IncidentRecord], docs: Mapping[str, DocumentInfo]
) -> list[dict[str, Any]]:
    """Conflicting pairs of member records, each claim with its span."""
    out: list[dict[str, Any]] = []
    for a, b in combinations(members, 2):
        for field, va, vb in _conflicts(a, b):
            out.append(
                {
                    "kind": field,
                    "independent": a.claimants != b.claimants,
                    "claims": [_claim(a, docs.get(a.doc), va), _claim(b, docs.get(b.doc), vb)],
                }
            )
    return out


def find_denials(doc: DocumentInfo) -> list[dict[str, Any]]:
    """Sentences of ``doc`` that report a denial, with their character spans."""
    pattern = denial_pattern()
    out: list[dict[str, Any]] = []
    if not pattern.search(fold_text(doc.text)):
        return out
    start = 0
    for match in [*_SENTENCE_END.finditer(doc.text), None]:
        end = match.start() if match else len(doc.text)
        hit = pattern.search(fold_text(doc.text[start:end]))
        if hit is not None:
            out.append(
                {
                    "kind": "denial",
                    "scope": "document",
                    "doc": doc.id,
                    "phrase": hit.group(1),
                    "span": [start, end],
                    "text": doc.text[start:end].strip(),
                }
            )
        start = match.end() if match else end
    return out
