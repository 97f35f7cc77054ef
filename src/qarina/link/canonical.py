"""The canonical incident of a cluster: its schema fields, chosen from its members, and its id.

The id is a digest of the sorted member references, so a re-run over the same records
gives the same ids. Fields come from the most specific and most reliable member: the
narrowest time span (written out in full rather than "yesterday", the one most members
give), the most specific place, a named agent over ``unknown toxic
chemical``, the perpetrator most members name.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from qarina.core.ids import sha256_ref
from qarina.custody.canonical import canonical_json
from qarina.link.places import PlaceHierarchy
from qarina.link.records import UNKNOWN_AGENT, IncidentRecord
from qarina.link.relative import is_relative_day

PRECISION_RANK = {"day": 0, "month": 1, "approximate": 2, "year": 3}


def incident_id(members: Sequence[IncidentRecord]) -> str:
    """``sha256:<hex>`` of the canonical JSON (RFC 8785) list of sorted member references."""
    refs = sorted(r.key for r in members)
    return sha256_ref(hashlib.sha256(canonical_json(refs)).hexdigest())


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a JSON value (counts are flat dicts, agents flat lists)."""
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    if isinstance(value, list):
        return tuple(value)
    return value


def _most_common(values: Sequence[Any]) -> Any:
    """The most frequent value; ties go to the one that comes first (the best member's)."""
    keys = [_frozen(v) for v in values]
    counts = Counter(keys)
    best = max(range(len(values)), key=lambda i: (counts[keys[i]], -i))
    return values[best]


def _time(members: Sequence[IncidentRecord]) -> IncidentRecord | None:
    dated = [r for r in members if r.start is not None]
    if not dated:
        return None
    votes = Counter((r.start, r.end) for r in dated)
    return min(
        dated,
        key=lambda r: (
            (r.end or 0) - (r.start or 0),
            PRECISION_RANK.get(r.precision or "", 9),
            bool(r.raw.get("year_inferred")),
            is_relative_day(r.raw.get("date_text")),
            -votes[(r.start, r.end)],
            r.pos,
        ),
    )


def canonical_fields(
    members: Sequence[IncidentRecord], places: PlaceHierarchy, rank: Callable[[IncidentRecord], Any]
) -> dict[str, Any]:
    """Schema fields of the incident; ``rank`` orders members best first (lower is better)."""
    ordered = sorted(members, key=rank)
    lead = ordered[0]
    timed = _time(members)
    placed = max(ordered, key=lambda r: (places.depth(r.place), r.district is not None))
    fields: dict[str, Any] = {
        "event_type": lead.raw.get("event_type"),
        "date_start": timed.raw.get("date_start") if timed else None,
        "date_end": (timed.raw.get("date_end") or timed.raw.get("date_start")) if timed else None,
        "date_precision": timed.raw.get("date_precision") if timed else None,
        "year_inferred": bool(timed.raw.get("year_inferred")) if timed else False,
        "date_text": (timed or lead).raw.get("date_text"),
        "location": placed.raw.get("location"),
        "place_normalized": placed.raw.get("place_normalized"),
        "district": next((r.raw.get("district") for r in ordered if r.district), None),
        "country": lead.raw.get("country"),
    }
    named = [r.raw.get("agent") for r in ordered if r.agents - {UNKNOWN_AGENT}]
    fields["agent"] = _most_common(named) if named else lead.raw.get("agent")
    for key in ("delivery", "perpetrator", "num_attacks", "killed", "injured"):
        values = [r.raw.get(key) for r in ordered if r.raw.get(key) not in (None, "unknown")]
        fields[key] = _most_common(values) if values else lead.raw.get(key)
    holder = next((r for r in ordered if r.raw.get("perpetrator") == fields["perpetrator"]), lead)
    fields["perpetrator_text"] = holder.raw.get("perpetrator_text")
    claimants: list[str] = []
    for r in ordered:
        value = r.raw.get("attributed_by")
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name not in claimants:
                claimants.append(name)
    fields["attributed_by"] = sorted(claimants)
    return fields
