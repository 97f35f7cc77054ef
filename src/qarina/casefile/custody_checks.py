"""Bundle checks about custody: every event is in the signed log, and every shipped
original, derivative and redaction has the custody event that vouches for it.

Check names: ``custody.event``, ``custody.proof``, ``custody.coverage``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from qarina.casefile import layout
from qarina.casefile.bundle_files import BundleFiles, digest_of
from qarina.core.errors import QarinaError
from qarina.core.model import CustodyEvent
from qarina.custody.canonical import canonical_json, decode_event
from qarina.custody.checkpoint import Checkpoint
from qarina.custody.proofs import verify_inclusion
from qarina.custody.report import VerificationReport


def read_proofs(files: BundleFiles) -> dict[str, Any]:
    try:
        value = json.loads(files.get(layout.PROOFS, b"{}"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def check_events(
    files: BundleFiles, checkpoint: Checkpoint | None, report: VerificationReport
) -> list[CustodyEvent]:
    proofs = {
        p.get("index"): p for p in read_proofs(files).get("proofs") or [] if isinstance(p, dict)
    }
    events: list[CustodyEvent] = []
    for number, line in enumerate(files.get(layout.EVENTS, b"").splitlines(), start=1):
        subject = f"{layout.EVENTS} line {number}"
        try:
            event = decode_event(line)
        except (QarinaError, ValueError) as exc:
            report.failed("custody.event", subject, f"not a canonical custody event: {exc}")
            continue
        events.append(event)
        proof = proofs.get(event.index)
        if checkpoint is None or proof is None or event.index is None:
            report.failed("custody.proof", subject, "no inclusion proof (or no checkpoint)")
            continue
        try:
            hashes = [bytes.fromhex(h) for h in proof.get("hashes") or []]
            leaf_hash = hashlib.sha256(b"\x00" + line).digest()
            verify_inclusion(leaf_hash, event.index, checkpoint.size, hashes, checkpoint.root_hash)
        except (ValueError, QarinaError) as exc:
            report.failed("custody.proof", subject, f"event {event.index}: {exc}")
            continue
        report.passed("custody.proof", subject, f"event {event.index} is in the signed log")
    if not events:
        report.failed("custody.event", layout.EVENTS, "the bundle carries no custody events")
    return events


def check_coverage(
    files: BundleFiles,
    manifest: Mapping[str, Any],
    events: list[CustodyEvent],
    report: VerificationReport,
) -> None:
    acquired = {e.subject for e in events if e.kind == "acquired"}
    redacted = {
        (e.subject, e.details.get("redacted_sha256")) for e in events if e.kind == "redacted"
    }
    for path in sorted(p for p in files if p.startswith("originals/")):
        sha = "sha256:" + path.removeprefix("originals/").split(".", 1)[0]
        ok = sha in acquired and files.digest(path) == sha
        report.add(
            "custody.coverage",
            path,
            ok,
            "acquisition logged" if ok else "no logged acquisition of these bytes",
        )
    check_derivatives(files, events, report)
    for entry in manifest.get("withheld") or []:
        pair = (entry.get("sha256"), entry.get("redacted_sha256"))
        ok = pair in redacted and pair[0] in acquired
        path = str(entry.get("redacted_path"))
        ok = ok and path in files and files.digest(path) == pair[1]
        report.add(
            "custody.coverage",
            path,
            ok,
            "redaction logged" if ok else "redaction of a withheld original is not logged",
        )


def check_derivatives(
    files: BundleFiles, events: list[CustodyEvent], report: VerificationReport
) -> None:
    """Each derivative record must be the content its ``derived`` event hashed."""
    logged = {
        (e.subject, e.details.get("derivative_id")): e.details.get("content_sha256")
        for e in events
        if e.kind == "derived"
    }
    for path in sorted(p for p in files if p.startswith("derivatives/") and p.endswith(".json")):
        try:
            record = json.loads(files[path])
            key = (record["item"], record["id"])
            actual = digest_of(canonical_json(record["content"]))
        except (ValueError, KeyError, TypeError, QarinaError):
            report.failed("custody.coverage", path, "not a derivative record")
            continue
        ok = logged.get(key) == actual
        report.add(
            "custody.coverage",
            path,
            ok,
            "derivation logged" if ok else "no logged derivation with this content",
        )
