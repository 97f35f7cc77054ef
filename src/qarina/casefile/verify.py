"""Offline verification of a case-file bundle, with nothing but the bundle (and a pinned key).

Checks (names in the report): ``bundle.archive``, ``bundle.container``, ``bundle.manifest``,
``file.hash``, ``file.missing``, ``file.unlisted``, ``sums.match``, ``key.bundle``, ``key.pinned``,
``checkpoint.signature``, ``checkpoint.manifest``, ``custody.event``, ``custody.proof``,
``custody.coverage`` (originals, derivatives, redactions), ``report.references``,
``index.hash``, ``timestamp.token``.
Integrity results are values: :func:`verify_bundle` never raises for bad data.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from html.parser import HTMLParser
from posixpath import normpath
from typing import Any, BinaryIO

from qarina.casefile import layout
from qarina.casefile.archive import container_problems, scan_zip
from qarina.casefile.bundle_files import BundleFiles, digest_of
from qarina.casefile.custody_checks import check_coverage, check_events, read_proofs
from qarina.core.errors import QarinaError
from qarina.custody.checkpoint import Checkpoint, open_checkpoint
from qarina.custody.keys import Verifier, parse_verifier_key
from qarina.custody.report import VerificationReport
from qarina.custody.timestamp import verify_token


def verify_bundle(data: bytes | BinaryIO, pinned_key: str | None = None) -> VerificationReport:
    """Verify a bundle (bytes or a seekable binary file, streamed); ``pinned_key`` is the
    verifier key the reader trusts."""
    report = VerificationReport()
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        files = BundleFiles(scan_zip(stream))
    except QarinaError as exc:
        report.failed("bundle.archive", "bundle", exc.message)
        return report
    problems = container_problems(stream)
    for problem in problems:
        report.failed("bundle.container", "bundle", problem)
    if not problems:
        report.passed("bundle.container", "bundle", "the ZIP is in canonical form")
    report.passed("bundle.archive", "bundle", f"{len(files)} files")
    manifest = _manifest(files, report)
    if manifest is None:
        return report
    _check_files(files, manifest, report)
    _check_sums(files, report)
    checkpoint = _check_checkpoint(files, manifest, pinned_key, report)
    events = check_events(files, checkpoint, report)
    check_coverage(files, manifest, events, report)
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
    proofs_size = read_proofs(files).get("size")
    if (stated.get("origin"), stated.get("size"), proofs_size) != (
        checkpoint.origin,
        checkpoint.size,
        checkpoint.size,
    ) or stated.get("note_sha256") != digest_of(raw):
        report.failed(
            "checkpoint.manifest", layout.CHECKPOINT, "manifest or proofs name another checkpoint"
        )
    else:
        report.passed("checkpoint.manifest", layout.CHECKPOINT, f"tree size {checkpoint.size}")
    return checkpoint


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
