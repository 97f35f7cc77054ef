"""API: cases, their evidence links, suggestions and the evidence matrix."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from qarina.app import web_cases
from qarina.app.accounts import User
from qarina.web.auth import api_user, web_context
from qarina.web.context import WebContext
from qarina.web.responses import json_response

router = APIRouter(prefix="/api", tags=["cases"])
ID = r"^[A-Za-z0-9:._-]+$"


class NewCharge(BaseModel):
    """A crime from the legal catalogue against an alleged perpetrator."""

    crime_id: str = Field(min_length=1, max_length=100, pattern=ID)
    perpetrator: str | None = Field(default=None, max_length=500)


class NewCase(BaseModel):
    """A case to open, with the incidents it covers and its first charges."""

    title: str = Field(min_length=1, max_length=web_cases.MAX_TITLE)
    incidents: list[str] = Field(default_factory=list, max_length=1000)
    charges: list[NewCharge] = Field(default_factory=list, max_length=50)


class NewLink(BaseModel):
    """Evidence (``incident:ID``, ``claim:DOC#N``, ``item:SHA``, ``passage:DOC:SEQ``) tied
    to an element of a charge."""

    element_id: str = Field(min_length=1, max_length=120, pattern=ID)
    evidence: str = Field(min_length=3, max_length=300)
    stance: str = Field(default="inculpatory", pattern="^(inculpatory|exculpatory)$")
    weight: int = Field(default=3, ge=1, le=5)
    note: str = Field(default="", max_length=web_cases.MAX_NOTE)
    charge_id: str | None = Field(default=None, max_length=64, pattern=ID)


class Scope(BaseModel):
    """Incidents to bring into a case."""

    incidents: list[str] = Field(min_length=1, max_length=1000)


class SuggestionDecision(BaseModel):
    """Accept or reject one suggestion."""

    decision: str = Field(pattern="^(accept|reject)$")
    reason: str = Field(default="", max_length=web_cases.MAX_NOTE)


@router.get("/cases", response_class=JSONResponse)
def list_cases(user: User = Depends(api_user), context: WebContext = Depends(web_context)) -> Any:
    """Every case, newest first."""
    return json_response(web_cases.list_cases(context.services, user))


@router.post("/cases", status_code=201)
def create_case(
    body: NewCase, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> dict[str, str]:
    """Open a case (logged as ``opened`` and ``charged``); returns its id."""
    charges = [(c.crime_id, c.perpetrator) for c in body.charges]
    case_id = web_cases.create(context.services, user, body.title, body.incidents, charges)
    return {"id": case_id}


@router.get("/cases/{case_id}", response_class=JSONResponse)
def get_case(
    case_id: str, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> Response:
    """A case: incidents, charges, evidence links and suggestions the user may see."""
    view = web_cases.view_case(context.services, user, case_id)
    return json_response({**view.as_json(), "created_by": view.case["created_by"]})


@router.get("/cases/{case_id}/matrix", response_class=JSONResponse)
def get_matrix(
    case_id: str, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> Response:
    """Every element of every charge with its support and its gaps."""
    rows = web_cases.matrix(context.services, user, case_id)
    return json_response([row.as_json() for row in rows])


@router.post("/cases/{case_id}/links", status_code=201)
def add_link(
    case_id: str,
    body: NewLink,
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> dict[str, str]:
    """Tie evidence to an element (logged as ``mapped``); returns the link id."""
    fields = body.model_dump(include={"stance", "weight", "note", "charge_id"})
    link_id = web_cases.link(
        context.services, user, case_id, body.element_id, body.evidence, fields
    )
    return {"id": link_id}


@router.post("/cases/{case_id}/suggestions/{suggestion_id}", status_code=201)
def decide_suggestion(
    case_id: str,
    suggestion_id: str,
    body: SuggestionDecision,
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> dict[str, str]:
    """Accept (evidence linked) or reject a suggestion (logged as ``reviewed``)."""
    accept = body.decision == "accept"
    decision = web_cases.decide(context.services, user, case_id, suggestion_id, accept, body.reason)
    return {"id": decision}


@router.post("/cases/{case_id}/suggestions", status_code=201)
def propose(
    case_id: str, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> dict[str, int]:
    """Run the suggestion rules over the case (new ones logged as ``suggested``)."""
    return {"suggestions": web_cases.propose(context.services, user, case_id)}


@router.post("/cases/{case_id}/incidents", status_code=201)
def add_incidents(
    case_id: str,
    body: Scope,
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> dict[str, list[str]]:
    """Bring incidents into the case (logged as ``scoped``); returns those added."""
    return {"added": web_cases.scope(context.services, user, case_id, body.incidents)}
