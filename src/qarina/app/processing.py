"""The per-input work of an ingest run, safe to run in worker processes.

Each function takes one source, preserves its bytes in the blob store and reads what it
can from them (text, metadata, passages, extracted facts). Nothing here touches the
database or the custody log: :mod:`qarina.app.ingestion` records the results in order.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qarina.app.sources import FileSource, LineSource
from qarina.core.errors import InputError, QarinaError
from qarina.core.model import Digests, Passage
from qarina.ingest.contract import Extraction
from qarina.ingest.identify import identify
from qarina.ingest.language import detect_language
from qarina.ingest.normalise import normalise_text
from qarina.ingest.passages import split_passages
from qarina.ingest.registry import default_registry
from qarina.store.blobs.filesystem import FilesystemBlobStore

JSONL_PROCESSOR = "jsonl-line"
JSONL_VERSION = "1"
GIB = 1 << 30
DEFAULT_MAX_BYTES = 4 * GIB  # the largest item an ingest accepts unless told otherwise
SMALL_RUN = 64  # inputs below which an ingest runs in one process
# Originals up to this size are made durable by one filesystem sync per batch (before
# the batch is recorded) instead of two fsyncs each; larger ones are fsynced at once.
DEFERRED_SYNC_LIMIT = 16 << 20


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """How each input is processed (picklable: sent to worker processes)."""

    blob_root: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    extract_facts: bool = True


@dataclass(slots=True)
class Processed:
    """What one input became: stored digests, identification, text and facts, or a failure."""

    label: str
    original_name: str | None = None
    original_path: str | None = None
    digests: Digests | None = None
    mime: str | None = None
    claimed_mime: str | None = None
    failure: str | None = None
    text_error: str | None = None
    extraction: Extraction | None = None
    text: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)
    facts: dict[str, Any] | None = None
    facts_error: str | None = None


def process_file(source: FileSource, options: ProcessOptions) -> Processed:
    """Preserve one file and read it."""
    path = source.path
    result = Processed(source.label, original_name=path.name, original_path=str(path.resolve()))
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            result.failure = (
                f"{_size(size)} is over the {_size(options.max_bytes)} limit per item "
                "(raise it with --max-size)"
            )
            return result
        blobs = FilesystemBlobStore(options.blob_root)
        with path.open("rb") as handle:
            result.digests = blobs.put_stream(handle, sync=size > DEFERRED_SYNC_LIMIT)
    except FileNotFoundError:
        result.failure = "file disappeared before it could be read"
        return result
    except IsADirectoryError:
        result.failure = "is a folder, not a file"
        return result
    except OSError as exc:
        result.failure = f"cannot read: {exc.strerror or exc}"
        return result
    except QarinaError as exc:
        result.failure = str(exc)
        return result
    _read_content(result, Path(blobs.path_of(result.digests.sha256)), path.name, options)
    return result


def process_line(source: LineSource, options: ProcessOptions) -> Processed:
    """Preserve one JSONL line (its exact bytes) and take its text and metadata."""
    record = source.record
    result = Processed(
        source.label,
        original_name=f"{source.file.name}:{source.line_no}",
        original_path=str(source.file.resolve()),
    )
    blobs = FilesystemBlobStore(options.blob_root)
    try:
        result.digests = blobs.put_stream(io.BytesIO(source.data), sync=False)
    except QarinaError as exc:
        result.failure = str(exc)
        return result
    result.mime = result.claimed_mime = "application/json"
    text, dropped = normalise_text(record["text"])
    if dropped:
        result.meta["control_characters_dropped"] = dropped
    result.text = text
    result.language = record.get("language") or detect_language(text)
    result.meta = {key: record.get(key) for key in ("id", "url", "title", "publisher", "published")}
    result.passages = split_passages(result.digests.sha256, text, result.language)
    if options.extract_facts:
        _extract_facts(result)
    return result


def _read_content(result: Processed, stored: Path, name: str, options: ProcessOptions) -> None:
    identification = identify(stored, original_name=name)
    result.mime = identification.mime
    result.claimed_mime = identification.claimed_mime
    try:
        ingestor = default_registry().choose(identification)
        extraction = ingestor.extract(stored)
    except InputError as exc:
        result.text_error = str(exc)
        return
    except Exception as exc:  # a parser bug must not lose the original: keep it opaque
        result.text_error = f"could not read the content ({type(exc).__name__}: {exc})"
        return
    result.extraction = extraction
    if not extraction.has_text:
        return
    result.text = extraction.text
    result.language = extraction.language or detect_language(extraction.text or "")
    result.meta = {
        "title": extraction.title,
        "publisher": extraction.publisher,
        "published": extraction.published,
    }
    result.passages = split_passages(result.digests.sha256, result.text or "", result.language)  # type: ignore[union-attr]
    if options.extract_facts:
        _extract_facts(result)


def _extract_facts(result: Processed) -> None:
    from qarina.extract.document import extract_document

    doc = {
        "id": result.meta.get("id") or result.label,
        "text": result.text,
        "language": result.language,
        **{k: v for k, v in result.meta.items() if k != "id"},
    }
    try:
        result.facts = extract_document(doc)
    except Exception as exc:  # extraction is a proposal: its failure never loses evidence
        result.facts_error = f"extraction failed ({type(exc).__name__}: {exc})"


def _size(count: int) -> str:
    return f"{count / GIB:.1f} GiB" if count >= GIB else f"{count / (1 << 20):.1f} MiB"


def worker_count(requested: int | None, inputs: int | None = None) -> int:
    """Worker processes for an ingest run: the request, else one per core — but one for
    small runs, where starting processes costs more than it saves."""
    if requested:
        return max(1, requested)
    if inputs is not None and inputs < SMALL_RUN:
        return 1
    return max(1, os.cpu_count() or 1)
