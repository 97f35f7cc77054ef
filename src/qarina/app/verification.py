"""``qarina verify``: the custody log, every blob, and the evidence rows against the log.

The custody verifier (``qarina.custody.verify``) recomputes the tree and checks every
checkpoint; this module adds what only the workspace knows: that every stored blob still
hashes to its digests, and that every acquisition, derivation and extraction row is the
one its custody event describes (an edited row fails even if a trigger was dropped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qarina.app.case_files import verify_timestamps
from qarina.app.records import digest_of_json
from qarina.app.workspace import Workspace
from qarina.core.model import Item
from qarina.custody.canonical import decode_event
from qarina.custody.keys import parse_verifier_key
from qarina.custody.report import VerificationReport
from qarina.custody.verify import verify_log
from qarina.store.blobs.filesystem import hash_file


def verify_workspace(
    ws: Workspace, *, pinned_key: str | None = None, record: bool = True
) -> VerificationReport:
    """Run every check; optionally log a ``verified`` event with the outcome."""
    key_text = pinned_key or _workspace_key(ws)
    report = verify_log(ws.custody.store, [parse_verifier_key(key_text)])
    if pinned_key is None:
        _check_key_matches_log(ws, key_text, report)
    events = _events_by_kind(ws)
    items = {item.sha256: item for item in ws.evidence.iter_items()}
    _check_blobs(ws, items, report)
    _check_acquisitions(ws, items, events.get("acquired", {}), report)
    _check_derivatives(ws, events.get("derived", {}), report)
    verify_timestamps(ws, report)
    if record:
        ws.record(
            "verified",
            None,
            {"ok": report.ok, "checks": report.checks, "failures": report.failure_count()},
        )
    return report


def _workspace_key(ws: Workspace) -> str:
    return (ws.settings.workspace / "keys" / "verifier.pub").read_text().strip()


def _check_key_matches_log(ws: Workspace, key_text: str, report: VerificationReport) -> None:
    """The key file must be the key the log was created with (leaf 0)."""
    leaves = list(ws.custody.store.leaves(0, 1))
    if not leaves:
        report.failed("workspace-key", "leaf 0", "the custody log is empty")
        return
    created = decode_event(leaves[0].data)
    logged = created.details.get("verifier_key") if created.kind == "created" else None
    if logged == key_text:
        report.passed("workspace-key", "keys/verifier.pub", "matches the key logged at creation")
    else:
        report.failed(
            "workspace-key",
            "keys/verifier.pub",
            f"differs from the key logged at creation ({logged})",
        )


def _events_by_kind(ws: Workspace) -> dict[str, dict[str, dict[str, Any]]]:
    """Event details keyed by the row id they describe, per kind."""
    keyed: dict[str, dict[str, dict[str, Any]]] = {"acquired": {}, "derived": {}}
    size = ws.custody.size()
    for start in range(0, size, 10_000):
        for leaf in ws.custody.store.leaves(start, min(size, start + 10_000)):
            if leaf.kind not in keyed:
                continue
            event = decode_event(leaf.data)
            row_id = event.details.get("acquisition_id") or event.details.get("derivative_id")
            keyed[leaf.kind][str(row_id)] = {**event.details, "subject": event.subject}
    return keyed


def _check_blobs(ws: Workspace, items: dict[str, Item], report: VerificationReport) -> None:
    bad = 0
    for item in items.values():
        path = Path(ws.blobs.path_of(item.sha256))
        if not path.exists():
            report.failed("blob-present", item.sha256, "the stored original is missing")
            bad += 1
            continue
        digests = hash_file(path)
        expected = (item.sha256, item.md5, item.sha1, item.size)
        if (digests.sha256, digests.md5, digests.sha1, digests.size) != expected:
            report.failed(
                "blob-hash",
                item.sha256,
                f"stored bytes now hash to {digests.sha256} ({digests.size} bytes)",
            )
            bad += 1
    if not bad:
        report.passed("blob-hash", "all items", f"{len(items)} originals re-hashed: all match")
    extra = [d for d in ws.blobs.digests() if d not in items]
    changed = [d for d in extra if hash_file(Path(ws.blobs.path_of(d))).sha256 != d]
    for digest in changed:
        report.failed("blob-hash", digest, "a stored working copy no longer matches its name")
    if extra and not changed:
        report.passed(
            "blob-other",
            f"{len(extra)} blobs",
            "stored bytes that are not originals (redacted copies, time-stamp certificate "
            "chains, or bytes of an interrupted ingest): each still matches its digest",
        )


def _check_acquisitions(
    ws: Workspace,
    items: dict[str, Item],
    logged: dict[str, dict[str, Any]],
    report: VerificationReport,
) -> None:
    rows = ws.evidence.all_acquisitions()
    bad = 0
    for acq in rows:
        event = logged.pop(acq.id, None)
        item = items.get(acq.item_sha256)
        if event is None:
            report.failed("acquisition-logged", acq.id, "acquisition row has no custody event")
            bad += 1
        elif (
            item is None
            or event.get("subject") != acq.item_sha256
            or (event.get("md5"), event.get("sha1"), event.get("size"))
            != (item.md5, item.sha1, item.size)
            or event.get("original_name") != acq.original_name
        ):
            report.failed(
                "acquisition-logged",
                acq.id,
                "acquisition or item row differs from its custody event",
            )
            bad += 1
    for acquisition_id in logged:
        report.failed(
            "acquisition-logged",
            acquisition_id,
            "custody event names an acquisition row that is missing",
        )
        bad += 1
    if not bad:
        report.passed(
            "acquisition-logged",
            "all acquisitions",
            f"{len(rows)} acquisition rows match their custody events",
        )


def _check_derivatives(
    ws: Workspace, logged: dict[str, dict[str, Any]], report: VerificationReport
) -> None:
    count = bad = 0
    for derivative in ws.evidence.iter_derivatives():
        count += 1
        event = logged.pop(derivative.id, None)
        if event is None or event.get("content_sha256") != digest_of_json(derivative.content):
            report.failed(
                "derivative-logged",
                derivative.id,
                "derivative row missing from or differing from its custody event",
            )
            bad += 1
    for derivative_id in logged:
        report.failed(
            "derivative-logged",
            derivative_id,
            "custody event names a derivative row that is missing",
        )
        bad += 1
    if not bad:
        report.passed(
            "derivative-logged",
            "all derivatives",
            f"{count} derivative rows match their custody events",
        )
