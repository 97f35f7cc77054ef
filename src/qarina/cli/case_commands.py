"""Commands for the legal catalogue, cases, case-file export and offline bundle checks."""

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
from qarina.cli.report_render import render_report
from qarina.core.errors import UsageError
from qarina.custody.timestamp import TimestampAuthority
from qarina.legal.library import load_catalogue

legal_app = typer.Typer(
    help="The legal catalogue: instruments, crimes, elements.", no_args_is_help=True
)
case_app = typer.Typer(
    help="Cases: charges, evidence links, suggestions, matrix.", no_args_is_help=True
)
CaseArg = typer.Argument(..., help="Case id (or a unique prefix).", show_default=False)
JsonOption = typer.Option(False, "--json", help="Print JSON.")


def register(app: typer.Typer) -> None:
    """Add ``legal``, ``case``, ``export``, ``verify-bundle`` and ``timestamp`` to ``qarina``."""
    app.add_typer(legal_app, name="legal")
    app.add_typer(case_app, name="case")
    app.command("export")(export)
    app.command("verify-bundle")(verify_bundle_command)
    app.command("timestamp")(timestamp)


@legal_app.command("list")
def legal_list(as_json: bool = JsonOption) -> None:
    """List the crimes (and State prohibitions) of the catalogue."""
    catalogue = load_catalogue()
    if as_json:
        print_json(
            [
                {
                    "id": c.id,
                    "title": c.title,
                    "article": c.article,
                    "category": c.category,
                    "elements": len(c.elements),
                }
                for c in catalogue.crimes.values()
            ]
        )
        return
    table = Table("id", "crime", "article", "elements")
    for crime in sorted(catalogue.crimes.values(), key=lambda c: c.id):
        table.add_row(
            crime.id, escape(crime.title), escape(crime.article), str(len(crime.elements))
        )
    console.print(table)
    console.print(f"instruments: {', '.join(sorted(catalogue.instruments))}")


@legal_app.command("show")
def legal_show(
    crime_id: str = typer.Argument(..., help="A crime or instrument id."),
    as_json: bool = JsonOption,
) -> None:
    """Show a crime with its elements (or an instrument with its provisions)."""
    catalogue = load_catalogue()
    if crime_id in catalogue.instruments:
        instrument = catalogue.instruments[crime_id]
        console.print(f"[bold]{escape(instrument.title)}[/] — {escape(instrument.citation)}")
        for p in instrument.provisions:
            console.print(f"  {escape(p.cite)}: {escape(p.summary)}")
        return
    crime = catalogue.crime(crime_id)
    if as_json:
        print_json(
            {
                "id": crime.id,
                "title": crime.title,
                "article": crime.article,
                "elements": [
                    {
                        "id": e.id,
                        "text": e.text,
                        "kind": e.kind,
                        "tags": list(e.tags),
                        "cite": e.cite,
                    }
                    for e in crime.elements
                ],
            }
        )
        return
    console.print(f"[bold]{escape(crime.title)}[/] ({escape(crime.article)})")
    for e in crime.elements:
        console.print(
            f"  {e.id:18} [{e.kind}] {escape(e.text)}\n  {'':18} [dim]{escape(e.cite)}[/]"
        )


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


def timestamp(
    workspace: Path = WorkspaceArg,
    url: str = typer.Option(..., "--url", help="The authority's RFC 3161 URL."),
    chain: Path = typer.Option(..., "--chain", help="Its certificate chain (PEM)."),
    name: str = typer.Option("tsa", "--name", help="A short name for it."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Sign a checkpoint and have a time-stamp authority vouch for it (RFC 3161)."""
    from qarina.app.case_files import timestamp_checkpoint

    try:
        pem = chain.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {chain}: {exc.strerror or exc}") from exc
    ws = open_ws(workspace, db, user)
    typer.echo(timestamp_checkpoint(ws, TimestampAuthority(name, url, pem)))
    ws.close()


def export(
    workspace: Path = WorkspaceArg,
    case: str = typer.Option(..., "--case", help="The case to export."),
    out: Path = typer.Option(..., "--out", help="Where to write the ZIP."),
    db: str | None = DbOption,
    user: str | None = UserOption,
) -> None:
    """Write a case file: originals, proofs, report (HTML, PDF), data exports."""
    from qarina.app.case_files import export_case

    ws = open_ws(workspace, db, user)
    result = export_case(ws, case, out)
    ws.close()
    console.print(
        f"wrote {escape(str(result.path))}: {result.size} bytes, {result.items} items, "
        f"{result.events} custody events (checkpoint {result.checkpoint_size})"
    )
    console.print(f"bundle {result.sha256}")


def verify_bundle_command(
    bundle: Path = typer.Argument(..., help="A case-file ZIP."),
    key: str | None = typer.Option(None, "--key", help="Pinned verifier key, or a file with it."),
    as_json: bool = JsonOption,
) -> None:
    """Check a case file with nothing but the file; exit 0 only if every check holds."""
    from qarina.casefile.verify import verify_bundle

    if key is not None and Path(key).is_file():
        key = Path(key).read_text(encoding="utf-8").strip()
    try:
        with bundle.open("rb") as stream:
            report = verify_bundle(stream, key)
    except OSError as exc:
        raise UsageError(f"cannot read {bundle}: {exc.strerror or exc}") from exc
    if as_json:
        print_json(report.to_dict())
    else:
        render_report(report)
    if not report.ok:
        raise typer.Exit(1)
