"""What goes into a case file: plain values gathered by ``qarina.app.cases``.

The case-file builder never touches the database: it receives these values and a way to
read blob bytes, and turns them into a bundle. That keeps the bundle a pure function of
the workspace state (same state, same bytes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from qarina.legal.evidence import Charge, EvidenceLink
from qarina.legal.library import Crime
from qarina.legal.matrix import MatrixRow


@dataclass(frozen=True, slots=True)
class BundleItem:
    """One original in the case file, with what is known about where it came from."""

    sha256: str
    mime: str
    size: int
    original_name: str | None
    acquired_at: str  # RFC 3339
    acquired_by: str
    source_url: str | None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    redacted_sha256: str | None = None  # set when the item identifies protected persons

    @property
    def protected(self) -> bool:
        """True when the original is withheld and a redacted derivative ships instead."""
        return self.redacted_sha256 is not None


@dataclass(frozen=True, slots=True)
class BundleDocument:
    """The extracted text of an item (never shipped for protected items)."""

    id: str
    item_sha256: str
    external_id: str | None
    text: str
    language: str | None
    processor: str


@dataclass(frozen=True, slots=True)
class BundleDerivative:
    """A derivative record of an item (its JSON content, as stored)."""

    id: str
    item_sha256: str
    kind: str
    processor: str
    content: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class TimestampToken:
    """An RFC 3161 time-stamp response over the checkpoint note, from one authority.

    ``chain_pem`` is the authority's certificate chain, shipped so the token can be
    checked with nothing but the bundle (trust in that root is the reader's decision).
    """

    authority: str
    token: bytes
    chain_pem: bytes


@dataclass(frozen=True, slots=True)
class CustodySlice:
    """The custody events about the case and its items, with proofs to one checkpoint.

    ``leaves`` are ``(index, canonical event bytes)``; ``proofs`` maps each index to its
    inclusion proof (32-byte hashes) in the tree of ``size`` leaves that the signed
    ``checkpoint_note`` commits to.
    """

    checkpoint_note: str
    size: int
    verifier_key: str
    leaves: Sequence[tuple[int, bytes]]
    proofs: Mapping[int, Sequence[bytes]]
    timestamps: Sequence[TimestampToken] = ()


@dataclass(frozen=True, slots=True)
class CaseFileInput:
    """Everything a bundle is built from."""

    case: Mapping[str, Any]  # id, title, created_at, created_by
    charges: Sequence[Charge]
    crimes: Mapping[str, Crime]
    links: Sequence[EvidenceLink]
    matrix: Sequence[MatrixRow]
    suggestions: Sequence[Mapping[str, Any]]
    incidents: Sequence[Mapping[str, Any]]
    items: Sequence[BundleItem]
    documents: Sequence[BundleDocument]
    derivatives: Sequence[BundleDerivative]
    custody: CustodySlice
    open_blob: Callable[[str], BinaryIO]
    tool: str
    coordinates: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    landmarks: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rules: Sequence[str] = ()
