"""Data exports of a case file: JSON, CSV, GeoJSON and the e-Court style evidence index."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from qarina.casefile.contents import BundleItem, CaseFileInput
from qarina.casefile.layout import original_path, redacted_path

INCIDENT_COLUMNS = (
    "id",
    "parent",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "place_normalized",
    "district",
    "country",
    "agent",
    "delivery",
    "perpetrator",
    "killed",
    "injured",
    "num_attacks",
    "confidence",
    "independent_sources",
    "documents",
)
INDEX_COLUMNS = (
    "evidence_number",
    "title",
    "date",
    "type",
    "author_source",
    "language",
    "pages",
    "confidentiality",
    "sha256",
    "path",
)
MATRIX_COLUMNS = (
    "charge_id",
    "crime_id",
    "perpetrator",
    "element_id",
    "status",
    "weight_for",
    "weight_against",
    "inculpatory",
    "exculpatory",
    "pending_suggestions",
    "cite",
)
_TYPES = {
    "text/html": "web page",
    "application/pdf": "PDF document",
    "text/plain": "text",
    "application/json": "JSON record",
    "image/jpeg": "photograph (JPEG)",
    "image/png": "image (PNG)",
}


def dump_json(value: Any) -> bytes:
    """Stable, readable JSON bytes (sorted keys, UTF-8, trailing newline)."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dump_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """RFC 4180 CSV bytes (CRLF) with a header row; lists become ``a; b``, objects JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


def confidence_label(incident: Mapping[str, Any]) -> str:
    """The incident's confidence as one word (the linker may give a string or an object)."""
    value = incident.get("confidence")
    if isinstance(value, Mapping):
        if value.get("tier") is not None:
            return f"tier {value['tier']}"
        return str(value.get("level") or "")
    return "" if value is None else str(value)


def incident_rows(data: CaseFileInput) -> list[dict[str, Any]]:
    """One flat row per incident, in id order."""
    rows = []
    for incident in sorted(data.incidents, key=lambda i: str(i.get("id"))):
        row = {column: incident.get(column) for column in INCIDENT_COLUMNS}
        row["confidence"] = confidence_label(incident)
        rows.append(row)
    return rows


def incidents_geojson(data: CaseFileInput) -> dict[str, Any]:
    """A FeatureCollection: incidents with known coordinates as points (others have none)."""
    features = []
    for row in incident_rows(data):
        place = row.get("place_normalized")
        point = data.coordinates.get(place) if isinstance(place, str) else None
        geometry = {"type": "Point", "coordinates": [point[1], point[0]]} if point else None
        features.append(
            {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": row}
        )
    return {"type": "FeatureCollection", "features": features}


def item_path(item: BundleItem) -> str:
    """The bundle path that stands for an item: its original, or its redacted derivative."""
    if item.redacted_sha256 is not None:
        return redacted_path(item.sha256)
    return original_path(item.sha256, item.mime)


def evidence_number(case_id: str, position: int) -> str:
    """``QAR-<first 8 of case id>-<0001>``: stable for the same case and item order."""
    return f"QAR-{case_id[:8].upper()}-{position:04d}"


def evidence_index(data: CaseFileInput, pages: Mapping[str, int | None]) -> list[dict[str, Any]]:
    """The evidence index, one row per item, in the order items appear in the bundle."""
    rows = []
    for position, item in enumerate(data.items, start=1):
        rows.append(
            {
                "evidence_number": evidence_number(str(data.case["id"]), position),
                "title": item.title or item.original_name or item.sha256[:19],
                "date": item.published or item.acquired_at[:10],
                "type": _TYPES.get(item.mime, item.mime),
                "author_source": item.publisher or item.source_url or "",
                "language": item.language or "",
                "pages": pages.get(item.sha256),
                "confidentiality": "restricted: identifies protected persons (redacted copy)"
                if item.protected
                else "public",
                "sha256": item.redacted_sha256 if item.protected else item.sha256,
                "path": item_path(item),
                "original_sha256": item.sha256,
            }
        )
    return rows


def matrix_rows(data: CaseFileInput) -> list[dict[str, Any]]:
    """The evidence matrix as JSON-able rows."""
    return [row.as_json() for row in data.matrix]
