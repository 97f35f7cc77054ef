"""Claimants, intermediaries, report references, origin and relays."""

from __future__ import annotations

from typing import Any

from qarina.extract.document import extract_document


def _doc(
    text: str, published: str | None = None, publisher: str | None = None, language: str = "en"
) -> dict[str, Any]:
    return extract_document(
        {
            "id": "t",
            "text": text,
            "published": published,
            "publisher": publisher,
            "language": language,
        }
    )


def _refs(out: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(r["organization"], r["date"]) for r in out["report_refs"]}


def test_self_reference_of_an_origin_document() -> None:
    out = _doc(
        "Syrian forces used chlorine in Aleppo, Human Rights Watch said today.",
        published="2017-02-13",
        publisher="Human Rights Watch",
    )
    assert out["origin"] is True
    assert out["relays"] == []
    assert _refs(out) == {("Human Rights Watch", "2017-02-13")}


def test_relay_through_a_wire_service() -> None:
    out = _doc(
        "Government forces carried out chemical attacks in Aleppo, Human Rights Watch (HRW) "
        "said Monday, according to AFP.",
        publisher="Some News Site",
    )
    assert out["origin"] is False
    assert out["relays"] == ["Human Rights Watch"]
    assert out["via"] == ["AFP"]
    assert _refs(out) == {("Human Rights Watch", None)}  # no publication date: Monday unresolved


def test_weekday_resolved_against_publication_date() -> None:
    out = _doc(
        "Amnesty International said on Tuesday that thousands were hanged.", published="2017-02-08"
    )
    assert _refs(out) == {("Amnesty International", "2017-02-07")}


def test_dateline_credit_is_an_intermediary() -> None:
    out = _doc(
        "NACIONES UNIDAS (AP) — El grupo Human Rights Watch acusó el lunes a Siria.", language="es"
    )
    assert out["via"] == ["AP"]
    assert "United Nations" not in out["organizations"]
    assert out["relays"] == ["Human Rights Watch"]


def test_seen_report_has_no_release_date() -> None:
    out = _doc(
        "The panel blamed the government, according to a report of the Joint Investigative "
        "Mechanism seen on Wednesday.",
        published="2016-08-25",
    )
    assert ("OPCW-UN Joint Investigative Mechanism", None) in _refs(out)


def test_dated_letter_and_decision() -> None:
    out = _doc(
        "Letter dated 24 August 2016 from the Secretary-General addressed to the President "
        "of the Security Council.",
        published="2016-08-24",
        publisher="UN Security Council (via ReliefWeb)",
    )
    assert ("UN Secretary-General", "2016-08-24") in _refs(out)
    assert out["origin"] is True


def test_speaking_government_is_an_organisation() -> None:
    out = _doc(
        "Em novembro, a Rússia apresentou provas à OPAQ de que jihadistas usaram armas "
        "químicas no leste de Aleppo.",
        language="pt",
        published="2017-02-15",
    )
    assert "Russian Federation" in out["organizations"]
    assert "Russian Federation" in out["relays"]
    [inc] = out["incidents"]
    assert inc["attributed_by"] == "Russian Federation"
    assert inc["perpetrator"] == "armed opposition groups"
    assert inc["date_start"] is None  # "in November" dates the presentation, not the attack


def test_recipient_is_not_the_claimant() -> None:
    out = _doc(
        "The report was presented to the Security Council on Friday by the Joint "
        "Investigative Mechanism.",
        published="2016-10-22",
    )
    assert _refs(out) == {("OPCW-UN Joint Investigative Mechanism", "2016-10-21")}


def test_joint_claim_by_governments_is_a_second_record() -> None:
    out = _doc(
        "The UN mission confirmed that sarin was used in the attack on Ghouta on 21 August. "
        "The United States, Britain and France say the Syrian government carried out the attack.",
        published="2013-09-16",
    )
    mission, governments = out["incidents"]
    assert mission["attributed_by"] == (
        "UN Mission to Investigate Alleged Use of Chemical Weapons in Syria"
    )
    assert mission["perpetrator"] is None
    assert governments["attributed_by"] == ["United States", "United Kingdom", "France"]
    assert governments["perpetrator"] == "Syrian government forces"
    assert governments["date_start"] == mission["date_start"] == "2013-08-21"
    assert {"United States", "United Kingdom", "France"} <= set(out["organizations"])


def test_government_publisher_is_an_origin() -> None:
    out = _doc(
        "La France estime qu'une attaque chimique a été conduite contre des civils à Douma le "
        "7 avril 2018 par les forces armées syriennes.",
        published="2018-04-14",
        publisher="Ministère de l'Europe et des Affaires étrangères (France)",
        language="fr",
    )
    assert out["origin"] is True
    assert out["organizations"] == ["France"]
    [inc] = out["incidents"]
    assert inc["attributed_by"] == "France" and inc["place_normalized"] == "Douma"


def test_headline_claims_do_not_count() -> None:
    out = _doc(
        "UN blames Syria for chemical attack\nThe Joint Investigative Mechanism said Syrian "
        "forces carried out a chlorine attack on Qmenas on March 16, 2015.",
        published="2016-10-22",
    )
    [inc] = out["incidents"]
    assert inc["attributed_by"] == "OPCW-UN Joint Investigative Mechanism"


def test_verbatim_copy_leaves_said_today_unresolved() -> None:
    text = "Syrian forces used chlorine in Aleppo, Human Rights Watch said today."
    copy = _doc(text, published="2017-02-20", publisher="Some Blog (copy of Human Rights Watch)")
    assert _refs(copy) == {("Human Rights Watch", None)}
    original = _doc(text, published="2017-02-13", publisher="Human Rights Watch")
    assert _refs(original) == {("Human Rights Watch", "2017-02-13")}
