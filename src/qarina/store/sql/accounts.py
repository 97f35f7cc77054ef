"""Account tables and their repository: users, session and API tokens, item restrictions,
login attempts; plus the document directory that access decisions read.

Restrictions are append-only: the newest mark of an item decides (a lifted restriction
is a new row with ``collection`` ``None``). Tokens are stored by their SHA-256 only, so
a copy of the database does not let anyone sign in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from qarina.store.sql.metadata import UTCDateTime, metadata
from qarina.store.sql.schema import documents, proposals, reviews

Instant = UTCDateTime()

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("clearances", sa.JSON, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
    sa.Column("disabled_at", Instant),
)

user_tokens = sa.Table(
    "user_tokens",
    metadata,
    sa.Column("token_sha256", sa.String(71), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # session | api
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
    sa.Column("expires_at", Instant, nullable=False),
    sa.Column("revoked_at", Instant),
)

item_restrictions = sa.Table(
    "item_restrictions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("item_sha256", sa.String(71), nullable=False, index=True),
    sa.Column("collection", sa.String(255)),  # None: the restriction is lifted
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("marked_by", sa.String(255), nullable=False),
    sa.Column("marked_at", Instant, nullable=False),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(255), nullable=False, index=True),
    sa.Column("address", sa.String(64), nullable=False, index=True),
    sa.Column("succeeded", sa.Boolean, nullable=False),
    sa.Column("at", Instant, nullable=False, index=True),
)

TABLES = [users, user_tokens, item_restrictions, login_attempts]
APPEND_ONLY = ["item_restrictions"]


def has_account_tables(engine: Engine) -> bool:
    """True when every account table exists in the database."""
    names = set(sa.inspect(engine).get_table_names())
    return all(table.name in names for table in TABLES)


@dataclass(frozen=True, slots=True)
class UserRecord:
    """One account as stored."""

    id: str
    name: str
    role: str
    password_hash: str
    clearances: list[str]
    created_at: datetime
    disabled_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """One session or API token as stored (by digest)."""

    token_sha256: str
    user_id: str
    kind: str
    csrf: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None


class SQLAccountRepository:
    """Reads and writes account rows."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- users -----------------------------------------------------------------------
    def add_user(self, record: UserRecord) -> None:
        """Insert one account."""
        with self.engine.begin() as conn:
            conn.execute(users.insert(), [_row(record)])

    def set_password(self, user_id: str, password_hash: str) -> None:
        """Replace an account's password hash."""
        with self.engine.begin() as conn:
            conn.execute(
                users.update().where(users.c.id == user_id).values(password_hash=password_hash)
            )

    def user_by_name(self, name: str) -> UserRecord | None:
        """The account with this name, if any."""
        return self._user(users.c.name == name)

    def user_by_id(self, user_id: str) -> UserRecord | None:
        """The account with this id, if any."""
        return self._user(users.c.id == user_id)

    def list_users(self) -> list[UserRecord]:
        """Every account, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(users).order_by(users.c.name)).mappings()
            return [UserRecord(**row) for row in rows]

    def _user(self, condition: sa.ColumnElement[bool]) -> UserRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(condition)).mappings().first()
        return UserRecord(**row) if row else None

    # -- tokens ----------------------------------------------------------------------
    def add_token(self, record: TokenRecord) -> None:
        """Store one token (by digest)."""
        with self.engine.begin() as conn:
            conn.execute(user_tokens.insert(), [_row(record)])

    def token(self, token_sha256: str) -> tuple[TokenRecord, UserRecord] | None:
        """The token with this digest and its user (revoked ones included)."""
        query = (
            sa.select(user_tokens, users)
            .join(users, users.c.id == user_tokens.c.user_id)
            .where(user_tokens.c.token_sha256 == token_sha256)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        token = TokenRecord(**{c.name: row[user_tokens.c[c.name]] for c in user_tokens.c})
        user = UserRecord(**{c.name: row[users.c[c.name]] for c in users.c})
        return token, user

    def revoke_token(self, token_sha256: str, at: datetime) -> None:
        """Mark a token revoked."""
        with self.engine.begin() as conn:
            conn.execute(
                user_tokens.update()
                .where(user_tokens.c.token_sha256 == token_sha256)
                .values(revoked_at=at)
            )

    # -- restrictions ------------------------------------------------------------------
    def add_restriction(self, conn: Connection, row: dict[str, Any]) -> None:
        """Append one restriction mark through the caller's transaction."""
        conn.execute(item_restrictions.insert(), [row])

    def restrictions(self) -> dict[str, str]:
        """``item digest → collection`` for every item whose newest mark restricts it."""
        query = sa.select(item_restrictions).order_by(
            item_restrictions.c.marked_at, item_restrictions.c.id
        )
        latest: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                latest[row["item_sha256"]] = row["collection"]
        return {sha: collection for sha, collection in latest.items() if collection}

    # -- login attempts ----------------------------------------------------------------
    def record_attempt(self, name: str, address: str, succeeded: bool, at: datetime) -> None:
        """Remember one sign-in attempt."""
        with self.engine.begin() as conn:
            conn.execute(
                login_attempts.insert(),
                [{"name": name, "address": address, "succeeded": succeeded, "at": at}],
            )

    def failures_since(self, name: str, address: str, since: datetime) -> tuple[int, int]:
        """Failed attempts since ``since``: ``(for this name, from this address)``."""
        failed = sa.and_(login_attempts.c.succeeded.is_(False), login_attempts.c.at >= since)
        count = sa.select(sa.func.count()).select_from(login_attempts)
        with self.engine.connect() as conn:
            by_name = conn.execute(count.where(failed, login_attempts.c.name == name)).scalar()
            by_address = conn.execute(
                count.where(failed, login_attempts.c.address == address)
            ).scalar()
        return int(by_name or 0), int(by_address or 0)

    # -- document directory ------------------------------------------------------------
    def document_directory(self) -> list[dict[str, Any]]:
        """Every document's id, external id, item and publication metadata (no text)."""
        c = documents.c
        query = sa.select(
            c.id, c.external_id, c.item_sha256, c.title, c.publisher, c.published, c.language
        ).order_by(c.created_at, c.id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def review_page(
        self, after: str | None, limit: int, *, descending: bool = False
    ) -> list[dict[str, Any]]:
        """Up to ``limit`` documents with at least one proposal nobody has reviewed, past
        the document id ``after`` in ``(created_at, id)`` order (or its reverse), each
        with its ``undecided`` and ``decided`` proposal counts — two queries in all."""
        c, p, r = documents.c, proposals.c, reviews.c
        unreviewed = sa.and_(p.document_id == c.id, ~sa.exists().where(r.proposal_id == p.id))
        query = sa.select(
            c.id, c.external_id, c.item_sha256, c.title, c.publisher, c.published, c.language
        ).where(sa.exists().where(unreviewed))
        if after is not None:
            mark = sa.select(c.created_at).where(c.id == after).scalar_subquery()
            key, other = sa.tuple_(c.created_at, c.id), sa.tuple_(mark, after)
            query = query.where(key < other if descending else key > other)
        order = [c.created_at.desc(), c.id.desc()] if descending else [c.created_at, c.id]
        with self.engine.connect() as conn:
            rows = [
                dict(row) for row in conn.execute(query.order_by(*order).limit(limit)).mappings()
            ]
            counts = _proposal_counts(conn, [row["id"] for row in rows])
        for row in rows:
            row["undecided"], row["decided"] = counts.get(row["id"], (0, 0))
        return rows


def _proposal_counts(conn: Connection, document_ids: list[str]) -> dict[str, tuple[int, int]]:
    """``document id → (undecided, decided)`` proposal counts."""
    if not document_ids:
        return {}
    p, r = proposals.c, reviews.c
    reviewed = sa.exists().where(r.proposal_id == p.id)
    decided = sa.func.sum(sa.case((reviewed, 1), else_=0))
    query = (
        sa.select(p.document_id, sa.func.count(), decided)
        .where(p.document_id.in_(document_ids))
        .group_by(p.document_id)
    )
    return {
        doc: (int(total) - int(done or 0), int(done or 0))
        for doc, total, done in conn.execute(query)
    }


def _row(record: UserRecord | TokenRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__slots__}
