"""Admiralty grading rules."""

from __future__ import annotations

import pytest

from qarina.core.errors import UsageError
from qarina.link.grading import SourceGrader, confidence_tier, credibility


@pytest.mark.parametrize(
    ("name", "grade"),
    [
        ("OPCW-UN Joint Investigative Mechanism", "A"),
        ("UN Commission of Inquiry on Syria", "A"),
        ("Human Rights Watch", "B"),
        ("Syrian Network for Human Rights", "B"),
        ("Reuters", "B"),
        ("Al Jazeera", "C"),
        ("Kyiv Independent News", "C"),
        ("Syrian Coalition", "D"),
        ("Russian Federation", "D"),
        ("Somebody", "F"),
    ],
)
def test_default_reliability_by_source_type(name: str, grade: str) -> None:
    assert SourceGrader().reliability(name).grade == grade


def test_governments_about_their_own_forces_and_overrides() -> None:
    grader = SourceGrader({"Syrian Coalition": "C"})
    self_serving = grader.reliability(
        "Syrian Ministry of Foreign Affairs", "Syrian government forces"
    )
    assert self_serving.grade == "E" and "own forces" in self_serving.rule
    assert grader.reliability("Russian Federation", "armed opposition groups").grade == "D"
    assert grader.reliability("syrian coalition").rule == "C: set by the workspace"
    assert grader.reliability(None).grade == "F"
    with pytest.raises(UsageError, match="A–F"):
        SourceGrader({"X": "G"})


def test_credibility_rules_in_order() -> None:
    assert credibility(2, "B", [], attributed=True).grade == "1"
    assert credibility(1, "A", [], attributed=True).grade == "2"
    assert credibility(1, "C", [], attributed=True).grade == "3"
    assert credibility(2, "B", ["A"], attributed=True).grade == "4"
    assert credibility(1, "D", ["A"], attributed=True).grade == "5"
    assert credibility(1, "A", [], attributed=False).grade == "6"
    assert credibility(1, "F", [], attributed=True).grade == "6"


def test_confidence_tiers_state_their_rule() -> None:
    assert confidence_tier(["A", "B"], True, False) == {
        "tier": 1,
        "rule": "tier 1: 2 independent first-hand sources incl. a grade-A body; "
        "physical samples analysed",
    }
    assert confidence_tier(["B", "C"], False, False)["rule"] == (
        "tier 2: 2 independent first-hand sources graded A–C; no physical samples"
    )
    assert confidence_tier(["B"], False, False)["tier"] == 3
    assert confidence_tier(["D"], False, False)["tier"] == 4
    assert confidence_tier([], False, False)["tier"] == 5
    assert confidence_tier(["B"], False, True)["tier"] == 4
