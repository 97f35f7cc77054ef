"""Constrained clustering of scored record pairs into incidents.

1. Human ``merge`` judgements are applied first (unless they would join two records a
   human has split); human ``split`` judgements forbid every later merge across them.
2. Automatic merges follow in descending score order, for pairs at or above
   ``MERGE_THRESHOLD``, and only when the two clusters stay consistent as a whole (their
   dated spans still intersect, places nest, no district, kind, series, document-claimant
   or parent clash). Transitive chains therefore never join records the evidence separates.
3. Imprecise records (undated, or dated only to a month or a year, which could hold several
   events of one town) join an incident only when one consistent incident scores at least
   ``ATTACH_THRESHOLD`` with them and every other candidate scores at least
   ``ATTACH_MARGIN`` less (same town, but also same agent, perpetrator, claimant…).
   Among incidents not anchored to a day, a candidate that could join the best one is a
   fragment of it, not a rival.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from qarina.link.judgements import Constraints, Judgement
from qarina.link.places import UNRELATED, PlaceHierarchy
from qarina.link.records import UNKNOWN_KIND, IncidentRecord
from qarina.link.scoring import (
    ATTACH_MARGIN,
    ATTACH_THRESHOLD,
    MERGE_THRESHOLD,
    RELATIVE_DAY_SLACK,
)

_NONE: frozenset[Any] = frozenset()


@dataclass(slots=True)
class Cluster:
    """Summary of a growing cluster, enough to check a merge in (near) constant time."""

    members: list[int]
    lo: int | None
    hi: int | None
    places: set[str | None]
    district: str | None
    kind: str
    series: int | None
    voices: set[tuple[str, frozenset[str]]]
    keys: set[tuple[str, int]]
    parent_keys: frozenset[tuple[str, int]]
    forbidden: frozenset[int]
    anchored: bool  # holds a record dated to the day
    edges: list[tuple[int, int, float | Judgement]] = field(default_factory=list)


def _singleton(r: IncidentRecord, forbidden: frozenset[int]) -> Cluster:
    series = r.num_attacks.value if r.num_attacks and r.kind != UNKNOWN_KIND else None
    return Cluster(
        members=[r.pos],
        lo=r.start,
        hi=r.end,
        places={r.place},
        district=r.district,
        kind=r.kind,
        series=series,
        voices={(r.doc, r.claimants)},
        keys={(r.doc, r.index)},
        parent_keys=frozenset({(r.doc, r.parent)}) if r.parent is not None else _NONE,
        forbidden=forbidden,
        anchored=r.precise,
    )


def consistent(a: Cluster, b: Cluster, places: PlaceHierarchy) -> bool:
    """True when the union of two clusters is still one plausible event."""
    if _disjoint(a, b) and not _adjacent_days(a, b):
        return False
    if a.district and b.district and a.district != b.district:
        return False
    if UNKNOWN_KIND not in (a.kind, b.kind) and a.kind != b.kind:
        return False
    if a.series is not None and b.series is not None and a.series != b.series:
        return False
    small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
    if not small.voices.isdisjoint(large.voices):
        return False
    if (a.parent_keys and not a.parent_keys.isdisjoint(b.keys)) or (
        b.parent_keys and not b.parent_keys.isdisjoint(a.keys)
    ):
        return False
    if split_apart(a, b):
        return False
    return all(places.relation(p, q) != UNRELATED for p in a.places for q in b.places)


def _disjoint(a: Cluster, b: Cluster) -> bool:
    """True when both incidents are dated and their spans do not intersect."""
    if a.lo is None or b.lo is None:
        return False
    return a.lo > b.hi or b.lo > a.hi  # type: ignore[operator]


def _adjacent_days(a: Cluster, b: Cluster) -> bool:
    """Two incidents each pinned to one day, the days adjacent.

    Only a pair scored as "adjacent days, one written relatively" can propose such a merge
    (every other pair of different days is a hard conflict).
    """
    if a.lo is None or b.lo is None or a.lo != a.hi or b.lo != b.hi:
        return False
    return abs(a.lo - b.lo) <= RELATIVE_DAY_SLACK


def split_apart(a: Cluster, b: Cluster) -> bool:
    """True when a human split separates a member of ``a`` from a member of ``b``.

    Split judgements are recorded on both records, so one direction suffices.
    """
    if not a.forbidden and not b.forbidden:
        return False
    small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
    return any(m in large.forbidden for m in small.members)


def _absorb(into: Cluster, other: Cluster) -> None:
    into.members.extend(other.members)
    if _disjoint(into, other):  # adjacent days: the union of the two
        into.lo, into.hi = min(into.lo, other.lo), max(into.hi, other.hi)  # type: ignore[type-var]
    elif other.lo is not None:  # the intersection of the spans
        into.lo = other.lo if into.lo is None else max(into.lo, other.lo)
        into.hi = other.hi if into.hi is None else min(into.hi, other.hi)  # type: ignore[type-var]
    into.places |= other.places
    into.district = into.district or other.district
    into.kind = into.kind if into.kind != UNKNOWN_KIND else other.kind
    into.series = into.series if into.series is not None else other.series
    into.voices |= other.voices
    into.keys |= other.keys
    if other.parent_keys:
        into.parent_keys = into.parent_keys | other.parent_keys
    if other.forbidden:
        into.forbidden = into.forbidden | other.forbidden
    into.anchored = into.anchored or other.anchored
    into.edges.extend(other.edges)


class Clustering:
    """Union-find over records with cluster summaries."""

    def __init__(
        self, records: Sequence[IncidentRecord], places: PlaceHierarchy, constraints: Constraints
    ) -> None:
        self.places = places
        self.root = list(range(len(records)))
        self.clusters: dict[int, Cluster] = {
            r.pos: _singleton(r, constraints.cannot_link.get(r.pos, frozenset())) for r in records
        }

    def find(self, pos: int) -> int:
        """The root position of ``pos``'s cluster."""
        root = pos
        while self.root[root] != root:
            root = self.root[root]
        while self.root[pos] != root:
            self.root[pos], pos = root, self.root[pos]
        return root

    def union(self, i: int, j: int, why: float | Judgement, check: bool = True) -> bool:
        """Join the clusters of ``i`` and ``j`` if consistent (or unchecked); report success."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        ci, cj = self.clusters[ri], self.clusters[rj]
        if check and not consistent(ci, cj, self.places):
            return False
        if split_apart(ci, cj):
            return False
        if len(ci.members) < len(cj.members):
            ri, rj, ci, cj = rj, ri, cj, ci
        _absorb(ci, cj)
        ci.edges.append((i, j, why))
        self.root[rj] = ri
        del self.clusters[rj]
        return True


def cluster_records(
    records: Sequence[IncidentRecord],
    places: PlaceHierarchy,
    scored: Iterable[tuple[float, int, int]],
    constraints: Constraints,
) -> list[Cluster]:
    """Cluster records from scored pairs ``(score, pos, pos)``; return clusters by first member."""
    state = Clustering(records, places, constraints)
    for i, j, judgement in constraints.must_link:
        state.union(i, j, judgement, check=False)
    attach: dict[int, list[tuple[float, int]]] = {}
    for score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if records[i].precise and records[j].precise:
            if score >= MERGE_THRESHOLD:
                state.union(i, j, score)
        elif score >= ATTACH_THRESHOLD:
            attach.setdefault(i, []).append((score, j))
            attach.setdefault(j, []).append((score, i))
    _attach_imprecise(records, state, attach)
    clusters = list(state.clusters.values())
    for c in clusters:
        c.members.sort()
        c.voices, c.keys, c.places = set(), set(), set()  # summaries are done: free them
    return sorted(clusters, key=lambda c: c.members[0])


def _attach_imprecise(
    records: Sequence[IncidentRecord], state: Clustering, attach: dict[int, list[tuple[float, int]]]
) -> None:
    """Place each imprecise record (undated, or dated only to a month or year), finest first.

    First onto incidents anchored by a record dated to the day; what is left, onto each
    other. Fragments of one incident therefore never compete with it for a record.
    """

    def order(pos: int) -> tuple[float, int]:
        r = records[pos]
        return ((r.end - r.start) if r.start is not None and r.end is not None else 1e9), pos

    pending = sorted((p for p in attach if not records[p].precise), key=order)
    for anchored in (True, False):
        for pos in pending:
            own = state.find(pos)
            if not state.clusters[own].anchored:
                _attach_one(state, pos, attach, anchored)


def _attach_one(
    state: Clustering, pos: int, attach: dict[int, list[tuple[float, int]]], anchored: bool
) -> None:
    """Join the best candidate incident when it beats every rival by ``ATTACH_MARGIN``.

    Among unanchored incidents the choice must be clear from both sides: an undated record
    that two different series could claim joins neither, whichever of them is placed first.
    """
    targets = _targets(state, pos, attach[pos], anchored)
    if not targets:
        return
    score, other = max(targets.values())
    best = state.find(other)
    if not _is_clear(state, targets, best, fragments=not anchored):
        return
    if not anchored:
        theirs = _targets(state, other, attach.get(other, []), anchored)
        if not _is_clear(state, theirs, state.find(pos), fragments=True):
            return
    state.union(pos, other, score)


def _targets(
    state: Clustering, pos: int, candidates: list[tuple[float, int]], anchored: bool
) -> dict[int, tuple[float, int]]:
    """Candidate incidents of ``pos`` (root -> best score and record) it could join."""
    own = state.clusters[state.find(pos)]
    targets: dict[int, tuple[float, int]] = {}
    for score, other in candidates:
        root = state.find(other)
        cluster = state.clusters[root]
        if cluster is own or cluster.anchored != anchored:
            continue
        if consistent(own, cluster, state.places):
            targets[root] = max(targets.get(root, (score, other)), (score, other))
    return targets


def _is_clear(
    state: Clustering, targets: dict[int, tuple[float, int]], chosen: int, fragments: bool
) -> bool:
    """True when ``chosen`` is a target and every rival scores ``ATTACH_MARGIN`` less.

    Anchored incidents that did not merge are all rivals. Among unanchored ones (with
    ``fragments``), a rival is a target that could not join the chosen incident; targets
    that could are fragments of the same event (imprecise records never merge before this
    phase: four reports of a prison's 2011-2015 executions would otherwise block each other).
    """
    if chosen not in targets:
        return False
    score = targets[chosen][0]
    cluster = state.clusters[chosen]
    return all(
        score - rival >= ATTACH_MARGIN
        for root, (rival, _) in targets.items()
        if root != chosen
        and not (fragments and consistent(cluster, state.clusters[root], state.places))
    )
