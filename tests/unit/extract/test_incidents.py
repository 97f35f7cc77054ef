"""Incident assembly on short synthetic reports in several languages."""

from __future__ import annotations

from typing import Any

from qarina.extract.document import extract_document


def _incidents(
    text: str,
    language: str = "en",
    published: str | None = "2017-02-13",
    publisher: str | None = None,
) -> list[dict[str, Any]]:
    doc = {
        "id": "t",
        "text": text,
        "language": language,
        "published": published,
        "publisher": publisher,
    }
    return list(extract_document(doc)["incidents"])


def test_aggregate_with_facts_spread_over_sentences() -> None:
    text = (
        "Syrian government forces carried out chemical attacks in Aleppo, Human Rights Watch "
        "said today. The group documented government helicopters dropping chlorine on at least "
        "eight occasions between November 17 and December 13, 2016. The attacks killed at "
        "least nine civilians and injured around 200."
    )
    [inc] = _incidents(text)
    assert inc["place_normalized"] == "Aleppo"
    assert (inc["date_start"], inc["date_end"], inc["date_precision"]) == (
        "2016-11-17",
        "2016-12-13",
        "day",
    )
    assert inc["agent"] == "chlorine" and inc["delivery"] == "helicopter"
    assert inc["perpetrator"] == "Syrian government forces"
    assert inc["attributed_by"] == "Human Rights Watch"
    assert inc["num_attacks"] == {"min": 8}
    assert inc["killed"] == {"min": 9} and inc["injured"] == {"approx": 200}
    assert len(inc["evidence_span"]) == 3
    for start, end in inc["spans"]["evidence"]:
        assert text[start:end] in inc["evidence_span"]


def test_specific_attack_points_to_its_aggregate() -> None:
    text = (
        "Human Rights Watch said government helicopters dropped chlorine on Aleppo on at least "
        "eight occasions between November 17 and December 13, 2016. The report said one of the "
        "deadliest attacks hit the neighborhood of Sakhur on November 20, killing six people."
    )
    aggregate, child = _incidents(text)
    assert aggregate["num_attacks"] == {"min": 8}
    assert child["parent"] == 0
    assert child["district"] == "Sakhur" and child["place_normalized"] == "Aleppo"
    assert child["date_start"] == "2016-11-20"
    assert child["num_attacks"] == {"exact": 1} and child["killed"] == {"exact": 6}
    assert child["agent"] == "chlorine" and child["delivery"] == "helicopter"


def test_listed_members_each_get_their_own_record() -> None:
    text = (
        "The Joint Investigative Mechanism found that the Syrian regime dropped chemical weapons "
        "on two villages: Talmenes on April 21, 2014 and Sarmin on March 16, 2015."
    )
    records = _incidents(text)
    assert [r["place_normalized"] for r in records] == ["Talmenes", "Sarmin"]
    assert [r["date_start"] for r in records] == ["2014-04-21", "2015-03-16"]
    assert all(r["num_attacks"] == {"exact": 1} for r in records)
    assert all(r["attributed_by"] == "OPCW-UN Joint Investigative Mechanism" for r in records)


def test_two_actors_two_agents_in_one_sentence() -> None:
    text = (
        "The report held the Syrian government responsible for the sarin attack on Khan Shaykhun "
        "on 4 April 2017, and the Islamic State responsible for the use of sulfur mustard in "
        "Umm Hawsh on 15 and 16 September 2016."
    )
    ks, uh = _incidents(text, published="2017-10-27")
    assert (ks["place_normalized"], ks["agent"], ks["perpetrator"]) == (
        "Khan Shaykhun",
        "sarin",
        "Syrian government forces",
    )
    assert (uh["place_normalized"], uh["agent"], uh["perpetrator"]) == (
        "Umm Hawsh",
        "sulfur mustard",
        "ISIL",
    )
    assert uh["num_attacks"] is None  # two days: the text does not count the attacks


def test_undetermined_perpetrator_stays_empty() -> None:
    text = (
        "The committee was unable to determine who was behind the gas attack on Kafr Zita in "
        "Hama province in April 2014."
    )
    [inc] = _incidents(text)
    assert inc["perpetrator"] is None
    assert inc["date_precision"] == "month" and inc["date_end"] == "2014-04-30"


def test_claims_without_place_or_period_are_not_incidents() -> None:
    assert _incidents("Chlorine was used repeatedly and systematically in Syria.") == []
    assert _incidents("ISIL used mustard gas on the battlefield, the panel said.") == []


def test_unnamed_sources_have_no_claimant() -> None:
    text = (
        "Human Rights Watch said that journalists and activists reported at least 12 chemical "
        "attacks in Aleppo between November 17 and December 13, 2016."
    )
    [inc] = _incidents(text)
    assert inc["attributed_by"] is None and inc["num_attacks"] == {"min": 12}


def test_arabic_report() -> None:
    text = (
        "قالت منظمة هيومن رايتس ووتش إن قوات النظام السوري نفذت ما لا يقل عن ثماني هجمات "
        "بالأسلحة الكيميائية في حلب. وأضافت أن مروحيات النظام ألقت قنابل الكلور بين 17 تشرين "
        "الثاني/نوفمبر و13 كانون الأول/ديسمبر 2016."
    )
    [inc] = _incidents(text, language="ar")
    assert inc["place_normalized"] == "Aleppo" and inc["location"] == "حلب"
    assert inc["agent"] == "chlorine" and inc["delivery"] == "helicopter"
    assert inc["perpetrator"] == "Syrian government forces"
    assert inc["attributed_by"] == "Human Rights Watch"
    assert inc["num_attacks"] == {"min": 8}
    assert inc["date_start"] == "2016-11-17"


def test_french_executions_in_detention() -> None:
    text = (
        "Amnesty International a accusé le régime syrien d'avoir pendu près de 13.000 personnes "
        "entre 2011 et 2015 à la prison de Saydnaya."
    )
    [inc] = _incidents(text, language="fr", published="2017-02-07")
    assert inc["event_type"] == "executions_in_detention"
    assert inc["place_normalized"] == "Saydnaya"
    assert inc["killed"] == {"approx": 13000}
    assert (inc["agent"], inc["delivery"]) == ("other", "other")
    assert inc["perpetrator"] == "Syrian government forces"
    assert inc["attributed_by"] == "Amnesty International"


def test_german_compounds() -> None:
    text = (
        "Laut Human Rights Watch haben Armeehubschrauber zwischen dem 17. November und dem "
        "13. Dezember 2016 mindestens acht Mal Giftgas über Aleppo abgeworfen."
    )
    [inc] = _incidents(text, language="de")
    assert inc["delivery"] == "helicopter" and inc["agent"] == "unknown toxic chemical"
    assert inc["attributed_by"] == "Human Rights Watch"
    assert inc["num_attacks"] == {"min": 8}


def test_specific_attack_in_spanish_german_portuguese() -> None:
    texts = {
        "es": "Human Rights Watch documentó que helicópteros del gobierno lanzaron cloro sobre "
        "Alepo en al menos ocho ocasiones entre el 17 de noviembre y el 13 de diciembre de 2016. "
        "Uno de los ataques más mortíferos alcanzó el barrio de Sakhur el 20 de noviembre.",
        "de": "Human Rights Watch zufolge warfen Regierungshubschrauber zwischen dem 17. November "
        "und dem 13. Dezember 2016 mindestens acht Mal Chlor über Aleppo ab. Einer der schwersten "
        "Angriffe traf am 20. November das Viertel Sakhur.",
        "pt": "Segundo a Human Rights Watch, helicópteros do governo lançaram cloro sobre Aleppo "
        "pelo menos oito vezes entre 17 de novembro e 13 de dezembro de 2016. Um dos ataques mais "
        "mortais atingiu o bairro de Sakhur em 20 de novembro.",
    }
    for language, text in texts.items():
        aggregate, child = _incidents(text, language=language)
        assert aggregate["num_attacks"] == {"min": 8}, language
        assert aggregate["perpetrator"] == "Syrian government forces", language
        assert aggregate["delivery"] == "helicopter", language
        assert child["parent"] == 0 and child["district"] == "Sakhur", language
        assert child["agent"] == "chlorine", language


def test_named_attacks_listed_without_agent_in_a_chemical_report() -> None:
    text = (
        "Selon un rapport du mécanisme d'enquête conjoint, l'armée syrienne a mené une attaque au "
        "chlore à Qmenas le 16 mars 2015. Les enquêteurs n'ont pas pu déterminer qui était "
        "responsable des attaques de Binnish en mars 2015 et de Kafr Zita en avril 2014."
    )
    records = _incidents(text, language="fr", published="2016-10-22")
    assert [r["place_normalized"] for r in records] == ["Qmenas", "Binnish", "Kafr Zita"]
    assert records[1]["perpetrator"] is None and records[2]["perpetrator"] is None
    assert records[2]["date_precision"] == "month"


def test_unknown_language_degrades_gracefully() -> None:
    text = "Secondo Human Rights Watch, elicotteri governativi hanno sganciato cloro su Aleppo."
    out = extract_document({"id": "it", "text": text})
    assert out["language"] is None
    assert out["organizations"] == ["Human Rights Watch"]


def test_counted_claim_over_that_period_inherits_it() -> None:
    text = (
        "Human Rights Watch documented government helicopters dropping chlorine on Aleppo on at "
        "least eight occasions between November 17 and December 13, 2016. On social media, "
        "journalists and first responders reported at least 12 attacks in that period."
    )
    hrw, unnamed = _incidents(text)
    assert hrw["num_attacks"] == {"min": 8} and hrw["attributed_by"] == "Human Rights Watch"
    assert unnamed["num_attacks"] == {"min": 12} and unnamed["attributed_by"] is None
    assert (unnamed["date_start"], unnamed["date_end"]) == ("2016-11-17", "2016-12-13")
    assert unnamed["place_normalized"] == "Aleppo"


def test_a_strip_of_dates_is_page_chrome() -> None:
    days = "".join(f"November {d}, 2016" for d in range(17, 27))
    text = f"Chemical attacks in Aleppo\n{days}Chemical attackAleppo\nNothing else here."
    records = _incidents(text)
    assert all(r["date_start"] is None for r in records)


def test_in_both_instances_shares_the_means_not_the_agent() -> None:
    text = (
        "The report found that the Syrian regime dropped chemical weapons on two villages: "
        "Talmenes on April 21, 2014 and Sarmin on March 16, 2015. In both instances, Syrian air "
        "force helicopters dropped a device, which in the case of Sarmin released chlorine."
    )
    talmenes, sarmin = _incidents(text, published="2016-08-25")
    assert talmenes["delivery"] == sarmin["delivery"] == "helicopter"
    assert talmenes["agent"] == "unknown toxic chemical" and sarmin["agent"] == "chlorine"
