"""Verification reports: integrity results as values, never exceptions.

A report lists every check that ran and every finding: ``(check, subject, ok,
message)``. Passing checks leave one summary entry; failures leave one entry per
subject (up to ``max_failures_per_check``, after which they are only counted). Other
verifiers (blob re-hashing, bundle checks) add their own findings with :meth:`add`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    """One result: which check, about what, whether it held, and what was seen."""

    check: str
    subject: str
    ok: bool
    message: str


@dataclass
class VerificationReport:
    """Every check and finding of one verification run."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: Counter[str] = field(default_factory=Counter)
    max_failures_per_check: int = 100
    _failures: Counter[str] = field(default_factory=Counter, repr=False)

    def add(self, check: str, subject: str, ok: bool, message: str) -> None:
        """Record a finding (failures beyond the per-check limit are only counted)."""
        if not ok:
            self._failures[check] += 1
            if self._failures[check] > self.max_failures_per_check:
                self.suppressed[check] += 1
                return
        self.findings.append(Finding(check, subject, ok, message))

    def passed(self, check: str, subject: str, message: str) -> None:
        """Record a check that held."""
        self.add(check, subject, True, message)

    def failed(self, check: str, subject: str, message: str) -> None:
        """Record a check that did not hold."""
        self.add(check, subject, False, message)

    def failure_count(self, check: str | None = None) -> int:
        """How many failures were recorded (for ``check``, or in all)."""
        if check is None:
            return sum(self._failures.values())
        return self._failures[check]

    @property
    def ok(self) -> bool:
        """True when nothing failed (and at least one check ran)."""
        return bool(self.findings) and not self._failures

    @property
    def failures(self) -> list[Finding]:
        """The failed findings that were kept."""
        return [f for f in self.findings if not f.ok]

    @property
    def checks(self) -> list[str]:
        """Names of the checks that ran, in first-seen order."""
        return list(dict.fromkeys(f.check for f in self.findings))

    def merge(self, other: VerificationReport) -> None:
        """Add every finding of ``other`` (for reports built in parts)."""
        for finding in other.findings:
            self.add(finding.check, finding.subject, finding.ok, finding.message)
        for check, count in other.suppressed.items():
            self._failures[check] += count
            self.suppressed[check] += count

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (for the CLI, the API and exported bundles)."""
        return {
            "ok": self.ok,
            "checks": self.checks,
            "failure_count": self.failure_count(),
            "findings": [
                {"check": f.check, "subject": f.subject, "ok": f.ok, "message": f.message}
                for f in self.findings
            ],
            "suppressed_failures": dict(self.suppressed),
        }

    def summary(self) -> str:
        """One line for people: verified, or how many failures in which checks."""
        if self.ok:
            return f"verified: {len(self.checks)} checks passed"
        if not self.findings:
            return "nothing was verified"
        failing = sorted(c for c, n in self._failures.items() if n)
        return f"FAILED: {self.failure_count()} failures in {', '.join(failing)}"
