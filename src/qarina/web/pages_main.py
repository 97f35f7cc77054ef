"""Pages: sign-in, dashboard, custody log and workspace verification."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from qarina.app import web_actions
from qarina.app.accounts import ROLES, IssuedToken, NotAuthenticated, TooManyAttempts
from qarina.app.web_services import WebServices, require
from qarina.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    client_address,
    page_session,
    web_context,
)
from qarina.web.context import WebContext
from qarina.web.responses import render
from qarina.web.security import check_csrf, new_csrf_token

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = Query(None, max_length=500)) -> Response:
    """The sign-in form (with its double-submit CSRF cookie)."""
    token = new_csrf_token()
    response = render(request, "login.html", None, login_csrf=token, next=_safe_next(next))
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, 600)
    return response


@router.post("/login")
def login(
    request: Request,
    username: str = Form(max_length=255),
    password: str = Form(max_length=1024),
    csrf_token: str = Form(max_length=100),
    next: str = Form("/", max_length=500),
    context: WebContext = Depends(web_context),
) -> Response:
    """Check the password (throttled) and start a session."""
    check_csrf(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token)
    accounts = context.services.accounts
    try:
        user = accounts.authenticate(username, password, client_address(request))
    except (NotAuthenticated, TooManyAttempts) as exc:
        token = new_csrf_token()
        status = 429 if isinstance(exc, TooManyAttempts) else 401
        response = render(
            request,
            "login.html",
            None,
            status,
            login_csrf=token,
            next=_safe_next(next),
            error=str(exc),
        )
        _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, 600)
        return response
    issued = accounts.issue_token(user, "session")
    redirect = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(request, redirect, SESSION_COOKIE, issued.token, 12 * 3600)
    redirect.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return redirect


@router.post("/logout")
def logout(
    csrf_token: str = Form(max_length=100),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """End the session."""
    check_csrf(session.csrf, csrf_token)
    context.services.accounts.revoke(session.token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, age: int) -> None:
    context: WebContext = request.app.state.context
    secure = context.https or request.url.scheme == "https"
    response.set_cookie(
        name, value, max_age=age, path="/", httponly=True, samesite="strict", secure=secure
    )


@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Counts, verification status and recent activity."""
    services = context.services
    stored = services.ws.custody.store.latest_checkpoint()
    verified_at = services.latest_event("verified")
    verification: dict[str, Any] | None = None
    if verified_at is not None:
        verification = services.event(verified_at)
    return render(
        request,
        "dashboard.html",
        session,
        counts=services.ws.evidence.counts(),
        incidents=len(context.catalogue().incidents),
        log_size=services.ws.custody.size(),
        checkpoint=stored,
        verification=verification,
        recent=services.events(session.user, 0, 15),
    )


@router.get("/custody", response_class=HTMLResponse)
def custody_page(
    request: Request,
    offset: int = Query(0, ge=0),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """The custody log, newest first, with the latest checkpoint."""
    return _custody(request, session, context.services, offset, None)


@router.post("/custody/verify", response_class=HTMLResponse)
def verify_page(
    request: Request,
    csrf_token: str = Form(max_length=100),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Verify the workspace now and show the report."""
    check_csrf(session.csrf, csrf_token)
    report = web_actions.verify(context.services, session.user)
    return _custody(request, session, context.services, 0, report)


def _custody(
    request: Request,
    session: IssuedToken,
    services: WebServices,
    offset: int,
    report: dict[str, Any] | None,
) -> Response:
    """The custody page: 100 events from ``offset``, the latest checkpoint, a report."""
    stored = services.ws.custody.store.latest_checkpoint()
    return render(
        request,
        "custody.html",
        session,
        events=services.events(session.user, offset, 100),
        offset=offset,
        size=services.ws.custody.size(),
        checkpoint=stored.note if stored else None,
        verifier_key=services.ws.verifier_key(),
        report=report,
    )


@router.get("/users", response_class=HTMLResponse)
def users_page(
    request: Request,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Accounts, their roles and clearances (admins only)."""
    require(session.user, "manage_users")
    users = context.services.accounts.users()
    return render(request, "users.html", session, users=users, roles=ROLES)


@router.post("/users")
def add_user(
    csrf_token: str = Form(max_length=100),
    name: str = Form(max_length=64),
    role: str = Form(max_length=16),
    password: str = Form(max_length=1024),
    clearances: str = Form("", max_length=2000),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Create an account (admins only; the event is logged)."""
    check_csrf(session.csrf, csrf_token)
    require(session.user, "manage_users")
    with context.services.write_lock:
        context.services.accounts.add_user(name, role, password, clearances.split(","))
    return RedirectResponse("/users", status_code=303)
