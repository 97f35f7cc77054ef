"""Incident data as pages and the API present it: lists, details, sources over time."""

from __future__ import annotations

from typing import Any

from qarina.app.accounts import User
from qarina.core.errors import NotFoundError
from qarina.web.catalogue import Filters, Page
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
    context.services.note_views(user, items, "incident")
    return {"incident": incident, "reports": reports, "linking_proof": context.linking_proof()}
