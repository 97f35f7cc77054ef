"""Domain types shared by every capability. Plain frozen dataclasses; no I/O.

Field names follow DESIGN.md ("Core model"). Instants are timezone-aware UTC,
digests are ``sha256:<hex>`` strings, producers are ``name@version`` strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Digests:
    """Every hash recorded at acquisition (SHA-256 is the identity; the others are for courts)."""

    sha256: str  # "sha256:<hex>"
    md5: str  # hex
    sha1: str  # hex
    size: int


@dataclass(frozen=True, slots=True)
class Acquisition:
    """One act of collecting an original. The same bytes may be acquired many times."""

    id: str
    item_sha256: str
    original_name: str | None
    original_path: str | None
    claimed_mime: str | None
    source_url: str | None
    acquired_at: datetime
    acquired_by: str
    tool: str  # "qarina@0.1.0"
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    """An original as stored: bytes under their SHA-256, plus what the content says it is."""

    sha256: str
    size: int
    md5: str
    sha1: str
    mime: str  # detected from content
    first_acquired_at: datetime


@dataclass(frozen=True, slots=True)
class Derivative:
    """Anything computed from an item, naming the item and its processor ``name@version``."""

    id: str
    item_sha256: str
    kind: str  # "text", "metadata", "passages", "extraction", "thumbnail", ...
    processor: str
    created_at: datetime
    content: dict[str, Any]
    blob_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A slice of a document's text with its character offsets into that text."""

    item_sha256: str
    seq: int
    start: int
    end: int
    text: str
    language: str | None = None
    document_id: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The text of an item with its publication metadata."""

    id: str
    item_sha256: str
    text: str
    language: str | None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    external_id: str | None = None  # the ``id`` of a JSONL line
    processor: str = ""
    derivative_id: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be preserved, with a one-line reason."""

    id: str
    batch_id: str
    path: str
    reason: str
    failed_at: datetime


@dataclass(frozen=True, slots=True)
class CustodyEvent:
    """One action in the custody log, before or after it is appended.

    ``body`` is the event as it will be canonicalised (RFC 8785) into a leaf; the
    log assigns ``index`` (0-based leaf index) on append.
    """

    kind: str  # past-tense verb: acquired, derived, extracted, reviewed, merged, exported...
    actor: str
    at: datetime
    subject: str | None  # usually an item digest or an object id
    details: dict[str, Any] = field(default_factory=dict)
    index: int | None = None
