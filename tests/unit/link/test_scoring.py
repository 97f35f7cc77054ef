"""Pairwise scoring: precision differences tolerated, separating evidence respected."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.link.places import default_hierarchy
from qarina.link.records import parse_record
from qarina.link.scoring import MERGE_THRESHOLD, SCORER, explain_pair, score_pair
from tests.unit.link.builders import make_incident

PLACES = default_hierarchy()


def _score(a: dict[str, Any], b: dict[str, Any], same_doc: bool = False) -> float | None:
    ra = parse_record(0, "doc-a", 0, a)
    rb = parse_record(1, "doc-a" if same_doc else "doc-b", 1, b)
    return score_pair(ra, rb, PLACES)


def test_scorer_is_versioned() -> None:
    assert SCORER.startswith("link-score@")


def test_same_town_same_day_merges() -> None:
    a = make_incident(place="Douma", day="2018-04-07", agent="chlorine")
    b = make_incident(place="Douma", day="2018-04-07")
    score = _score(a, b)
    assert score is not None and score >= MERGE_THRESHOLD


def test_same_day_different_towns_never_merge() -> None:
    qmenas = make_incident(place="Qmenas", day="2015-03-16", agent="chlorine")
    sarmin = make_incident(place="Sarmin", day="2015-03-16", agent="chlorine")
    assert _score(qmenas, sarmin) is None


def test_same_town_different_days_never_merge() -> None:
    jim = make_incident(place="Marea", day="2015-08-21", agent="sulfur mustard")
    iit = make_incident(place="Marea", day="2015-09-01", agent="sulfur mustard")
    assert _score(jim, iit) is None


def test_day_inside_month_is_tolerated() -> None:
    month = make_incident(
        place="Kafr Zita",
        date_start="2014-04-01",
        date_end="2014-04-30",
        date_precision="month",
        num_attacks={"exact": 1},
    )
    day = make_incident(
        place="Kafr Zita", day="2014-04-18", agent="chlorine", num_attacks={"exact": 1}
    )
    score = _score(month, day)
    assert score is not None and score >= MERGE_THRESHOLD


def test_neighbourhood_and_its_city_and_region_and_town() -> None:
    district = make_incident(place="Aleppo", district="Sakhur", day="2016-11-20")
    city = make_incident(place="Aleppo", day="2016-11-20")
    assert (_score(district, city) or 0) >= MERGE_THRESHOLD
    other_district = make_incident(place="Aleppo", district="Daheert Awwad", day="2016-11-20")
    assert _score(district, other_district) is None
    region = make_incident(place="Ghouta", day="2013-08-21", agent="sarin")
    suburb = make_incident(place="Damascus", day="2013-08-21")
    assert (_score(region, suburb) or 0) >= MERGE_THRESHOLD


def test_unknown_chemical_is_compatible_with_chlorine_but_agents_can_disagree() -> None:
    chlorine = make_incident(place="Sarmin", day="2015-03-16", agent="chlorine")
    unknown = make_incident(place="Sarmin", day="2015-03-16")
    sarin = make_incident(place="Sarmin", day="2015-03-16", agent="sarin")
    assert (_score(chlorine, unknown) or 0) > (_score(chlorine, sarin) or 0)


def test_aggregate_and_member_are_different_events() -> None:
    series = make_incident(
        place="Aleppo",
        date_start="2016-11-17",
        date_end="2016-12-13",
        date_precision="day",
        num_attacks={"min": 8},
    )
    member = make_incident(place="Aleppo", day="2016-11-20", num_attacks={"exact": 1})
    assert _score(series, member) is None


def test_aggregates_of_different_attacks_are_different_events() -> None:
    eight = make_incident(
        place="Aleppo",
        date_start="2016-11-17",
        date_end="2016-12-13",
        date_precision="day",
        num_attacks={"min": 8},
    )
    twelve = dict(eight, num_attacks={"min": 12})
    longer = dict(eight, date_end="2016-12-31", num_attacks=None)
    assert _score(eight, twelve) is None
    assert _score(eight, longer) is None
    assert (_score(eight, dict(eight)) or 0) >= MERGE_THRESHOLD


def test_one_claimant_two_records_in_one_document_are_two_events() -> None:
    a = make_incident(place="Douma", day="2018-04-07", attributed_by="OPCW")
    assert _score(a, dict(a), same_doc=True) is None
    b = dict(a, attributed_by="United States")
    assert _score(a, b, same_doc=True) is not None


def test_different_perpetrators_lower_the_score_and_are_explained() -> None:
    a = make_incident(place="Douma", day="2018-04-07", perpetrator="Syrian government forces")
    b = dict(a, perpetrator="armed opposition groups")
    ra, rb = parse_record(0, "x", 0, a), parse_record(1, "y", 0, b)
    score, reasons = explain_pair(ra, rb, PLACES)
    assert score is not None and score < (_score(a, dict(a)) or 0)
    assert "different perpetrators" in reasons and "same day" in reasons


@pytest.mark.parametrize("event_type", ["executions_in_detention", "other"])
def test_event_types_must_agree(event_type: str) -> None:
    a = make_incident(place="Douma", day="2018-04-07")
    assert _score(a, dict(a, event_type=event_type)) is None


def test_one_day_is_not_a_day_precision_series_even_without_counts() -> None:
    series = make_incident(
        place="Aleppo", date_start="2016-11-17", date_end="2016-12-13", date_precision="day"
    )
    day = make_incident(place="Aleppo", day="2016-11-20")
    two_days = make_incident(
        place="Umm Hawsh", date_start="2016-09-15", date_end="2016-09-16", date_precision="day"
    )
    assert _score(series, day) is None
    assert (_score(two_days, make_incident(place="Umm Hawsh", day="2016-09-16")) or 0) > 0


_days = st.sampled_from(["2015-03-16", "2015-03-17", "2015-08-21", None])
_incidents = st.builds(
    make_incident,
    place=st.sampled_from(["Sarmin", "Qmenas", "Ghouta", "Damascus", "Syria"]),
    date_start=_days,
    agent=st.sampled_from(["chlorine", "sarin", "unknown toxic chemical"]),
    perpetrator=st.sampled_from([None, "ISIL", "Syrian government forces"]),
    num_attacks=st.sampled_from([None, {"exact": 1}, {"min": 3}]),
    killed=st.sampled_from([None, {"exact": 4}, {"min": 9}]),
    district=st.sampled_from([None, "Sakhur"]),
)


@given(_incidents, _incidents)
def test_scores_are_symmetric(a: dict[str, Any], b: dict[str, Any]) -> None:
    for record in (a, b):
        record["date_end"] = record["date_start"]
        record["date_precision"] = "day" if record["date_start"] else None
    ra, rb = parse_record(0, "x", 0, a), parse_record(1, "y", 0, b)
    assert score_pair(ra, rb, PLACES) == score_pair(rb, ra, PLACES)
