"""API: incidents (with facets), reviews of proposals, judgements, the custody log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from qarina.app import web_actions
from qarina.app.accounts import User
from qarina.web.auth import api_user, web_context
from qarina.web.catalogue import Filters
from qarina.web.context import WebContext
from qarina.web.incident_views import incident_detail, list_body
from qarina.web.responses import json_response

router = APIRouter(prefix="/api", tags=["incidents"])
DAY = r"^\d{4}-\d{2}-\d{2}$"


class Review(BaseModel):
    """A decision about one extraction proposal."""

    document_id: str = Field(min_length=1, max_length=64)
    proposal_id: str = Field(min_length=1, max_length=80)
    decision: str = Field(pattern="^(accepted|edited|rejected)$")
    reason: str = Field(default="", max_length=2000)
    edits: dict[str, str] = Field(default_factory=dict)


class Decision(BaseModel):
    """Merge, split or re-parent incident records ('<doc>#<index>')."""

    kind: str = Field(pattern="^(merge|split|parent)$")
    subject: str = Field(min_length=3, max_length=200)
    other: str | None = Field(default=None, max_length=200)
    reason: str = Field(min_length=1, max_length=2000)


@router.get("/incidents", response_class=JSONResponse)
def list_incidents(
    place: str | None = Query(None, max_length=200),
    agent: str | None = Query(None, max_length=200),
    perpetrator: str | None = Query(None, max_length=200),
    tier: str | None = Query(None, max_length=8),
    source: str | None = Query(None, max_length=200),
    year: str | None = Query(None, pattern=r"^\d{4}$"),
    date_from: str | None = Query(None, pattern=DAY),
    date_to: str | None = Query(None, pattern=DAY),
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=500),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> Response:
    """The incidents the user may see, filtered by facets, with facet counts."""
    filters = Filters(place, agent, perpetrator, tier, source, year, date_from, date_to)
    body = list_body(context, user, filters, offset, limit)
    return Response(body, media_type="application/json")


@router.get("/incidents/{incident_id}", response_class=JSONResponse)
def get_incident(
    incident_id: str, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> Response:
    """One canonical incident, the reports behind it and the linking run's inclusion proof."""
    return json_response(incident_detail(context, user, incident_id))


@router.post("/reviews", status_code=201)
def review(
    body: Review, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> dict[str, Any]:
    """Accept, edit or reject an extraction proposal (logged as ``reviewed``)."""
    return web_actions.review(
        context.services,
        user,
        body.document_id,
        body.proposal_id,
        body.decision,
        body.reason,
        body.edits,
    )


@router.post("/judgements", status_code=201)
def judgement(
    body: Decision, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> dict[str, Any]:
    """Merge, split or re-parent incident records, then re-link (logged as ``judged``)."""
    count = web_actions.decide_incidents(
        context.services, user, body.kind, body.subject, body.other, body.reason
    )
    return {"incidents": count}


@router.get("/custody", response_class=JSONResponse)
def custody(
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=500),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> Response:
    """Custody events, newest first."""
    services = context.services
    stored = services.ws.custody.store.latest_checkpoint()
    return json_response(
        {
            "size": services.ws.custody.size(),
            "checkpoint": stored.note if stored else None,
            "events": services.events(user, offset, limit),
        }
    )


@router.post("/verify")
def verify(user: User = Depends(api_user), context: WebContext = Depends(web_context)) -> Any:
    """Verify the custody log, every blob and every evidence row now."""
    return web_actions.verify(context.services, user)
