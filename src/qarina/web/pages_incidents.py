"""Pages: incidents with facets, incident detail, map, timeline, review queue."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from qarina.app import web_actions, web_listings
from qarina.app.accounts import IssuedToken, User
from qarina.app.web_listings import MAX_LIMIT
from qarina.casefile.places import locate_places
from qarina.web.auth import page_session, web_context
from qarina.web.catalogue import FACETS, Filters
from qarina.web.charts import country_context, draw_map, timeline_bars
from qarina.web.context import WebContext
from qarina.web.incident_views import incident_detail, incident_page
from qarina.web.rendering import highlight
from qarina.web.responses import render
from qarina.web.security import check_csrf

router = APIRouter(include_in_schema=False)
PAGE = 50
QUEUE_SIZE = 20
DAY = r"^\d{4}-\d{2}-\d{2}$"
_coordinates: dict[frozenset[str], dict[str, tuple[float, float]]] = {}


def filters_from(request: Request) -> Filters:
    """Facet filters from the query string (unknown and empty values ignored)."""
    params = request.query_params
    values = {name: (params.get(name) or None) for name in (*FACETS, "date_from", "date_to")}
    return Filters(**{k: (v[:200] if v else None) for k, v in values.items()})


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(
    request: Request,
    offset: int = Query(0, ge=0),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Incidents with facets (place, agent, perpetrator, tier, source, year, dates)."""
    filters = filters_from(request)
    page = incident_page(context, session.user, filters, offset, PAGE)
    chosen = {
        **filters.chosen(),
        **{k: v for k in ("date_from", "date_to") if (v := getattr(filters, k))},
    }
    return render(
        request,
        "incidents.html",
        session,
        page=page,
        chosen=chosen,
        offset=offset,
        size=PAGE,
        link=lambda **kw: (
            "/incidents?" + urlencode({k: v for k, v in {**chosen, **kw}.items() if v is not None})
        ),
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page_view(
    request: Request,
    incident_id: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """One incident: mentions, sources, relay chains, contradictions, proof."""
    detail = incident_detail(context, session.user, incident_id)
    return render(request, "incident.html", session, **detail)


def _coordinates_for(places: frozenset[str]) -> dict[str, tuple[float, float]]:
    found = _coordinates.get(places)
    if found is None:
        found = locate_places(places)
        _coordinates.clear()
        _coordinates[places] = found
    return found


def _selected(context: WebContext, request: Request, user: User) -> list[dict[str, Any]]:
    catalogue = context.catalogue()
    selected = catalogue.select(filters_from(request), context.hidden_docs(user))
    positions = range(len(catalogue.incidents)) if selected is None else selected
    return [catalogue.incidents[n] for n in positions]


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """The offline incident map (gazetteer coordinates, no tiles)."""
    incidents = _selected(context, request, session.user)
    counts = Counter(str(i.get("place_normalized")) for i in incidents if i.get("place_normalized"))
    places = frozenset(context.catalogue().index["place"])
    outline, labels = country_context()
    drawing = draw_map(counts, _coordinates_for(places), outline, labels)
    unmapped = sorted(p for p in counts if p not in {m.place for m in drawing.points})
    return render(request, "map.html", session, drawing=drawing, unmapped=unmapped)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Incidents per month as a bar chart."""
    bars = timeline_bars(_selected(context, request, session.user))
    return render(request, "timeline.html", session, bars=bars)


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    after: str | None = Query(None, max_length=64),
    before: str | None = Query(None, max_length=64),
    limit: int = Query(QUEUE_SIZE, ge=1, le=MAX_LIMIT),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Documents with undecided extraction proposals."""
    queue = web_listings.review_queue(
        context.services, session.user, after=after, before=before, limit=limit
    )
    return render(request, "review.html", session, queue=queue, editable=web_actions.EDITABLE)


@router.get("/review/{document_id}", response_class=HTMLResponse)
def review_document(
    request: Request,
    document_id: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """A document beside its proposals, each with accept / edit / reject."""
    document = context.services.document(session.user, document_id)
    segments = highlight(document["text"], document["proposals"])
    return render(
        request,
        "review_document.html",
        session,
        document=document,
        segments=segments,
        editable=web_actions.EDITABLE,
    )


@router.post("/review/proposal")
async def review_proposal(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Record one review decision (form post)."""
    form = await request.form()
    fields = {k: str(v)[:2000] for k, v in form.items() if isinstance(v, str)}
    check_csrf(session.csrf, fields.get("csrf_token"))
    edits = {k.removeprefix("edit_"): v for k, v in fields.items() if k.startswith("edit_")}
    decision = fields.get("decision", "")
    document_id = fields.get("document_id", "")
    await run_in_threadpool(
        web_actions.review,
        context.services,
        session.user,
        document_id,
        fields.get("proposal_id", ""),
        decision,
        fields.get("reason", ""),
        edits if decision == "edited" else None,
    )
    return RedirectResponse(f"/review/{document_id}", status_code=303)


@router.post("/incidents/{incident_id}/decision")
def incident_decision(
    incident_id: str,
    csrf_token: str = Form(max_length=100),
    kind: str = Form(max_length=16),
    subject: str = Form(max_length=200),
    other: str = Form("", max_length=200),
    reason: str = Form(max_length=2000),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Record a merge, split or parent judgement and re-link (form post)."""
    check_csrf(session.csrf, csrf_token)
    web_actions.decide_incidents(context.services, session.user, kind, subject, other, reason)
    return RedirectResponse("/incidents", status_code=303)
