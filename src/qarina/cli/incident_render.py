"""Rich rendering of canonical incidents (``qarina incidents`` / ``qarina incident``)."""

from __future__ import annotations

import json
from typing import Any

from rich.markup import escape
from rich.table import Table

from qarina.cli.output import console


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def short_id(incident_id: str) -> str:
    """The first 12 hex characters of an incident id (enough to name it on the CLI)."""
    return incident_id.removeprefix("sha256:")[:12]


def _dates(incident: dict[str, Any]) -> str:
    start, end = incident.get("date_start"), incident.get("date_end")
    if not start:
        return "undated"
    return start if start == end else f"{start} – {end}"


def _place(incident: dict[str, Any]) -> str:
    place = incident.get("place_normalized") or incident.get("location") or ""
    district = incident.get("district")
    return f"{district}, {place}" if district else place


def render_incidents(incidents: list[dict[str, Any]]) -> None:
    """One row per canonical incident."""
    table = Table(title=f"{len(incidents)} canonical incidents", expand=True, show_lines=False)
    for column in (
        "id",
        "dates",
        "place",
        "agent",
        "perpetrator",
        "docs",
        "independent",
        "confidence",
        "contra.",
    ):
        table.add_column(column, overflow="fold")
    for inc in incidents:
        confidence = inc.get("confidence") or {}
        table.add_row(
            short_id(inc["id"]) + (" ↳" if inc.get("parent") else ""),
            _dates(inc),
            escape(_place(inc)),
            escape(_text(inc.get("agent"))),
            escape(_text(inc.get("perpetrator"))),
            str(len(inc.get("documents") or [])),
            escape(_text(inc.get("independent_sources"))),
            str(confidence.get("tier", "")),
            str(len(inc.get("contradictions") or [])),
        )
    console.print(table)


def render_incident(incident: dict[str, Any]) -> None:
    """Every field of one incident, then its mentions, sources and contradictions."""
    console.print(f"[bold]incident {incident['id']}[/]")
    console.print(f"  when        {_dates(incident)} ({incident.get('date_precision')})")
    console.print(f"  where       {escape(_place(incident))}")
    for key in (
        "event_type",
        "agent",
        "delivery",
        "perpetrator",
        "num_attacks",
        "killed",
        "injured",
        "parent",
    ):
        console.print(f"  {key:11} {escape(_text(incident.get(key)))}")
    confidence = incident.get("confidence") or {}
    console.print(f"  confidence  {escape(str(confidence.get('rule', '')))}")
    console.print(f"  independent {escape(_text(incident.get('independent_sources')))}")
    for doc, chain in (incident.get("relay_chains") or {}).items():
        console.print(f"  [dim]relay[/] {escape(doc)}: {escape(_text(chain))}")
    for mention in incident.get("mentions") or []:
        console.print(
            f"  [dim]mention[/] {escape(str(mention.get('doc')))}"
            f"#{mention.get('index')} by {escape(_text(mention.get('attributed_by')))}"
        )
    for conflict in incident.get("contradictions") or []:
        console.print(
            f"  [red]contradiction[/] {escape(json.dumps(conflict, ensure_ascii=False)[:300])}"
        )
