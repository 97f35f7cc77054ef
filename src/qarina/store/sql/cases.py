"""Case tables and their repository: cases, charges, evidence links, suggestions, decisions,
protected-item marks and checkpoint time-stamp tokens.

Every table here records a judgement or an act and is append-only (see ``APPEND_ONLY``):
a decision is changed by a newer decision row, never by an edit. Writes go through a
caller's connection so that rows and their custody events commit together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from qarina.store.sql.metadata import UTCDateTime, metadata

Instant = UTCDateTime()

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("created_by", sa.String(255), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

case_incidents = sa.Table(
    "case_incidents",
    metadata,
    sa.Column("case_id", sa.ForeignKey("cases.id"), primary_key=True),
    sa.Column("incident_id", sa.String(80), primary_key=True),  # "sha256:<64 hex>"
    sa.Column("added_by", sa.String(255), nullable=False),
    sa.Column("added_at", Instant, nullable=False),
)

charges = sa.Table(
    "charges",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("crime_id", sa.String(64), nullable=False),
    sa.Column("perpetrator", sa.Text),
    sa.Column("created_by", sa.String(255), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

evidence_links = sa.Table(
    "evidence_links",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("charge_id", sa.ForeignKey("charges.id"), nullable=False, index=True),
    sa.Column("element_id", sa.String(80), nullable=False),
    sa.Column("evidence_kind", sa.String(16), nullable=False),
    sa.Column("evidence_ref", sa.Text, nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("weight", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("suggestion_id", sa.String(40)),
    sa.Column("created_by", sa.String(255), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

element_suggestions = sa.Table(
    "element_suggestions",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("charge_id", sa.ForeignKey("charges.id"), nullable=False),
    sa.Column("element_id", sa.String(80), nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

suggestion_decisions = sa.Table(
    "suggestion_decisions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("suggestion_id", sa.ForeignKey("element_suggestions.id"), nullable=False, index=True),
    sa.Column("decision", sa.String(16), nullable=False),  # accepted | rejected
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decided_by", sa.String(255), nullable=False),
    sa.Column("decided_at", Instant, nullable=False),
)

item_protections = sa.Table(
    "item_protections",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("item_sha256", sa.String(71), nullable=False, index=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("redacted_sha256", sa.String(71), nullable=False),
    sa.Column("redaction", sa.JSON, nullable=False),
    sa.Column("marked_by", sa.String(255), nullable=False),
    sa.Column("marked_at", Instant, nullable=False),
)

checkpoint_timestamps = sa.Table(
    "checkpoint_timestamps",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("checkpoint_size", sa.BigInteger, nullable=False, index=True),
    sa.Column("note_sha256", sa.String(71), nullable=False),
    sa.Column("authority", sa.Text, nullable=False),
    sa.Column("token", sa.LargeBinary, nullable=False),
    sa.Column("gen_time", Instant, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

TABLES = [
    cases,
    case_incidents,
    charges,
    evidence_links,
    element_suggestions,
    suggestion_decisions,
    item_protections,
    checkpoint_timestamps,
]
APPEND_ONLY = [table.name for table in TABLES]


@dataclass(frozen=True, slots=True)
class TimestampRecord:
    """A stored RFC 3161 token over one signed checkpoint note."""

    id: str
    checkpoint_size: int
    note_sha256: str
    authority: str
    token: bytes
    gen_time: datetime
    created_at: datetime


class SQLCaseRepository:
    """Reads and appends case rows. Writes take the caller's connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing ---------------------------------------------------------------------
    def insert(self, conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
        """Append rows to one of the case tables."""
        if table not in TABLES:
            raise ValueError(f"{table.name} is not a case table")
        if rows:
            conn.execute(table.insert(), list(rows))

    def add_suggestions(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> list[str]:
        """Append suggestions not stored yet; return the ids that were new."""
        ids = [row["id"] for row in rows]
        if not ids:
            return []
        present = set(
            conn.execute(
                sa.select(element_suggestions.c.id).where(element_suggestions.c.id.in_(ids))
            ).scalars()
        )
        fresh = [row for row in rows if row["id"] not in present]
        self.insert(conn, element_suggestions, fresh)
        return [row["id"] for row in fresh]

    # -- reading ---------------------------------------------------------------------
    def _rows(self, query: sa.Select[Any]) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def case(self, case_id: str) -> dict[str, Any] | None:
        """One case row (full id or a unique prefix of at least 4 characters)."""
        query = sa.select(cases).where(cases.c.id == case_id)
        found = self._rows(query)
        if not found and len(case_id) >= 4:
            found = self._rows(sa.select(cases).where(cases.c.id.startswith(case_id)).limit(2))
            if len(found) > 1:
                return None
        return found[0] if found else None

    def list_cases(self) -> list[dict[str, Any]]:
        return self._rows(sa.select(cases).order_by(cases.c.created_at, cases.c.id))

    def case_incidents(self, case_id: str) -> list[str]:
        query = (
            sa.select(case_incidents.c.incident_id)
            .where(case_incidents.c.case_id == case_id)
            .order_by(case_incidents.c.incident_id)
        )
        return [row["incident_id"] for row in self._rows(query)]

    def charges(self, case_id: str) -> list[dict[str, Any]]:
        query = (
            sa.select(charges)
            .where(charges.c.case_id == case_id)
            .order_by(charges.c.created_at, charges.c.id)
        )
        return self._rows(query)

    def links(self, case_id: str) -> list[dict[str, Any]]:
        query = (
            sa.select(evidence_links)
            .join(charges, charges.c.id == evidence_links.c.charge_id)
            .where(charges.c.case_id == case_id)
            .order_by(evidence_links.c.created_at, evidence_links.c.id)
        )
        return self._rows(query)

    def suggestions(self, case_id: str) -> list[dict[str, Any]]:
        """Suggestions of a case, each with its latest decision (``None`` if undecided)."""
        query = (
            sa.select(element_suggestions)
            .where(element_suggestions.c.case_id == case_id)
            .order_by(
                element_suggestions.c.charge_id,
                element_suggestions.c.element_id,
                element_suggestions.c.id,
            )
        )
        rows = self._rows(query)
        decisions = self._rows(
            sa.select(suggestion_decisions)
            .where(suggestion_decisions.c.suggestion_id.in_([r["id"] for r in rows]))
            .order_by(suggestion_decisions.c.decided_at, suggestion_decisions.c.id)
        )
        latest = {d["suggestion_id"]: d for d in decisions}
        return [{**row, "decision": latest.get(row["id"])} for row in rows]

    def protections(self) -> dict[str, dict[str, Any]]:
        """The latest protection mark of every marked item, by item digest."""
        rows = self._rows(
            sa.select(item_protections).order_by(
                item_protections.c.marked_at, item_protections.c.id
            )
        )
        return {row["item_sha256"]: row for row in rows}

    def timestamps(self, checkpoint_size: int | None = None) -> list[TimestampRecord]:
        """Stored time-stamp tokens (of one checkpoint size, or all), oldest first."""
        query = sa.select(checkpoint_timestamps).order_by(
            checkpoint_timestamps.c.created_at, checkpoint_timestamps.c.id
        )
        if checkpoint_size is not None:
            query = query.where(checkpoint_timestamps.c.checkpoint_size == checkpoint_size)
        return [TimestampRecord(**row) for row in self._rows(query)]
