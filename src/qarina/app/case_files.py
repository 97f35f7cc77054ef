"""Case files, protected items and independent time, wired to a workspace.

Exporting gathers the workspace state through :mod:`qarina.casefile.gather` and builds
the bundle with :mod:`qarina.casefile.bundle`: the same state always gives the same
bytes. Marking an item as protected stores and logs its redacted text; time-stamping
asks a configured RFC 3161 authority to vouch for a signed checkpoint.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from qarina import TOOL_NAME, __version__
from qarina.app.cases import (
    case_matrix,
    commit,
    event,
    repository,
    suggestion_json,
    view_case,
)
from qarina.app.workspace import Workspace
from qarina.casefile.bundle import write_bundle
from qarina.casefile.contents import CaseFileInput, TimestampToken
from qarina.casefile.gather import (
    covering_checkpoint,
    gather_custody,
    gather_items,
    item_digests,
    last_event_index,
)
from qarina.casefile.places import landmark_places, locate_places
from qarina.casefile.redaction import REDACTION_RULE, redact_text, withheld_notice
from qarina.casefile.selection import select_records
from qarina.core.clock import format_instant
from qarina.core.errors import NotFoundError, QarinaError, UsageError
from qarina.core.ids import new_id
from qarina.custody.report import VerificationReport
from qarina.custody.timestamp import TimestampAuthority, request_token, verify_token
from qarina.legal.library import load_catalogue
from qarina.legal.suggestions import KILLED_RULE, PATTERN_RULE, TOXIC_RULE
from qarina.store.sql import cases as tables


def protect_item(ws: Workspace, item: str, reason: str, terms: list[str]) -> str:
    """Mark an item as identifying protected persons; store and log its redacted text.

    Returns the digest of the redacted derivative that case files ship instead.
    """
    found = ws.evidence.find_items(item)
    if len(found) != 1:
        raise NotFoundError(f"{len(found)} items match {item!r}")
    sha = found[0]
    if not reason.strip():
        raise UsageError("say why the item must be protected (--reason)")
    documents = ws.evidence.documents_of(sha)
    if documents:
        text, count = redact_text("\n\n".join(d.text for d in documents), terms)
    else:
        text, count = withheld_notice(sha, reason), 0
    digests = ws.blobs.put_stream(io.BytesIO(text.encode("utf-8")))
    redaction = {"rule": REDACTION_RULE, "replacements": count, "terms": len(terms)}
    row = {
        "id": new_id(),
        "item_sha256": sha,
        "reason": reason,
        "redacted_sha256": digests.sha256,
        "redaction": redaction,
        "marked_by": ws.settings.user,
        "marked_at": ws.clock.now(),
    }
    details = {"redacted_sha256": digests.sha256, "reason": reason, **redaction}
    commit(ws, [(tables.item_protections, [row])], [event(ws, "redacted", sha, details)])
    return digests.sha256


@dataclass(frozen=True, slots=True)
class Export:
    """What an export wrote."""

    path: Path
    sha256: str
    size: int
    items: int
    events: int
    checkpoint_size: int


def _timestamp_tokens(ws: Workspace, size: int) -> list[TimestampToken]:
    tokens = []
    for record in repository(ws).timestamps(size):
        events = ws.custody.events_about(f"checkpoint:{size}")
        chain = next(
            (
                e.details.get("chain_sha256")
                for e in events
                if e.details.get("timestamp_id") == record.id
            ),
            None,
        )
        if isinstance(chain, str) and ws.blobs.has(chain):
            with ws.blobs.open(chain) as stream:
                tokens.append(TimestampToken(record.authority, record.token, stream.read()))
    return tokens


def case_file_input(ws: Workspace, case_id: str) -> CaseFileInput:
    """Everything the case file of ``case_id`` is built from, as the workspace holds it now."""
    view = view_case(ws, case_id)
    catalogue = load_catalogue()
    all_incidents = {str(i["id"]): i for i in ws.facts.incidents()}
    chosen = select_records(view.incidents, view.links, all_incidents)
    protections = {
        sha: str(p["redacted_sha256"]) for sha, p in repository(ws).protections().items()
    }
    items, documents, derivatives = gather_items(
        ws.evidence, item_digests(ws.evidence, chosen), protections
    )
    subjects = [view.case["id"], *(i.sha256 for i in items)]
    stamped = frozenset(t.checkpoint_size for t in repository(ws).timestamps())
    checkpoint = covering_checkpoint(ws.custody, last_event_index(ws.custody, subjects), stamped)
    if checkpoint is None:
        ws.checkpoint()
        checkpoint = covering_checkpoint(ws.custody, last_event_index(ws.custody, subjects))
        assert checkpoint is not None
    incidents = [all_incidents[i] for i in sorted(chosen.incidents) if i in all_incidents]
    tokens = _timestamp_tokens(ws, checkpoint[1])

    return CaseFileInput(
        case={
            "id": view.case["id"],
            "title": view.case["title"],
            "created_at": format_instant(view.case["created_at"]),
            "created_by": view.case["created_by"],
        },
        charges=view.charges,
        crimes={c.crime_id: catalogue.crime(c.crime_id) for c in view.charges},
        links=view.links,
        matrix=case_matrix(ws, case_id),
        suggestions=[suggestion_json(s) for s in view.suggestions],
        incidents=incidents,
        items=items,
        documents=documents,
        derivatives=derivatives,
        custody=gather_custody(ws.custody, subjects, checkpoint, ws.verifier_key(), tokens),
        open_blob=ws.blobs.open,
        tool=f"{TOOL_NAME}@{__version__}",
        coordinates=locate_places(str(i.get("place_normalized") or "") for i in incidents),
        landmarks=landmark_places(),
        rules=[TOXIC_RULE, KILLED_RULE, PATTERN_RULE, REDACTION_RULE],
    )


def _file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return "sha256:" + digest.hexdigest(), size


def export_case(ws: Workspace, case_id: str, out: Path) -> Export:
    """Write the case file of ``case_id`` to ``out`` (a ZIP) and log the export.

    The bundle is written to ``OUT.part`` (originals streamed from the blob store and
    re-hashed) and renamed when complete, so a failed export leaves no partial file.
    """
    data = case_file_input(ws, case_id)
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as stream:
            write_bundle(data, stream)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    digest, size = _file_digest(out)
    details = {
        "case_id": data.case["id"],
        "file": out.name,
        "size": size,
        "checkpoint_size": data.custody.size,
        "items": len(data.items),
    }
    ws.record("exported", digest, details)
    return Export(out, digest, size, len(data.items), len(data.custody.leaves), data.custody.size)


def timestamp_checkpoint(ws: Workspace, authority: TimestampAuthority) -> str:
    """Sign a checkpoint now and have ``authority`` time-stamp it; store and log the token."""
    note = ws.checkpoint()
    size = int(note.split("\n")[1])
    message = note.encode("utf-8")
    token = request_token(authority, message)
    info = verify_token(token, message, authority.chain_pem)
    chain = ws.blobs.put_stream(io.BytesIO(authority.chain_pem))
    row = {
        "id": new_id(),
        "checkpoint_size": size,
        "note_sha256": "sha256:" + hashlib.sha256(message).hexdigest(),
        "authority": authority.name,
        "token": token,
        "gen_time": info.gen_time,
        "created_at": ws.clock.now(),
    }
    details = {
        "timestamp_id": row["id"],
        "authority": authority.name,
        "url": authority.url,
        "chain_sha256": chain.sha256,
        "gen_time": format_instant(info.gen_time),
        "token_sha256": "sha256:" + hashlib.sha256(token).hexdigest(),
    }
    commit(
        ws,
        [(tables.checkpoint_timestamps, [row])],
        [event(ws, "timestamped", f"checkpoint:{size}", details)],
    )
    return str(row["id"])


def verify_timestamps(ws: Workspace, report: VerificationReport) -> None:
    """Check every stored time-stamp token against its checkpoint note and its chain.

    Findings go to ``report`` under ``timestamp.token`` (for ``qarina verify``).
    """
    notes = {c.size: c.note for c in ws.custody.store.checkpoints()}
    for record in repository(ws).timestamps():
        subject = f"checkpoint:{record.checkpoint_size} ({record.authority})"
        note = notes.get(record.checkpoint_size)
        chains = [
            e.details.get("chain_sha256")
            for e in ws.custody.events_about(f"checkpoint:{record.checkpoint_size}")
            if e.details.get("timestamp_id") == record.id
        ]
        chain = chains[0] if chains else None
        if note is None or not isinstance(chain, str) or not ws.blobs.has(chain):
            report.failed("timestamp.token", subject, "its checkpoint or certificate chain is gone")
            continue
        with ws.blobs.open(chain) as stream:
            pem = stream.read()
        try:
            info = verify_token(record.token, note.encode("utf-8"), pem)
        except QarinaError as exc:
            report.failed("timestamp.token", subject, exc.message)
            continue
        report.passed("timestamp.token", subject, f"existed at {format_instant(info.gen_time)}")
