"""The incident catalogue: canonical incidents held in memory with facet indexes.

Built once per linking run (the newest ``linked`` custody event is its version) and
shared by every request. Filtering intersects per-facet position sets, so listing a
page of 100,000 incidents does not walk them all. Users who are not cleared for some
restricted items see incidents without the mentions drawn from those items, and not at
all when nothing else supports them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

FACETS = ("place", "agent", "perpetrator", "tier", "source", "year")
MAX_FACET_VALUES = 30


def facet_values(incident: Mapping[str, Any]) -> dict[str, list[str]]:
    """The facet values one incident is listed under."""
    sources = set(incident.get("independent_sources") or [])
    for mention in incident.get("mentions") or []:
        named = mention.get("attributed_by")
        names = named if isinstance(named, list) else [named]
        sources.update(n for n in names if isinstance(n, str) and n)
    date_start = str(incident.get("date_start") or "")
    tier = (incident.get("confidence") or {}).get("tier")
    return {
        "place": _one(incident.get("place_normalized") or incident.get("location")),
        "agent": _one(incident.get("agent")),
        "perpetrator": _one(incident.get("perpetrator")),
        "tier": _one(None if tier is None else str(tier)),
        "source": sorted(sources),
        "year": _one(date_start[:4] if len(date_start) >= 4 else None),
    }


def _one(value: Any) -> list[str]:
    return [str(value)] if isinstance(value, str | int) and str(value) else []


@dataclass(frozen=True, slots=True)
class Filters:
    """What a user narrowed the incident list to."""

    place: str | None = None
    agent: str | None = None
    perpetrator: str | None = None
    tier: str | None = None
    source: str | None = None
    year: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def chosen(self) -> dict[str, str]:
        """The facet filters that are set."""
        return {f: v for f in FACETS if (v := getattr(self, f))}


@dataclass
class Page:
    """One page of a filtered incident list, with facet counts over the whole filter."""

    total: int
    incidents: list[dict[str, Any]]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class Catalogue:
    """Every canonical incident of one linking run, indexed for listing and facets."""

    def __init__(self, incidents: Sequence[dict[str, Any]], version: int | None) -> None:
        self.version = version
        self.incidents = sorted(
            incidents, key=lambda i: (str(i.get("date_start") or "9999"), str(i["id"]))
        )
        self.by_id = {str(i["id"]): n for n, i in enumerate(self.incidents)}
        self.index: dict[str, dict[str, set[int]]] = {f: {} for f in FACETS}
        self.values: list[dict[str, list[str]]] = []
        self.docs: list[frozenset[str]] = []
        for n, incident in enumerate(self.incidents):
            values = facet_values(incident)
            self.values.append(values)
            for facet, found in values.items():
                for value in found:
                    self.index[facet].setdefault(value, set()).add(n)
            docs = {str(m.get("doc")) for m in incident.get("mentions") or []}
            self.docs.append(frozenset(docs))
        self.all_counts = {f: self._counts(f, range(len(self.incidents))) for f in FACETS}
        self._hidden_cache: dict[frozenset[str], frozenset[int]] = {}
        self.memo: dict[object, bytes] = {}  # encoded forms, kept by the web layer

    def _counts(self, facet: str, positions: Iterable[int]) -> list[tuple[str, int]]:
        counter: Counter[str] = Counter()
        for n in positions:
            counter.update(self.values[n][facet])
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FACET_VALUES]

    def hidden_positions(self, hidden_docs: frozenset[str]) -> frozenset[int]:
        """Incidents every mention of which comes from a hidden document."""
        if not hidden_docs:
            return frozenset()
        cached = self._hidden_cache.get(hidden_docs)
        if cached is None:
            cached = frozenset(n for n, docs in enumerate(self.docs) if docs <= hidden_docs)
            self._hidden_cache[hidden_docs] = cached
        return cached

    def select(self, filters: Filters, hidden_docs: frozenset[str]) -> list[int] | None:
        """Positions matching ``filters`` in list order (``None``: every incident)."""
        chosen = filters.chosen()
        hidden = self.hidden_positions(hidden_docs)
        if not chosen and not hidden and not filters.date_from and not filters.date_to:
            return None
        sets = [self.index[f].get(v, set()) for f, v in chosen.items()]
        if sets:
            smallest = min(sets, key=len)
            positions: Iterable[int] = sorted(smallest.intersection(*sets))
        else:
            positions = range(len(self.incidents))
        return [n for n in positions if n not in hidden and self._in_dates(n, filters)]

    def _in_dates(self, n: int, filters: Filters) -> bool:
        incident = self.incidents[n]
        start = str(incident.get("date_start") or "")
        end = str(incident.get("date_end") or start)
        if filters.date_from and (not end or end < filters.date_from):
            return False
        return not (filters.date_to and (not start or start > filters.date_to))

    def page_positions(
        self, filters: Filters, hidden_docs: frozenset[str], offset: int, limit: int
    ) -> tuple[int, Sequence[int], dict[str, list[tuple[str, int]]]]:
        """``(total, positions of one page, facet counts)`` for ``filters``."""
        selected = self.select(filters, hidden_docs)
        if selected is None:
            total = len(self.incidents)
            return total, range(min(offset, total), min(offset + limit, total)), self.all_counts
        facets = {f: self._counts(f, selected) for f in FACETS}
        return len(selected), selected[offset : offset + limit], facets

    def page(self, filters: Filters, hidden_docs: frozenset[str], offset: int, limit: int) -> Page:
        """One page of incidents (mentions from hidden documents removed)."""
        total, chosen, facets = self.page_positions(filters, hidden_docs, offset, limit)
        rows = [without_docs(self.incidents[n], hidden_docs) for n in chosen]
        return Page(total, rows, facets)

    def touches(self, n: int, hidden_docs: frozenset[str]) -> bool:
        """True when incident ``n`` has a mention from a hidden document."""
        return bool(hidden_docs) and not self.docs[n].isdisjoint(hidden_docs)

    def get(self, incident_id: str, hidden_docs: frozenset[str]) -> dict[str, Any] | None:
        """One incident by full id or unique prefix (``None`` if hidden or absent)."""
        n = self.by_id.get(incident_id)
        if n is None:
            wanted = incident_id if incident_id.startswith("sha256:") else f"sha256:{incident_id}"
            found = [p for i, p in self.by_id.items() if len(wanted) >= 14 and i.startswith(wanted)]
            n = found[0] if len(found) == 1 else None
        if n is None or n in self.hidden_positions(hidden_docs):
            return None
        return without_docs(self.incidents[n], hidden_docs)


def without_docs(incident: dict[str, Any], hidden: frozenset[str]) -> dict[str, Any]:
    """``incident`` with every trace of the ``hidden`` documents removed."""
    if not hidden or not any(m.get("doc") in hidden for m in incident.get("mentions") or []):
        return incident
    out = dict(incident)
    out["mentions"] = [m for m in incident.get("mentions") or [] if m.get("doc") not in hidden]
    out["documents"] = [d for d in incident.get("documents") or [] if d not in hidden]
    out["documents_by_source"] = {
        source: [d for d in docs if d not in hidden]
        for source, docs in (incident.get("documents_by_source") or {}).items()
        if any(d not in hidden for d in docs)
    }
    out["relay_chains"] = {
        doc: chain
        for doc, chain in (incident.get("relay_chains") or {}).items()
        if doc not in hidden and not hidden.intersection(chain)
    }
    out["contradictions"] = [
        c for c in incident.get("contradictions") or [] if not hidden.intersection(_docs_in(c))
    ]
    out["merge_reasons"] = []
    return out


def _docs_in(value: Any) -> set[str]:
    """Every ``doc`` named anywhere inside a JSON value."""
    if isinstance(value, dict):
        found = {str(value["doc"])} if "doc" in value else set()
        for inner in value.values():
            found |= _docs_in(inner)
        return found
    if isinstance(value, list):
        return set().union(*(_docs_in(v) for v in value)) if value else set()
    return set()
