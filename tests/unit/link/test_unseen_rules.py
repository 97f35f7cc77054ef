"""Rules found on documents the linker was not tuned on: imprecise fragments, relaying bodies."""

from __future__ import annotations

from qarina.link import link_incidents
from tests.unit.link.builders import groups, make_doc, make_incident

AMNESTY = "Amnesty International"
JIM = "OPCW-UN Joint Investigative Mechanism"
PRISON = {
    "event_type": "executions_in_detention",
    "place": "Saydnaya",
    "agent": "other",
    "perpetrator": "Syrian government forces",
    "attributed_by": AMNESTY,
}
YEARS = {"date_start": "2011-01-01", "date_end": "2015-12-31", "date_precision": "year"}
MONTHS = {"date_start": "2011-09-01", "date_end": "2015-12-31", "date_precision": "month"}


def test_fragments_of_one_imprecise_event_all_join() -> None:
    docs = [make_doc(f"y{n}", make_incident(**YEARS, **PRISON)) for n in range(3)] + [
        make_doc("m", make_incident(**MONTHS, **PRISON))
    ]
    assert groups(link_incidents(docs)) == [["m#0", "y0#0", "y1#0", "y2#0"]]


def test_imprecise_rivals_that_cannot_be_one_event_still_block() -> None:
    town = {"place": "Binnish", "perpetrator": "Syrian government forces"}
    docs = [
        make_doc("a", make_incident(num_attacks={"exact": 2}, **YEARS, **town)),
        make_doc("b", make_incident(num_attacks={"exact": 5}, **YEARS, **town)),
        make_doc("c", make_incident(**town)),  # undated: could belong to either series
    ]
    assert groups(link_incidents(docs)) == [["a#0"], ["b#0"], ["c#0"]]


def _jim_finding(doc_id: str, claimant: str, **fields: object) -> dict[str, object]:
    record = make_incident(
        day="2014-04-21", place="Talmenes", agent="chlorine", attributed_by=claimant
    )
    return make_doc(doc_id, record, **fields)


def test_security_council_restating_a_finding_is_not_a_first_hand_source() -> None:
    docs = [
        _jim_finding("wire", JIM, relays=[JIM]),
        _jim_finding("press", "UN Security Council", origin=True, organizations=[JIM, "OPCW"]),
    ]
    (incident,) = link_incidents(docs)
    assert incident["independent_sources"] == [JIM]
    assert incident["relay_chains"]["press"][1:] == ["UN Security Council", JIM]


def test_security_council_stays_when_no_finder_stands_behind_it() -> None:
    alone = [_jim_finding("press", "UN Security Council", organizations=[JIM])]
    assert link_incidents(alone)[0]["independent_sources"] == ["UN Security Council"]
    unnamed = [
        _jim_finding("wire", JIM, relays=[JIM]),
        _jim_finding("press", "UN Security Council", organizations=["OPCW"]),
    ]
    assert link_incidents(unnamed)[0]["independent_sources"] == [JIM, "UN Security Council"]


def test_a_government_making_its_own_assessment_keeps_its_voice() -> None:
    docs = [
        _jim_finding("wire", JIM, relays=[JIM]),
        _jim_finding("paris", "France", organizations=[JIM]),
    ]
    assert link_incidents(docs)[0]["independent_sources"] == ["France", JIM]


def test_an_undated_attribution_needs_more_than_the_town_to_join() -> None:
    series = {"place": "Aleppo", "date_start": "2016-11-17", "date_end": "2016-12-13"}
    docs = [
        make_doc("a", make_incident(num_attacks={"min": 12}, date_precision="day", **series)),
        make_doc("b", make_incident(place="Aleppo", perpetrator="armed opposition groups")),
    ]
    assert groups(link_incidents(docs)) == [["a#0"], ["b#0"]]
    docs.append(make_doc("c", make_incident(place="Aleppo", num_attacks={"min": 12})))
    assert groups(link_incidents(docs)) == [["a#0", "c#0"], ["b#0"]]


def _attack(day: str, date_text: str, agent: str = "chlorine") -> dict[str, object]:
    return make_incident(
        day=day,
        date_text=date_text,
        place="Kafr Zita",
        agent=agent,
        perpetrator="Syrian government forces",
    )


def test_a_relative_date_one_day_off_still_links_and_the_written_date_wins() -> None:
    docs = [
        make_doc("report", _attack("2014-04-11", "11 April 2014")),
        make_doc("relay", _attack("2014-04-12", "on Friday")),
        make_doc("arabic", _attack("2014-04-12", "أمس")),
    ]
    (incident,) = link_incidents(docs)
    assert incident["date_start"] == incident["date_end"] == "2014-04-11"
    assert len(incident["mentions"]) == 3


def test_two_written_dates_a_day_apart_are_two_attacks() -> None:
    docs = [
        make_doc("a", _attack("2014-04-11", "11 April 2014")),
        make_doc("b", _attack("2014-04-12", "12 April 2014")),
        make_doc("c", _attack("2014-04-14", "on Monday")),  # two days off: a third attack
    ]
    assert groups(link_incidents(docs)) == [["a#0"], ["b#0"], ["c#0"]]


def test_a_relative_date_does_not_bridge_different_agents() -> None:
    docs = [
        make_doc("a", _attack("2017-03-24", "24 March 2017", agent="sarin")),
        make_doc("b", _attack("2017-03-25", "yesterday")),
    ]
    assert groups(link_incidents(docs)) == [["a#0"], ["b#0"]]
