"""CustodyLog over the in-memory store: appends, checkpoints, proofs, rollback."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.clock import FixedClock
from qarina.core.errors import InputError, NotFoundError, UsageError
from qarina.core.model import CustodyEvent
from qarina.core.ports import LeafRecord
from qarina.custody.checkpoint import open_checkpoint
from qarina.custody.keys import generate_signer
from qarina.custody.leaves import build_leaves
from qarina.custody.log import CustodyLog
from qarina.custody.memory_store import MemoryLogStore
from qarina.custody.merkle import hash_leaf, root_of
from qarina.custody.proofs import ProofError

T0 = datetime(2017, 2, 15, 9, 0, tzinfo=UTC)


def make_events(count: int, start: int = 0) -> list[CustodyEvent]:
    return [
        CustodyEvent(
            kind="acquired" if i % 3 else "viewed",
            actor="investigator:1",
            at=T0 + timedelta(seconds=i),
            subject=f"sha256:{i % 7:064x}",
            details={"n": i, "name": f"file-{i}.pdf"},
        )
        for i in range(start, start + count)
    ]


def make_log(stride: int = 4) -> CustodyLog:
    return CustodyLog(MemoryLogStore(), "qarina.test/log", clock=FixedClock(T0), stride=stride)


def all_leaf_hashes(log: CustodyLog) -> list[bytes]:
    return [leaf.leaf_hash for leaf in log.store.leaves(0, log.size())]


def test_append_checkpoint_and_proofs() -> None:
    log = make_log()
    signer = generate_signer("qarina.test/log")
    assert log.append(make_events(5)) == [0, 1, 2, 3, 4]
    first = open_checkpoint(log.checkpoint(signer), [signer.verifier()], "qarina.test/log")
    assert log.append(make_events(40, 5)) == list(range(5, 45))
    second = open_checkpoint(log.checkpoint(signer), [signer.verifier()])
    assert (first.size, second.size) == (5, 45)
    assert second.root_hash == root_of(all_leaf_hashes(log)) == log.root()
    for index in range(45):
        proof = log.inclusion_proof(index)
        assert proof.size == 45
        assert proof.leaf_hash == hash_leaf(next(log.store.leaves(index, index + 1)).data)
        proof.verify(second.root_hash)
    log.consistency_proof(5, 45).verify(first.root_hash, second.root_hash)
    log.inclusion_proof(3).verify_against(second)
    log.consistency_proof(5, 45).verify_against(first, second)
    with pytest.raises(ProofError, match="sizes"):
        log.consistency_proof(4, 45).verify_against(first, second)
    with pytest.raises(ProofError):
        log.inclusion_proof(3).verify(first.root_hash)
    with pytest.raises(ProofError, match="checkpoint is 5"):
        log.inclusion_proof(3).verify_against(first)


def test_checkpoint_is_not_duplicated_until_the_log_grows() -> None:
    log = make_log()
    signer = generate_signer("k")
    log.append(make_events(3))
    note = log.checkpoint(signer)
    assert log.checkpoint(signer) == note
    assert len(log.store.checkpoints()) == 1
    other = generate_signer("k2")
    log.checkpoint(other)
    assert len(log.store.checkpoints()) == 2
    log.append(make_events(1, 3))
    assert log.checkpoint(signer) != note
    body = log.latest_checkpoint()
    assert body is not None and body.size == 4 and body.origin == "qarina.test/log"


def test_origin_defaults_to_the_key_name() -> None:
    log = CustodyLog(MemoryLogStore())
    signer = generate_signer("qarina.local/ws-1")
    log.append(make_events(1))
    assert open_checkpoint(log.checkpoint(signer), [signer.verifier()]).origin == signer.name


def test_events_read_back() -> None:
    log = make_log()
    events = make_events(10)
    log.append(events)
    back = log.event(4)
    assert back.index == 4 and back.details == events[4].details and back.at == events[4].at
    about = log.events_about(events[1].subject or "")
    assert [e.index for e in about] == [1, 8]
    with pytest.raises(NotFoundError):
        log.event(10)


def test_large_batches_are_written_in_chunks_in_one_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("qarina.custody.log.APPEND_CHUNK", 7)
    log = make_log()
    assert log.append(make_events(30)) == list(range(30))
    assert log.root() == root_of(all_leaf_hashes(log))
    bad = [*make_events(20, 30), CustodyEvent("Bad Kind", "a", T0, None)]
    with pytest.raises(InputError):
        log.append(bad)  # the first chunks were written, then rolled back
    assert log.size() == 30


def test_large_chunks_hold_the_collector_off_and_restore_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    original = build_leaves

    def spy(events: list[CustodyEvent], first: int) -> list[LeafRecord]:
        seen.append(gc.isenabled())
        return original(events, first)

    monkeypatch.setattr("qarina.custody.log.build_leaves", spy)
    log = make_log()
    assert gc.isenabled()
    log.append(make_events(5))
    log.append(make_events(1500, 5))
    assert seen == [True, False] and gc.isenabled()
    bad = [*make_events(1500, 1505), CustodyEvent("Bad Kind", "a", T0, None)]
    with pytest.raises(InputError):
        log.append(bad)
    assert gc.isenabled() and log.size() == 1505
    gc.disable()
    try:
        log.append(make_events(1500, 1505))
        assert not gc.isenabled()  # left as the caller set it
    finally:
        gc.enable()


def test_a_bad_event_leaves_the_log_untouched() -> None:
    log = make_log()
    log.append(make_events(3))
    bad = [*make_events(2, 3), CustodyEvent("Bad Kind", "a", T0, None)]
    with pytest.raises(InputError):
        log.append(bad)
    assert log.size() == 3
    assert log.append(make_events(1, 3)) == [3]


def test_memory_transaction_rolls_back() -> None:
    log = make_log()
    log.append(make_events(20))
    store = log.store
    assert isinstance(store, MemoryLogStore)
    nodes_before = list(store.stored_nodes())
    with pytest.raises(RuntimeError), store.transaction():
        log.append(make_events(20, 20))  # nested: joins the outer transaction
        assert log.size() == 40
        raise RuntimeError("caller failed after appending")
    assert log.size() == 20 and list(store.stored_nodes()) == nodes_before
    assert log.append(make_events(20, 20))[0] == 20
    assert log.root() == root_of(all_leaf_hashes(log))


def test_usage_errors() -> None:
    log = make_log()
    with pytest.raises(UsageError, match="no checkpoint"):
        log.inclusion_proof(0)
    log.append(make_events(4))
    with pytest.raises(UsageError):
        log.root(5)
    with pytest.raises(NotFoundError):
        log.inclusion_proof(4, 4)
    with pytest.raises(UsageError):
        log.consistency_proof(0, 4)
    assert log.append([]) == []


def test_an_event_read_back_appends_only_at_its_own_index() -> None:
    log = make_log()
    log.append(make_events(3))
    read_back = log.event(1)  # carries index 1
    with pytest.raises(UsageError, match="already carries leaf index 1, not 3"):
        log.append([read_back])
    assert log.size() == 3
    assert build_leaves([read_back], 1)[0].data == next(log.store.leaves(1, 2)).data


@given(
    st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=5),
    st.data(),
)
@settings(max_examples=40, deadline=None)
def test_proofs_from_the_store_match_the_definition(
    batches: list[int], stride: int, data: st.DataObject
) -> None:
    log = make_log(stride)
    sizes = []
    for count in batches:
        log.append(make_events(count, log.size()))
        sizes.append(log.size())
    hashes = all_leaf_hashes(log)
    size = data.draw(st.sampled_from(sizes))
    root = root_of(hashes[:size])
    assert log.root(size) == root
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    log.inclusion_proof(index, size).verify(root)
    log.consistency_proof(size, log.size()).verify(root, root_of(hashes))


def test_proof_for_a_size_beyond_the_log_is_a_usage_error() -> None:
    log = make_log()
    log.append(make_events(10))
    with pytest.raises(UsageError, match="has 10 leaves"):
        log.inclusion_proof(3, 12)
