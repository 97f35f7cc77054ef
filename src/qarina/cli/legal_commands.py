"""Commands for the legal catalogue: instruments, crimes and their elements."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from qarina.cli.output import console, print_json
from qarina.legal.library import load_catalogue

legal_app = typer.Typer(
    help="The legal catalogue: instruments, crimes, elements.", no_args_is_help=True
)
JsonOption = typer.Option(False, "--json", help="Print JSON.")


def register(app: typer.Typer) -> None:
    """Add ``legal`` to ``qarina``."""
    app.add_typer(legal_app, name="legal")


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
