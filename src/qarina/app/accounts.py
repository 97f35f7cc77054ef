"""Accounts: users with roles and clearances, password sign-in with throttling, tokens.

Roles: ``admin`` (everything, sees every restricted item), ``investigator`` (adds and
edits evidence, restricts items, reviews), ``analyst`` (reviews proposals and incidents),
``viewer`` (reads). Restricted items are visible to admins and to users cleared for the
item's collection. Passwords are hashed with argon2id; sessions and API tokens are random
(``secrets``) and stored by SHA-256 digest only.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from qarina.app.workspace import Workspace
from qarina.core.errors import AccessDenied, InputError, QarinaError, UsageError
from qarina.core.ids import new_id, sha256_ref
from qarina.store.sql.accounts import SQLAccountRepository, TokenRecord, UserRecord

ROLES = ("admin", "investigator", "analyst", "viewer")
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset(ROLES),
    "review": frozenset({"admin", "investigator", "analyst"}),
    "upload": frozenset({"admin", "investigator"}),
    "restrict": frozenset({"admin", "investigator"}),
    "verify": frozenset({"admin", "investigator"}),
    "manage_users": frozenset({"admin"}),
}
SESSION_LIFETIME = timedelta(hours=12)
API_TOKEN_LIFETIME = timedelta(days=1)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD_LENGTH = 10
TOKEN_CACHE = timedelta(seconds=30)
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")


class TooManyAttempts(QarinaError):
    """Sign-in refused for a while after repeated failures."""

    code = "qarina.throttled"
    exit_code = 9
    http_status = 429


class NotAuthenticated(QarinaError):
    """No valid credentials came with the request."""

    code = "qarina.not_authenticated"
    exit_code = 8
    http_status = 401


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in person as the rest of the application sees them."""

    id: str
    name: str
    role: str
    clearances: frozenset[str]

    def may(self, permission: str) -> bool:
        """True when this user's role grants ``permission``."""
        return self.role in PERMISSIONS[permission]

    def cleared_for(self, collection: str) -> bool:
        """True when the user may see items restricted to ``collection``."""
        return self.role == "admin" or collection in self.clearances


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A fresh token (shown once) with its CSRF secret and the user it belongs to."""

    token: str
    csrf: str
    user: User


def digest_token(token: str) -> str:
    """The stored form of a token."""
    return sha256_ref(hashlib.sha256(token.encode()).hexdigest())


def _user_of(record: UserRecord) -> User:
    return User(record.id, record.name, record.role, frozenset(record.clearances))


def check_name(name: str) -> str:
    """A user name: 1–64 characters of lower-case letters, digits and ``._-@``."""
    if not 0 < len(name) <= 64 or not set(name) <= _NAME_CHARS:
        raise InputError(
            f"user name {name!r} is not allowed",
            hint="use 1-64 lower-case letters, digits, '.', '_', '-' or '@'",
        )
    return name


class AccountService:
    """Users, sign-in and tokens of one workspace."""

    def __init__(self, ws: Workspace, hasher: PasswordHasher | None = None) -> None:
        self.ws = ws
        self.repo = SQLAccountRepository(ws.engine)
        self.hasher = hasher or PasswordHasher()
        self._tokens: dict[str, tuple[TokenRecord, IssuedToken, datetime]] = {}

    def add_user(self, name: str, role: str, password: str, clearances: Iterable[str] = ()) -> User:
        """Create an account; the event is logged (without the password, of course)."""
        check_name(name)
        if role not in ROLES:
            raise InputError(f"role must be one of {', '.join(ROLES)}: {role!r}")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise InputError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
        if self.repo.user_by_name(name) is not None:
            raise UsageError(f"user {name!r} already exists")
        cleared = sorted({c.strip() for c in clearances if c.strip()})
        record = UserRecord(
            new_id(), name, role, self.hasher.hash(password), cleared, self.ws.clock.now()
        )
        self.repo.add_user(record)
        self.ws.record("user_added", record.id, {"name": name, "role": role, "clearances": cleared})
        return _user_of(record)

    def users(self) -> list[User]:
        """Every account, by name."""
        return [_user_of(r) for r in self.repo.list_users()]

    def authenticate(self, name: str, password: str, address: str) -> User:
        """The user for a correct name and password; throttled after repeated failures."""
        now = self.ws.clock.now()
        by_name, by_address = self.repo.failures_since(name, address, now - THROTTLE_WINDOW)
        if by_name >= MAX_FAILURES_PER_NAME or by_address >= MAX_FAILURES_PER_ADDRESS:
            raise TooManyAttempts(
                "too many failed sign-in attempts", hint="wait 15 minutes and try again"
            )
        record = self.repo.user_by_name(name)
        if record is None or record.disabled_at is not None or not self._matches(record, password):
            self.repo.record_attempt(name[:255], address[:64], False, now)
            raise NotAuthenticated("wrong user name or password")
        self.repo.record_attempt(name, address[:64], True, now)
        if self.hasher.check_needs_rehash(record.password_hash):
            self.repo.set_password(record.id, self.hasher.hash(password))
        return _user_of(record)

    def _matches(self, record: UserRecord, password: str) -> bool:
        try:
            return self.hasher.verify(record.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def issue_token(self, user: User, kind: str) -> IssuedToken:
        """A new session (``kind="session"``) or API (``"api"``) token for ``user``."""
        lifetime = SESSION_LIFETIME if kind == "session" else API_TOKEN_LIFETIME
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.ws.clock.now()
        record = TokenRecord(digest_token(token), user.id, kind, csrf, now, now + lifetime)
        self.repo.add_token(record)
        return IssuedToken(token, csrf, user)

    def resolve_token(self, token: str, kind: str) -> IssuedToken:
        """The user and CSRF secret of a live token of ``kind``.

        Answers are remembered for ``TOKEN_CACHE_SECONDS`` (a revocation in this process
        takes effect at once; one made by another process within that time).
        """
        if not token:
            raise NotAuthenticated("not signed in")
        digest = digest_token(token)
        now = self.ws.clock.now()
        cached = self._tokens.get(digest)
        if cached is not None and cached[0].kind == kind and now < cached[2]:
            record, issued, _ = cached
            if record.expires_at > now:
                return issued
        found = self.repo.token(digest)
        if found is None:
            raise NotAuthenticated("not signed in")
        record, user = found
        if record.kind != kind or record.revoked_at is not None or record.expires_at <= now:
            raise NotAuthenticated("the session or token has expired; sign in again")
        if user.disabled_at is not None:
            raise AccessDenied("this account is disabled")
        issued = IssuedToken(token, record.csrf, _user_of(user))
        if len(self._tokens) > 10_000:
            self._tokens.clear()
        self._tokens[digest] = (record, issued, now + TOKEN_CACHE)
        return issued

    def revoke(self, token: str) -> None:
        """End a session or invalidate an API token."""
        digest = digest_token(token)
        self._tokens.pop(digest, None)
        self.repo.revoke_token(digest, self.ws.clock.now())


def create_demo_account(ws: Workspace, name: str = "demo") -> tuple[str, str]:
    """An admin account with a fresh random password for ``qarina demo --serve``.

    Returns ``(name, password)`` to print once; a second call for the same name adds a
    numbered account (``demo-2``…) rather than resetting a password.
    """
    service = AccountService(ws)
    taken = {user.name for user in service.users()}
    chosen, n = name, 1
    while chosen in taken:
        n += 1
        chosen = f"{name}-{n}"
    password = secrets.token_urlsafe(12)
    service.add_user(chosen, "admin", password)
    return chosen, password
