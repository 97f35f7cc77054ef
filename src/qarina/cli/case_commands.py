"""Commands for cases: charges, evidence links, suggestions, the evidence matrix."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from qarina.app.cases import (
    add_charge,
    add_incidents,
    case_matrix,
    create_case,
    decide,
    link_evidence,
    repository,
    suggest,
    suggestion_json,
    view_case,
)
from qarina.cli.context import DbOption, UserOption, WorkspaceArg, open_ws
from qarina.cli.output import console, print_json

case_app = typer.Typer(
    help="Cases: charges, evidence links, suggestions, matrix.", no_args_is_help=True
)
CaseArg = typer.Argument(..., help="Case id (or a unique prefix).", show_default=False)
JsonOption = typer.Option(False, "--json", help="Print JSON.")


def register(app: typer.Typer) -> None:
    """Add ``case`` to ``qarina``."""
    app.add_typer(case_app, name="case")


@case_app.command("create")
def case_create(
    workspace: Path = WorkspaceArg,
    title: str = typer.Argument(..., help="The case title."),
    incident: list[str] = typer.Option([], "--incident", help="An incident id (repeatable)."),
    charge: list[str] = typer.Option([], "--charge", help="A crime id from the catalogue."),
    perpetrator: str | None = typer.Option(None, "--perpetrator", help="Alleged perpetrator."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Open a case; prints ONLY the new case id (for scripts)."""
    ws = open_ws(workspace, db, user)
    case_id = create_case(ws, title, incident, [(c, perpetrator) for c in charge])
    ws.close()
    typer.echo(case_id)


@case_app.command("list")
def case_list(
    workspace: Path = WorkspaceArg, as_json: bool = JsonOption, db: str | None = DbOption
) -> None:
    """List the cases of a workspace."""
    ws = open_ws(workspace, db)
    rows = repository(ws).list_cases()
    ws.close()
    if as_json:
        print_json(
            [
                {
                    "id": r["id"],
                    "title": r["title"],
                    "created_by": r["created_by"],
                    "created_at": r["created_at"].isoformat(),
                }
                for r in rows
            ]
        )
        return
    table = Table("title", "opened", "by")
    table.add_column("id", no_wrap=True, min_width=36)
    for r in rows:
        table.add_row(
            escape(r["title"]), r["created_at"].isoformat()[:19], r["created_by"], r["id"]
        )
    console.print(table)


@case_app.command("show")
def case_show(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    as_json: bool = JsonOption,
    db: str | None = DbOption,
) -> None:
    """Show a case: incidents, charges, evidence links, suggestions."""
    ws = open_ws(workspace, db)
    view = view_case(ws, case_id)
    ws.close()
    if as_json:
        print_json(view.as_json())
        return
    console.print(f"[bold]{escape(view.case['title'])}[/]  {view.case['id']}")
    console.print(
        f"incidents: {len(view.incidents)}  links: {len(view.links)}  "
        f"suggestions: {len(view.suggestions)}"
    )
    for c in view.charges:
        console.print(f"  charge {c.id[:8]}  {c.crime_id}  against {escape(c.perpetrator or '—')}")
    for x in view.links:
        console.print(
            f"  link {x.element_id:16} {x.stance:11} w{x.weight} {escape(x.evidence.label()[:60])}"
        )


@case_app.command("charge")
def case_charge(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    crime: str = typer.Argument(..., help="A crime id from the catalogue."),
    perpetrator: str | None = typer.Option(None, "--perpetrator"),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Add a charge to a case; prints the charge id."""
    ws = open_ws(workspace, db, user)
    typer.echo(add_charge(ws, case_id, crime, perpetrator))
    ws.close()


@case_app.command("add-incident")
def case_add_incident(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    incidents: list[str] = typer.Argument(..., help="Incident ids."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Bring incidents into a case."""
    ws = open_ws(workspace, db, user)
    for added in add_incidents(ws, case_id, incidents):
        typer.echo(added)
    ws.close()


@case_app.command("link")
def case_link(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    element: str = typer.Option(..., "--element", help="Element id, e.g. rs-8-2-e-xiv.1."),
    evidence: str = typer.Option(
        ..., "--evidence", help="incident:ID, claim:DOC#N, item:SHA, passage:DOC:SEQ."
    ),
    stance: str = typer.Option("inculpatory", "--stance", help="inculpatory or exculpatory."),
    weight: int = typer.Option(3, "--weight", help="1 (weak) to 5 (strong)."),
    note: str = typer.Option("", "--note", help="Why this evidence bears on the element."),
    charge: str | None = typer.Option(None, "--charge", help="Charge id when ambiguous."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Link evidence to an element of a charge; prints the link id."""
    ws = open_ws(workspace, db, user)
    typer.echo(
        link_evidence(
            ws,
            case_id,
            element,
            evidence,
            stance=stance,
            weight=weight,
            note=note,
            charge_id=charge,
        )
    )
    ws.close()


@case_app.command("suggest")
def case_suggest(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    as_json: bool = JsonOption,
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Propose elements that the case's incidents may support."""
    ws = open_ws(workspace, db, user)
    rows = suggest(ws, case_id)
    ws.close()
    if as_json:
        print_json([suggestion_json(s) for s in rows])
        return
    if not rows:
        console.print(
            "no suggestions: the rules need charges and incidents in the case "
            "(qarina case charge, qarina case add-incident)"
        )
        return
    table = Table("element", "rule", "evidence", "why", "decision")
    table.add_column("suggestion", no_wrap=True, min_width=27)
    for s in rows:
        table.add_row(
            s["element_id"],
            s["rule"],
            str(len(s["evidence"])),
            escape(s["reason"]),
            (s["decision"] or {}).get("decision", "open"),
            s["id"],
        )
    console.print(table)


def _decide(
    workspace: Path,
    case_id: str,
    suggestion: str,
    accept: bool,
    reason: str,
    db: str | None,
    user: str | None,
) -> None:
    ws = open_ws(workspace, db, user)
    typer.echo(decide(ws, case_id, suggestion, accept, reason))
    ws.close()


@case_app.command("accept")
def case_accept(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    suggestion: str = typer.Argument(..., help="Suggestion id (or prefix)."),
    reason: str = typer.Option("", "--reason"),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Accept a suggestion: its evidence is linked to the element."""
    _decide(workspace, case_id, suggestion, True, reason, db, user)


@case_app.command("reject")
def case_reject(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    suggestion: str = typer.Argument(..., help="Suggestion id (or prefix)."),
    reason: str = typer.Option("", "--reason"),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Reject a suggestion (the decision is kept and logged)."""
    _decide(workspace, case_id, suggestion, False, reason, db, user)


@case_app.command("matrix")
def case_matrix_command(
    workspace: Path = WorkspaceArg,
    case_id: str = CaseArg,
    as_json: bool = JsonOption,
    db: str | None = DbOption,
) -> None:
    """The evidence matrix: every element of every charge, its support and its gaps."""
    ws = open_ws(workspace, db)
    rows = case_matrix(ws, case_id)
    ws.close()
    if as_json:
        print_json([row.as_json() for row in rows])
        return
    if not rows:
        console.print("the case has no charges yet (qarina case charge WS CASE CRIME_ID)")
        return
    table = Table("crime", "element", "status", "for", "against", "open")
    colours = {"gap": "red", "contested": "yellow", "supported": "green"}
    for row in rows:
        table.add_row(
            row.charge.crime_id,
            f"{row.element.number}. {escape(row.element.text)}",
            f"[{colours[row.status]}]{row.status}[/]",
            f"{len(row.inculpatory)} (w{row.weight_for})",
            f"{len(row.exculpatory)} (w{row.weight_against})",
            str(row.pending),
        )
    console.print(table)


@case_app.command("protect")
def case_protect(
    workspace: Path = WorkspaceArg,
    item: str = typer.Argument(..., help="Item digest (or prefix)."),
    reason: str = typer.Option(..., "--reason", help="Why it must be protected."),
    term: list[str] = typer.Option([], "--term", help="A name to redact (repeatable)."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Mark an item as identifying protected persons; prints the redacted copy's digest."""
    from qarina.app.case_files import protect_item

    ws = open_ws(workspace, db, user)
    typer.echo(protect_item(ws, item, reason, term))
    ws.close()
