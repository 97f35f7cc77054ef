"""Offline verification of a case-file bundle, with nothing but the bundle (and a pinned key).

Checks (names in the report): ``bundle.archive``, ``bundle.manifest``, ``file.hash``,
``file.missing``, ``file.unlisted``, ``sums.match``, ``key.bundle``, ``key.pinned``,
``checkpoint.signature``, ``checkpoint.manifest``, ``custody.event``, ``custody.proof``,
``custody.coverage`` (originals, derivatives, redactions), ``report.references``,
``index.hash``, ``timestamp.token``.
Integrity results are values: :func:`verify_bundle` never raises for bad data.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from posixpath import normpath
from typing import Any, BinaryIO

from qarina.casefile import layout
from qarina.casefile.archive import Entry, scan_zip
from qarina.core.errors import QarinaError
from qarina.core.model import CustodyEvent
from qarina.custody.canonical import canonical_json, decode_event
from qarina.custody.checkpoint import Checkpoint, open_checkpoint
from qarina.custody.keys import Verifier, parse_verifier_key
from qarina.custody.proofs import verify_inclusion
from qarina.custody.report import VerificationReport
from qarina.custody.timestamp import verify_token


class BundleFiles(Mapping[str, bytes]):
    """The scanned bundle: every file's digest and size; content of all but originals."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = entries

    def __getitem__(self, path: str) -> bytes:
        content = self.entries[path].content
        if content is None:
            raise KeyError(f"{path} was streamed, not kept")
        return content

    def __contains__(self, path: object) -> bool:
        return path in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def digest(self, path: str) -> str:
        """``sha256:<hex>`` of a file of the bundle."""
        return self.entries[path].sha256

    def size(self, path: str) -> int:
        """Size in bytes of a file of the bundle."""
        return self.entries[path].size


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def verify_bundle(data: bytes | BinaryIO, pinned_key: str | None = None) -> VerificationReport:
    """Verify a bundle (bytes or a seekable binary file, streamed); ``pinned_key`` is the
    verifier key the reader trusts."""
    report = VerificationReport()
    try:
        files = BundleFiles(scan_zip(io.BytesIO(data) if isinstance(data, bytes) else data))
    except QarinaError as exc:
        report.failed("bundle.archive", "bundle", exc.message)
        return report
    report.passed("bundle.archive", "bundle", f"{len(files)} files")
    manifest = _manifest(files, report)
    if manifest is None:
        return report
    _check_files(files, manifest, report)
    _check_sums(files, report)
    checkpoint = _check_checkpoint(files, manifest, pinned_key, report)
    events = _check_events(files, checkpoint, report)
    _check_coverage(files, manifest, events, report)
    _check_report_references(files, report)
    _check_index(files, report)
    _check_timestamps(files, report)
    return report


def _manifest(files: BundleFiles, report: VerificationReport) -> dict[str, Any] | None:
    raw = files.get(layout.MANIFEST)
    if raw is None:
        report.failed("bundle.manifest", layout.MANIFEST, "the bundle has no manifest")
        return None
    try:
        manifest = json.loads(raw)
        assert isinstance(manifest, dict) and isinstance(manifest.get("files"), list)
    except (ValueError, AssertionError):
        report.failed("bundle.manifest", layout.MANIFEST, "the manifest is not valid JSON")
        return None
    if manifest.get("format") != layout.FORMAT:
        report.failed(
            "bundle.manifest", layout.MANIFEST, f"unknown format {manifest.get('format')!r}"
        )
        return None
    report.passed("bundle.manifest", layout.MANIFEST, f"{len(manifest['files'])} files listed")
    return manifest


def _check_files(
    files: BundleFiles, manifest: Mapping[str, Any], report: VerificationReport
) -> None:
    listed: set[str] = set()
    for entry in manifest["files"]:
        path = str(entry.get("path"))
        listed.add(path)
        if path not in files:
            report.failed("file.missing", path, "listed in the manifest but not in the bundle")
            continue
        actual = files.digest(path)
        if actual != entry.get("sha256") or files.size(path) != entry.get("size"):
            report.failed("file.hash", path, f"content differs from the manifest ({actual})")
        else:
            report.passed("file.hash", path, "digest and size match")
    for path in sorted(set(files) - listed - layout.UNLISTED):
        report.failed("file.unlisted", path, "in the bundle but not in the manifest")


def _check_sums(files: BundleFiles, report: VerificationReport) -> None:
    raw = files.get(layout.SUMS)
    if raw is None:
        report.failed("sums.match", layout.SUMS, "the bundle has no SHA256SUMS")
        return
    seen: set[str] = set()
    for line in raw.decode("utf-8", errors="replace").splitlines():
        hex_digest, _, path = line.partition("  ")
        seen.add(path)
        if path not in files or files.digest(path) != "sha256:" + hex_digest:
            report.failed("sums.match", path, "SHA256SUMS line does not match the file")
    for path in sorted(set(files) - seen - {layout.SUMS}):
        report.failed("sums.match", path, "file has no line in SHA256SUMS")
    if not report.failure_count("sums.match"):
        report.passed("sums.match", layout.SUMS, f"{len(seen)} lines match")


def _verifier(
    files: BundleFiles, pinned_key: str | None, report: VerificationReport
) -> Verifier | None:
    bundled: Verifier | None = None
    try:
        bundled = parse_verifier_key(files[layout.VERIFIER_KEY].decode("ascii").strip())
        report.passed("key.bundle", layout.VERIFIER_KEY, f"key {bundled.name}+{bundled.key_id:08x}")
    except (KeyError, UnicodeDecodeError, QarinaError) as exc:
        report.failed("key.bundle", layout.VERIFIER_KEY, f"no usable verifier key: {exc}")
    if pinned_key is None:
        return bundled
    try:
        pinned = parse_verifier_key(pinned_key.strip())
    except QarinaError as exc:
        report.failed("key.pinned", "pinned key", f"the pinned key does not parse: {exc.message}")
        return None
    if bundled != pinned:
        report.failed("key.pinned", layout.VERIFIER_KEY, "the bundle's key is not the pinned key")
    else:
        report.passed("key.pinned", layout.VERIFIER_KEY, "the bundle's key is the pinned key")
    return pinned


def _check_checkpoint(
    files: BundleFiles,
    manifest: Mapping[str, Any],
    pinned_key: str | None,
    report: VerificationReport,
) -> Checkpoint | None:
    verifier = _verifier(files, pinned_key, report)
    raw = files.get(layout.CHECKPOINT)
    if verifier is None or raw is None:
        report.failed("checkpoint.signature", layout.CHECKPOINT, "no checkpoint or no key")
        return None
    try:
        checkpoint = open_checkpoint(raw.decode("utf-8"), [verifier])
    except (UnicodeDecodeError, QarinaError) as exc:
        report.failed("checkpoint.signature", layout.CHECKPOINT, f"does not verify: {exc}")
        return None
    report.passed("checkpoint.signature", layout.CHECKPOINT, f"signed by {verifier.name}")
    stated = manifest.get("checkpoint") or {}
    proofs_size = _proofs(files).get("size")
    if (stated.get("origin"), stated.get("size"), proofs_size) != (
        checkpoint.origin,
        checkpoint.size,
        checkpoint.size,
    ) or stated.get("note_sha256") != _digest(raw):
        report.failed(
            "checkpoint.manifest", layout.CHECKPOINT, "manifest or proofs name another checkpoint"
        )
    else:
        report.passed("checkpoint.manifest", layout.CHECKPOINT, f"tree size {checkpoint.size}")
    return checkpoint


def _proofs(files: BundleFiles) -> dict[str, Any]:
    try:
        value = json.loads(files.get(layout.PROOFS, b"{}"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _check_events(
    files: BundleFiles, checkpoint: Checkpoint | None, report: VerificationReport
) -> list[CustodyEvent]:
    proofs = {p.get("index"): p for p in _proofs(files).get("proofs") or [] if isinstance(p, dict)}
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


def _check_coverage(
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
    _check_derivatives(files, events, report)
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


def _check_derivatives(
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
            actual = _digest(canonical_json(record["content"]))
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


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        target = values.get("href") or values.get("src")
        if target and "://" not in target and not target.startswith(("#", "mailto:")):
            self.found.append((target, values.get("data-sha256")))


def _check_report_references(files: BundleFiles, report: VerificationReport) -> None:
    html = files.get(layout.REPORT_HTML)
    if html is None:
        report.failed("report.references", layout.REPORT_HTML, "the bundle has no report")
        return
    parser = _References()
    parser.feed(html.decode("utf-8", errors="replace"))
    for target, stated in parser.found:
        path = normpath("report/" + target)
        if path not in files:
            report.failed("report.references", target, "the report links to a missing file")
        elif stated != files.digest(path):
            report.failed("report.references", target, "the report states another digest")
    if not report.failure_count("report.references"):
        report.passed("report.references", layout.REPORT_HTML, f"{len(parser.found)} links hold")


def _check_index(files: BundleFiles, report: VerificationReport) -> None:
    try:
        rows = json.loads(files.get(layout.INDEX_JSON, b"null"))
        assert isinstance(rows, list)
    except (ValueError, AssertionError):
        report.failed("index.hash", layout.INDEX_JSON, "the evidence index is missing or not JSON")
        return
    for row in rows:
        path = str(row.get("path"))
        ok = path in files and files.digest(path) == row.get("sha256")
        report.add(
            "index.hash",
            str(row.get("evidence_number")),
            ok,
            f"{path} matches" if ok else f"{path} is missing or has another digest",
        )


def _check_timestamps(files: BundleFiles, report: VerificationReport) -> None:
    note = files.get(layout.CHECKPOINT, b"")
    for path in sorted(p for p in files if p.startswith(layout.TIMESTAMPS) and p.endswith(".tsr")):
        chain = files.get(path.removesuffix(".tsr") + ".pem", b"")
        try:
            info = verify_token(files[path], note, chain)
        except QarinaError as exc:
            report.failed("timestamp.token", path, exc.message)
            continue
        report.passed("timestamp.token", path, f"checkpoint existed at {info.gen_time.isoformat()}")
