"""One item as an investigator needs to see it: hashes, acquisitions, derivations,
custody history and the inclusion proof of its acquisition against a signed checkpoint."""

from __future__ import annotations

import base64
from typing import Any

from qarina.app.workspace import Workspace
from qarina.core.clock import format_instant
from qarina.core.errors import NotFoundError, UsageError
from qarina.custody.checkpoint import parse_checkpoint
from qarina.custody.note import parse_note


def resolve_item(ws: Workspace, reference: str) -> str:
    """The full digest for a digest or unique prefix (at least 6 hex characters)."""
    hex_part = reference.removeprefix("sha256:").lower()
    if len(hex_part) < 6 or any(c not in "0123456789abcdef" for c in hex_part):
        raise UsageError(f"{reference!r} is not a sha256 digest or prefix (6+ hex characters)")
    found = ws.evidence.find_items(hex_part)
    if not found:
        raise NotFoundError(
            f"no item {reference} in this workspace",
            hint="list items with: qarina search, or qarina log",
        )
    if len(found) > 1:
        raise UsageError(f"{reference} matches several items; give more characters")
    return found[0]


def describe_item(ws: Workspace, reference: str) -> dict[str, Any]:
    """Everything recorded about one item, JSON-ready."""
    sha = resolve_item(ws, reference)
    item = ws.evidence.item(sha)
    assert item is not None
    events = ws.custody.events_about(sha)
    view: dict[str, Any] = {
        "sha256": item.sha256,
        "md5": item.md5,
        "sha1": item.sha1,
        "size": item.size,
        "mime": item.mime,
        "first_acquired_at": format_instant(item.first_acquired_at),
        "blob_path": ws.blobs.path_of(sha),
        "acquisitions": [_acquisition(a) for a in ws.evidence.acquisitions_of(sha)],
        "derivatives": [_derivative(d) for d in ws.evidence.derivatives_of(sha)],
        "documents": [_document(d) for d in ws.evidence.documents_of(sha)],
        "custody": [
            {
                "index": e.index,
                "kind": e.kind,
                "actor": e.actor,
                "at": format_instant(e.at),
                "details": e.details,
            }
            for e in events
        ],
    }
    acquired = next((e for e in events if e.kind == "acquired"), None)
    if acquired is not None and acquired.index is not None:
        view["inclusion_proof"] = inclusion_view(ws, acquired.index)
    return view


def inclusion_view(ws: Workspace, index: int) -> dict[str, Any]:
    """The inclusion proof of leaf ``index`` against the newest signed checkpoint, checked."""
    stored = ws.custody.store.latest_checkpoint()
    if stored is None or stored.size <= index:
        return {
            "leaf_index": index,
            "status": "not yet covered by a signed checkpoint",
            "hint": "run: qarina checkpoint WS",
        }
    proof = ws.custody.inclusion_proof(index, stored.size)
    checkpoint = parse_checkpoint(parse_note(stored.note)[0])
    proof.verify(checkpoint.root_hash)
    return {
        "leaf_index": index,
        "tree_size": proof.size,
        "leaf_hash": base64.b64encode(proof.leaf_hash).decode(),
        "hashes": [base64.b64encode(h).decode() for h in proof.hashes],
        "checkpoint": stored.note,
        "verified": True,
    }


def _acquisition(a: Any) -> dict[str, Any]:
    return {
        "id": a.id,
        "original_name": a.original_name,
        "original_path": a.original_path,
        "claimed_mime": a.claimed_mime,
        "source_url": a.source_url,
        "acquired_at": format_instant(a.acquired_at),
        "acquired_by": a.acquired_by,
        "tool": a.tool,
        "notes": a.notes,
    }


def _derivative(d: Any) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.kind,
        "processor": d.processor,
        "created_at": format_instant(d.created_at),
        "content": d.content,
    }


def _document(d: Any) -> dict[str, Any]:
    return {
        "id": d.id,
        "external_id": d.external_id,
        "language": d.language,
        "title": d.title,
        "publisher": d.publisher,
        "published": d.published,
        "url": d.url,
        "chars": len(d.text),
        "processor": d.processor,
    }


def reindex(ws: Workspace, batch: int = 5_000) -> int:
    """Rebuild the search index from the stored passages (it is derived data)."""
    ws.search.clear()
    pending: list[Any] = []
    total = 0
    for document in ws.evidence.iter_documents():
        pending.extend(ws.evidence.passages_of(document.id))
        if len(pending) >= batch:
            total += ws.search.add(pending)
            pending = []
    if pending:
        total += ws.search.add(pending)
    return total
