"""Rich rendering of a verification report."""

from __future__ import annotations

from rich.markup import escape

from qarina.cli.output import console
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
