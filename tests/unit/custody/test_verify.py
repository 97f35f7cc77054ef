"""verify_log: a clean log verifies; every kind of tampering is found and named."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qarina.core.ports import LeafRecord, StoredCheckpoint
from qarina.custody.checkpoint import Checkpoint, sign_checkpoint
from qarina.custody.keys import Signer, generate_signer, verifier_key_string
from qarina.custody.log import CustodyLog
from qarina.custody.memory_store import MemoryLogStore
from qarina.custody.merkle import hash_leaf
from qarina.custody.report import VerificationReport
from qarina.custody.verify import verify_log

from .test_log import make_events

ORIGIN = "qarina.test/log"


@pytest.fixture(scope="module")
def signer() -> Signer:
    return generate_signer(ORIGIN)


def build(signer: Signer) -> MemoryLogStore:
    store = MemoryLogStore()
    log = CustodyLog(store, ORIGIN)
    for start, count in ((0, 10), (10, 27), (37, 30)):
        log.append(make_events(count, start))
        log.checkpoint(signer)
    return store


def tampered(
    store: MemoryLogStore,
    leaves: list[LeafRecord] | None = None,
    nodes: list[tuple[int, int, bytes]] | None = None,
    checkpoints: list[StoredCheckpoint] | None = None,
) -> MemoryLogStore:
    copy = MemoryLogStore()
    copy.load_untrusted(
        leaves if leaves is not None else list(store.leaves(0, store.size())),
        nodes if nodes is not None else list(store.stored_nodes()),
        checkpoints if checkpoints is not None else store.checkpoints(),
    )
    return copy


def failing(report: VerificationReport) -> set[str]:
    return {f.check for f in report.failures}


def run(store: MemoryLogStore, signer: Signer) -> VerificationReport:
    return verify_log(store, [verifier_key_string(signer)], origin=ORIGIN)


def test_clean_log_verifies(signer: Signer) -> None:
    report = run(build(signer), signer)
    assert report.ok, report.failures
    assert set(report.checks) == {
        "keys",
        "leaf.sequence",
        "leaf.hash",
        "leaf.encoding",
        "tree.nodes",
        "checkpoint.signature",
        "checkpoint.root",
        "checkpoint.consistency",
        "checkpoint.coverage",
    }
    assert report.summary().startswith("verified")
    assert report.to_dict()["ok"] is True


def test_edited_row_is_found(signer: Signer) -> None:
    store = build(signer)
    leaves = list(store.leaves(0, store.size()))
    leaves[12] = leaves[12]._replace(data=leaves[12].data.replace(b"file-12", b"file-99"))
    report = run(tampered(store, leaves), signer)
    assert {"leaf.hash", "checkpoint.root"} <= failing(report)
    assert any(f.subject == "leaf 12" for f in report.failures)


def test_edited_row_with_recomputed_hash_is_found(signer: Signer) -> None:
    store = build(signer)
    leaves = list(store.leaves(0, store.size()))
    data = leaves[12].data.replace(b"file-12", b"file-99")
    leaves[12] = leaves[12]._replace(data=data, leaf_hash=hash_leaf(data))
    report = run(tampered(store, leaves), signer)
    assert "leaf.hash" not in failing(report)
    assert {"tree.nodes", "checkpoint.root", "checkpoint.consistency"} <= failing(report)


def test_deleted_rows_are_found(signer: Signer) -> None:
    store = build(signer)
    leaves = list(store.leaves(0, store.size()))
    report = run(tampered(store, leaves[:20] + leaves[22:]), signer)
    assert "leaf.sequence" in failing(report)
    assert any(f.subject == "leaves 20-21" for f in report.failures)
    truncated = run(tampered(store, leaves[:50]), signer)
    assert "checkpoint.root" in failing(truncated)
    assert any("truncated" in f.message for f in truncated.failures)


def test_reordered_rows_are_found(signer: Signer) -> None:
    store = build(signer)
    leaves = list(store.leaves(0, store.size()))
    a, b = leaves[5], leaves[6]
    leaves[5], leaves[6] = b._replace(index=5), a._replace(index=6)
    report = run(tampered(store, leaves), signer)
    assert "leaf.encoding" in failing(report)
    assert any("reordered" in f.message for f in report.failures)


def test_column_edits_are_found(signer: Signer) -> None:
    store = build(signer)
    leaves = list(store.leaves(0, store.size()))
    leaves[3] = leaves[3]._replace(subject="sha256:" + "f" * 64)
    leaves[4] = leaves[4]._replace(created_at="2000-01-01T00:00:00.000000Z")
    report = run(tampered(store, leaves), signer)
    assert {f.subject for f in report.failures} == {"leaf 3", "leaf 4"}


def test_tampered_node_is_found(signer: Signer) -> None:
    store = build(signer)
    nodes = list(store.stored_nodes())
    level, index, _ = nodes[2]
    nodes[2] = (level, index, b"\x00" * 32)
    report = run(tampered(store, nodes=nodes), signer)
    assert failing(report) >= {"tree.nodes"}


def test_checkpoint_signed_by_another_key_is_found(signer: Signer) -> None:
    store = build(signer)
    impostor = generate_signer(ORIGIN)
    cps = store.checkpoints()
    forged = sign_checkpoint(Checkpoint(ORIGIN, cps[1].size, cps[1].root_hash), [impostor])
    cps[1] = replace(cps[1], note=forged)
    report = run(tampered(store, checkpoints=cps), signer)
    assert failing(report) == {"checkpoint.signature"}


def test_right_key_on_an_inconsistent_tree_is_found(signer: Signer) -> None:
    store = build(signer)
    cps = store.checkpoints()
    fake_root = hash_leaf(b"another history")
    note = sign_checkpoint(Checkpoint(ORIGIN, cps[1].size, fake_root), [signer])
    cps.append(StoredCheckpoint(cps[1].size, fake_root, note, cps[1].created_at))
    report = run(tampered(store, checkpoints=cps), signer)
    assert failing(report) == {"checkpoint.root", "checkpoint.consistency"}


def test_wrong_origin_and_bad_keys_are_reported(signer: Signer) -> None:
    store = build(signer)
    report = verify_log(store, [verifier_key_string(signer)], origin="other/log")
    assert failing(report) == {"checkpoint.signature"}
    report = verify_log(store, ["not a key"])
    assert "keys" in failing(report) and "checkpoint.signature" in failing(report)


def test_empty_log_without_checkpoint_is_not_ok(signer: Signer) -> None:
    report = run(MemoryLogStore(), signer)
    assert not report.ok and "checkpoint.signature" in failing(report)


def test_reports_cap_and_merge() -> None:
    report = VerificationReport(max_failures_per_check=2)
    for i in range(5):
        report.failed("blob.hash", f"sha256:{i}", "bytes differ")
    report.passed("blob.presence", "blobs", "all present")
    assert len(report.failures) == 2 and report.failure_count("blob.hash") == 5
    assert report.suppressed["blob.hash"] == 3
    total = VerificationReport()
    total.merge(report)
    assert total.failure_count() == 5 and not total.ok
    assert "blob.hash" in total.summary()


def test_checkpoint_of_the_empty_log_verifies(signer: Signer) -> None:
    store = MemoryLogStore()
    log = CustodyLog(store, ORIGIN)
    log.checkpoint(signer)
    log.append(make_events(3))
    log.checkpoint(signer)
    report = run(store, signer)
    assert report.ok, report.failures
    assert any(f.check == "checkpoint.consistency" and f.ok for f in report.findings)


def test_checkpoints_for_another_log_are_found_without_an_expected_origin(
    signer: Signer,
) -> None:
    store = build(signer)
    cps = store.checkpoints()
    other = sign_checkpoint(Checkpoint("other/log", cps[2].size, cps[2].root_hash), [signer])
    cps.append(replace(cps[2], note=other))
    report = verify_log(tampered(store, checkpoints=cps), [verifier_key_string(signer)])
    assert failing(report) == {"checkpoint.signature"}
    assert any("other/log" in f.message for f in report.failures)


def test_unsigned_tail_is_reported_without_failing(signer: Signer) -> None:
    store = build(signer)
    CustodyLog(store, ORIGIN).append(make_events(5, 67))
    report = run(store, signer)
    assert report.ok
    coverage = [f for f in report.findings if f.check == "checkpoint.coverage"]
    assert coverage[0].message == "events 67-71 are not yet covered by a signed checkpoint"
