"""Pages: case list, new case, case detail (charges, links, suggestions, export) and the
evidence matrix. Every form carries the session's CSRF token; every write goes through
:mod:`qarina.app.web_cases`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from qarina.app import web_cases
from qarina.app.accounts import IssuedToken
from qarina.core.errors import UsageError
from qarina.legal.matrix import GAP
from qarina.web.auth import page_session, web_context
from qarina.web.context import WebContext
from qarina.web.responses import render
from qarina.web.security import check_csrf

router = APIRouter(include_in_schema=False)
_SEPARATORS = re.compile(r"[\s,]+")
_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@router.get("/cases", response_class=HTMLResponse)
def cases_page(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Every case, newest first."""
    rows = web_cases.list_cases(context.services, session.user)
    editor = session.user.role in web_cases.EDITORS
    return render(request, "cases.html", session, cases=rows, editor=editor)


@router.get("/cases/new", response_class=HTMLResponse)
def new_case_page(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """The form that opens a case: title, incidents to scope, charges."""
    web_cases.require_editor(session.user)
    crimes = sorted(web_cases.catalogue().crimes.values(), key=lambda c: c.id)
    return render(request, "case_new.html", session, crimes=crimes)


@router.post("/cases")
async def create_case(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Open a case from the form (crimes may be chosen several times)."""
    form = await request.form()
    check_csrf(session.csrf, _field(form.get("csrf_token"), 100))
    title = _field(form.get("title"), web_cases.MAX_TITLE)
    incidents = [i for i in _SEPARATORS.split(_field(form.get("incidents"), 100_000)) if i]
    perpetrator = _field(form.get("perpetrator"), 500).strip() or None
    crimes = [_field(c, 100) for c in form.getlist("crime")[:50] if c]
    case_id = await run_in_threadpool(
        web_cases.create,
        context.services,
        session.user,
        title,
        incidents,
        [(c, perpetrator) for c in crimes],
    )
    return _redirect(f"/cases/{case_id}")


def _field(value: object, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UsageError("expected a text field, not a file")
    if len(value) > limit:
        raise UsageError(f"a field has at most {limit} characters")
    return value


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    case_id: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """One case: charges, scoped incidents, evidence links, suggestions, export."""
    user = session.user
    view = web_cases.view_case(context.services, user, case_id)
    catalogue = web_cases.catalogue()
    elements = [
        (charge, element)
        for charge in view.charges
        for element in catalogue.crime(charge.crime_id).elements
    ]
    return render(
        request,
        "case.html",
        session,
        view=view,
        crimes=sorted(catalogue.crimes.values(), key=lambda c: c.id),
        elements=elements,
        charges={c.id: c for c in view.charges},
        stale=web_cases.stale_incidents(context.services, view),
        editor=user.role in web_cases.EDITORS,
        reviewer=user.may("review"),
    )


@router.get("/cases/{case_id}/matrix", response_class=HTMLResponse)
def matrix_page(
    request: Request,
    case_id: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """The evidence matrix: every element of every charge, its support and its gaps."""
    view = web_cases.view_case(context.services, session.user, case_id)
    rows = web_cases.matrix(context.services, session.user, case_id)
    by_charge = [(c, [r for r in rows if r.charge.id == c.id]) for c in view.charges]
    gaps = sum(1 for r in rows if r.status == GAP)
    return render(request, "case_matrix.html", session, view=view, by_charge=by_charge, gaps=gaps)


@router.post("/cases/{case_id}/charges")
def add_charge(
    case_id: str,
    csrf_token: str = Form(max_length=100),
    crime: str = Form(max_length=100),
    perpetrator: str = Form("", max_length=500),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Charge a crime from the catalogue (form post)."""
    check_csrf(session.csrf, csrf_token)
    web_cases.add_charge(context.services, session.user, case_id, crime, perpetrator or None)
    return _redirect(f"/cases/{case_id}")


@router.post("/cases/{case_id}/incidents")
def add_incidents(
    case_id: str,
    csrf_token: str = Form(max_length=100),
    incidents: str = Form(max_length=100_000),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Bring incidents into the case (form post: ids separated by spaces or lines)."""
    check_csrf(session.csrf, csrf_token)
    wanted = [i for i in _SEPARATORS.split(incidents) if i]
    web_cases.scope(context.services, session.user, case_id, wanted)
    return _redirect(f"/cases/{case_id}")


@router.post("/cases/{case_id}/links")
def add_link(
    case_id: str,
    csrf_token: str = Form(max_length=100),
    element: str = Form(max_length=200),
    evidence: str = Form(max_length=300),
    stance: str = Form("inculpatory", max_length=20),
    weight: int = Form(3, ge=1, le=5),
    note: str = Form("", max_length=web_cases.MAX_NOTE),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Tie evidence to an element of a charge (form value ``CHARGE_ID ELEMENT_ID``)."""
    check_csrf(session.csrf, csrf_token)
    charge_id, _, element_id = element.strip().partition(" ")
    fields = {"stance": stance, "weight": weight, "note": note, "charge_id": charge_id}
    web_cases.link(
        context.services, session.user, case_id, element_id.strip(), evidence.strip(), fields
    )
    return _redirect(f"/cases/{case_id}")


@router.post("/cases/{case_id}/suggest")
def propose(
    case_id: str,
    csrf_token: str = Form(max_length=100),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Run the suggestion rules over the case (form post)."""
    check_csrf(session.csrf, csrf_token)
    web_cases.propose(context.services, session.user, case_id)
    return _redirect(f"/cases/{case_id}#suggestions")


@router.post("/cases/{case_id}/suggestions/{suggestion_id}")
def decide(
    case_id: str,
    suggestion_id: str,
    csrf_token: str = Form(max_length=100),
    decision: str = Form(pattern="^(accept|reject)$"),
    reason: str = Form("", max_length=web_cases.MAX_NOTE),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Accept or reject one suggestion (form post)."""
    check_csrf(session.csrf, csrf_token)
    accept = decision == "accept"
    web_cases.decide(context.services, session.user, case_id, suggestion_id, accept, reason)
    return _redirect(f"/cases/{case_id}#suggestions")


@router.post("/cases/{case_id}/export")
def export(
    case_id: str,
    csrf_token: str = Form(max_length=100),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Write the case file (logged as ``exported``) and send it as a download."""
    check_csrf(session.csrf, csrf_token)
    folder = Path(tempfile.mkdtemp(prefix="qarina-export-"))
    try:
        name = _ASCII_SAFE.sub("_", f"case-{case_id[:36]}.zip")
        written = web_cases.export(context.services, session.user, case_id, folder / name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        written.path,
        media_type="application/zip",
        filename=name,
        headers={
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "X-Qarina-SHA256": written.sha256,
        },
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
