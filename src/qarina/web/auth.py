"""Who is asking: bearer tokens for the API, session cookies for pages."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from qarina.app.accounts import IssuedToken, NotAuthenticated, User
from qarina.web.context import WebContext

SESSION_COOKIE = "qarina_session"
LOGIN_CSRF_COOKIE = "qarina_login_csrf"
bearer = OAuth2PasswordBearer(tokenUrl="/api/token", auto_error=False)


def web_context(request: Request) -> WebContext:
    """The application's shared state."""
    context: WebContext = request.app.state.context
    return context


def api_user(
    token: str | None = Depends(bearer), context: WebContext = Depends(web_context)
) -> User:
    """The user of an ``Authorization: Bearer`` API token (401 without one)."""
    if not token:
        raise NotAuthenticated("send an API token: Authorization: Bearer <token>")
    return context.services.accounts.resolve_token(token, "api").user


def page_session(request: Request, context: WebContext = Depends(web_context)) -> IssuedToken:
    """The signed-in session behind a page request (sign-in page otherwise)."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        raise NotAuthenticated("sign in first")
    return context.services.accounts.resolve_token(token, "session")


def page_user(session: IssuedToken = Depends(page_session)) -> User:
    """The signed-in user of a page request."""
    return session.user


def client_address(request: Request) -> str:
    """The peer address used for sign-in throttling."""
    return request.client.host if request.client else "unknown"
