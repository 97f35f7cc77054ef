"""Custody events turned into the leaf records a log store writes.

This is the CPU-bound half of an append (canonical encoding and leaf hashes); it
touches no store.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from qarina.core.errors import UsageError
from qarina.core.model import CustodyEvent
from qarina.core.ports import LeafRecord
from qarina.custody.canonical import encode_events
from qarina.custody.merkle import hash_leaves

_PAUSE_COLLECTOR_FROM = 1_000  # events in a chunk


@contextmanager
def collector_paused(events: int) -> Iterator[None]:
    """Hold Python's cyclic garbage collector off while a large chunk is encoded and written.

    A chunk allocates a few small tuples per event, all alive until the chunk is written:
    collecting as they pile up costs about 7% of an append and frees nothing. Only when
    the collector was on, and only for one chunk (the commit's wait is outside); it then
    runs as usual at the next allocations. Threads racing here at worst re-enable it
    early, which is harmless.
    """
    if events < _PAUSE_COLLECTOR_FROM or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def build_leaves(events: Sequence[CustodyEvent], first: int) -> list[LeafRecord]:
    """The leaf records of ``events`` placed from leaf ``first`` on."""
    for offset, event in enumerate(events):
        if event.index is not None and event.index != first + offset:
            raise UsageError(
                f"event already carries leaf index {event.index}, not {first + offset}"
            )
    datas, times = encode_events(events, first)
    rows = zip(
        range(first, first + len(events)),
        datas,
        hash_leaves(datas),
        [event.kind for event in events],
        [event.subject for event in events],
        times,
        strict=True,
    )
    new = tuple.__new__  # LeafRecord's own __new__ is a Python call: 4x slower
    return [new(LeafRecord, row) for row in rows]
