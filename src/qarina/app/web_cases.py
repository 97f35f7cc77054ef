"""Cases as the web application uses them: the case services with access rules applied.

Viewers and analysts read cases; investigators and admins create and edit them; analysts
may also accept or reject suggestions. Every write goes through :mod:`qarina.app.cases`
(or :func:`qarina.app.case_files.export_case`) acting as the signed-in user, so its
custody event names them. Evidence drawn from restricted items is left out of what a
user without clearance is shown — links, scoped incidents, suggestions and matrix rows
behave as if it were absent — and such a user may neither export the case file (it
would carry the restricted originals) nor decide a suggestion that touches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qarina.app import cases
from qarina.app.accounts import User
from qarina.app.case_files import Export, export_case
from qarina.app.web_actions import acting_as
from qarina.app.web_services import WebServices, require
from qarina.core.errors import AccessDenied, NotFoundError, UsageError
from qarina.legal.evidence import STANCES, EvidenceRef, parse_evidence_ref
from qarina.legal.library import Catalogue, load_catalogue
from qarina.legal.matrix import MatrixRow

EDITORS = frozenset({"admin", "investigator"})
MAX_TITLE = 500
MAX_NOTE = 2000


def require_editor(user: User) -> None:
    """Raise :class:`AccessDenied` unless ``user`` may create and edit cases."""
    if user.role not in EDITORS:
        raise AccessDenied(f"the {user.role} role may not create or edit cases")


@dataclass(frozen=True, slots=True)
class Hidden:
    """What one user may not see: item digests, document references, incident ids."""

    items: frozenset[str]
    docs: frozenset[str]
    incidents: frozenset[str]
    tainted: frozenset[str]  # incidents drawn partly from hidden documents

    def hides(self, ref: EvidenceRef) -> bool:
        """True when ``ref`` points into something the user may not see."""
        if ref.kind == "item":
            return ref.ref in self.items
        if ref.kind == "passage":
            return ref.ref.rpartition(":")[0] in self.docs
        if ref.kind == "claim":
            return ref.ref.partition("#")[0] in self.docs
        return ref.ref in self.incidents

    def hides_label(self, label: str) -> bool:
        """:meth:`hides` for a ``kind:ref`` label."""
        return self.hides(parse_evidence_ref(label))

    def taints(self, ref: EvidenceRef) -> bool:
        """True when a case file built with ``ref`` would carry a hidden item."""
        return self.hides(ref) or (ref.kind == "incident" and ref.ref in self.tainted)


def hidden_for(services: WebServices, user: User, incidents: Iterable[str] = ()) -> Hidden:
    """The restricted evidence ``user`` may not see (empty for cleared users); of the
    incidents, only those named in ``incidents`` (full ids) are looked at."""
    items = services.hidden_items(user)
    if not items:
        return Hidden(frozenset(), frozenset(), frozenset(), frozenset())
    docs = {
        ref
        for doc in services.directory()
        if doc["item_sha256"] in items
        for ref in (doc["id"], doc["external_id"])
        if ref
    }
    hidden, tainted = set(), set()
    for incident_id in set(incidents):
        incident = services.ws.facts.incident(incident_id)
        sources = {str(m.get("doc")) for m in (incident or {}).get("mentions") or []}
        if sources & docs:
            tainted.add(incident_id)
            if sources <= docs:
                hidden.add(incident_id)
    return Hidden(items, frozenset(docs), frozenset(hidden), frozenset(tainted))


def _incidents_of(view: cases.CaseView) -> list[str]:
    """Every incident a case names: in scope or linked as evidence."""
    return view.incidents + [x.evidence.ref for x in view.links if x.evidence.kind == "incident"]


def list_cases(services: WebServices, user: User) -> list[dict[str, Any]]:
    """Every case (id, title, who opened it and when), newest first."""
    require(user, "read")
    rows = cases.repository(services.ws).list_cases()
    return sorted(
        (
            {
                "id": r["id"],
                "title": r["title"],
                "created_by": r["created_by"],
                "created_at": r["created_at"],
            }
            for r in rows
        ),
        key=lambda r: (r["created_at"], r["id"]),
        reverse=True,
    )


def view_case(services: WebServices, user: User, case_id: str) -> cases.CaseView:
    """A case with what ``user`` may not see left out."""
    require(user, "read")
    if not case_id or len(case_id) > 64:
        raise NotFoundError(f"no case {case_id[:64]!r} in this workspace")
    view = cases.view_case(services.ws, case_id)
    hidden = hidden_for(services, user, _incidents_of(view))
    if not hidden.items:
        return view
    return cases.CaseView(
        view.case,
        [i for i in view.incidents if i not in hidden.incidents],
        view.charges,
        [x for x in view.links if not hidden.hides(x.evidence)],
        [
            s
            for s in view.suggestions
            if not any(hidden.hides_label(label) for label in s["evidence"])
        ],
    )


def matrix(services: WebServices, user: User, case_id: str) -> list[MatrixRow]:
    """The evidence matrix of the case from the evidence ``user`` may see."""
    return cases.matrix_of(view_case(services, user, case_id))


def catalogue() -> Catalogue:
    """The legal catalogue (crimes to charge, elements to link to)."""
    return load_catalogue()


def create(
    services: WebServices,
    user: User,
    title: str,
    incidents: list[str],
    charges: list[tuple[str, str | None]],
) -> str:
    """Open a case as ``user``; return its id."""
    require_editor(user)
    if len(title) > MAX_TITLE:
        raise UsageError(f"a case title has at most {MAX_TITLE} characters")
    ws = acting_as(services.ws, user)
    resolved = [cases.resolve_incident(ws, i) for i in incidents]
    hidden = hidden_for(services, user, resolved)
    for incident in resolved:
        if incident in hidden.incidents:
            raise NotFoundError(f"no incident {incident!r}")
    with services.write_lock:
        return cases.create_case(ws, title, resolved, charges)


def add_charge(
    services: WebServices, user: User, case_id: str, crime_id: str, perpetrator: str | None
) -> str:
    """Charge a crime against an alleged perpetrator; return the charge id."""
    require_editor(user)
    with services.write_lock:
        return cases.add_charge(acting_as(services.ws, user), case_id, crime_id, perpetrator)


def link(
    services: WebServices,
    user: User,
    case_id: str,
    element_id: str,
    evidence: str,
    fields: dict[str, Any],
) -> str:
    """Tie evidence to an element (``fields``: stance, weight, note, charge_id)."""
    require_editor(user)
    stance, weight = str(fields.get("stance") or "inculpatory"), fields.get("weight", 3)
    if stance not in STANCES:
        raise UsageError(f"stance must be one of {', '.join(STANCES)}")
    if not isinstance(weight, int) or not 1 <= weight <= 5:
        raise UsageError("weight must be a whole number from 1 (weak) to 5 (strong)")
    note = str(fields.get("note") or "")
    if len(note) > MAX_NOTE:
        raise UsageError(f"a note has at most {MAX_NOTE} characters")
    ref = cases.check_evidence(services.ws, parse_evidence_ref(evidence))
    if hidden_for(services, user, [ref.ref] if ref.kind == "incident" else []).hides(ref):
        raise NotFoundError(f"no evidence {evidence!r}")
    with services.write_lock:
        return cases.link_evidence(
            acting_as(services.ws, user),
            case_id,
            element_id,
            evidence,
            stance=stance,
            weight=weight,
            note=note,
            charge_id=fields.get("charge_id") or None,
        )


def scope(services: WebServices, user: User, case_id: str, incidents: list[str]) -> list[str]:
    """Bring incidents into the case (logged as ``scoped``); return those added."""
    require_editor(user)
    ws = acting_as(services.ws, user)
    resolved = [cases.resolve_incident(ws, i) for i in incidents]
    hidden = hidden_for(services, user, resolved)
    if not resolved or any(i in hidden.incidents for i in resolved):
        raise NotFoundError("name at least one incident you can see")
    with services.write_lock:
        return cases.add_incidents(ws, case_id, resolved)


def propose(services: WebServices, user: User, case_id: str) -> int:
    """Run the suggestion rules over the case; return how many of its suggestions
    ``user`` may see."""
    require_editor(user)
    with services.write_lock:
        cases.suggest(acting_as(services.ws, user), case_id)
    return len(view_case(services, user, case_id).suggestions)


def decide(
    services: WebServices, user: User, case_id: str, suggestion_id: str, accept: bool, reason: str
) -> str:
    """Accept or reject one suggestion (analysts, investigators, admins); return the
    decision id."""
    require(user, "review")
    if len(reason) > MAX_NOTE:
        raise UsageError(f"a reason has at most {MAX_NOTE} characters")
    view = view_case(services, user, case_id)
    if not suggestion_id or not any(s["id"] == suggestion_id for s in view.suggestions):
        raise NotFoundError(f"no suggestion {suggestion_id[:64]!r} in this case")
    with services.write_lock:
        return cases.decide(acting_as(services.ws, user), case_id, suggestion_id, accept, reason)


def export(services: WebServices, user: User, case_id: str, out: Path) -> Export:
    """Write the case file to ``out`` as ``user`` (refused when it would carry items the
    user is not cleared for)."""
    require_editor(user)
    view = cases.view_case(services.ws, case_id)
    hidden = hidden_for(services, user, _incidents_of(view))
    refs = [EvidenceRef("incident", i) for i in view.incidents]
    refs += [x.evidence for x in view.links]
    if any(hidden.taints(ref) for ref in refs):
        raise AccessDenied(
            "this case file holds restricted items you are not cleared for",
            hint="ask an admin or a user cleared for their collection to export it",
        )
    with services.write_lock:
        return export_case(acting_as(services.ws, user), view.case["id"], out)


def stale_incidents(services: WebServices, view: cases.CaseView) -> frozenset[str]:
    """Incidents the case names that the newest linking run no longer has (a merge or
    split renumbered them): shown as such rather than as dead links."""
    return frozenset(i for i in _incidents_of(view) if services.ws.facts.incident(i) is None)
