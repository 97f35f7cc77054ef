"""API: tokens (OAuth2 password flow), the current user, accounts, health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from qarina.app.accounts import PERMISSIONS, ROLES, User
from qarina.app.web_services import require
from qarina.web.auth import api_user, bearer, client_address, web_context
from qarina.web.context import WebContext

router = APIRouter(prefix="/api", tags=["accounts"])


class Token(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int


class Me(BaseModel):
    """The user a token belongs to."""

    name: str
    role: str
    clearances: list[str]
    permissions: list[str]


class NewUser(BaseModel):
    """An account to create."""

    name: str = Field(min_length=1, max_length=64)
    role: str = Field(pattern="^(" + "|".join(ROLES) + ")$")
    password: str = Field(min_length=10, max_length=1024)
    clearances: list[str] = Field(default_factory=list, max_length=50)


@router.post("/token", response_model=Token)
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    context: WebContext = Depends(web_context),
    address: str = Depends(client_address),
) -> Token:
    """Exchange a user name and password for a bearer token (throttled)."""
    accounts = context.services.accounts
    user = accounts.authenticate(form.username, form.password, address)
    issued = accounts.issue_token(user, "api")
    return Token(access_token=issued.token, expires_in=24 * 3600)


@router.post("/logout", status_code=204)
def logout(
    raw: str | None = Depends(bearer),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> None:
    """Invalidate the bearer token this request carries."""
    context.services.accounts.revoke(raw or "")


@router.get("/me", response_model=Me)
def me(user: User = Depends(api_user)) -> Me:
    """Who this token belongs to and what they may do."""
    allowed = sorted(p for p in PERMISSIONS if user.may(p))
    clearances = sorted(user.clearances)
    return Me(name=user.name, role=user.role, clearances=clearances, permissions=allowed)


@router.post("/users", status_code=201)
def add_user(
    new: NewUser, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> dict[str, Any]:
    """Create an account (admins only)."""
    require(user, "manage_users")
    with context.services.write_lock:  # one custody writer at a time in this process
        accounts = context.services.accounts
        created = accounts.add_user(new.name, new.role, new.password, new.clearances)
    return {"name": created.name, "role": created.role, "clearances": sorted(created.clearances)}


@router.get("/health")
def health() -> dict[str, str]:
    """A bare JSON answer (for monitoring and as the load benchmark's baseline)."""
    return {"status": "ok"}
