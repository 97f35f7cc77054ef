"""Gathering a case file's items, texts, derivatives and custody slice from the workspace.

The workspace is seen through small read-only Protocols (what the evidence repository
and the custody log already offer), so this module needs no database code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from qarina.casefile.contents import (
    BundleDerivative,
    BundleDocument,
    BundleItem,
    CustodySlice,
    TimestampToken,
)
from qarina.casefile.selection import Selection
from qarina.core.clock import format_instant
from qarina.core.errors import NotFoundError
from qarina.core.model import Acquisition, Derivative, Document, Item
from qarina.custody.log import CustodyLog


class EvidenceReader(Protocol):
    """The read side of the evidence repository that a case file needs."""

    def item(self, sha256: str) -> Item | None: ...

    def acquisitions_of(self, sha256: str) -> list[Acquisition]: ...

    def derivatives_of(self, sha256: str) -> list[Derivative]: ...

    def documents_of(self, sha256: str) -> list[Document]: ...

    def iter_documents(self) -> Iterator[Document]: ...


def item_digests(evidence: EvidenceReader, selection: Selection) -> list[str]:
    """Digests of every item the selection names directly or through its documents."""
    digests = set(selection.items)
    for document in evidence.iter_documents():
        if document.id in selection.documents or document.external_id in selection.documents:
            digests.add(document.item_sha256)
    return sorted(digests)


def _bundle_item(
    item: Item, acquisition: Acquisition | None, document: Document | None, redacted: str | None
) -> BundleItem:
    return BundleItem(
        sha256=item.sha256,
        mime=item.mime,
        size=item.size,
        original_name=acquisition.original_name if acquisition else None,
        acquired_at=format_instant(
            acquisition.acquired_at if acquisition else item.first_acquired_at
        ),
        acquired_by=acquisition.acquired_by if acquisition else "",
        source_url=(acquisition.source_url if acquisition else None)
        or (document.url if document else None),
        title=document.title if document else None,
        publisher=document.publisher if document else None,
        published=document.published if document else None,
        language=document.language if document else None,
        redacted_sha256=redacted,
    )


def gather_items(
    evidence: EvidenceReader, digests: Iterable[str], protections: Mapping[str, str]
) -> tuple[list[BundleItem], list[BundleDocument], list[BundleDerivative]]:
    """Items (sorted by publication date, then digest), their texts and derivatives.

    ``protections`` maps protected item digests to their redacted derivative's digest.
    """
    items, documents, derivatives = [], [], []
    for sha in digests:
        item = evidence.item(sha)
        if item is None:
            raise NotFoundError(f"the case refers to item {sha}, which is not in the workspace")
        docs = sorted(evidence.documents_of(sha), key=lambda d: d.id)
        acquisitions = evidence.acquisitions_of(sha)
        items.append(
            _bundle_item(
                item,
                acquisitions[0] if acquisitions else None,
                docs[0] if docs else None,
                protections.get(sha),
            )
        )
        documents += [
            BundleDocument(d.id, sha, d.external_id, d.text, d.language, d.processor) for d in docs
        ]
        derivatives += [
            BundleDerivative(d.id, sha, d.kind, d.processor, d.content)
            for d in sorted(evidence.derivatives_of(sha), key=lambda d: d.id)
        ]
    items.sort(key=lambda i: (i.published or "9999", i.sha256))
    return items, documents, derivatives


def covering_checkpoint(
    log: CustodyLog, last_index: int, stamped: frozenset[int] = frozenset()
) -> tuple[str, int] | None:
    """The stored checkpoint a bundle proves against (note and size): the oldest one that
    covers leaf ``last_index`` and has a time-stamp (size in ``stamped``), else the oldest
    one that covers it.

    Choosing the oldest (not the newest) keeps the bundle the same when later, unrelated
    events are logged.
    """
    covering = [c for c in log.store.checkpoints() if c.size > last_index]
    chosen = next((c for c in covering if c.size in stamped), covering[0] if covering else None)
    return (chosen.note, chosen.size) if chosen is not None else None


def gather_custody(
    log: CustodyLog,
    subjects: Sequence[str],
    checkpoint: tuple[str, int],
    verifier_key: str,
    timestamps: Sequence[TimestampToken] = (),
) -> CustodySlice:
    """Events about ``subjects`` with inclusion proofs to ``checkpoint`` (note, size)."""
    note, size = checkpoint
    leaves: dict[int, bytes] = {}
    for subject in sorted(set(subjects)):
        for leaf in log.store.subject_leaves(subject):
            if leaf.index < size:
                leaves[leaf.index] = leaf.data
    proofs = {index: log.inclusion_proof(index, size).hashes for index in sorted(leaves)}
    return CustodySlice(note, size, verifier_key, sorted(leaves.items()), proofs, timestamps)


def last_event_index(log: CustodyLog, subjects: Sequence[str]) -> int:
    """The highest leaf index of any event about ``subjects`` (-1 when there is none)."""
    last = -1
    for subject in set(subjects):
        for leaf in log.store.subject_leaves(subject):
            last = max(last, leaf.index)
    return last
