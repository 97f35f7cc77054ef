"""What web users do to a workspace: search, review proposals, judge incidents, upload,
verify. Every decision is written to the custody log under the signed-in user's name,
in the same transaction as its row, and a checkpoint is signed after it.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO, Any

from qarina.app.accounts import User
from qarina.app.ingestion import Ingestion
from qarina.app.item_view import inclusion_view
from qarina.app.linking import judge, link_workspace
from qarina.app.records import digest_of_json
from qarina.app.verification import verify_workspace
from qarina.app.web_services import WebServices, require
from qarina.app.workspace import Workspace
from qarina.core.errors import InputError, NotFoundError, UsageError
from qarina.core.ids import new_id
from qarina.core.model import CustodyEvent
from qarina.core.ports import SearchHit

DECISIONS = ("accepted", "edited", "rejected")
EDITABLE = ("date_start", "date_end", "location", "agent", "delivery", "perpetrator")
MAX_UPLOAD_BYTES = 256 * 1024 * 1024
FACET_SAMPLE = 200
_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\]")


def acting_as(ws: Workspace, user: User) -> Workspace:
    """The same workspace and services, with ``user`` as the actor of what it records."""
    clone = Workspace(replace(ws.settings, user=user.name), ws.engine, ws.clock)
    for name in ("blobs", "evidence", "facts", "custody", "search", "signer"):
        clone.__dict__[name] = getattr(ws, name)
    return clone


def search(
    services: WebServices,
    user: User,
    query: str,
    language: str | None,
    limit: int,
    facets: bool = True,
) -> dict[str, Any]:
    """Ranked passages for ``query`` that ``user`` may see (and, with ``facets``, how many
    match in each language)."""
    if not 0 < limit <= 100:
        raise UsageError("limit must be between 1 and 100")
    hidden = services.hidden_items(user)
    visible, languages = _visible_hits(services, query, language, limit, hidden, facets)
    docs = services.document_of_item()
    services.note_list_view(user, [h.item_sha256 for h in visible], "search")
    return {
        "query": query,
        "language": language or None,
        "languages": languages,
        "hits": [
            {
                "item_sha256": h.item_sha256,
                "document_id": docs.get(h.item_sha256, {}).get("id"),
                "title": docs.get(h.item_sha256, {}).get("title"),
                "seq": h.seq,
                "score": h.score,
                "snippet": h.snippet,
                "start": h.start,
                "end": h.end,
                "language": h.language,
                "highlights": [list(span) for span in h.highlights],
            }
            for h in visible
        ],
    }


def hit_passages(services: WebServices, hits: list[dict[str, Any]]) -> list[tuple[str, int] | None]:
    """For each hit of :func:`search`, its passage text and the passage's offset in the
    document (``None`` when that passage is no longer stored as the index saw it)."""
    keys = [(h["item_sha256"], int(h["seq"])) for h in hits]
    stored = services.ws.evidence.passage_texts(keys)
    out: list[tuple[str, int] | None] = []
    for hit, key in zip(hits, keys, strict=True):
        passage = stored.get(key)
        fits = passage is not None and passage.start == hit["start"]
        out.append((passage.text, passage.start) if passage is not None and fits else None)
    return out


def _visible_hits(
    services: WebServices,
    query: str,
    language: str | None,
    limit: int,
    hidden: frozenset[str],
    facets: bool,
) -> tuple[list[SearchHit], dict[str, int] | None]:
    """The best visible hits and per-language counts that reveal nothing hidden.

    With hidden items the counts are taken over the best ``FACET_SAMPLE`` visible hits
    (the index's own counts would include passages of items the user may not see).
    """
    index = services.ws.search
    if not hidden or not facets:
        hits = index.search(query, limit + len(hidden), language=language or None)
        hits = [h for h in hits if h.item_sha256 not in hidden]
        return hits[:limit], index.language_counts(query) if facets else None
    sample = index.search(query, FACET_SAMPLE + len(hidden))
    sample = [h for h in sample if h.item_sha256 not in hidden]
    counts = Counter(h.language or "und" for h in sample)
    if language:
        hits = index.search(query, limit + len(hidden), language=language)
        hits = [h for h in hits if h.item_sha256 not in hidden]
    else:
        hits = sample
    return hits[:limit], dict(counts)


def inclusion(ws: Workspace, index: int | None) -> dict[str, Any] | None:
    """The inclusion proof of leaf ``index`` against the newest signed checkpoint."""
    return None if index is None else inclusion_view(ws, index)


def _proposal(services: WebServices, user: User, document_id: str, proposal_id: str) -> Any:
    document = services.document(user, document_id)
    for proposal in document["proposals"]:
        if proposal["id"] == proposal_id:
            return document, proposal
    raise NotFoundError(f"no proposal {proposal_id} in document {document_id}")


def _edited_value(original: dict[str, Any], edits: dict[str, str]) -> dict[str, Any]:
    unknown = set(edits) - set(EDITABLE)
    if unknown:
        raise InputError(f"these fields cannot be edited: {sorted(unknown)}")
    value = dict(original)
    for name, text in edits.items():
        text = text.strip()
        if name.startswith("date_") and text:
            try:
                date.fromisoformat(text)
            except ValueError as exc:
                raise InputError(f"{name} must be a date YYYY-MM-DD, not {text!r}") from exc
        value[name] = text or None
    return value


def review(
    services: WebServices,
    user: User,
    document_id: str,
    proposal_id: str,
    decision: str,
    reason: str = "",
    edits: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Accept, edit or reject one extraction proposal; logged as ``reviewed``."""
    require(user, "review")
    if decision not in DECISIONS:
        raise InputError(f"decision must be one of {', '.join(DECISIONS)}: {decision!r}")
    document, proposal = _proposal(services, user, document_id, proposal_id)
    value = _edited_value(proposal["value"], edits or {}) if decision == "edited" else None
    now = services.ws.clock.now()
    row = {
        "id": new_id(),
        "proposal_id": proposal_id,
        "decision": decision,
        "value": value,
        "reviewer": user.name,
        "reason": reason,
        "decided_at": now,
    }
    details = {
        "review_id": row["id"],
        "proposal_id": proposal_id,
        "document_id": document_id,
        "decision": decision,
        "reason": reason,
        "value_sha256": digest_of_json(value) if value is not None else None,
    }
    event = CustodyEvent("reviewed", user.name, now, document["item_sha256"], details)
    ws = services.ws
    with services.write_lock:
        with ws.engine.begin() as conn:
            ws.facts.add_review(conn, row)
            ws.custody.append([event], connection=conn)
        ws.checkpoint()
    return {key: value for key, value in row.items() if key != "decided_at"}


def decide_incidents(
    services: WebServices, user: User, kind: str, subject: str, other: str | None, reason: str
) -> int:
    """Merge, split or re-parent incident records, re-link; return the incident count."""
    require(user, "review")
    if not reason.strip():
        raise InputError("give a reason for the decision (it is kept in the custody log)")
    with services.write_lock:
        ws = acting_as(services.ws, user)
        judge(ws, kind, subject, other or None, reason)
        incidents = link_workspace(ws)
        ws.checkpoint()
    return len(incidents)


def safe_upload_name(name: str | None) -> str:
    """The uploaded file's own name (no folders, no control characters), kept as given."""
    base = _UNSAFE_NAME.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if base in {"", ".", ".."}:
        raise InputError("the upload has no file name")
    return base[:255]


def upload(
    services: WebServices, user: User, name: str | None, stream: IO[bytes]
) -> dict[str, Any]:
    """Preserve one uploaded file under its original name; return its outcome."""
    require(user, "upload")
    filename = safe_upload_name(name)
    with tempfile.TemporaryDirectory(prefix="qarina-upload-") as folder:
        path = Path(folder) / filename
        with path.open("wb") as out:
            copied = _copy_limited(stream, out)
        if copied == 0:
            raise InputError("the uploaded file is empty")
        with services.write_lock:
            ws = acting_as(services.ws, user)
            summary = Ingestion(ws, max_bytes=MAX_UPLOAD_BYTES).ingest_paths([path])
            ws.checkpoint()
    services.refresh()
    outcome = summary.outcomes[0].as_json()
    outcome["input"] = filename
    return outcome


def _copy_limited(stream: IO[bytes], out: IO[bytes]) -> int:
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
        if total > MAX_UPLOAD_BYTES:
            raise InputError(f"uploads are limited to {MAX_UPLOAD_BYTES // (1 << 20)} MiB")
        out.write(chunk)
    return total


def verify(services: WebServices, user: User) -> dict[str, Any]:
    """Verify the whole workspace now (logged as ``verified``)."""
    require(user, "verify")
    with services.write_lock:
        report = verify_workspace(acting_as(services.ws, user))
    return {
        "ok": report.ok,
        "checks": report.checks,
        "failures": [
            {"check": f.check, "subject": f.subject, "message": f.message} for f in report.failures
        ],
    }
