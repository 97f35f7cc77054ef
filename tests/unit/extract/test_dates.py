"""Date finder: absolute dates, ranges, months, years, seasons in six languages."""

from __future__ import annotations

import pytest

from qarina.extract.dates import DateMention, find_dates


def only(text: str, published: str | None = None, language: str | None = None) -> DateMention:
    found = find_dates(text, language, published)
    assert len(found) == 1, found
    return found[0]


def interval(m: DateMention) -> tuple[str | None, str | None, str]:
    return m.date_start, m.date_end, m.precision


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # English
        ("It happened on November 22, 2016 in the city.", "en", ("2016-11-22", "2016-11-22")),
        ("on 22 November 2016", "en", ("2016-11-22", "2016-11-22")),
        ("on the 3rd of May 2015", "en", ("2015-05-03", "2015-05-03")),
        ("Letter dated 24 Aug. 2016", "en", ("2016-08-24", "2016-08-24")),
        ("dated Sept. 5, 2013", "en", ("2013-09-05", "2013-09-05")),
        ("published 2017-02-13 online", "en", ("2017-02-13", "2017-02-13")),
        ("on 21.08.2013", "de", ("2013-08-21", "2013-08-21")),
        ("on 13/02/2017", "fr", ("2017-02-13", "2017-02-13")),
        ("on 02/13/2017", "en", ("2017-02-13", "2017-02-13")),
        # French
        ("le 20 novembre 2016", "fr", ("2016-11-20", "2016-11-20")),
        ("le 1er décembre 2016", "fr", ("2016-12-01", "2016-12-01")),
        ("lundi 13 février 2017", "fr", ("2017-02-13", "2017-02-13")),
        ("le 21 aout 2013", "fr", ("2013-08-21", "2013-08-21")),
        # Spanish
        ("el 13 de diciembre de 2016", "es", ("2016-12-13", "2016-12-13")),
        ("el 7 de abril del 2018", "es", ("2018-04-07", "2018-04-07")),
        # Portuguese
        ("em 13 de fevereiro de 2017", "pt", ("2017-02-13", "2017-02-13")),
        ("no dia 4 de abril de 2017", "pt", ("2017-04-04", "2017-04-04")),
        # German
        ("am 17. November 2016", "de", ("2016-11-17", "2016-11-17")),
        ("am 4. März 2015", "de", ("2015-03-04", "2015-03-04")),
        # Arabic, Levantine and MSA month names, Eastern Arabic digits
        ("في 21 آب 2013", "ar", ("2013-08-21", "2013-08-21")),
        ("يوم ٢١ آب ٢٠١٣", "ar", ("2013-08-21", "2013-08-21")),
        ("في 4 أبريل (نيسان) 2017", "ar", ("2017-04-04", "2017-04-04")),
        ("في 7 نيسان/أبريل 2018", "ar", ("2018-04-07", "2018-04-07")),
        ("في 5 كانون الثاني 2014", "ar", ("2014-01-05", "2014-01-05")),
        ("في 30 تشرين الأول 2015", "ar", ("2015-10-30", "2015-10-30")),
        ("في 12 شباط 2016", "ar", ("2016-02-12", "2016-02-12")),
        ("في 9 أيلول 2016", "ar", ("2016-09-09", "2016-09-09")),
        ("في 3 ديسمبر 2016", "ar", ("2016-12-03", "2016-12-03")),
        ("في ١٥ تموز ٢٠١٥", "ar", ("2015-07-15", "2015-07-15")),
    ],
)
def test_absolute_days(text: str, language: str, expected: tuple[str, str]) -> None:
    m = only(text, language=language)
    assert (m.date_start, m.date_end) == expected
    assert m.precision == "day"
    assert not m.year_inferred
    assert not m.relative
    assert m.kind == "point"
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between November 17 and December 13, 2016", ("2016-11-17", "2016-12-13", "day")),
        ("between November 17-December 13, 2016", ("2016-11-17", "2016-12-13", "day")),
        ("from 17 to 23 November 2016", ("2016-11-17", "2016-11-23", "day")),
        ("17-23 November 2016", ("2016-11-17", "2016-11-23", "day")),
        ("November 17-23, 2016", ("2016-11-17", "2016-11-23", "day")),
        ("on 15 and 16 September 2016", ("2016-09-15", "2016-09-16", "day")),
        ("on August 28 and 29, 2013", ("2013-08-28", "2013-08-29", "day")),
        ("24, 25, and 30 March 2017", ("2017-03-24", "2017-03-30", "day")),
        ("between December 20, 2015 and January 5, 2016", ("2015-12-20", "2016-01-05", "day")),
        ("between December 20 and January 5, 2016", ("2015-12-20", "2016-01-05", "day")),
        (
            "entre el 17 de noviembre y el 13 de diciembre de 2016",
            ("2016-11-17", "2016-12-13", "day"),
        ),
        ("entre 17 de novembro e 13 de dezembro de 2016", ("2016-11-17", "2016-12-13", "day")),
        ("du 17 au 23 novembre 2016", ("2016-11-17", "2016-11-23", "day")),
        ("entre le 17 novembre et le 13 décembre 2016", ("2016-11-17", "2016-12-13", "day")),
        ("vom 17. bis 23. November 2016", ("2016-11-17", "2016-11-23", "day")),
        (
            "zwischen dem 17. November und dem 13. Dezember 2016",
            ("2016-11-17", "2016-12-13", "day"),
        ),
        (
            "بين 17 تشرين الثاني/نوفمبر و13 كانون الأول/ديسمبر 2016",
            ("2016-11-17", "2016-12-13", "day"),
        ),
        ("في 15 و16 سبتمبر/ أيلول 2016", ("2016-09-15", "2016-09-16", "day")),
        ("from March 2014 to April 2015", ("2014-03-01", "2015-04-30", "month")),
        ("between April and June 2016", ("2016-04-01", "2016-06-30", "month")),
        ("from 2011 to 2015", ("2011-01-01", "2015-12-31", "year")),
        ("in 2014 and 2015", ("2014-01-01", "2015-12-31", "year")),
        ("in 2014-2015", ("2014-01-01", "2015-12-31", "year")),
        ("in 2014–15", ("2014-01-01", "2015-12-31", "year")),
        ("en cinq ans (2011-2015)", ("2011-01-01", "2015-12-31", "year")),
        ("entre 2011 et 2015", ("2011-01-01", "2015-12-31", "year")),
    ],
)
def test_ranges(text: str, expected: tuple[str, str, str]) -> None:
    m = only(text)
    assert interval(m) == expected
    assert m.kind == "range"
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in April 2014", ("2014-04-01", "2014-04-30", "month")),
        ("in February 2016", ("2016-02-01", "2016-02-29", "month")),
        ("en avril 2014", ("2014-04-01", "2014-04-30", "month")),
        ("en abril de 2014", ("2014-04-01", "2014-04-30", "month")),
        ("im April 2014", ("2014-04-01", "2014-04-30", "month")),
        ("في نيسان 2014", ("2014-04-01", "2014-04-30", "month")),
        ("in 2013", ("2013-01-01", "2013-12-31", "year")),
        ("the summer of 2015", ("2015-06-01", "2015-08-31", "approximate")),
        ("l'été 2015", ("2015-06-01", "2015-08-31", "approximate")),
        ("el verano de 2015", ("2015-06-01", "2015-08-31", "approximate")),
        ("im Sommer 2015", ("2015-06-01", "2015-08-31", "approximate")),
        ("صيف 2015", ("2015-06-01", "2015-08-31", "approximate")),
        ("in early 2015", ("2015-01-01", "2015-04-30", "approximate")),
        ("in mid-2015", ("2015-05-01", "2015-08-31", "approximate")),
        ("at the end of 2016", ("2016-09-01", "2016-12-31", "approximate")),
        ("in late August 2016", ("2016-08-21", "2016-08-31", "approximate")),
        ("fin 2016", ("2016-09-01", "2016-12-31", "approximate")),
        ("Ende 2016", ("2016-09-01", "2016-12-31", "approximate")),
        ("a finales de 2016", ("2016-09-01", "2016-12-31", "approximate")),
        ("أواخر 2016", ("2016-09-01", "2016-12-31", "approximate")),
    ],
)
def test_months_years_seasons(text: str, expected: tuple[str, str, str]) -> None:
    assert interval(only(text)) == expected


def test_spans_point_into_original_text_with_diacritics_and_tatweel() -> None:
    text = "وَقَعَ الهجوم في ٢١ آبـــ ٢٠١٣ على الغوطة"
    m = only(text)
    assert (m.date_start, m.date_end) == ("2013-08-21", "2013-08-21")
    assert text[m.start : m.end] == m.text
    assert m.text.startswith("٢١") and m.text.endswith("٢٠١٣")


def test_weekday_with_explicit_date_keeps_the_date() -> None:
    m = only("Amnesty said on Tuesday, 7 February 2017, that", "2017-02-09")
    assert interval(m) == ("2017-02-07", "2017-02-07", "day")
    assert not m.relative
    m = only("ce mardi 07 février 2017", "2017-02-07")
    assert interval(m) == ("2017-02-07", "2017-02-07", "day")


@pytest.mark.parametrize(
    "text",
    [
        "Security Council resolutions 2209 and 2235",
        "resolutions 2042 and 2043 were adopted",
        "General Assembly resolution 71/248",
        "document S/2016/738 and A/HRC/34/64",
        "OPCW decision C-SS-4/DEC.3",
        "at least 2000 people were killed",
        "some 1,200 people",
        "see page 2015 of the report",
        "the meeting began at 10:30",
        "a 13.000 figure and 12.5 percent",
        "the fourth report, paragraph 17",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "en", "2017-01-01") == []


def test_resolution_year_in_parentheses_is_a_year() -> None:
    found = find_dates("resolution 2118 (2013)", "en", None)
    assert [(m.text, m.precision) for m in found] == [("2013", "year")]


def test_lowercase_may_and_march_are_not_months() -> None:
    assert find_dates("they may 15 times march 2 miles", "en", "2017-01-01") == []
    assert interval(only("In May 2015", "2017-01-01")) == ("2015-05-01", "2015-05-31", "month")


def test_invalid_calendar_dates_are_not_resolved() -> None:
    found = find_dates("on 31 February 2016 and 2016-13-45", "en", None)
    assert all(m.date_start is None for m in found if "February" in m.text)
    assert not any("13-45" in m.text for m in found)


def test_glued_page_text_still_splits_dates() -> None:
    found = find_dates("November 17, 2016November 18, 2016Maadi", "en", None)
    assert [m.date_start for m in found] == ["2016-11-17", "2016-11-18"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في الحادي والعشرين من آب 2013", ("2013-08-21", "2013-08-21", "day")),
        ("الثاني من كانون الثاني 2014", ("2014-01-02", "2014-01-02", "day")),
        ("في شهر آب/أغسطس 2013", ("2013-08-01", "2013-08-31", "month")),
        ("filed 2013/08/21", ("2013-08-21", "2013-08-21", "day")),
        ("on Aug. 21, 2013", ("2013-08-21", "2013-08-21", "day")),
        ("the 21st of August, 2013", ("2013-08-21", "2013-08-21", "day")),
        ("the 1980s", None),
        ("في الـ21 من آب 2013", ("2013-08-21", "2013-08-21", "day")),
        ("منذ عام 2011", ("2011-01-01", "2011-12-31", "year")),
        ("dans la nuit du 20 au 21 août 2013", ("2013-08-20", "2013-08-21", "day")),
        ("خلال عامي 2014 و2015", ("2014-01-01", "2015-12-31", "year")),
    ],
)
def test_more_shapes(text: str, expected: tuple[str, str, str] | None) -> None:
    found = find_dates(text, None, None)
    if expected is None:
        assert found == []
    else:
        assert [interval(m) for m in found] == [expected]


def test_dates_listed_with_and_are_two_dates() -> None:
    found = find_dates("on 4 April 2017 and 15 September 2016", "en", None)
    assert [(m.text, interval(m)) for m in found] == [
        ("4 April 2017", ("2017-04-04", "2017-04-04", "day")),
        ("15 September 2016", ("2016-09-15", "2016-09-15", "day")),
    ]
    assert interval(only("between 4 April 2016 and 15 September 2016")) == (
        "2016-04-04",
        "2016-09-15",
        "day",
    )


def test_a_backwards_span_is_not_resolved() -> None:
    assert find_dates("from 2017 to 2015", "en", None) == []
    m = only("from 12 May 2017 to 3 May 2016")
    assert (m.date_start, m.date_end, m.year_inferred) == (None, None, False)
