"""Repository for preserved evidence: items, acquisitions, derivatives, documents, passages."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from qarina.core.model import Acquisition, Derivative, Document, Failure, Item, Passage
from qarina.store.sql.schema import (
    acquisitions,
    derivatives,
    documents,
    failures,
    items,
    passages,
)

_CHUNK = 500


@dataclass(slots=True)
class EvidenceBatch:
    """Rows written together in one transaction (with their custody events)."""

    items: list[Item] = field(default_factory=list)
    acquisitions: list[Acquisition] = field(default_factory=list)
    derivatives: list[Derivative] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    batch_id: str = ""


def _item_row(item: Item) -> dict[str, Any]:
    return asdict(item)


def _acquisition_row(acq: Acquisition, batch_id: str) -> dict[str, Any]:
    row = asdict(acq)
    row["details"] = row.pop("notes")
    row["batch_id"] = batch_id
    return row


def _passage_row(passage: Passage) -> dict[str, Any]:
    return asdict(passage)


class SQLEvidenceRepository:
    """Reads and appends evidence rows. Writes go through a caller's connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing ---------------------------------------------------------------------
    def write_batch(self, conn: Connection, batch: EvidenceBatch) -> None:
        """Append a batch; items already stored are kept as they are (same bytes)."""
        if batch.items:
            wanted = {item.sha256: item for item in batch.items}
            present = set(
                conn.execute(sa.select(items.c.sha256).where(items.c.sha256.in_(wanted))).scalars()
            )
            fresh = [_item_row(i) for key, i in wanted.items() if key not in present]
            if fresh:
                conn.execute(items.insert(), fresh)
        if batch.acquisitions:
            rows = [_acquisition_row(a, batch.batch_id) for a in batch.acquisitions]
            conn.execute(acquisitions.insert(), rows)
        if batch.derivatives:
            conn.execute(derivatives.insert(), [asdict(d) for d in batch.derivatives])
        if batch.documents:
            conn.execute(documents.insert(), [asdict(d) for d in batch.documents])
        if batch.passages:
            conn.execute(passages.insert(), [_passage_row(p) for p in batch.passages])
        if batch.failures:
            conn.execute(failures.insert(), [asdict(f) for f in batch.failures])

    # -- reading ---------------------------------------------------------------------
    def item(self, sha256: str) -> Item | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(items).where(items.c.sha256 == sha256)).mappings().first()
        return Item(**row) if row else None

    def find_items(self, prefix: str) -> list[str]:
        """Digests starting with ``prefix`` (``sha256:`` optional) — for short references."""
        needle = prefix if prefix.startswith("sha256:") else f"sha256:{prefix}"
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    sa.select(items.c.sha256).where(items.c.sha256.startswith(needle)).limit(5)
                ).scalars()
            )

    def iter_items(self) -> Iterator[Item]:
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(items).order_by(items.c.sha256)).mappings():
                yield Item(**row)

    def acquisitions_of(self, sha256: str) -> list[Acquisition]:
        query = (
            sa.select(acquisitions)
            .where(acquisitions.c.item_sha256 == sha256)
            .order_by(acquisitions.c.acquired_at)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_acquisition_of(row) for row in rows]

    def all_acquisitions(self) -> list[Acquisition]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(acquisitions)).mappings().all()
        return [_acquisition_of(row) for row in rows]

    def iter_derivatives(self) -> Iterator[Derivative]:
        """Every derivative, in one query (for verification)."""
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(derivatives).order_by(derivatives.c.id)).mappings():
                yield Derivative(**row)

    def derivatives_of(self, sha256: str) -> list[Derivative]:
        query = (
            sa.select(derivatives)
            .where(derivatives.c.item_sha256 == sha256)
            .order_by(derivatives.c.created_at)
        )
        with self.engine.connect() as conn:
            return [Derivative(**row) for row in conn.execute(query).mappings()]

    def documents_of(self, sha256: str) -> list[Document]:
        query = sa.select(documents).where(documents.c.item_sha256 == sha256)
        with self.engine.connect() as conn:
            return [_document_of(row) for row in conn.execute(query).mappings()]

    def iter_documents(self) -> Iterator[Document]:
        with self.engine.connect() as conn:
            query = sa.select(documents).order_by(documents.c.created_at, documents.c.id)
            for row in conn.execute(query).mappings():
                yield _document_of(row)

    def document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(documents).where(documents.c.id == document_id))
                .mappings()
                .first()
            )
        return _document_of(row) if row else None

    def passages_of(self, document_id: str) -> list[Passage]:
        query = (
            sa.select(passages)
            .where(passages.c.document_id == document_id)
            .order_by(passages.c.seq)
        )
        with self.engine.connect() as conn:
            return [Passage(**row) for row in conn.execute(query).mappings()]

    def failures(self, batch_id: str | None = None) -> list[Failure]:
        query = sa.select(failures).order_by(failures.c.failed_at)
        if batch_id:
            query = query.where(failures.c.batch_id == batch_id)
        with self.engine.connect() as conn:
            return [Failure(**row) for row in conn.execute(query).mappings()]

    def counts(self) -> dict[str, int]:
        """Row counts of the evidence tables, for summaries and the dashboard."""
        tables = {
            "items": items,
            "acquisitions": acquisitions,
            "derivatives": derivatives,
            "documents": documents,
            "passages": passages,
            "failures": failures,
        }
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                for name, t in tables.items()
            }

    # -- paginated listings (keyset) -----------------------------------------------------
    def item_page(
        self,
        after: str | None,
        limit: int,
        *,
        descending: bool = False,
        mime: str | None = None,
        name: str | None = None,
    ) -> list[dict[str, Any]]:
        """Up to ``limit`` items past the digest ``after`` (ascending digest order, or
        descending with ``descending``), each with its acquisitions' original names.

        ``name`` keeps items with an original name containing it (case-insensitive).
        """
        c = items.c
        query = sa.select(c.sha256, c.size, c.mime, c.first_acquired_at)
        if after is not None:
            query = query.where(c.sha256 < after if descending else c.sha256 > after)
        if mime:
            query = query.where(c.mime == mime)
        if name:
            named = sa.func.lower(acquisitions.c.original_name).contains(
                name.lower(), autoescape=True
            )
            query = query.where(sa.exists().where(acquisitions.c.item_sha256 == c.sha256, named))
        query = query.order_by(c.sha256.desc() if descending else c.sha256).limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
            names = _names_of(conn, [row["sha256"] for row in rows])
        for row in rows:
            row["names"] = names.get(row["sha256"], [])
        return rows

    def item_kinds(self) -> dict[str, int]:
        """``MIME type → number of items`` of that type."""
        query = sa.select(items.c.mime, sa.func.count()).group_by(items.c.mime)
        with self.engine.connect() as conn:
            return {mime: int(n) for mime, n in conn.execute(query)}

    def kinds_of_items(self, shas: Collection[str]) -> dict[str, int]:
        """``MIME type → count`` among the items ``shas`` (read in chunks)."""
        out: dict[str, int] = {}
        ordered = sorted(shas)
        with self.engine.connect() as conn:
            for lo in range(0, len(ordered), _CHUNK):
                chunk = ordered[lo : lo + _CHUNK]
                query = (
                    sa.select(items.c.mime, sa.func.count())
                    .where(items.c.sha256.in_(chunk))
                    .group_by(items.c.mime)
                )
                for mime, n in conn.execute(query):
                    out[mime] = out.get(mime, 0) + int(n)
        return out

    def document_page(
        self,
        after: str | None,
        limit: int,
        *,
        descending: bool = False,
        language: str | None = None,
    ) -> list[dict[str, Any]]:
        """Up to ``limit`` documents (no text) past the document id ``after`` in
        ``(created_at, id)`` order (or its reverse); ``language`` ``"und"`` means none."""
        c = documents.c
        query = sa.select(
            c.id, c.external_id, c.item_sha256, c.title, c.publisher, c.published, c.language
        )
        if after is not None:
            mark = sa.select(c.created_at).where(c.id == after).scalar_subquery()
            key, other = sa.tuple_(c.created_at, c.id), sa.tuple_(mark, after)
            query = query.where(key < other if descending else key > other)
        if language == "und":
            query = query.where(c.language.is_(None))
        elif language:
            query = query.where(c.language == language)
        order = [c.created_at.desc(), c.id.desc()] if descending else [c.created_at, c.id]
        with self.engine.connect() as conn:
            return [
                dict(row) for row in conn.execute(query.order_by(*order).limit(limit)).mappings()
            ]

    def passage_texts(self, keys: Collection[tuple[str, int]]) -> dict[tuple[str, int], Passage]:
        """Passages by ``(item digest, seq)`` (the first document's when an item has
        several documents with the same sequence number)."""
        out: dict[tuple[str, int], Passage] = {}
        ordered = sorted(set(keys))
        with self.engine.connect() as conn:
            for lo in range(0, len(ordered), _CHUNK // 2):
                chunk = ordered[lo : lo + _CHUNK // 2]
                wanted = sa.or_(
                    *(sa.and_(passages.c.item_sha256 == s, passages.c.seq == q) for s, q in chunk)
                )
                for row in conn.execute(sa.select(passages).where(wanted)).mappings():
                    out.setdefault((row["item_sha256"], row["seq"]), Passage(**row))
        return out


def _names_of(conn: Connection, shas: list[str]) -> dict[str, list[str]]:
    """Original names of the acquisitions of ``shas``, oldest acquisition first."""
    if not shas:
        return {}
    a = acquisitions.c
    query = (
        sa.select(a.item_sha256, a.original_name)
        .where(a.item_sha256.in_(shas), a.original_name.is_not(None))
        .order_by(a.acquired_at, a.id)
    )
    names: dict[str, list[str]] = {}
    for sha, name in conn.execute(query):
        if name:
            names.setdefault(sha, []).append(name)
    return names


def _acquisition_of(row: Any) -> Acquisition:
    data = dict(row)
    data["notes"] = data.pop("details")
    data.pop("batch_id", None)
    return Acquisition(**data)


def _document_of(row: Any) -> Document:
    return Document(**dict(row))
