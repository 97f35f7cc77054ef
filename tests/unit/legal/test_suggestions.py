"""Suggestion rules and the evidence matrix, on hand-made incidents."""

from __future__ import annotations

from typing import Any

import pytest

from qarina.core.errors import UsageError
from qarina.legal.evidence import Charge, EvidenceLink, EvidenceRef, parse_evidence_ref
from qarina.legal.library import load_catalogue
from qarina.legal.matrix import build_matrix, gaps
from qarina.legal.suggestions import (
    KILLED_RULE,
    PATTERN_RULE,
    TOXIC_RULE,
    lower_bound,
    suggest_elements,
)


def incident(iid: str, day: str | None, agent: Any = "chlorine", **extra: Any) -> dict[str, Any]:
    return {"id": iid, "event_type": "chemical_attack", "date_start": day, "agent": agent, **extra}


CHARGES = [Charge("ch1", "case", "rs-8-2-e-xiv", "X"), Charge("ch2", "case", "rs-7-1-a", None)]


def test_toxic_agent_proposes_use_and_harmful_nature() -> None:
    found = suggest_elements(load_catalogue(), "case", CHARGES, [incident("i1", "2016-11-17")])
    assert {(s.element_id, s.rule) for s in found} == {
        ("rs-8-2-e-xiv.1", TOXIC_RULE),
        ("rs-8-2-e-xiv.2", TOXIC_RULE),
    }
    assert all(s.evidence == (EvidenceRef("incident", "i1"),) for s in found)


def test_no_agent_no_toxic_suggestion_but_deaths_propose_killing() -> None:
    found = suggest_elements(
        load_catalogue(), "case", CHARGES, [incident("i1", None, None, killed={"min": 9})]
    )
    assert [(s.element_id, s.rule) for s in found] == [("rs-7-1-a.1", KILLED_RULE)]
    assert "at least 9" in found[0].reason


def test_several_incidents_over_time_propose_widespread_or_systematic() -> None:
    incidents = [incident(f"i{n}", f"2016-1{n}-0{n + 1}", "other") for n in range(3)]
    found = suggest_elements(load_catalogue(), "case", CHARGES, incidents)
    pattern = [s for s in found if s.rule == PATTERN_RULE]
    assert [s.element_id for s in pattern] == ["rs-7-1-a.2"]
    assert len(pattern[0].evidence) == 3


@pytest.mark.parametrize(
    "days", [["2016-11-17", "2016-11-18"], ["2016-11-17", "2016-11-18", "2016-11-19"]]
)
def test_too_few_or_too_close_incidents_propose_no_pattern(days: list[str]) -> None:
    incidents = [incident(f"i{n}", d, "other") for n, d in enumerate(days)]
    assert not suggest_elements(load_catalogue(), "case", CHARGES, incidents)


def test_suggestion_ids_are_stable_and_case_specific() -> None:
    one = suggest_elements(load_catalogue(), "a", CHARGES, [incident("i1", "2016-11-17")])
    two = suggest_elements(load_catalogue(), "a", CHARGES, [incident("i1", "2016-11-17")])
    other = suggest_elements(load_catalogue(), "b", CHARGES, [incident("i1", "2016-11-17")])
    assert [s.id for s in one] == [s.id for s in two]
    assert not {s.id for s in one} & {s.id for s in other}


def test_count_lower_bounds() -> None:
    assert lower_bound({"exact": 3}) == 3
    assert lower_bound({"min": 2, "max": 5}) == 2
    assert lower_bound({"max": 5}) == 0
    assert lower_bound(None) == 0


def test_matrix_statuses_and_gaps() -> None:
    charge = CHARGES[0]
    links = [
        EvidenceLink(
            "l1", "ch1", "rs-8-2-e-xiv.1", EvidenceRef("incident", "i1"), "inculpatory", 4, ""
        ),
        EvidenceLink(
            "l2", "ch1", "rs-8-2-e-xiv.2", EvidenceRef("incident", "i1"), "inculpatory", 3, ""
        ),
        EvidenceLink(
            "l3", "ch1", "rs-8-2-e-xiv.2", EvidenceRef("claim", "d#0"), "exculpatory", 2, ""
        ),
    ]
    rows = build_matrix(load_catalogue(), [charge], links, {("ch1", "rs-8-2-e-xiv.3"): 1})
    assert [r.status for r in rows] == ["supported", "contested", "gap", "gap"]
    assert rows[1].weight_for == 3 and rows[1].weight_against == 2
    assert rows[2].pending == 1
    assert [r.element.number for r in gaps(rows)] == [3, 4]


def test_bad_links_and_refs_are_refused() -> None:
    with pytest.raises(UsageError, match="weight"):
        EvidenceLink("l", "c", "e", EvidenceRef("item", "x"), "inculpatory", 9, "")
    with pytest.raises(UsageError, match="stance"):
        EvidenceLink("l", "c", "e", EvidenceRef("item", "x"), "neutral", 3, "")
    with pytest.raises(UsageError, match="unknown evidence kind"):
        parse_evidence_ref("photo:1")
    with pytest.raises(UsageError, match="no kind"):
        parse_evidence_ref("abc")
    assert parse_evidence_ref("item:sha256:ab") == EvidenceRef("item", "sha256:ab")
