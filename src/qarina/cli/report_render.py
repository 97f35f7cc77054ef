"""Rich rendering of a verification report."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from qarina.cli.output import console, print_json
from qarina.custody.report import VerificationReport


def render_report(report: VerificationReport) -> None:
    """Every finding, failures in red, then the verdict."""
    for finding in report.findings:
        mark = "[green]ok  [/]" if finding.ok else "[red]FAIL[/]"
        console.print(
            f"{mark} {finding.check:22} {escape(finding.subject)}: {escape(finding.message)}"
        )
    for check, count in report.suppressed.items():
        console.print(f"[red]FAIL[/] {check:22} … and {count} more failures")
    if report.ok:
        console.print("[bold green]verified:[/] every check holds")
    else:
        console.print(f"[bold red]NOT VERIFIED:[/] {report.failure_count()} failures")


def finish_report(report: VerificationReport, as_json: bool) -> None:
    """Print a report (JSON or Rich) and exit 1 unless every check held."""
    if as_json:
        print_json(report.to_dict())
    else:
        render_report(report)
    if not report.ok:
        raise typer.Exit(1)


def read_key_option(value: str | None) -> str | None:
    """A pinned verifier key given as ``NAME+HEXID+BASE64`` or as a file holding it."""
    if value is not None and Path(value).is_file():
        return Path(value).read_text(encoding="utf-8").strip()
    return value
