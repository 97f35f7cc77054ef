"""Turning processed inputs into evidence rows and custody events (no I/O here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from qarina import TOOL_NAME, __version__
from qarina.app.processing import JSONL_PROCESSOR, JSONL_VERSION, Processed
from qarina.core.ids import new_id, processor_ref
from qarina.core.model import Acquisition, CustodyEvent, Derivative, Document, Failure, Item
from qarina.custody.canonical import canonical_json
from qarina.store.sql.evidence import EvidenceBatch
from qarina.store.sql.facts import ExtractionRecord

TOOL = processor_ref(TOOL_NAME, __version__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input, for the ingest summary."""

    label: str
    status: str  # preserved | opaque | failed
    sha256: str | None = None
    reason: str | None = None
    document_id: str | None = None
    incidents: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "input": self.label,
            "status": self.status,
            "sha256": self.sha256,
            "reason": self.reason,
            "document_id": self.document_id,
            "incidents": self.incidents,
        }


@dataclass(slots=True)
class Recorded:
    """Rows and events for one batch."""

    evidence: EvidenceBatch
    extractions: list[ExtractionRecord] = field(default_factory=list)
    events: list[CustodyEvent] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def digest_of_json(value: Any) -> str:
    """``sha256:<hex>`` of a value's canonical JSON: how derived content is named."""
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()


class RecordBuilder:
    """Builds a batch's rows and events from processed inputs, in input order."""

    def __init__(self, batch_id: str, actor: str, now: datetime, source_url: str | None) -> None:
        self.recorded = Recorded(EvidenceBatch(batch_id=batch_id))
        self.actor = actor
        self.now = now
        self.source_url = source_url

    def add(self, result: Processed) -> None:
        if result.failure is not None or result.digests is None:
            self._failed(result, result.failure or "not stored")
            return
        sha = result.digests.sha256
        batch = self.recorded.evidence
        batch.items.append(
            Item(
                sha,
                result.digests.size,
                result.digests.md5,
                result.digests.sha1,
                result.mime or "application/octet-stream",
                self.now,
            )
        )
        acquisition = self._acquisition(result)
        batch.acquisitions.append(acquisition)
        self._event("acquired", sha, _acquired_details(result, acquisition))
        document_id = self._derive(result) if result.text else None
        if result.extraction is not None and result.extraction.metadata:
            self._derivative(
                result, "metadata", result.extraction.processor, result.extraction.metadata
            )
        incidents = self._facts(result, document_id) if document_id else 0
        status = "opaque" if result.text_error or not result.text else "preserved"
        self.recorded.outcomes.append(
            Outcome(result.label, status, sha, _note(result), document_id, incidents)
        )

    def _failed(self, result: Processed, reason: str) -> None:
        failure = Failure(new_id(), self.recorded.evidence.batch_id, result.label, reason, self.now)
        self.recorded.evidence.failures.append(failure)
        self._event(
            "rejected", None, {"input": result.label, "reason": reason, "failure_id": failure.id}
        )
        self.recorded.outcomes.append(Outcome(result.label, "failed", reason=reason))

    def _acquisition(self, result: Processed) -> Acquisition:
        notes: dict[str, Any] = {}
        if result.text_error:
            notes["text_error"] = result.text_error
        if result.extraction is not None and result.extraction.warnings:
            notes["warnings"] = list(result.extraction.warnings)
        url = result.meta.get("url") or self.source_url
        assert result.digests is not None
        return Acquisition(
            new_id(),
            result.digests.sha256,
            result.original_name,
            result.original_path,
            result.claimed_mime,
            url,
            self.now,
            self.actor,
            TOOL,
            notes,
        )

    def _derive(self, result: Processed) -> str:
        assert result.digests is not None and result.text is not None
        processor = (
            result.extraction.processor
            if result.extraction is not None
            else processor_ref(JSONL_PROCESSOR, JSONL_VERSION)
        )
        text_digest = "sha256:" + hashlib.sha256(result.text.encode("utf-8")).hexdigest()
        content = {
            "text_sha256": text_digest,
            "chars": len(result.text),
            "language": result.language,
            "passages": len(result.passages),
            **{k: v for k, v in result.meta.items() if v is not None},
        }
        derivative = self._derivative(result, "text", processor, content)
        document = Document(
            new_id(),
            result.digests.sha256,
            result.text,
            result.language,
            result.meta.get("title"),
            result.meta.get("publisher"),
            result.meta.get("published"),
            result.meta.get("url"),
            result.meta.get("id"),
            processor,
            derivative.id,
            self.now,
        )
        batch = self.recorded.evidence
        batch.documents.append(document)
        batch.passages.extend(replace(p, document_id=document.id) for p in result.passages)
        return document.id

    def _derivative(
        self, result: Processed, kind: str, processor: str, content: dict[str, Any]
    ) -> Derivative:
        assert result.digests is not None
        derivative = Derivative(new_id(), result.digests.sha256, kind, processor, self.now, content)
        self.recorded.evidence.derivatives.append(derivative)
        self._event(
            "derived",
            result.digests.sha256,
            {
                "derivative_id": derivative.id,
                "kind": kind,
                "processor": processor,
                "content_sha256": digest_of_json(content),
            },
        )
        return derivative

    def _facts(self, result: Processed, document_id: str) -> int:
        if result.facts is None:
            return 0
        from qarina.extract.document import EXTRACTOR

        record = ExtractionRecord(new_id(), document_id, EXTRACTOR, self.now, result.facts)
        self.recorded.extractions.append(record)
        count = len(result.facts.get("incidents") or [])
        assert result.digests is not None
        self._event(
            "extracted",
            result.digests.sha256,
            {
                "extraction_id": record.id,
                "document_id": document_id,
                "processor": EXTRACTOR,
                "output_sha256": digest_of_json(result.facts),
                "incidents": count,
            },
        )
        return count

    def _event(self, kind: str, subject: str | None, details: dict[str, Any]) -> None:
        self.recorded.events.append(CustodyEvent(kind, self.actor, self.now, subject, details))


def _note(result: Processed) -> str | None:
    """The one-line reason shown next to an input that is not plain sailing."""
    if result.text_error:
        return result.text_error
    warnings = result.extraction.warnings if result.extraction is not None else ()
    if not result.text:
        detail = f": {warnings[0]}" if warnings else ""
        return f"kept as an opaque original, no text read from {result.mime}{detail}"
    return result.facts_error


def _acquired_details(result: Processed, acquisition: Acquisition) -> dict[str, Any]:
    assert result.digests is not None
    details = {
        "acquisition_id": acquisition.id,
        "original_name": result.original_name,
        "original_path": result.original_path,
        "size": result.digests.size,
        "md5": result.digests.md5,
        "sha1": result.digests.sha1,
        "mime": result.mime,
        "claimed_mime": result.claimed_mime,
        "source_url": acquisition.source_url,
        "tool": TOOL,
    }
    return {k: v for k, v in details.items() if v is not None}
