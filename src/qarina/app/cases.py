"""Cases: charges, evidence links, suggestions and decisions, wired to a workspace.

Every act is a row in an append-only table and a custody event about the case (subject:
the case id), written in one transaction. Case files, protected items and time-stamps
are in :mod:`qarina.app.case_files`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qarina.app.workspace import Workspace
from qarina.core.errors import NotFoundError, UsageError
from qarina.core.ids import new_id
from qarina.core.model import CustodyEvent
from qarina.legal.evidence import Charge, EvidenceLink, EvidenceRef, parse_evidence_ref
from qarina.legal.library import Catalogue, load_catalogue
from qarina.legal.matrix import MatrixRow, build_matrix
from qarina.legal.suggestions import suggest_elements
from qarina.store.sql import cases as tables
from qarina.store.sql.cases import SQLCaseRepository


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case with everything attached to it."""

    case: dict[str, Any]
    incidents: list[str]
    charges: list[Charge]
    links: list[EvidenceLink]
    suggestions: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        """JSON form for the CLI and the API."""
        return {
            "id": self.case["id"],
            "title": self.case["title"],
            "incidents": self.incidents,
            "charges": [c.as_json() for c in self.charges],
            "links": [x.as_json() for x in self.links],
            "suggestions": [suggestion_json(s) for s in self.suggestions],
        }


def suggestion_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored suggestion with its latest decision, JSON-ready."""
    decision = row.get("decision") or {}
    keys = ("id", "charge_id", "element_id", "evidence", "rule", "reason")
    return {
        **{k: row[k] for k in keys},
        "decision": decision.get("decision"),
        "decided_by": decision.get("decided_by"),
    }


def repository(ws: Workspace) -> SQLCaseRepository:
    """The case repository of a workspace."""
    return SQLCaseRepository(ws.engine)


def commit(
    ws: Workspace, writes: list[tuple[Any, list[dict[str, Any]]]], events: list[CustodyEvent]
) -> None:
    """Append rows to case tables and their custody events in one transaction."""
    repo = repository(ws)
    with ws.engine.begin() as conn:
        for table, rows in writes:
            repo.insert(conn, table, rows)
        ws.custody.append(events, connection=conn)


def event(ws: Workspace, kind: str, subject: str, details: dict[str, Any]) -> CustodyEvent:
    """A custody event by the workspace's user, now."""
    return CustodyEvent(kind, ws.settings.user, ws.clock.now(), subject, details)


def resolve_case(ws: Workspace, case_id: str) -> dict[str, Any]:
    """The case row for an id or unique prefix, or ``NotFoundError``."""
    found = repository(ws).case(case_id)
    if found is None:
        raise NotFoundError(f"no case {case_id!r} in this workspace", hint="see: qarina case list")
    return found


def resolve_incident(ws: Workspace, incident_id: str) -> str:
    """The full id of a canonical incident: its id, or a unique prefix (``sha256:`` optional)."""
    wanted = incident_id.strip()
    ids = [str(i["id"]) for i in ws.facts.incidents()]
    if wanted in ids:
        return wanted
    found = [
        i
        for i in ids
        if len(wanted) >= 6 and i.removeprefix("sha256:").startswith(wanted.removeprefix("sha256:"))
    ]
    if len(found) != 1:
        raise NotFoundError(
            f"{len(found)} incidents match {incident_id!r}"
            if found
            else f"no incident {incident_id!r}",
            hint="give more of the id; see: qarina incidents WS (run qarina link first)",
        )
    return found[0]


def create_case(
    ws: Workspace,
    title: str,
    incidents: Sequence[str] = (),
    charges: Sequence[tuple[str, str | None]] = (),
) -> str:
    """Open a case with its first incidents and charges; return the new case id."""
    if not title.strip():
        raise UsageError("a case needs a title")
    catalogue = load_catalogue()
    for crime_id, _ in charges:
        catalogue.crime(crime_id)
    incident_ids = sorted({resolve_incident(ws, i) for i in incidents})
    case_id, now, user = new_id(), ws.clock.now(), ws.settings.user
    writes: list[tuple[Any, list[dict[str, Any]]]] = [
        (
            tables.cases,
            [{"id": case_id, "title": title.strip(), "created_by": user, "created_at": now}],
        ),
        (
            tables.case_incidents,
            [
                {"case_id": case_id, "incident_id": i, "added_by": user, "added_at": now}
                for i in incident_ids
            ],
        ),
    ]
    events = [event(ws, "opened", case_id, {"title": title.strip(), "incidents": incident_ids})]
    charge_rows = [_charge_row(case_id, crime, who, ws) for crime, who in charges]
    writes.append((tables.charges, charge_rows))
    events += [_charged_event(ws, row) for row in charge_rows]
    commit(ws, writes, events)
    return case_id


def _charge_row(
    case_id: str, crime_id: str, perpetrator: str | None, ws: Workspace
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "case_id": case_id,
        "crime_id": crime_id,
        "perpetrator": (perpetrator or "").strip() or None,
        "created_by": ws.settings.user,
        "created_at": ws.clock.now(),
    }


def _charged_event(ws: Workspace, row: dict[str, Any]) -> CustodyEvent:
    details = {
        "charge_id": row["id"],
        "crime_id": row["crime_id"],
        "perpetrator": row["perpetrator"],
    }
    return event(ws, "charged", row["case_id"], details)


def add_charge(ws: Workspace, case_id: str, crime_id: str, perpetrator: str | None) -> str:
    """Charge a crime from the catalogue against an alleged perpetrator; return its id."""
    case = resolve_case(ws, case_id)
    load_catalogue().crime(crime_id)
    row = _charge_row(case["id"], crime_id, perpetrator, ws)
    commit(ws, [(tables.charges, [row])], [_charged_event(ws, row)])
    return str(row["id"])


def add_incidents(ws: Workspace, case_id: str, incidents: list[str]) -> list[str]:
    """Bring incidents into a case (already present ones are skipped); return those added."""
    case = resolve_case(ws, case_id)
    present = set(repository(ws).case_incidents(case["id"]))
    fresh = sorted({resolve_incident(ws, i) for i in incidents} - present)
    rows = [
        {
            "case_id": case["id"],
            "incident_id": i,
            "added_by": ws.settings.user,
            "added_at": ws.clock.now(),
        }
        for i in fresh
    ]
    if fresh:
        scoped = event(ws, "scoped", case["id"], {"incidents": fresh})
        commit(ws, [(tables.case_incidents, rows)], [scoped])
    return fresh


def view_case(ws: Workspace, case_id: str) -> CaseView:
    """A case with its incidents, charges, links and suggestions."""
    case = resolve_case(ws, case_id)
    repo = repository(ws)
    charges = [
        Charge(r["id"], r["case_id"], r["crime_id"], r["perpetrator"])
        for r in repo.charges(case["id"])
    ]
    links = [
        EvidenceLink(
            r["id"],
            r["charge_id"],
            r["element_id"],
            EvidenceRef(r["evidence_kind"], r["evidence_ref"]),
            r["stance"],
            r["weight"],
            r["note"],
            r["suggestion_id"],
        )
        for r in repo.links(case["id"])
    ]
    return CaseView(
        case, repo.case_incidents(case["id"]), charges, links, repo.suggestions(case["id"])
    )


def _charge_for(
    view: CaseView, catalogue: Catalogue, element_id: str, charge_id: str | None
) -> Charge:
    element = catalogue.element(element_id)
    candidates = [
        c
        for c in view.charges
        if c.crime_id == element.crime_id and (charge_id is None or c.id.startswith(charge_id))
    ]
    if len(candidates) != 1:
        raise UsageError(
            f"{len(candidates)} charges of this case match element {element_id}",
            hint="charge the crime first (qarina case charge) or name the charge with --charge",
        )
    return candidates[0]


def check_evidence(ws: Workspace, ref: EvidenceRef) -> EvidenceRef:
    """Resolve a reference to something that exists (``NotFoundError`` otherwise)."""
    if ref.kind == "incident":
        return EvidenceRef("incident", resolve_incident(ws, ref.ref))
    if ref.kind == "item":
        found = ws.evidence.find_items(ref.ref)
        if len(found) != 1:
            raise NotFoundError(f"{len(found)} items match {ref.ref!r}")
        return EvidenceRef("item", found[0])
    if ref.kind == "passage":
        document_id, _, seq = ref.ref.rpartition(":")
        if not seq.isdigit() or int(seq) not in {
            p.seq for p in ws.evidence.passages_of(document_id)
        }:
            raise NotFoundError(f"no passage {ref.ref!r}", hint="write DOCUMENT_ID:SEQ")
        return ref
    doc, _, index = ref.ref.partition("#")
    known = {
        (str(m.get("doc")), str(m.get("index")))
        for inc in ws.facts.incidents()
        for m in inc.get("mentions") or []
    }
    if (doc, index) not in known:
        raise NotFoundError(f"no claim {ref.ref!r}", hint="write DOC#INDEX as in incident mentions")
    return ref


def link_evidence(
    ws: Workspace,
    case_id: str,
    element_id: str,
    evidence: str,
    *,
    stance: str = "inculpatory",
    weight: int = 3,
    note: str = "",
    charge_id: str | None = None,
    suggestion_id: str | None = None,
) -> str:
    """Tie evidence to an element of a charge of the case; return the link id."""
    view = view_case(ws, case_id)
    charge = _charge_for(view, load_catalogue(), element_id, charge_id)
    ref = check_evidence(ws, parse_evidence_ref(evidence))
    link = EvidenceLink(new_id(), charge.id, element_id, ref, stance, weight, note, suggestion_id)
    row = {
        "id": link.id,
        "charge_id": charge.id,
        "element_id": element_id,
        "evidence_kind": ref.kind,
        "evidence_ref": ref.ref,
        "stance": stance,
        "weight": weight,
        "note": note,
        "suggestion_id": suggestion_id,
        "created_by": ws.settings.user,
        "created_at": ws.clock.now(),
    }
    details = {
        k: row[k]
        for k in (
            "id",
            "charge_id",
            "element_id",
            "evidence_kind",
            "evidence_ref",
            "stance",
            "weight",
            "note",
            "suggestion_id",
        )
    }
    commit(ws, [(tables.evidence_links, [row])], [event(ws, "mapped", view.case["id"], details)])
    return link.id


def suggest(ws: Workspace, case_id: str) -> list[dict[str, Any]]:
    """Run the suggestion rules over the case; store and log new ones; return all of them."""
    view = view_case(ws, case_id)
    wanted = set(view.incidents)
    incidents = [i for i in ws.facts.incidents() if i["id"] in wanted]
    found = suggest_elements(load_catalogue(), view.case["id"], view.charges, incidents)
    rows = [
        {
            "id": s.id,
            "case_id": s.case_id,
            "charge_id": s.charge_id,
            "element_id": s.element_id,
            "evidence": [e.label() for e in s.evidence],
            "rule": s.rule,
            "reason": s.reason,
            "created_at": ws.clock.now(),
        }
        for s in found
    ]
    repo = repository(ws)
    with ws.engine.begin() as conn:
        fresh = repo.add_suggestions(conn, rows)
        if fresh:
            suggested = event(ws, "suggested", view.case["id"], {"suggestions": fresh})
            ws.custody.append([suggested], connection=conn)
    return repo.suggestions(view.case["id"])


def decide(
    ws: Workspace, case_id: str, suggestion_id: str, accept: bool, reason: str = "", weight: int = 3
) -> str:
    """Accept (creating one evidence link per suggested item) or reject a suggestion."""
    view = view_case(ws, case_id)
    matches = [s for s in view.suggestions if s["id"].startswith(suggestion_id)]
    if len(matches) != 1:
        raise NotFoundError(f"{len(matches)} suggestions of this case match {suggestion_id!r}")
    chosen = matches[0]
    decision = "accepted" if accept else "rejected"
    row = {
        "id": new_id(),
        "suggestion_id": chosen["id"],
        "decision": decision,
        "reason": reason,
        "decided_by": ws.settings.user,
        "decided_at": ws.clock.now(),
    }
    details = {"suggestion_id": chosen["id"], "decision": decision, "reason": reason}
    commit(
        ws,
        [(tables.suggestion_decisions, [row])],
        [event(ws, "reviewed", view.case["id"], details)],
    )
    if accept:
        for label in chosen["evidence"]:
            link_evidence(
                ws,
                view.case["id"],
                chosen["element_id"],
                label,
                weight=weight,
                note=f"accepted suggestion ({chosen['rule']}): {chosen['reason']}",
                charge_id=chosen["charge_id"],
                suggestion_id=chosen["id"],
            )
    return str(row["id"])


def case_matrix(ws: Workspace, case_id: str) -> list[MatrixRow]:
    """The evidence matrix of a case (open suggestions counted per element)."""
    return matrix_of(view_case(ws, case_id))


def matrix_of(view: CaseView) -> list[MatrixRow]:
    """The evidence matrix of a case view (the CLI's whole case, or what a user may see)."""
    pending: dict[tuple[str, str], int] = {}
    for s in view.suggestions:
        if s["decision"] is None:
            key = (s["charge_id"], s["element_id"])
            pending[key] = pending.get(key, 0) + 1
    return build_matrix(load_catalogue(), view.charges, view.links, pending)
