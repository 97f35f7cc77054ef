"""Ports: the small interfaces that capabilities depend on and ``store`` implements.

Only ``qarina.app`` chooses and builds the implementations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, NamedTuple, Protocol

from qarina.core.model import Digests, Passage


class BlobStore(Protocol):
    """Content-addressed storage of originals and large derivatives."""

    def put_stream(self, stream: BinaryIO, *, sync: bool = True) -> Digests:
        """Stream ``stream`` into the store (atomic, read-only once stored); return its digests.

        With ``sync=False`` durability waits for the next :meth:`sync`.
        """
        ...

    def sync(self) -> None:
        """Make every blob written with ``sync=False`` durable."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """Open the stored bytes for reading (``NotFoundError`` when absent)."""
        ...

    def has(self, sha256: str) -> bool: ...

    def path_of(self, sha256: str) -> str:
        """Where the bytes live (for tools that need a file path); may not exist."""
        ...

    def digests(self) -> Iterator[str]:
        """Every stored ``sha256:<hex>`` reference."""
        ...


class LeafRecord(NamedTuple):
    """One custody-log leaf as stored: its index, canonical bytes and RFC 6962 leaf hash.

    ``kind``, ``subject`` and ``created_at`` (the event's RFC 3339 ``at``) repeat fields
    of ``data`` so that they can be queried; verification checks they agree with it.
    A named tuple rather than a frozen dataclass: a million of them are built per
    million events appended, five times faster.
    """

    index: int  # type: ignore[assignment]  # the leaf index; shadows tuple.index on purpose
    data: bytes
    leaf_hash: bytes
    kind: str
    subject: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class StoredCheckpoint:
    """A signed checkpoint note as stored (``created_at`` is RFC 3339)."""

    size: int
    root_hash: bytes
    note: str
    created_at: str


class LogStore(Protocol):
    """Durable storage behind the custody log (append-only).

    Perfect-subtree hashes are addressed ``(level, index)``: level ``L`` index ``i``
    covers leaves ``[i * 2**L, (i + 1) * 2**L)``; level 0 hashes are the leaf hashes.
    """

    def transaction(self, connection: object | None = None) -> AbstractContextManager[LogStore]:
        """A view of the store inside one transaction, for a read-then-append.

        With ``connection`` (a backend connection the caller has a transaction open on),
        everything happens in the caller's transaction and the caller commits; without
        it, the store opens a transaction and commits when the block ends (rolls back if
        it raises). Concurrent writers are serialised or refused with ``StorageError``
        (never interleaved).
        """
        ...

    def size(self) -> int:
        """Number of leaves: the highest stored index plus one (0 when empty)."""
        ...

    def append(self, leaves: Sequence[LeafRecord], nodes: Sequence[tuple[int, int, bytes]]) -> None:
        """Durably append leaves (contiguous from ``size()``) and the tree nodes they complete.

        ``nodes`` are ``(level, index, hash)`` of perfect subtrees; one transaction.
        Raises ``StorageError`` if the leaves do not start at ``size()``.
        """
        ...

    def leaves(self, start: int, end: int) -> Iterator[LeafRecord]:
        """Stored leaves with ``start <= index < end``, in index order (gaps are skipped)."""
        ...

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        """Stored leaf hashes with ``start <= index < end`` in order (gaps are skipped)."""
        ...

    def node_hashes(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        """Stored hashes of the perfect subtrees ``(level, index)`` asked for (absent: left out)."""
        ...

    def stored_nodes(self) -> Iterator[tuple[int, int, bytes]]:
        """Every stored ``(level, index, hash)``, ordered by level then index."""
        ...

    def subject_leaves(self, subject: str) -> list[LeafRecord]:
        """Every leaf whose subject is ``subject``, in index order."""
        ...

    def save_checkpoint(self, checkpoint: StoredCheckpoint) -> None: ...

    def checkpoints(self) -> list[StoredCheckpoint]:
        """Every stored checkpoint, oldest first."""
        ...

    def latest_checkpoint(self) -> StoredCheckpoint | None:
        """The most recently stored checkpoint (``None`` if there is none)."""
        ...


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked passage with a snippet in which ``[`` ``]`` mark the matches.

    ``start``/``end`` are the passage's offsets in its document's text; ``highlights``
    are the matches as ``(start, end)`` offsets in that same text (renderers should use
    them rather than the brackets, which the text itself may contain). Scores rank hits
    within one result list; they are not comparable across back ends.
    """

    item_sha256: str
    seq: int
    score: float
    snippet: str
    start: int
    end: int
    language: str | None = None
    highlights: tuple[tuple[int, int], ...] = ()


class SearchIndex(Protocol):
    """Ranked full-text search over passages (query grammar: ``qarina.core.search_query``)."""

    def add(self, passages: Iterable[Passage]) -> int:
        """Index ``passages`` in one commit, replacing any with the same item and seq."""
        ...

    def search(
        self, query: str, limit: int = 10, *, language: str | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` passages for ``query``, optionally in one language only.

        Raises ``UsageError`` for a query with nothing to search for or a bad limit.
        """
        ...

    def language_counts(self, query: str) -> dict[str, int]:
        """How many passages match ``query`` per language (``"und"`` when unknown)."""
        ...

    def remove_item(self, item_sha256: str) -> None:
        """Remove every passage of one item."""
        ...

    def clear(self) -> None:
        """Remove every passage (before re-indexing a workspace)."""
        ...

    def count(self) -> int:
        """How many passages are indexed."""
        ...
