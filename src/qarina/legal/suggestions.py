"""Rules that propose which elements an incident may support. Qarina proposes; people decide.

Each rule has a stable id with a version (``name@version``) stored with the suggestion,
and a sentence saying why it fired. Rules match element *tags* (see the catalogue), never
a particular crime or document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from qarina.legal.evidence import Charge, EvidenceRef
from qarina.legal.library import Catalogue, Element

TOXIC_RULE = "toxic-agent@1"
KILLED_RULE = "killed@1"
PATTERN_RULE = "pattern-over-time@1"
NON_TOXIC_AGENTS = frozenset({"", "other", "none"})
CIVILIAN_EVENT_TYPES = frozenset(
    {"chemical_attack", "attack_on_medical_facility", "executions_in_detention"}
)
PATTERN_MIN_INCIDENTS = 3
PATTERN_MIN_DAYS = 7


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed evidence link: this evidence may support that element, and why."""

    id: str
    case_id: str
    charge_id: str
    element_id: str
    evidence: tuple[EvidenceRef, ...]
    rule: str
    reason: str


def suggestion_id(
    case_id: str, charge_id: str, element_id: str, rule: str, evidence: Iterable[EvidenceRef]
) -> str:
    """A digest of what the suggestion says, so re-running a rule finds the same one."""
    body = [case_id, charge_id, element_id, rule, sorted(e.label() for e in evidence)]
    digest = hashlib.sha256(json.dumps(body, separators=(",", ":")).encode("utf-8"))
    return "sg-" + digest.hexdigest()[:24]


def agents_of(incident: Mapping[str, Any]) -> list[str]:
    """The incident's agents as a list (the contract allows one value or a list)."""
    value = incident.get("agent")
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if isinstance(v, str)]


def lower_bound(count: Any) -> int:
    """The least number a count value states (``exact``, ``min`` or ``approx``); 0 if none."""
    if not isinstance(count, Mapping):
        return 0
    for key in ("exact", "min", "approx"):
        value = count.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return 0


def has_toxic_agent(incident: Mapping[str, Any]) -> bool:
    """True when the incident names a toxic agent (an unidentified toxic chemical counts)."""
    return any(a.strip().lower() not in NON_TOXIC_AGENTS for a in agents_of(incident))


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _elements_tagged(catalogue: Catalogue, charge: Charge, tags: set[str]) -> list[Element]:
    crime = catalogue.crime(charge.crime_id)
    return [e for e in crime.elements if tags & set(e.tags)]


def _make(
    case_id: str,
    charge: Charge,
    element: Element,
    rule: str,
    evidence: tuple[EvidenceRef, ...],
    reason: str,
) -> Suggestion:
    sid = suggestion_id(case_id, charge.id, element.id, rule, evidence)
    return Suggestion(sid, case_id, charge.id, element.id, evidence, rule, reason)


def per_incident_suggestions(
    catalogue: Catalogue,
    case_id: str,
    charges: Sequence[Charge],
    incidents: Sequence[Mapping[str, Any]],
) -> list[Suggestion]:
    """Toxic agent → use of a substance and its harmful nature; deaths → killing."""
    out: list[Suggestion] = []
    for incident in incidents:
        ref = (EvidenceRef("incident", str(incident["id"])),)
        agents = ", ".join(agents_of(incident))
        killed = lower_bound(incident.get("killed"))
        for charge in charges:
            if has_toxic_agent(incident):
                for element in _elements_tagged(
                    catalogue, charge, {"employment", "harmful_nature"}
                ):
                    reason = f"the incident names a toxic agent ({agents})"
                    out.append(_make(case_id, charge, element, TOXIC_RULE, ref, reason))
            if killed:
                for element in _elements_tagged(catalogue, charge, {"killing"}):
                    reason = f"the incident reports at least {killed} killed"
                    out.append(_make(case_id, charge, element, KILLED_RULE, ref, reason))
    return out


def pattern_suggestions(
    catalogue: Catalogue,
    case_id: str,
    charges: Sequence[Charge],
    incidents: Sequence[Mapping[str, Any]],
) -> list[Suggestion]:
    """Several dated incidents against civilians spread over time → widespread or systematic."""
    dated = []
    for incident in incidents:
        day = _parse_day(incident.get("date_start"))
        if day is not None and incident.get("event_type") in CIVILIAN_EVENT_TYPES:
            dated.append((day, str(incident["id"])))
    if len(dated) < PATTERN_MIN_INCIDENTS:
        return []
    first, last = min(dated)[0], max(dated)[0]
    if (last - first).days < PATTERN_MIN_DAYS:
        return []
    evidence = tuple(sorted(EvidenceRef("incident", iid) for _, iid in dated))
    reason = (
        f"{len(dated)} incidents against civilians between {first.isoformat()} and "
        f"{last.isoformat()} ({(last - first).days} days)"
    )
    return [
        _make(case_id, charge, element, PATTERN_RULE, evidence, reason)
        for charge in charges
        for element in _elements_tagged(catalogue, charge, {"widespread_systematic"})
    ]


def suggest_elements(
    catalogue: Catalogue,
    case_id: str,
    charges: Sequence[Charge],
    incidents: Sequence[Mapping[str, Any]],
) -> list[Suggestion]:
    """Every suggestion the rules make for a case's charges and incidents, without repeats."""
    found = [
        *per_incident_suggestions(catalogue, case_id, charges, incidents),
        *pattern_suggestions(catalogue, case_id, charges, incidents),
    ]
    unique = {s.id: s for s in found}
    return sorted(unique.values(), key=lambda s: (s.charge_id, s.element_id, s.rule, s.id))
