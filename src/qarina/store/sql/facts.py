"""Repository for extracted facts and the linker's view: extractions, proposals,
reviews, judgements and canonical incidents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from qarina.store.sql.schema import (
    documents,
    extractions,
    incidents,
    judgements,
    proposals,
    reviews,
)


@dataclass(frozen=True, slots=True)
class ExtractionRecord:
    """One extractor run over one document, with its incident proposals."""

    id: str
    document_id: str
    processor: str
    created_at: datetime
    output: dict[str, Any]


@dataclass(frozen=True, slots=True)
class JudgementRecord:
    """A human decision about incidents (merge, split, reparent), append-only."""

    id: str
    action: str
    payload: dict[str, Any]
    judge: str
    reason: str
    decided_at: datetime


class SQLFactsRepository:
    """Extraction results and linking state."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def write_extractions(self, conn: Connection, records: Sequence[ExtractionRecord]) -> None:
        """Append extraction runs and one proposal row per incident they propose."""
        if not records:
            return
        conn.execute(
            extractions.insert(),
            [
                {
                    "id": r.id,
                    "document_id": r.document_id,
                    "processor": r.processor,
                    "created_at": r.created_at,
                    "output": r.output,
                }
                for r in records
            ],
        )
        rows = [
            _proposal_row(record, seq, incident)
            for record in records
            for seq, incident in enumerate(record.output.get("incidents") or [])
        ]
        if rows:
            conn.execute(proposals.insert(), rows)

    def latest_extractions(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """For every document, its newest extraction output with the document's metadata."""
        query = (
            sa.select(
                extractions.c.output,
                extractions.c.created_at,
                documents.c.id,
                documents.c.external_id,
                documents.c.published,
                documents.c.publisher,
                documents.c.title,
                documents.c.url,
                documents.c.language,
                documents.c.item_sha256,
                documents.c.text,
            )
            .join(documents, documents.c.id == extractions.c.document_id)
            .order_by(documents.c.created_at, documents.c.id, extractions.c.created_at)
        )
        latest: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                meta = {
                    "document_id": row["id"],
                    "external_id": row["external_id"],
                    "published": row["published"],
                    "publisher": row["publisher"],
                    "title": row["title"],
                    "url": row["url"],
                    "language": row["language"],
                    "item_sha256": row["item_sha256"],
                    "text": row["text"],
                }
                latest[row["id"]] = (row["output"], meta)
        return list(latest.values())

    def proposals_of(self, document_id: str) -> list[dict[str, Any]]:
        """Proposals for a document with their latest review decision, if any."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(proposals)
                    .where(proposals.c.document_id == document_id)
                    .order_by(proposals.c.seq)
                )
                .mappings()
                .all()
            )
            decided = _latest_reviews(conn, [row["id"] for row in rows])
        return [{**dict(row), "review": decided.get(row["id"])} for row in rows]

    def add_review(self, conn: Connection, review: dict[str, Any]) -> None:
        conn.execute(reviews.insert(), [review])

    def add_judgement(self, conn: Connection, judgement: JudgementRecord) -> None:
        conn.execute(
            judgements.insert(),
            [
                {
                    "id": judgement.id,
                    "action": judgement.action,
                    "payload": judgement.payload,
                    "judge": judgement.judge,
                    "reason": judgement.reason,
                    "decided_at": judgement.decided_at,
                }
            ],
        )

    def judgements(self) -> list[JudgementRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(judgements).order_by(judgements.c.decided_at, judgements.c.id)
            ).mappings()
            return [JudgementRecord(**dict(row)) for row in rows]

    def replace_incidents(
        self, conn: Connection, rows: Sequence[dict[str, Any]], linker: str, at: datetime
    ) -> None:
        """Swap the linker's view for a new one (history stays in the custody log)."""
        conn.execute(incidents.delete())
        if rows:
            conn.execute(
                incidents.insert(),
                [
                    {
                        "id": row["id"],
                        "parent": row.get("parent"),
                        "data": row,
                        "linker": linker,
                        "linked_at": at,
                    }
                    for row in rows
                ],
            )

    def incidents(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(incidents.c.data).order_by(incidents.c.id))
            return [dict(row[0]) for row in rows]

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """The incident whose id is, or starts with, ``incident_id`` (``sha256:`` optional)."""
        if not incident_id.startswith("sha256:") and len(incident_id) < 64:
            incident_id = "sha256:" + incident_id
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(incidents.c.data).where(incidents.c.id.startswith(incident_id)).limit(2)
            ).all()
        return dict(rows[0][0]) if len(rows) == 1 else None


def _proposal_row(record: ExtractionRecord, seq: int, incident: dict[str, Any]) -> dict[str, Any]:
    spans = incident.get("spans") or {}
    evidence = spans.get("evidence") if isinstance(spans, dict) else None
    start = end = None
    if isinstance(evidence, list) and evidence and isinstance(evidence[0], list | tuple):
        start, end = int(evidence[0][0]), int(evidence[-1][1])
    return {
        "id": f"{record.id}:{seq}",
        "extraction_id": record.id,
        "document_id": record.document_id,
        "kind": "incident",
        "seq": seq,
        "value": incident,
        "start": start,
        "end": end,
        "processor": record.processor,
    }


def _latest_reviews(conn: Connection, proposal_ids: list[str]) -> dict[str, dict[str, Any]]:
    if not proposal_ids:
        return {}
    rows = conn.execute(
        sa.select(reviews)
        .where(reviews.c.proposal_id.in_(proposal_ids))
        .order_by(reviews.c.decided_at)
    ).mappings()
    return {row["proposal_id"]: dict(row) for row in rows}
