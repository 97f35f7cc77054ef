"""Rules added after the held-out set (round 2): each one on a short text of its own."""

from __future__ import annotations

from typing import Any

from qarina.extract.dates import find_dates
from qarina.extract.document import extract_document
from qarina.extract.legal import find_legal_refs

JIM = "OPCW-UN Joint Investigative Mechanism"


def _run(
    text: str, published: str | None = None, language: str = "en", publisher: str | None = None
) -> dict[str, Any]:
    doc = {"id": "t", "text": text, "published": published, "language": language}
    if publisher:
        doc["publisher"] = publisher
    return extract_document(doc)


def test_a_denial_without_a_date_claims_no_event() -> None:
    out = _run(
        "Selon HRW, des hélicoptères ont largué du chlore sur Alep le 20 novembre 2016.\n"
        "Damas a toujours nié avoir utilisé des armes chimiques.",
        "2017-02-13",
        "fr",
    )
    assert [i["place_normalized"] for i in out["incidents"]] == ["Aleppo"]


def test_a_joint_investigation_by_the_un_and_the_opcw_is_the_jim_and_names_both() -> None:
    out = _run(
        "The joint investigation by the United Nations and the Organisation for the "
        "Prohibition of Chemical Weapons concluded that army helicopters dropped chlorine "
        "on Sarmin on March 16, 2015.",
        "2016-08-25",
    )
    assert [i["attributed_by"] for i in out["incidents"]] == [JIM]
    assert {JIM, "United Nations", "OPCW"} <= set(out["organizations"])


def test_an_arabic_clitic_and_before_a_two_word_month_closes_the_range() -> None:
    (d,) = find_dates("بين أيلول ٢٠١١ وكانون الأول ٢٠١٥", "ar", "2017-02-07")
    assert (d.date_start, d.date_end, d.precision) == ("2011-09-01", "2015-12-31", "month")
    (d,) = find_dates("بين 3 آب و5 تشرين الأول 2016", "ar", None)
    assert (d.date_start, d.date_end) == ("2016-08-03", "2016-10-05")


def test_a_toll_between_date_and_release_word_makes_the_date_the_events() -> None:
    out = _run(
        "A government warplane dropped a nerve agent on Khan Sheikhoun on April 4, 2017, "
        "killing at least 92 people, Human Rights Watch said in a report released today.",
        "2017-05-01",
    )
    (inc,) = out["incidents"]
    assert inc["date_start"] == "2017-04-04"
    assert [r["date"] for r in out["report_refs"]] == ["2017-05-01"]


def test_since_a_month_is_not_a_release_date() -> None:
    out = _run(
        "Human Rights Watch said today that its report documents three other attacks "
        "since December 2016.",
        "2017-05-01",
    )
    assert [r["date"] for r in out["report_refs"]] == ["2017-05-01"]


def test_a_government_speaks_through_an_aside_or_its_delegate() -> None:
    aside = _run(
        "Russia, a close ally of President Bashar al-Assad, said it would study the report.",
        "2016-08-25",
    )
    delegate = _run("The Russian Federation's delegate said his country would object.")
    assert "Russian Federation" in aside["organizations"]
    assert "Russian Federation" in delegate["organizations"]


def test_a_draft_resolution_is_not_identified_as_an_adopted_one() -> None:
    draft = (
        "The Security Council failed to adopt a draft resolution on the Joint "
        "Investigative Mechanism."
    )
    adopted = "The Security Council adopted a resolution on the Joint Investigative Mechanism."
    assert find_legal_refs(draft) == []
    assert find_legal_refs(adopted) != []


def test_an_unknown_neighbourhood_of_a_town_is_the_town() -> None:
    out = _run(
        "The OPCW Fact-Finding Mission said that chlorine was used in the Al Talil "
        "neighbourhood of Saraqib on 4 February 2018. Eleven people were treated.",
        "2018-05-16",
    )
    assert [i["place_normalized"] for i in out["incidents"]] == ["Saraqib"]
    known = _run(
        "Human Rights Watch said helicopters dropped chlorine in the Sakhur neighbourhood "
        "of Aleppo on 20 November 2016.",
        "2017-02-13",
    )
    assert [(i["place_normalized"], i["district"]) for i in known["incidents"]] == [
        ("Aleppo", "Sakhur")
    ]


def test_a_bodys_own_page_without_incidents_is_origin() -> None:
    text = (
        "About the Joint Investigative Mechanism\n\nThe OPCW-UN Joint Investigative "
        "Mechanism was established by the Security Council in resolution 2235 (2015), "
        "adopted unanimously on 7 August 2015."
    )
    out = _run(text, publisher="OPCW-UN Joint Investigative Mechanism")
    assert out["origin"] is True
    assert [(r["organization"], r["date"]) for r in out["report_refs"]] == [
        ("UN Security Council", "2015-08-07")
    ]
    news = _run(text, publisher="Reuters")
    assert news["origin"] is False


def test_listed_members_share_the_platform_named_before_them() -> None:
    out = _run(
        "The inquiry concluded that army helicopters dropped chlorine on the village of "
        "Talmenes on April 21, 2014 and on the town of Sarmin on March 16, 2015.",
        "2016-08-25",
    )
    got = [(i["place_normalized"], i["delivery"]) for i in out["incidents"]]
    assert got == [("Talmenes", "helicopter"), ("Sarmin", "helicopter")]


def test_a_map_legend_of_bullets_adds_no_agent() -> None:
    text = (
        "Khan Shaykhun, Idlib — 4 April 2017 — sarin; more than 80 killed\n\n"
        "Legend: \u25cf chlorine \u25cf sarin"
    )
    out = _run(text, publisher="Syrian American Medical Society")
    assert [i["agent"] for i in out["incidents"]] == ["sarin"]


def test_two_dated_parts_with_their_own_agents_are_two_events() -> None:
    out = _run(
        "The OPCW Investigation and Identification Team found that the Syrian Air Force "
        "attacked Ltamenah in March 2017. Planes dropped sarin bombs on 24 March 2017, and "
        "a helicopter dropped a chlorine cylinder on the town's hospital on 25 March.",
        "2020-04-08",
    )
    got = [(i["date_start"], i["agent"], i["delivery"]) for i in out["incidents"]]
    assert ("2017-03-24", "sarin", "aircraft") in got
    assert ("2017-03-25", "chlorine", "helicopter") in got
    assert all(i["place_normalized"] == "Ltamenah" for i in out["incidents"])
