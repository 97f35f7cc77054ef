"""Builders of extraction-output documents and incident records for link tests."""

from __future__ import annotations

from typing import Any


def make_incident(**fields: Any) -> dict[str, Any]:
    """An incident record with neutral defaults; ``fields`` override them."""
    record: dict[str, Any] = {
        "event_type": "chemical_attack",
        "date_start": None,
        "date_end": None,
        "date_precision": None,
        "year_inferred": False,
        "date_text": None,
        "location": None,
        "place_normalized": None,
        "district": None,
        "country": "SY",
        "agent": "unknown toxic chemical",
        "delivery": "unknown",
        "perpetrator": None,
        "perpetrator_text": None,
        "attributed_by": None,
        "num_attacks": None,
        "killed": None,
        "injured": None,
        "evidence_span": [],
        "parent": None,
    }
    if "day" in fields:
        day = fields.pop("day")
        record.update(date_start=day, date_end=day, date_precision="day")
    if "place" in fields:
        place = fields.pop("place")
        record.update(location=place, place_normalized=place)
    record.update(fields)
    return record


def make_doc(doc_id: str, *incidents: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A document in the extraction output form with ``published``/``publisher``/``text``."""
    doc: dict[str, Any] = {
        "id": doc_id,
        "language": "en",
        "origin": False,
        "relays": [],
        "via": [],
        "published": None,
        "publisher": f"Publisher of {doc_id}",
        "text": f"Text of {doc_id}.",
        "incidents": list(incidents),
        "legal_refs": [],
        "organizations": [],
        "report_refs": [],
    }
    doc.update(fields)
    return doc


def groups(incidents: list[dict[str, Any]]) -> list[list[str]]:
    """Member references of each linked incident, sorted, for comparisons."""
    return sorted(sorted(f"{m['doc']}#{m['index']}" for m in inc["mentions"]) for inc in incidents)
