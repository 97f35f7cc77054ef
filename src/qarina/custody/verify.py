"""Full verification of a custody log, from its stored bytes up to its signed checkpoints.

What is checked (check names in the report):
- ``keys``: every verifier key given parses;
- ``leaf.sequence``: leaf indexes run 0, 1, 2... with no gap (a gap is a deleted row);
- ``leaf.hash``: each stored leaf hash is SHA-256(0x00 || stored bytes) (edited rows);
- ``leaf.encoding``: each leaf is a canonical event whose own ``index`` is its position
  (a row moved elsewhere, or rows swapped, fails here) and whose queryable columns
  (kind, subject, time) agree with it;
- ``tree.nodes``: each stored subtree hash equals the one recomputed from the leaves;
- ``checkpoint.signature``: each stored checkpoint is signed by a known key for this log;
- ``checkpoint.root``: its size is within the log and its root is the root recomputed
  from the stored bytes (a forged or re-signed checkpoint over other data fails here);
- ``checkpoint.consistency``: each checkpoint is consistent with the next (RFC 9162
  consistency proof built from the store and checked against both signed roots);
- ``checkpoint.coverage`` (informational, never a failure): how many events the newest
  signed checkpoint covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from qarina.core.errors import IntegrityError, QarinaError
from qarina.core.ports import LeafRecord, LogStore, StoredCheckpoint
from qarina.custody.canonical import decode_event_with_time
from qarina.custody.checkpoint import Checkpoint, open_checkpoint
from qarina.custody.keys import Verifier, parse_verifier_key
from qarina.custody.merkle import CompactRange, hash_leaf
from qarina.custody.proofs import consistency_ranges, verify_consistency
from qarina.custody.report import VerificationReport
from qarina.custody.stored_tree import NODE_STRIDE, StoredTree

CHUNK = 50_000


def verify_log(
    store: LogStore,
    verifier_keys: Iterable[str | Verifier],
    *,
    origin: str | None = None,  # None: every checkpoint must name the first one's origin
    stride: int = NODE_STRIDE,
    report: VerificationReport | None = None,
) -> VerificationReport:
    """Verify everything in ``store``; return the report (never raises for bad data)."""
    report = report if report is not None else VerificationReport()
    verifiers = _parse_verifiers(verifier_keys, report)
    checkpoints = store.checkpoints()
    scan = _LeafScan(store, stride, {c.size for c in checkpoints}, report)
    scan.run()
    _check_checkpoints(store, checkpoints, scan, verifiers, origin, stride, report)
    return report


def _parse_verifiers(keys: Iterable[str | Verifier], report: VerificationReport) -> list[Verifier]:
    verifiers = []
    for key in keys:
        if isinstance(key, Verifier):
            verifiers.append(key)
            continue
        try:
            verifiers.append(parse_verifier_key(key))
        except QarinaError as exc:
            report.failed("keys", key[:60], exc.message)
    if not verifiers:
        report.failed("keys", "verifier keys", "no usable verifier key was given")
    else:
        names = ", ".join(f"{v.name}+{v.key_id:08x}" for v in verifiers)
        report.passed("keys", "verifier keys", f"checking signatures against {names}")
    return verifiers


class _LeafScan:
    """One pass over every leaf: re-hash, decode, rebuild the tree, note checkpoint roots."""

    def __init__(
        self, store: LogStore, stride: int, sizes: set[int], report: VerificationReport
    ) -> None:
        self.store = store
        self.stride = stride
        self.report = report
        self.edge = CompactRange()
        self.stored_nodes = {(lv, i): h for lv, i, h in store.stored_nodes()}
        self.wanted_sizes = sorted(s for s in sizes if s > 0)
        self.roots: dict[int, bytes] = {0: CompactRange().root()}
        self.expected = 0
        self.size = store.size()

    def run(self) -> None:
        """Scan every leaf in chunks, then record the passing checks."""
        for start in range(0, self.size, CHUNK):
            self._chunk(list(self.store.leaves(start, min(start + CHUNK, self.size))))
        self._report_totals()

    def _chunk(self, leaves: list[LeafRecord]) -> None:
        hashes = []
        for leaf in leaves:
            if leaf.index != self.expected:
                self.report.failed(
                    "leaf.sequence",
                    f"leaves {self.expected}-{leaf.index - 1}",
                    f"{leaf.index - self.expected} leaves are missing (deleted rows)",
                )
            self.expected = leaf.index + 1
            computed = hash_leaf(leaf.data)
            if computed != leaf.leaf_hash:
                self.report.failed(
                    "leaf.hash",
                    f"leaf {leaf.index}",
                    "stored hash does not match the stored bytes (edited row)",
                )
            self._check_content(leaf)
            hashes.append(computed)
        self._grow(hashes)

    def _check_content(self, leaf: LeafRecord) -> None:
        try:
            event, at = decode_event_with_time(leaf.data)
        except QarinaError as exc:
            self.report.failed("leaf.encoding", f"leaf {leaf.index}", exc.message)
            return
        if event.index != leaf.index:
            self.report.failed(
                "leaf.encoding",
                f"leaf {leaf.index}",
                f"content is event {event.index}, stored at position {leaf.index} (reordered rows)",
            )
        elif (event.kind, event.subject) != (leaf.kind, leaf.subject):
            self.report.failed(
                "leaf.encoding", f"leaf {leaf.index}", "kind/subject columns differ from content"
            )
        elif leaf.created_at != at:
            self.report.failed(
                "leaf.encoding", f"leaf {leaf.index}", "time column differs from content"
            )

    def _grow(self, hashes: list[bytes]) -> None:
        position = 0
        while position < len(hashes):
            stop = len(hashes)
            if self.wanted_sizes:
                stop = min(stop, position + self.wanted_sizes[0] - self.edge.size)
            for level, index, value in self.edge.extend(hashes[position:stop], self.stride):
                self._check_node(level, index, value)
            position = stop
            while self.wanted_sizes and self.wanted_sizes[0] == self.edge.size:
                self.roots[self.wanted_sizes.pop(0)] = self.edge.root()

    def _check_node(self, level: int, index: int, value: bytes) -> None:
        stored = self.stored_nodes.pop((level, index), None)
        if stored is None:
            self.report.failed("tree.nodes", f"node ({level}, {index})", "missing from the store")
        elif stored != value:
            self.report.failed(
                "tree.nodes", f"node ({level}, {index})", "stored hash differs from the leaves"
            )

    def _report_totals(self) -> None:
        count = self.edge.size
        for level, index in sorted(self.stored_nodes):
            self.report.failed(
                "tree.nodes", f"node ({level}, {index})", "stored for a subtree that does not exist"
            )
        summaries = {
            "leaf.sequence": (
                f"{count} leaves, indexes 0-{self.size - 1} without gaps"
                if self.size
                else "the log has no leaves"
            ),
            "leaf.hash": f"{count} leaf hashes recomputed from the stored bytes",
            "leaf.encoding": f"{count} leaves are canonical events at their own index",
            "tree.nodes": "every stored subtree hash recomputed from the leaves",
        }
        for check, message in summaries.items():
            if self.report.failure_count(check) == 0:
                self.report.passed(check, "custody log", message)


def _check_checkpoints(
    store: LogStore,
    checkpoints: Sequence[StoredCheckpoint],
    scan: _LeafScan,
    verifiers: Sequence[Verifier],
    origin: str | None,
    stride: int,
    report: VerificationReport,
) -> None:
    if not checkpoints:
        report.failed("checkpoint.signature", "checkpoints", "the log has no signed checkpoint")
        return
    trusted: list[tuple[int, Checkpoint]] = []
    for number, stored in enumerate(checkpoints):
        subject = f"checkpoint {number} (size {stored.size})"
        body = _open(stored, verifiers, origin, subject, report)
        if body is None:
            continue
        origin = body.origin  # without an expected origin, the first signed one is it
        root = scan.roots.get(body.size)
        if body.size > scan.size:
            message = f"log has only {scan.size} leaves (truncated)"
            report.failed("checkpoint.root", subject, message)
        elif root != body.root_hash:
            report.failed(
                "checkpoint.root", subject, "signed root differs from the root of the stored events"
            )
        else:
            report.passed("checkpoint.root", subject, "signed root matches the stored events")
        trusted.append((number, body))
    _report_coverage(trusted, scan.size, report)
    tree = StoredTree(store, stride)
    for (n1, first), (n2, second) in pairwise(trusted):
        _check_consistency(tree, first, second, f"checkpoints {n1}->{n2}", report)


def _report_coverage(
    trusted: Sequence[tuple[int, Checkpoint]], size: int, report: VerificationReport
) -> None:
    """Say how much of the log the newest signed checkpoint covers (informational).

    Events after it are hash-checked but vouched for by no signature yet; removing them
    (with no later checkpoint) cannot be detected from the workspace alone.
    """
    covered = max((body.size for _, body in trusted), default=0)
    if covered >= size:
        message = f"signed checkpoints cover all {size} events"
    else:
        message = f"events {covered}-{size - 1} are not yet covered by a signed checkpoint"
    report.passed("checkpoint.coverage", "custody log", message)


def _open(
    stored: StoredCheckpoint,
    verifiers: Sequence[Verifier],
    origin: str | None,
    subject: str,
    report: VerificationReport,
) -> Checkpoint | None:
    try:
        body = open_checkpoint(stored.note, verifiers, origin)
    except QarinaError as exc:
        report.failed("checkpoint.signature", subject, exc.message)
        return None
    if (body.size, body.root_hash) != (stored.size, stored.root_hash):
        report.failed("checkpoint.signature", subject, "stored size/root differ from the note")
        return None
    report.passed("checkpoint.signature", subject, f"signed by a known key for {body.origin}")
    return body


def _check_consistency(
    tree: StoredTree,
    first: Checkpoint,
    second: Checkpoint,
    subject: str,
    report: VerificationReport,
) -> None:
    try:
        if first.size == 0:
            report.passed("checkpoint.consistency", subject, "the empty tree precedes any tree")
            return
        if second.size < first.size:
            raise IntegrityError(f"log shrank from {first.size} to {second.size} leaves")
        ranges = consistency_ranges(first.size, second.size) if first.size < second.size else []
        proof = tree.range_hashes(ranges)
        verify_consistency(first.size, second.size, proof, first.root_hash, second.root_hash)
    except QarinaError as exc:
        report.failed("checkpoint.consistency", subject, exc.message)
        return
    report.passed("checkpoint.consistency", subject, f"{second.size} extends {first.size}")
