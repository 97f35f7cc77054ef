"""Parsing incident records: counts, dates, kinds, clear errors on bad input."""

from __future__ import annotations

import math
from typing import Any

import pytest

from qarina.core.errors import InputError
from qarina.link.records import (
    AGGREGATE,
    SINGLE,
    UNKNOWN_KIND,
    parse_count,
    parse_record,
    parse_records,
)
from tests.unit.link.builders import make_doc, make_incident


def test_count_qualifiers_become_intervals() -> None:
    where = ("d", 0)
    exact = parse_count({"exact": 9}, where, "killed")
    at_least = parse_count({"min": 9}, where, "killed")
    about = parse_count({"approx": 200}, where, "injured")
    between = parse_count({"min": 5, "max": 7}, where, "killed")
    assert exact and (exact.low, exact.high) == (9, 9)
    assert at_least and at_least.high == math.inf and at_least.overlaps(exact)
    assert about and about.low < 200 < about.high
    assert between and not between.overlaps(exact)
    assert parse_count(None, where, "killed") is None


@pytest.mark.parametrize(
    "bad", [{"some": 3}, {"min": -1}, {}, "nine", {"min": 9, "max": 3}, {"exact": True}]
)
def test_bad_counts_are_input_errors(bad: Any) -> None:
    with pytest.raises(InputError, match="killed"):
        parse_count(bad, ("doc-x", 2), "killed")


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({"num_attacks": {"min": 8}}, AGGREGATE),
        ({"num_attacks": {"exact": 1}}, SINGLE),
        ({"num_attacks": {"approx": 1}}, SINGLE),
        ({"num_attacks": {"min": 1}}, UNKNOWN_KIND),
        (
            {"date_start": "2016-11-17", "date_end": "2016-12-13", "date_precision": "day"},
            AGGREGATE,
        ),
        (
            {"date_start": "2016-09-15", "date_end": "2016-09-16", "date_precision": "day"},
            UNKNOWN_KIND,
        ),
        (
            {"date_start": "2014-04-01", "date_end": "2014-04-30", "date_precision": "month"},
            UNKNOWN_KIND,
        ),
    ],
)
def test_kind(fields: dict[str, Any], kind: str) -> None:
    assert parse_record(0, "d", 0, make_incident(**fields)).kind == kind


def test_record_normalises_and_keeps_raw() -> None:
    raw = make_incident(
        place="Alep",
        district="Sakhur",
        day="2016-11-20",
        attributed_by=["Human Rights Watch"],
        agent=["sarin", "chlorine"],
    )
    record = parse_record(3, "doc-a", 1, raw)
    assert record.key == "doc-a#1" and record.place == "alep" and record.district == "sakhur"
    assert record.start == record.end and record.dated
    assert record.claimants == {"human rights watch"} and record.agents == {"sarin", "chlorine"}
    assert record.raw is raw


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date_start": "17 Nov 2016"}, "date_start"),
        ({"date_start": "2016-12-13", "date_end": "2016-11-17"}, "before"),
        ({"parent": "0"}, "parent"),
        ({"agent": 3}, "agent"),
        ({"place_normalized": ["Aleppo"]}, "place_normalized"),
    ],
)
def test_bad_records_name_the_document_and_field(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_record(0, "doc-x", 4, make_incident(**fields))
    assert "doc-x" in str(caught.value) and "4" in str(caught.value)


def test_bad_documents() -> None:
    with pytest.raises(InputError, match="no string 'id'"):
        parse_records([{"incidents": []}])
    with pytest.raises(InputError, match="twice"):
        parse_records([make_doc("a"), make_doc("a")])
    with pytest.raises(InputError, match="must be a list"):
        parse_records([make_doc("a", incidents={"x": 1})])
    with pytest.raises(InputError, match="object"):
        parse_records([make_doc("a", "not a record")])  # type: ignore[arg-type]


def test_gold_files_use_doc_id() -> None:
    doc = make_doc("a", make_incident(place="Douma"))
    doc["doc_id"] = doc.pop("id")
    assert [r.key for r in parse_records([doc])] == ["a#0"]
