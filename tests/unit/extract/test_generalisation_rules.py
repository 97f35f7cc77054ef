"""Rules added for unseen wording: each one on a short sentence of its own."""

from __future__ import annotations

from typing import Any

from qarina.extract.datelines import is_wire_dateline
from qarina.extract.dates import find_dates
from qarina.extract.document import extract_document
from qarina.extract.narrowing import narrow_all, umbrella_narrowing

IIT = "OPCW Investigation and Identification Team"
FFM = "OPCW Fact-Finding Mission"
JIM = "OPCW-UN Joint Investigative Mechanism"


def _run(text: str, published: str | None = None, language: str = "en") -> dict[str, Any]:
    doc = {"id": "t", "text": text, "published": published, "language": language}
    return extract_document(doc)


def test_an_umbrella_stands_for_the_one_body_the_document_names() -> None:
    assert umbrella_narrowing(["OPCW", IIT]) == {"OPCW": IIT}
    assert umbrella_narrowing(["OPCW", IIT, FFM]) == {}  # two bodies: no telling which
    both = umbrella_narrowing(["United Nations", "OPCW", JIM])
    assert both["United Nations + OPCW"] == JIM and both["OPCW + United Nations"] == JIM
    assert narrow_all(["OPCW", "Human Rights Watch"], {"OPCW": IIT}) == [IIT, "Human Rights Watch"]


def test_a_joint_panel_credited_to_its_parents_is_the_mechanism() -> None:
    out = _run(
        "A joint panel of the United Nations and the OPCW concluded that the Syrian "
        "government dropped sarin on Khan Shaykhun on 4 April 2017. The panel, known as "
        "the Joint Investigative Mechanism, reported to the Security Council."
    )
    assert [i["attributed_by"] for i in out["incidents"]] == [JIM]


def test_a_wire_dateline_is_the_storys_date_not_an_events() -> None:
    text = "UNITED NATIONS, Oct 21 (Reuters) - Helicopters dropped chlorine on Qmenas."
    (d,) = [d for d in find_dates(text, "en", "2016-10-21") if d.text.startswith("Oct")]
    assert is_wire_dateline(text, d)
    out = _run(text, "2016-10-21")
    assert all(i["date_start"] is None for i in out["incidents"])


def test_a_release_word_dates_only_its_nearest_date() -> None:
    out = _run(
        "(Beirut) – A government warplane dropped sarin on Khan Shaykhun on April 4, 2017, "
        "killing at least 90 people, Human Rights Watch said today.",
        "2017-05-01",
    )
    (inc,) = out["incidents"]
    assert inc["date_start"] == "2017-04-04"
    assert [(r["organization"], r["date"]) for r in out["report_refs"]] == [
        ("Human Rights Watch", "2017-05-01")
    ]


def test_the_city_places_an_event_at_the_town_just_named() -> None:
    out = _run(
        "Aviones sirios lanzaron gas sarín sobre Al Lataminah el 24 de marzo de 2017, "
        "concluyó la OPAQ. Un helicóptero arrojó un cilindro de cloro sobre el hospital "
        "de la ciudad el 25 de marzo de 2017.",
        language="es",
    )
    assert [i["place_normalized"] for i in out["incidents"]] == ["Ltamenah", "Ltamenah"]


def test_a_place_after_before_names_an_event() -> None:
    out = _run(
        "Human Rights Watch said government forces used nerve agents on three other "
        "occasions in the months before Khan Shaykhun."
    )
    assert out["incidents"] == []


def test_a_denial_lends_no_claimant_and_an_aside_keeps_the_speaker() -> None:
    out = _run(
        "ISIL used sulfur mustard in Umm Hawsh on 16 September 2016, according to the Joint "
        "Investigative Mechanism. Russia, a close ally of the government, rejected the "
        "chemical weapons findings."
    )
    assert [i["attributed_by"] for i in out["incidents"]] == [JIM]
    assert "Russian Federation" in out["organizations"]


def test_attacks_since_a_day_run_to_the_publication_date() -> None:
    out = _run(
        "The Syrian American Medical Society said today that the M10 hospital in Aleppo was "
        "struck this morning. Government warplanes have hit the hospital three times since "
        "September 28, 2016.",
        "2016-10-03",
    )
    member, aggregate = out["incidents"]
    assert (aggregate["date_start"], aggregate["date_end"]) == ("2016-09-28", "2016-10-03")
    assert aggregate["num_attacks"] == {"exact": 3} and aggregate["delivery"] == "aircraft"
    assert member["parent"] == 1 and member["num_attacks"] == {"exact": 1}


def test_one_use_at_one_town_on_one_day_is_one_attack() -> None:
    out = _run("The OPCW found that ISIL used sulfur mustard in Marea on 1 September 2015.")
    (inc,) = out["incidents"]
    assert inc["num_attacks"] == {"exact": 1}
    out = _run("The OPCW found chemical attacks on Marea on 1 September 2015.")
    assert out["incidents"][0]["num_attacks"] is None  # "attacks": how many is not said


def test_a_capital_opening_a_sentence_speaks_for_its_government() -> None:
    out = _run(
        "La OPAQ atribuyó ayer a la Fuerza Aérea Árabe Siria un ataque con cloro contra "
        "Saraqeb el 4 de febrero de 2018. Damasco niega haber usado armas químicas.",
        "2021-04-13",
        language="es",
    )
    assert [i["place_normalized"] for i in out["incidents"]] == ["Saraqib"]
    assert out["incidents"][0]["perpetrator"] == "Syrian government forces"
    assert [(r["organization"], r["date"]) for r in out["report_refs"]] == [("OPCW", "2021-04-12")]


def test_a_sentence_telling_only_how_feeds_the_event_and_a_possessive_names_the_body() -> None:
    out = _run(
        "The watchdog blamed the Syrian air force for the chlorine attack on Douma on "
        "7 April 2018. In a report published on Friday, the OPCW's Investigation and "
        "Identification Team said a military helicopter dropped the cylinders.",
        "2023-01-28",
    )
    (inc,) = out["incidents"]
    assert inc["delivery"] == "helicopter"
    assert [(r["organization"], r["date"]) for r in out["report_refs"]] == [(IIT, "2023-01-27")]


def test_sharp_s_words_match_as_written() -> None:
    from qarina.extract.actors import find_organizations

    found = find_organizations("Das syrische Außenministerium erklärte am Montag")
    assert [o.name for o in found] == ["Syrian Ministry of Foreign Affairs"]


def test_common_press_names_of_un_organs() -> None:
    from qarina.extract.actors import find_organizations

    names = [o.name for o in find_organizations("The U.N. chief and the chemical weapons watchdog")]
    assert names == ["UN Secretary-General", "OPCW"]


def test_an_attack_named_after_including_is_its_own_record() -> None:
    out = _run(
        "Human Rights Watch documented eight chlorine attacks on Aleppo between 17 November "
        "and 13 December 2016, including an attack on the Sakhur neighborhood on 20 November "
        "2016 that killed six people."
    )
    aggregate, member = out["incidents"]
    assert aggregate["num_attacks"] == {"exact": 8} and aggregate["killed"] is None
    assert (member["district"], member["date_start"]) == ("Sakhur", "2016-11-20")
    assert member["parent"] == 0 and member["killed"] == {"exact": 6}
    assert member["agent"] == "chlorine" and member["num_attacks"] == {"exact": 1}
