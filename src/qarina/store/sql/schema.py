"""Evidence tables: items, acquisitions, derivatives, documents, passages, proposals.

Tables that record what happened are append-only (see ``APPEND_ONLY``): corrections are
new rows, never edits. ``incidents`` is the linker's current view and is rebuilt by it.
"""

from __future__ import annotations

import sqlalchemy as sa

from qarina.store.sql.metadata import UTCDateTime, metadata

Instant = UTCDateTime()

items = sa.Table(
    "items",
    metadata,
    sa.Column("sha256", sa.String(71), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("md5", sa.String(32), nullable=False),
    sa.Column("sha1", sa.String(40), nullable=False),
    sa.Column("mime", sa.String(255), nullable=False),
    sa.Column("first_acquired_at", Instant, nullable=False),
)

acquisitions = sa.Table(
    "acquisitions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("item_sha256", sa.ForeignKey("items.sha256"), nullable=False, index=True),
    sa.Column("original_name", sa.Text),
    sa.Column("original_path", sa.Text),
    sa.Column("claimed_mime", sa.String(255)),
    sa.Column("source_url", sa.Text),
    sa.Column("acquired_at", Instant, nullable=False),
    sa.Column("acquired_by", sa.String(255), nullable=False),
    sa.Column("tool", sa.String(255), nullable=False),
    sa.Column("batch_id", sa.String(36), nullable=False, index=True),
    sa.Column("details", sa.JSON, nullable=False),
)

failures = sa.Table(
    "ingest_failures",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("batch_id", sa.String(36), nullable=False, index=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("failed_at", Instant, nullable=False),
)

derivatives = sa.Table(
    "derivatives",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("item_sha256", sa.ForeignKey("items.sha256"), nullable=False, index=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("processor", sa.String(128), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
    sa.Column("content", sa.JSON, nullable=False),
    sa.Column("blob_sha256", sa.String(71)),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("item_sha256", sa.ForeignKey("items.sha256"), nullable=False, index=True),
    sa.Column("derivative_id", sa.ForeignKey("derivatives.id"), nullable=False),
    sa.Column("external_id", sa.Text, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(16)),
    sa.Column("title", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("url", sa.Text),
    sa.Column("processor", sa.String(128), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

# Web listings page documents in this order.
sa.Index("ix_documents_created_at_id", documents.c.created_at, documents.c.id)

passages = sa.Table(
    "passages",
    metadata,
    sa.Column("document_id", sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("item_sha256", sa.String(71), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(16)),
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("document_id", sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("processor", sa.String(128), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
    sa.Column("output", sa.JSON, nullable=False),
)

proposals = sa.Table(
    "proposals",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("extraction_id", sa.ForeignKey("extractions.id"), nullable=False, index=True),
    sa.Column("document_id", sa.String(36), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),  # incident | claim | mention
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("value", sa.JSON, nullable=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("processor", sa.String(128), nullable=False),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("proposal_id", sa.ForeignKey("proposals.id"), nullable=False, index=True),
    sa.Column("decision", sa.String(16), nullable=False),  # accepted | rejected | edited
    sa.Column("value", sa.JSON),
    sa.Column("reviewer", sa.String(255), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("decided_at", Instant, nullable=False),
)

judgements = sa.Table(
    "judgements",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("action", sa.String(16), nullable=False),  # merge | split | reparent
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("judge", sa.String(255), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decided_at", Instant, nullable=False),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("parent", sa.String(80)),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("linker", sa.String(128), nullable=False),
    sa.Column("linked_at", Instant, nullable=False),
)

APPEND_ONLY = [
    "items",
    "acquisitions",
    "ingest_failures",
    "derivatives",
    "documents",
    "passages",
    "extractions",
    "proposals",
    "reviews",
    "judgements",
]
