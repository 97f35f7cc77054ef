"""End to end: documents in, canonical incidents out, judgements honoured."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from qarina.link import SCORER, Judgement, link_incidents
from qarina.link.judgements import MERGE, PARENT, SPLIT
from tests.unit.link.builders import groups, make_doc, make_incident

AT = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
HRW = "Human Rights Watch"
SERIES = {
    "place": "Aleppo",
    "date_start": "2016-11-17",
    "date_end": "2016-12-13",
    "date_precision": "day",
    "num_attacks": {"min": 8},
    "agent": "chlorine",
    "attributed_by": HRW,
}


def _corpus() -> list[dict[str, Any]]:
    return [
        make_doc(
            "hrw",
            make_incident(**SERIES),
            make_incident(
                place="Aleppo",
                district="Sakhur",
                day="2016-11-20",
                agent="chlorine",
                attributed_by=HRW,
                parent=0,
                num_attacks={"exact": 1},
            ),
            origin=True,
            publisher=HRW,
        ),
        make_doc(
            "wire",
            make_incident(**{**SERIES, "killed": {"exact": 9}}),
            relays=[HRW],
            via=["AFP"],
            text="(AFP) HRW said.",
        ),
        make_doc(
            "undated",
            make_incident(
                **{**SERIES, "date_start": None, "date_end": None, "date_precision": None}
            ),
            relays=[HRW],
        ),
        make_doc(
            "jim",
            make_incident(
                place="Qmenas",
                day="2015-03-16",
                attributed_by="OPCW-UN Joint Investigative Mechanism",
            ),
            make_incident(
                place="Sarmin",
                day="2015-03-16",
                agent="chlorine",
                attributed_by="OPCW-UN Joint Investigative Mechanism",
            ),
        ),
        make_doc(
            "iit",
            make_incident(
                place="Marea",
                day="2015-09-01",
                agent="sulfur mustard",
                attributed_by="OPCW Investigation and Identification Team",
            ),
        ),
        make_doc(
            "jim2",
            make_incident(
                place="Marea",
                day="2015-08-21",
                agent="sulfur mustard",
                attributed_by="OPCW-UN Joint Investigative Mechanism",
            ),
            make_incident(
                place="Sarmin",
                date_start="2015-03-01",
                date_end="2015-03-31",
                date_precision="month",
                attributed_by="Syrian American Medical Society",
            ),
        ),
    ]


def test_links_relays_and_keeps_look_alikes_apart() -> None:
    assert groups(link_incidents(_corpus())) == [
        ["hrw#0", "undated#0", "wire#0"],
        ["hrw#1"],
        ["iit#0"],
        ["jim#0"],
        ["jim#1", "jim2#1"],
        ["jim2#0"],
    ]


def test_output_contract() -> None:
    incidents = link_incidents(_corpus())
    json.dumps(incidents)  # JSON-able
    series = next(i for i in incidents if len(i["mentions"]) == 3)
    member = next(i for i in incidents if i["district"] == "Sakhur")
    assert member["parent"] == series["id"] and series["parent"] is None
    assert series["independent_sources"] == [HRW]
    assert series["documents"] == ["hrw", "undated", "wire"]
    assert series["relay_chains"]["wire"] == ["Publisher of wire", "AFP", HRW]
    assert series["date_start"] == "2016-11-17" and series["place_normalized"] == "Aleppo"
    assert all(r["by"] == SCORER and r["reasons"] for r in series["merge_reasons"])
    assert series["confidence"]["rule"].startswith(f"tier {series['confidence']['tier']}:")
    sarmin = next(i for i in incidents if i["place_normalized"] == "Sarmin")
    assert sarmin["date_precision"] == "day" and len(sarmin["independent_sources"]) == 2
    assert sarmin["agent"] == "chlorine"
    for incident in incidents:
        for key in (
            "id",
            "parent",
            "mentions",
            "independent_sources",
            "documents",
            "relay_chains",
            "confidence",
            "contradictions",
            "merge_reasons",
        ):
            assert key in incident


def test_ids_are_stable_across_runs_and_input_order() -> None:
    first = {i["id"] for i in link_incidents(_corpus())}
    second = {i["id"] for i in link_incidents(list(reversed(_corpus())))}
    assert first == second and all(i.startswith("sha256:") for i in first)


def test_judgements_win_and_are_never_undone() -> None:
    docs = _corpus()
    history = [
        Judgement(SPLIT, "hrw#0", "wire#0", "ana", AT, "the wire story is another series"),
        Judgement(MERGE, "iit#0", "jim2#0", "ben", AT, "same Marea attack, date misreported"),
        Judgement(PARENT, "jim#0", "jim2#0", "ana", AT, "part of the campaign"),
    ]
    incidents = link_incidents(docs, history)
    found = groups(incidents)
    assert not any({"hrw#0", "wire#0"} <= set(g) for g in found)
    assert ["iit#0", "jim2#0"] in found
    marea = next(
        i for i in incidents if len(i["mentions"]) == 2 and i["place_normalized"] == "Marea"
    )
    assert any(r["by"] == "judgement" and r["author"] == "ben" for r in marea["merge_reasons"])
    assert {c["kind"] for c in marea["contradictions"]} >= {"dates"}
    qmenas = next(i for i in incidents if i["place_normalized"] == "Qmenas")
    assert qmenas["parent"] == marea["id"]
    assert groups(link_incidents(docs, history)) == found  # re-run: same result


def test_contradictions_between_independent_sources() -> None:
    iit = "OPCW Investigation and Identification Team"
    docs = [
        make_doc(
            "a",
            make_incident(
                place="Douma",
                day="2018-04-07",
                killed={"min": 40},
                perpetrator="Syrian government forces",
                attributed_by=iit,
                evidence_span="At least 40 died in Douma.",
            ),
            text="At least 40 died in Douma.",
        ),
        make_doc(
            "b",
            make_incident(
                place="Douma",
                day="2018-04-07",
                perpetrator="armed opposition groups",
                attributed_by="Russian Federation",
            ),
            text="Moscow denies any attack took place in Douma.",
        ),
        make_doc(
            "c",
            make_incident(
                place="Douma",
                day="2018-04-07",
                killed={"exact": 12},
                attributed_by="Syrian American Medical Society",
            ),
        ),
    ]
    (incident,) = link_incidents(docs)
    kinds = sorted(c["kind"] for c in incident["contradictions"])
    assert kinds == ["denial", "killed", "perpetrator"]
    killed = next(c for c in incident["contradictions"] if c["kind"] == "killed")
    assert killed["independent"] and killed["claims"][0]["span"] == [0, 26]
    denial = next(c for c in incident["contradictions"] if c["kind"] == "denial")
    assert denial["doc"] == "b" and denial["phrase"] == "denies"
    credibility = {m["doc"]: m["credibility"]["grade"] for m in incident["mentions"]}
    assert credibility == {"a": "4", "b": "4", "c": "4"}
    assert incident["confidence"]["tier"] == 3  # tier 2 (A and B sources), lowered: contested
    assert "contradict" in incident["confidence"]["rule"]


def test_empty_input() -> None:
    assert link_incidents([]) == []
    assert link_incidents([make_doc("a")]) == []


def test_imprecise_records_join_the_incident_they_fit_best_or_none() -> None:
    sarin = {"place": "Saraqib", "agent": "sarin", "perpetrator": "Syrian government forces"}
    chlorine = {"place": "Saraqib", "agent": "chlorine", "perpetrator": "ISIL"}
    docs = [
        make_doc("a", make_incident(day="2018-02-04", **sarin)),
        make_doc("b", make_incident(day="2018-02-20", **chlorine)),
        make_doc(
            "c",
            make_incident(
                date_start="2018-02-01", date_end="2018-02-28", date_precision="month", **sarin
            ),
        ),
        make_doc("d", make_incident(**chlorine)),  # undated, but names chlorine and ISIL
        make_doc("e", make_incident(place="Saraqib")),  # undated, could be either
        make_doc(
            "f",
            make_incident(
                date_start="2018-01-01",
                date_end="2018-12-31",
                date_precision="year",
                place="Binnish",
            ),
            make_incident(place="Binnish", attributed_by="X"),
        ),
    ]
    assert groups(link_incidents(docs)) == [["a#0", "c#0"], ["b#0", "d#0"], ["e#0"], ["f#0", "f#1"]]
    month = next(i for i in link_incidents(docs) if "c" in i["documents"])
    assert month["date_precision"] == "day" and month["date_start"] == "2018-02-04"


def test_linkage_alone_matches_the_assembled_incidents() -> None:
    from qarina.link.linker import assemble_incidents, cluster_mentions

    linkage = cluster_mentions(_corpus())
    assert sorted(map(sorted, linkage.groups())) == groups(assemble_incidents(linkage))


def test_garbage_collector_state_is_restored_even_on_bad_input() -> None:
    import gc

    from qarina.core.errors import InputError

    assert gc.isenabled()
    link_incidents(_corpus())
    assert gc.isenabled()
    with pytest.raises(InputError):
        link_incidents([make_doc("a", make_incident(date_start="yesterday"))])
    assert gc.isenabled()
    gc.disable()
    try:
        link_incidents(_corpus())
        assert not gc.isenabled()
    finally:
        gc.enable()
