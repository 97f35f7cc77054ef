"""Admiralty grading: source reliability (A–F), claim credibility (1–6), incident tiers.

Every grade comes with the rule that produced it, in words, so that a reviewer can check
it and a re-run gives the same answer. Reliability defaults follow the source's type
(``resources/source_types.json``); a mapping of source name to grade overrides them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from qarina.core.errors import UsageError
from qarina.link.folding import fold_name

GRADES = "ABCDEF"
DEFAULT_GRADES: Mapping[str, str] = {
    "un_or_opcw_body": "A",
    "established_ngo": "B",
    "wire_service": "B",
    "news_outlet": "C",
    "political_body": "D",
    "government": "D",
    "unknown": "F",
}
SELF_INTEREST_GRADE = "E"  # a government speaking about its own forces
_KEYWORDS: Sequence[tuple[str, tuple[str, ...]]] = (
    (
        "un_or_opcw_body",
        (
            "united nations",
            "un ",
            "opcw",
            "security council",
            "iiim",
            "commission of inquiry",
            "criminal court",
        ),
    ),
    (
        "government",
        (
            "ministry",
            "government",
            "federation",
            "republic",
            "kingdom",
            "embassy",
            "mission to the un",
        ),
    ),
    ("political_body", ("coalition", "party", "movement", "council")),
    ("wire_service", ("press agency", "presse", "news agency")),
    (
        "established_ngo",
        (
            "human rights",
            "amnesty",
            "watch",
            "medical",
            "relief",
            "red cross",
            "red crescent",
            "doctors",
            "physicians",
        ),
    ),
    ("news_outlet", ("news", "times", "post", "herald", "tv", "radio", "media", "press")),
)
_NOT_NATIONAL = frozenset(
    {
        "ministry",
        "of",
        "foreign",
        "affairs",
        "federation",
        "government",
        "the",
        "mission",
        "to",
        "un",
        "republic",
        "kingdom",
        "arab",
    }
)


@dataclass(frozen=True, slots=True)
class Grade:
    """A grade and the rule, in words, that produced it."""

    grade: str
    rule: str

    def as_dict(self) -> dict[str, str]:
        """JSON form (one shared, read-only dict per distinct grade and rule)."""
        return _grade_dict(self.grade, self.rule)


@lru_cache(maxsize=4096)
def _grade_dict(grade: str, rule: str) -> dict[str, str]:
    return {"grade": grade, "rule": rule}


def _load_types() -> dict[str, str]:
    path = resources.files("qarina.link").joinpath("resources/source_types.json")
    data = json.loads(path.read_text("utf-8"))
    return {
        fold_name(name): kind
        for kind, names in data.items()
        if not kind.startswith("_")
        for name in names
    }


class SourceGrader:
    """Reliability of sources: type defaults, overridden by a ``{name: grade}`` mapping."""

    def __init__(self, grades: Mapping[str, str] | None = None) -> None:
        overrides = dict(grades or {})
        for name, grade in overrides.items():
            if not isinstance(name, str) or grade not in tuple(GRADES):
                raise UsageError(f"source grade must be one of A–F: {name!r}: {grade!r}")
        self._overrides = {fold_name(k): v for k, v in overrides.items()}
        self._types = _load_types()
        self._memo: dict[tuple[str | None, str | None], Grade] = {}

    def source_type(self, name: str) -> str:
        """The type of a source: listed, else guessed from keywords, else ``unknown``."""
        key = fold_name(name)
        if key in self._types:
            return self._types[key]
        for kind, words in _KEYWORDS:
            if any(re.search(rf"\b{re.escape(w.strip())}\b", key) for w in words):
                return kind
        return "unknown"

    def reliability(self, name: str | None, perpetrator: str | None = None) -> Grade:
        """The reliability grade of ``name`` for a claim naming ``perpetrator`` (memoised)."""
        key = (name, perpetrator)
        if key not in self._memo:
            self._memo[key] = self._reliability(name, perpetrator)
        return self._memo[key]

    def best(self, names: tuple[str, ...], perpetrator: str | None) -> Grade:
        """The best reliability among joint claimants (F when there are none)."""
        grades = [self.reliability(n, perpetrator) for n in names]
        return min(grades, key=lambda g: g.grade) if grades else self.reliability(None)

    def _reliability(self, name: str | None, perpetrator: str | None) -> Grade:
        """The reliability grade of ``name`` for a claim naming ``perpetrator``."""
        if not name:
            return Grade("F", "F: no identifiable source")
        key = fold_name(name)
        if key in self._overrides:
            return Grade(self._overrides[key], f"{self._overrides[key]}: set by the workspace")
        kind = self.source_type(name)
        if kind == "government" and perpetrator and _same_nation(key, fold_name(perpetrator)):
            return Grade(
                SELF_INTEREST_GRADE,
                f"{SELF_INTEREST_GRADE}: a government speaking about its own forces",
            )
        grade = DEFAULT_GRADES[kind]
        return Grade(grade, f"{grade}: default for {kind.replace('_', ' ')}")


def _same_nation(source: str, perpetrator: str) -> bool:
    words = {w for w in source.split() if w not in _NOT_NATIONAL}
    return bool(words & set(perpetrator.split()))


def credibility(
    independent: int, reliability: str, contradicted_by: Sequence[str], attributed: bool
) -> Grade:
    """Credibility 1–6 of one claim, first matching rule wins.

    ``independent`` counts the first-hand sources that support the incident (the claim's
    own included); ``contradicted_by`` holds the reliability grades of independent sources
    that contradict this claim.
    """
    if not attributed or reliability == "F":
        return Grade("6", "6: cannot be judged (no identifiable or gradable claimant)")
    if contradicted_by and min(contradicted_by) < reliability and independent < 2:
        return Grade(
            "5",
            "5: improbable (contradicted by a more reliable independent source"
            " and confirmed by none)",
        )
    if contradicted_by:
        return Grade(
            "4", f"4: doubtful (contradicted by {len(contradicted_by)} independent source(s))"
        )
    if independent >= 2:
        return Grade("1", f"1: confirmed by {independent} independent first-hand sources")
    if reliability in "AB":
        return Grade("2", f"2: probably true (one source graded {reliability}, not contradicted)")
    return Grade("3", f"3: possibly true (one source graded {reliability}, not contradicted)")


def confidence_tier(
    source_grades: Sequence[str], physical_samples: bool, contested: bool
) -> dict[str, object]:
    """Incident confidence tier 1 (strongest) … 5 with its rule in words."""
    n = len(source_grades)
    good = [g for g in source_grades if g in "ABC"]
    samples = "physical samples analysed" if physical_samples else "no physical samples"
    if len(good) >= 2 and "A" in source_grades and physical_samples:
        tier, rule = 1, f"{n} independent first-hand sources incl. a grade-A body; {samples}"
    elif len(good) >= 2:
        tier, rule = 2, f"{n} independent first-hand sources graded A–C; {samples}"
    elif any(g in "AB" for g in source_grades):
        tier, rule = 3, f"1 first-hand source graded A or B; {samples}"
    elif n:
        tier, rule = 4, f"{n} first-hand source(s) graded C–E only; {samples}"
    else:
        tier, rule = 5, "no identifiable first-hand source"
    if contested and tier < 5:
        tier += 1
        rule += "; lowered one tier: independent sources contradict each other"
    return {"tier": tier, "rule": f"tier {tier}: {rule}"}
