"""Incident data as pages and the API present it: lists, details, sources over time."""

from __future__ import annotations

import json
from typing import Any

from qarina.app.accounts import User
from qarina.core.errors import NotFoundError
from qarina.web.catalogue import Filters, Page, without_docs
from qarina.web.context import WebContext

SUMMARY_FIELDS = (
    "id",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "place_normalized",
    "location",
    "agent",
    "delivery",
    "perpetrator",
    "killed",
    "injured",
    "parent",
    "independent_sources",
    "confidence",
)


def summary(incident: dict[str, Any]) -> dict[str, Any]:
    """The fields an incident list shows."""
    out = {name: incident.get(name) for name in SUMMARY_FIELDS}
    out["mention_count"] = len(incident.get("mentions") or [])
    return out


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def list_body(context: WebContext, user: User, filters: Filters, offset: int, limit: int) -> bytes:
    """The JSON body of one incident list page, from encodings kept per linking run."""
    catalogue = context.catalogue()
    hidden = context.hidden_docs(user)
    total, chosen, facets = catalogue.page_positions(filters, hidden, offset, limit)
    rows = []
    for n in chosen:
        if catalogue.touches(n, hidden):
            rows.append(_encode(summary(without_docs(catalogue.incidents[n], hidden))))
            continue
        encoded = catalogue.memo.get(n)
        if encoded is None:
            encoded = catalogue.memo[n] = _encode(summary(catalogue.incidents[n]))
        rows.append(encoded)
    facets_json = catalogue.memo.get("facets") if facets is catalogue.all_counts else None
    if facets_json is None:
        facets_json = _encode(
            {f: [{"value": v, "count": c} for v, c in counts] for f, counts in facets.items()}
        )
        if facets is catalogue.all_counts:
            catalogue.memo["facets"] = facets_json
    head = f'{{"total":{total},"offset":{offset},"incidents":['.encode()
    return head + b",".join(rows) + b'],"facets":' + facets_json + b"}"


def incident_page(
    context: WebContext, user: User, filters: Filters, offset: int, limit: int
) -> Page:
    """One page of the incidents ``user`` may see."""
    catalogue = context.catalogue()
    return catalogue.page(filters, context.hidden_docs(user), offset, limit)


def incident_detail(context: WebContext, user: User, incident_id: str) -> dict[str, Any]:
    """One incident with its sources' reports over time and the linking run's proof."""
    catalogue = context.catalogue()
    incident = catalogue.get(incident_id, context.hidden_docs(user))
    if incident is None:
        raise NotFoundError(f"no incident {incident_id}")
    by_ref = context.documents_by_ref()
    reports = []
    items = set()
    for mention in incident.get("mentions") or []:
        doc = by_ref.get(str(mention.get("doc")), {})
        if doc.get("item_sha256"):
            items.add(doc["item_sha256"])
        reports.append(
            {
                "doc": mention.get("doc"),
                "record": f"{mention.get('doc')}#{mention.get('index')}",
                "document_id": doc.get("id"),
                "title": doc.get("title"),
                "publisher": doc.get("publisher"),
                "published": doc.get("published"),
                "language": doc.get("language"),
                "attributed_by": mention.get("attributed_by"),
            }
        )
    reports.sort(key=lambda r: (r["published"] or "9999", str(r["doc"])))
    context.services.note_list_view(user, sorted(items), "incident")
    return {"incident": incident, "reports": reports, "linking_proof": context.linking_proof()}
