"""Linking a workspace: canonical incidents from every document's latest extraction.

Human judgements (merge, split, re-parent) are stored append-only and logged; every
run applies all of them after the automatic clustering, so no re-run undoes them.
"""

from __future__ import annotations

from typing import Any

from qarina.app.records import digest_of_json
from qarina.app.workspace import Workspace
from qarina.core.ids import new_id
from qarina.core.model import CustodyEvent
from qarina.link import SCORER, Judgement, link_incidents
from qarina.store.sql.facts import JudgementRecord


def linker_inputs(ws: Workspace) -> list[dict[str, Any]]:
    """Each document's newest extraction output, with the metadata the linker reads."""
    docs: list[dict[str, Any]] = []
    for output, meta in ws.facts.latest_extractions():
        doc = dict(output)
        doc["id"] = meta["external_id"] or meta["document_id"]
        doc["document_id"] = meta["document_id"]
        doc["published"] = meta["published"]
        doc["publisher"] = meta["publisher"]
        doc["text"] = meta["text"]
        docs.append(doc)
    return docs


def judgements_of(ws: Workspace) -> list[Judgement]:
    """The stored human decisions, oldest first, as the linker takes them."""
    return [
        Judgement(
            j.action, j.payload["subject"], j.payload.get("other"), j.judge, j.decided_at, j.reason
        )
        for j in ws.facts.judgements()
    ]


def link_workspace(ws: Workspace, grades: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Re-run linking, store the canonical incidents and log the run."""
    incidents = link_incidents(linker_inputs(ws), judgements_of(ws), grades)
    now = ws.clock.now()
    event = CustodyEvent(
        "linked",
        ws.settings.user,
        now,
        None,
        {"scorer": SCORER, "incidents": len(incidents), "output_sha256": digest_of_json(incidents)},
    )
    with ws.engine.begin() as conn:
        ws.facts.replace_incidents(conn, incidents, SCORER, now)
        ws.custody.append([event], connection=conn)
    return incidents


def judge(ws: Workspace, kind: str, subject: str, other: str | None, reason: str) -> Judgement:
    """Record a human decision about two incident records, then it applies on every run."""
    now = ws.clock.now()
    judgement = Judgement(kind, subject, other, ws.settings.user, now, reason)
    record = JudgementRecord(
        new_id(), kind, {"subject": subject, "other": other}, ws.settings.user, reason, now
    )
    event = CustodyEvent(
        "judged", ws.settings.user, now, None, {"judgement_id": record.id, **judgement.to_dict()}
    )
    with ws.engine.begin() as conn:
        ws.facts.add_judgement(conn, record)
        ws.custody.append([event], connection=conn)
    return judgement
