"""Count finder: numbers in digits and words, qualifiers, ranges and roles."""

from __future__ import annotations

import pytest

from qarina.extract.counts import CountMention, find_counts


def counts(text: str, language: str | None) -> list[tuple[dict[str, int], str | None]]:
    found = find_counts(text, language)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.value, m.role) for m in found]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # English
        ("killed at least nine civilians", "en", [({"min": 9}, "killed")]),
        ("on at least eight occasions", "en", [({"min": 8}, "attacks")]),
        ("and injured around 200.", "en", [({"approx": 200}, "injured")]),
        ("Around 200 people were injured by the gas", "en", [({"approx": 200}, "injured")]),
        ("more than 1,400 people died", "en", [({"min": 1400}, "killed")]),
        ("over 300 wounded", "en", [({"min": 300}, "injured")]),
        ("nearly 50 dead", "en", [({"approx": 50}, "killed")]),
        ("some 13,000 prisoners were hanged", "en", [({"approx": 13000}, "killed")]),
        ("an estimated 1.5 million people were affected", "en", [({"approx": 1500000}, "injured")]),
        ("close to 100 patients treated", "en", [({"approx": 100}, "injured")]),
        ("up to 60 attacks", "en", [({"max": 60}, "attacks")]),
        ("killed as many as 13,000 people – possibly more", "en", [({"approx": 13000}, "killed")]),
        ("between 20 and 50 people were hanged", "en", [({"min": 20, "max": 50}, "killed")]),
        ("20-50 people were hanged each week", "en", [({"min": 20, "max": 50}, "killed")]),
        (
            "killing 43 named individuals and affecting dozens more",
            "en",
            [({"exact": 43}, "killed")],
        ),
        ("twenty-five people died", "en", [({"exact": 25}, "killed")]),
        ("two hundred and fifty wounded", "en", [({"exact": 250}, "injured")]),
        ("three thousand were killed", "en", [({"exact": 3000}, "killed")]),
        ("12 attacks or more", "en", [({"min": 12}, "attacks")]),
        ("more than a hundred people were killed", "en", [({"min": 100}, "killed")]),
        # French
        ("au moins huit attaques chimiques", "fr", [({"min": 8}, "attacks")]),
        ("tuant neuf personnes", "fr", [({"exact": 9}, "killed")]),
        ("faisant environ 200 blessés", "fr", [({"approx": 200}, "injured")]),
        ("pendu près de 13.000 personnes", "fr", [({"approx": 13000}, "killed")]),
        ("plus de vingt-cinq morts", "fr", [({"min": 25}, "killed")]),
        ("quatre-vingt-dix-sept blessés", "fr", [({"exact": 97}, "injured")]),
        ("soixante et onze morts", "fr", [({"exact": 71}, "killed")]),
        # Spanish
        ("por lo menos ocho ataques", "es", [({"min": 8}, "attacks")]),
        ("Por lo menos nueve civiles murieron", "es", [({"min": 9}, "killed")]),
        ("200 resultaron heridos", "es", [({"exact": 200}, "injured")]),
        ("cerca de treinta y dos muertos", "es", [({"approx": 32}, "killed")]),
        ("más de veinticinco heridos", "es", [({"min": 25}, "injured")]),
        # Portuguese
        ("pelo menos oito vezes", "pt", [({"min": 8}, "attacks")]),
        ("cerca de 70 mortos", "pt", [({"approx": 70}, "killed")]),
        ("mais de vinte e cinco feridos", "pt", [({"min": 25}, "injured")]),
        # German
        ("mindestens acht Mal Giftgasangriffe", "de", [({"min": 8}, "attacks")]),
        ("neun Menschen getötet", "de", [({"exact": 9}, "killed")]),
        ("etwa 200 weitere verletzt", "de", [({"approx": 200}, "injured")]),
        ("mehr als einundzwanzig Tote", "de", [({"min": 21}, "killed")]),
        ("bis zu 1.200 Verletzte", "de", [({"max": 1200}, "injured")]),
        # Arabic: words, Arabic-Indic digits, qualifiers before and after
        ("ما لا يقل عن ثماني هجمات", "ar", [({"min": 8}, "attacks")]),
        ("مقتل تسعة أشخاص", "ar", [({"exact": 9}, "killed")]),
        ("نحو 200 شخص أصيبوا", "ar", [({"approx": 200}, "injured")]),
        ("٣٥ قتيلا", "ar", [({"exact": 35}, "killed")]),
        ("أكثر من ١٢٠ مصابا", "ar", [({"min": 120}, "injured")]),
        ("ثلاثة وعشرون قتيلا", "ar", [({"exact": 23}, "killed")]),
        ("ثلاثة عشر جريحا", "ar", [({"exact": 13}, "injured")]),
        ("ثلاثة آلاف معتقل أعدموا", "ar", [({"exact": 3000}, "killed")]),
        ("8 هجمات على الأقل", "ar", [({"min": 8}, "attacks")]),
        ("حوالي 1400 قتيل", "ar", [({"approx": 1400}, "killed")]),
    ],
)
def test_counts_by_language(
    text: str, language: str, expected: list[tuple[dict[str, int], str | None]]
) -> None:
    assert counts(text, language) == expected


def test_several_counts_in_one_sentence_get_their_own_roles() -> None:
    text = (
        "The attacks killed at least nine civilians, including four children, "
        "and injured around 200."
    )
    found = find_counts(text, "en")
    assert [(m.text, m.value, m.role, m.subset) for m in found] == [
        ("at least nine", {"min": 9}, "killed", False),
        ("four", {"exact": 4}, None, True),
        ("around 200", {"approx": 200}, "injured", False),
    ]


def test_german_qualifier_of_the_next_number_is_not_borrowed() -> None:
    assert counts("dabei neun Menschen getötet und etwa 200 weitere verletzt", "de") == [
        ({"exact": 9}, "killed"),
        ({"approx": 200}, "injured"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Security Council resolution 2118 (2013)",
        "resolutions 2235 (2015) and 2319 (2016)",
        "General Assembly resolution 71/248",
        "document S/2016/738",
        "decision C-SS-4/DEC.3",
        "on 17 November 2016",
        "between November 17 and December 13, 2016",
        "in 2014 and 2015",
        "the meeting at 10:30",
        "30% of the population",
        "12 percent",
        "for four weeks",
        "15 km north of the city",
        "the 1st battalion",
        "dozens of people were killed",
        "hundreds of casualties",
        "des dizaines de morts",
        "عشرات القتلى",
        "Dutzende Tote",
        "one of the deadliest bombings",
        "no one was hurt",
        "see page 12",
        "Article 8 of the Rome Statute",
        "cost $300",
        "under article 8(2)(b)(xvii) of the Rome Statute",
        "at 3 p.m. and again at 7 a.m.",
    ],
)
def test_things_that_are_not_counts(text: str) -> None:
    assert find_counts(text, "en") == []


def test_list_numbering_is_not_a_count() -> None:
    assert find_counts("EXECUTIVE SUMMARY\n1. The Director-General", "en") == []


def test_a_year_shaped_number_of_people_is_a_count() -> None:
    assert counts("2000 people were killed", "en") == [({"exact": 2000}, "killed")]
    assert counts("at least 1500 dead", "en") == [({"min": 1500}, "killed")]


def test_unknown_language_reads_every_language_but_ambiguous_words() -> None:
    assert counts("neuf morts", None) == [({"exact": 9}, "killed")]
    assert counts("he went once", None) == []
    assert counts("doce muertos", "es") == [({"exact": 12}, "killed")]
    assert counts("once muertos", "es") == [({"exact": 11}, "killed")]


def test_mention_is_a_frozen_value() -> None:
    m = find_counts("nine killed", "en")[0]
    assert m == CountMention(0, 4, "nine", {"exact": 9}, "killed", False)
    with pytest.raises(AttributeError):
        m.role = "injured"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "at least 92 people, including 30 children, were killed",
            "en",
            [({"min": 92}, "killed"), ({"exact": 30}, None)],
        ),
        (
            "The strike killed 12 and wounded 40",
            "en",
            [({"exact": 12}, "killed"), ({"exact": 40}, "injured")],
        ),
        (
            "مقتل 12 شخصا وإصابة 40 آخرين",
            "ar",
            [({"exact": 12}, "killed"), ({"exact": 40}, "injured")],
        ),
        ("وفاة 12 شخصا", "ar", [({"exact": 12}, "killed")]),
        ("the death toll rose to 87", "en", [({"exact": 87}, "killed")]),
        ("a death toll estimated at 1,400", "en", [({"approx": 1400}, "killed")]),
        ("launched 12 airstrikes on the town", "en", [({"exact": 12}, "attacks")]),
        ("attacks on three villages", "en", [({"exact": 3}, None)]),
        (
            "a fait 12 morts et 40 blessés",
            "fr",
            [({"exact": 12}, "killed"), ({"exact": 40}, "injured")],
        ),
        ("matando pelo menos 83 pessoas", "pt", [({"min": 83}, "killed")]),
        (
            "dejó 12 muertos y 40 heridos",
            "es",
            [({"exact": 12}, "killed"), ({"exact": 40}, "injured")],
        ),
        ("12 Tote und 40 Verletzte", "de", [({"exact": 12}, "killed"), ({"exact": 40}, "injured")]),
        (
            "deixou 12 mortos e 40 feridos",
            "pt",
            [({"exact": 12}, "killed"), ({"exact": 40}, "injured")],
        ),
    ],
)
def test_roles_across_clauses(
    text: str, language: str, expected: list[tuple[dict[str, int], str | None]]
) -> None:
    assert counts(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("آلاف الأشخاص", "ar", []),
        ("ثلاثة آلاف معتقل", "ar", [({"exact": 3000}, None)]),
        ("des millions de personnes", "fr", []),
        ("deux millions de personnes", "fr", [({"exact": 2000000}, None)]),
        ("عشرات القتلى ومئات الجرحى", "ar", []),
        ("des dizaines de morts", "fr", []),
        ("decenas de muertos", "es", []),
    ],
)
def test_vague_amounts_in_their_language(
    text: str, language: str, expected: list[tuple[dict[str, int], str | None]]
) -> None:
    assert counts(text, language) == expected
