"""Which workspace records a case file needs, from its incidents and evidence links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qarina.legal.evidence import EvidenceLink


@dataclass(slots=True)
class Selection:
    """Incident ids, document references (id or external id) and item digests to ship."""

    incidents: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)


def documents_of_incident(incident: Mapping[str, Any]) -> list[str]:
    """Documents that report an incident (``mentions[].doc`` and ``documents``)."""
    docs = [
        str(m["doc"])
        for m in incident.get("mentions") or []
        if isinstance(m, Mapping) and m.get("doc") is not None
    ]
    docs += [str(d) for d in incident.get("documents") or []]
    return sorted(set(docs))


def select_records(
    case_incidents: Iterable[str],
    links: Sequence[EvidenceLink],
    incidents: Mapping[str, Mapping[str, Any]],
) -> Selection:
    """Everything the case's incidents and links point at (directly or via documents)."""
    chosen = Selection(incidents=set(case_incidents))
    for link in links:
        kind, ref = link.evidence.kind, link.evidence.ref
        if kind == "incident":
            chosen.incidents.add(ref)
        elif kind == "item":
            chosen.items.add(ref)
        elif kind == "passage":
            chosen.documents.add(ref.rsplit(":", 1)[0])
        elif kind == "claim":
            chosen.documents.add(ref.split("#", 1)[0])
    for incident_id in sorted(chosen.incidents):
        incident = incidents.get(incident_id)
        if incident is not None:
            chosen.documents.update(documents_of_incident(incident))
    return chosen
