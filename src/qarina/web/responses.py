"""Rendering pages and problem+json errors."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment

from qarina.app.accounts import IssuedToken, NotAuthenticated
from qarina.core.clock import format_instant
from qarina.core.errors import QarinaError
from qarina.web.rendering import direction


def render(
    request: Request,
    template: str,
    session: IssuedToken | None,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    """A page from ``template`` (autoescaped), with the user and CSRF token in scope."""
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        request_path=request.url.path,
        user=session.user if session else None,
        csrf_token=session.csrf if session else "",
        direction=direction,
        **values,
    )
    return HTMLResponse(html, status_code=status_code)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_instant(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_response(data: Any, status_code: int = 200) -> Response:
    """JSON straight from ``json.dumps`` (FastAPI's generic encoder is slow on big lists)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)
    return Response(body.encode(), status_code=status_code, media_type="application/json")


def is_api(request: Request) -> bool:
    """True for REST API paths (errors there are problem+json)."""
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def problem(status: int, title: str, detail: str, code: str, hint: str | None = None) -> Response:
    """An RFC 9457 problem+json response."""
    body: dict[str, Any] = {
        "type": f"https://qarina.invalid/errors/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if hint:
        body["hint"] = hint
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )


async def qarina_error(request: Request, exc: Exception) -> Response:
    """Map a :class:`QarinaError` to problem+json (API) or a page (browser)."""
    assert isinstance(exc, QarinaError)
    if is_api(request):
        return problem(exc.http_status, type(exc).__name__, exc.message, exc.code, exc.hint)
    if isinstance(exc, NotAuthenticated) and request.method == "GET":
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)
    if isinstance(exc, NotAuthenticated):
        return RedirectResponse("/login", status_code=303)
    return render(request, "error.html", None, exc.http_status, error=exc)


async def validation_error(request: Request, exc: Exception) -> Response:
    """Invalid parameters: problem+json for the API, an error page otherwise."""
    assert isinstance(exc, RequestValidationError)
    messages = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
    )
    if is_api(request):
        return problem(422, "InvalidRequest", messages, "qarina.invalid_request")
    error = QarinaError(f"invalid request: {messages}")
    return render(request, "error.html", None, 422, error=error)
