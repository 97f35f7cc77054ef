"""The custody log: events appended as RFC 6962 leaves, signed checkpoints, proofs.

Every append reads the tree's right edge inside the same transaction as it writes, so
the log stays correct when a caller's transaction rolls back or another process
appended in between; a batch of events is one transaction (group commit).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from qarina.core.clock import Clock, SystemClock, format_instant
from qarina.core.errors import IntegrityError, NotFoundError, UsageError
from qarina.core.model import CustodyEvent
from qarina.core.ports import LogStore, StoredCheckpoint
from qarina.custody.canonical import decode_event
from qarina.custody.checkpoint import Checkpoint, parse_checkpoint, sign_checkpoint
from qarina.custody.leaves import build_leaves, collector_paused
from qarina.custody.note import NoteSigner, parse_note
from qarina.custody.proofs import (
    ProofError,
    consistency_ranges,
    inclusion_ranges,
    verify_consistency,
    verify_inclusion,
)
from qarina.custody.stored_tree import NODE_STRIDE, StoredTree

APPEND_CHUNK = 10_000


@dataclass(frozen=True, slots=True)
class InclusionProof:
    """Proof that leaf ``index`` (hash ``leaf_hash``) is in the tree of ``size`` leaves."""

    index: int
    size: int
    leaf_hash: bytes
    hashes: tuple[bytes, ...]

    def verify(self, root: bytes) -> None:
        """Raise ``ProofError`` unless this proof leads to ``root``."""
        verify_inclusion(self.leaf_hash, self.index, self.size, self.hashes, root)

    def verify_against(self, checkpoint: Checkpoint) -> None:
        """Raise ``ProofError`` unless the proof is for the checkpoint's size and root.

        A proof alone binds the tree size only through its shape; the signed checkpoint
        binds size and root together, so both must match it.
        """
        if self.size != checkpoint.size:
            raise ProofError(f"proof is for size {self.size}, checkpoint is {checkpoint.size}")
        self.verify(checkpoint.root_hash)


@dataclass(frozen=True, slots=True)
class ConsistencyProof:
    """Proof that the tree of ``size2`` leaves extends the tree of ``size1`` leaves."""

    size1: int
    size2: int
    hashes: tuple[bytes, ...]

    def verify(self, root1: bytes, root2: bytes) -> None:
        """Raise ``ProofError`` unless the proof links ``root1`` to ``root2``."""
        verify_consistency(self.size1, self.size2, self.hashes, root1, root2)

    def verify_against(self, first: Checkpoint, second: Checkpoint) -> None:
        """Raise ``ProofError`` unless the proof links these two checkpoints."""
        if (self.size1, self.size2) != (first.size, second.size):
            raise ProofError(
                f"proof is for sizes {self.size1}->{self.size2}, "
                f"checkpoints are {first.size}->{second.size}"
            )
        self.verify(first.root_hash, second.root_hash)


class CustodyLog:
    """Append-only custody log over a :class:`LogStore`.

    ``origin`` names the log in its checkpoints; when it is ``None`` the signer's key
    name is used (Qarina names a workspace's key after its log).
    """

    def __init__(
        self,
        store: LogStore,
        origin: str | None = None,
        *,
        clock: Clock | None = None,
        stride: int = NODE_STRIDE,
    ) -> None:
        self.store = store
        self.origin = origin
        self.clock: Clock = clock or SystemClock()
        self.stride = stride
        self.tree = StoredTree(store, stride)

    def size(self) -> int:
        """Number of events in the log."""
        return self.store.size()

    def append(
        self, events: Sequence[CustodyEvent], *, connection: object | None = None
    ) -> list[int]:
        """Append ``events`` in one transaction; return their leaf indexes.

        With ``connection`` the events join the caller's open transaction (so evidence
        rows and their custody events commit or roll back together).
        """
        if not events:
            return []
        with self.store.transaction(connection) as tx:
            size = tx.size()
            edge = StoredTree(tx, self.stride).compact_range(size)
            for start in range(0, len(events), APPEND_CHUNK):  # bounded memory, one commit
                chunk = events[start : start + APPEND_CHUNK]
                with collector_paused(len(chunk)):
                    leaves = build_leaves(chunk, size + start)
                    nodes = edge.extend([leaf.leaf_hash for leaf in leaves], self.stride)
                    tx.append(leaves, nodes)
        return list(range(size, size + len(events)))

    def root(self, size: int | None = None) -> bytes:
        """Root hash of the first ``size`` leaves (default: all)."""
        return self.tree.root(self.size() if size is None else self._check_size(size))

    def _check_size(self, size: int) -> int:
        current = self.size()
        if not 0 <= size <= current:
            raise UsageError(f"the custody log has {current} leaves, not {size}")
        return size

    def checkpoint(self, signer: NoteSigner, at: datetime | None = None) -> str:
        """Sign and store a checkpoint of the log as it is now; return the signed note.

        If the latest stored checkpoint is this very note (same key, same tree), it is
        returned instead of storing a duplicate.
        """
        origin = self.origin or signer.name
        with self.store.transaction() as tx:
            size = tx.size()
            root = StoredTree(tx, self.stride).root(size)
            note = sign_checkpoint(Checkpoint(origin, size, root), [signer])
            latest = tx.latest_checkpoint()
            if latest is not None and latest.note == note:
                return note  # Ed25519 is deterministic: same key, same tree, same note
            created = format_instant(at if at is not None else self.clock.now())
            tx.save_checkpoint(StoredCheckpoint(size, root, note, created))
        return note

    def latest_checkpoint(self) -> Checkpoint | None:
        """The body of the newest stored checkpoint (not verified: see ``verify_log``)."""
        latest = self.store.latest_checkpoint()
        return parse_checkpoint(parse_note(latest.note)[0]) if latest is not None else None

    def inclusion_proof(self, index: int, size: int | None = None) -> InclusionProof:
        """Proof of leaf ``index`` in the tree of ``size`` leaves.

        ``size`` defaults to the latest checkpoint's size, so the proof checks against
        a signed root; without any checkpoint, ``UsageError``.
        """
        if size is None:
            latest = self.store.latest_checkpoint()
            if latest is None:
                raise UsageError("the custody log has no checkpoint yet", hint="sign one first")
            size = latest.size
        if not 0 <= index < size:
            raise NotFoundError(f"leaf {index} is not in the first {size} custody events")
        ranges = [(index, index + 1), *inclusion_ranges(index, size)]
        try:
            hashes = self.tree.range_hashes(ranges)
        except IntegrityError:
            self._check_size(size)  # a size beyond the log is the caller's mistake
            raise
        return InclusionProof(index, size, hashes[0], tuple(hashes[1:]))

    def consistency_proof(self, size1: int, size2: int | None = None) -> ConsistencyProof:
        """Proof that the log at ``size2`` (default: now) extends the log at ``size1``."""
        size2 = self.size() if size2 is None else self._check_size(size2)
        if not 0 < size1 <= size2:
            raise UsageError(f"no consistency proof from size {size1} to size {size2}")
        hashes = self.tree.range_hashes(consistency_ranges(size1, size2))
        return ConsistencyProof(size1, size2, tuple(hashes))

    def event(self, index: int) -> CustodyEvent:
        """The event stored as leaf ``index``."""
        found = list(self.store.leaves(index, index + 1))
        if not found:
            raise NotFoundError(f"custody event {index} does not exist")
        return decode_event(found[0].data)

    def events_about(self, subject: str) -> list[CustodyEvent]:
        """Every event whose subject is ``subject``, oldest first."""
        return [decode_event(leaf.data) for leaf in self.store.subject_leaves(subject)]
