"""Relative expressions and years taken from ``published`` (a Wednesday, 15 Feb 2017)."""

from __future__ import annotations

import pytest

from qarina.extract.dates import DateMention, find_dates

PUBLISHED = "2017-02-15"  # a Wednesday


def only(text: str, published: str | None = PUBLISHED) -> DateMention:
    found = find_dates(text, None, published)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("the group said on Monday", "2017-02-13", "2017-02-13", "day"),
        ("HRW said Monday", "2017-02-13", "2017-02-13", "day"),
        ("on Wednesday", "2017-02-15", "2017-02-15", "day"),
        ("last Wednesday", "2017-02-08", "2017-02-08", "day"),
        ("on Friday", "2017-02-10", "2017-02-10", "day"),
        ("yesterday", "2017-02-14", "2017-02-14", "day"),
        ("said today", "2017-02-15", "2017-02-15", "day"),
        ("adopted this evening", "2017-02-15", "2017-02-15", "day"),
        ("the day before yesterday", "2017-02-13", "2017-02-13", "day"),
        ("last year", "2016-01-01", "2016-12-31", "year"),
        ("this year", "2017-01-01", "2017-12-31", "year"),
        ("late last year", "2016-09-01", "2016-12-31", "approximate"),
        ("earlier this month", "2017-02-01", "2017-02-15", "approximate"),
        ("last month", "2017-01-01", "2017-01-31", "month"),
        ("last week", "2017-02-06", "2017-02-12", "approximate"),
        # French
        ("hier", "2017-02-14", "2017-02-14", "day"),
        ("aujourd'hui", "2017-02-15", "2017-02-15", "day"),
        ("aujourd’hui", "2017-02-15", "2017-02-15", "day"),
        ("a déclaré lundi", "2017-02-13", "2017-02-13", "day"),
        ("lundi dernier", "2017-02-13", "2017-02-13", "day"),
        ("l'an dernier", "2016-01-01", "2016-12-31", "year"),
        ("l'année dernière", "2016-01-01", "2016-12-31", "year"),
        ("fin de l'année dernière", "2016-09-01", "2016-12-31", "approximate"),
        # Spanish
        ("ayer", "2017-02-14", "2017-02-14", "day"),
        ("hoy", "2017-02-15", "2017-02-15", "day"),
        ("acusó el lunes", "2017-02-13", "2017-02-13", "day"),
        ("el año pasado", "2016-01-01", "2016-12-31", "year"),
        ("a finales del año pasado", "2016-09-01", "2016-12-31", "approximate"),
        # Portuguese
        ("ontem", "2017-02-14", "2017-02-14", "day"),
        ("hoje", "2017-02-15", "2017-02-15", "day"),
        ("na segunda-feira (13)", "2017-02-13", "2017-02-13", "day"),
        ("nesta quarta-feira (15)", "2017-02-15", "2017-02-15", "day"),
        ("na sexta-feira", "2017-02-10", "2017-02-10", "day"),
        ("no ano passado", "2016-01-01", "2016-12-31", "year"),
        # German
        ("gestern", "2017-02-14", "2017-02-14", "day"),
        ("heute", "2017-02-15", "2017-02-15", "day"),
        ("am Montag", "2017-02-13", "2017-02-13", "day"),
        ("im vergangenen Jahr", "2016-01-01", "2016-12-31", "year"),
        ("Ende vergangenen Jahres", "2016-09-01", "2016-12-31", "approximate"),
        # Arabic
        ("أمس", "2017-02-14", "2017-02-14", "day"),
        ("امس", "2017-02-14", "2017-02-14", "day"),
        ("اليوم", "2017-02-15", "2017-02-15", "day"),
        ("يوم الاثنين", "2017-02-13", "2017-02-13", "day"),
        ("الإثنين الماضي", "2017-02-13", "2017-02-13", "day"),
        ("يوم الخميس", "2017-02-09", "2017-02-09", "day"),
        ("أمس (الثلاثاء)", "2017-02-14", "2017-02-14", "day"),
        ("العام الماضي", "2016-01-01", "2016-12-31", "year"),
        ("الشهر الماضي", "2017-01-01", "2017-01-31", "month"),
        ("أواخر العام الماضي", "2016-09-01", "2016-12-31", "approximate"),
    ],
)
def test_relative_expressions(text: str, start: str, end: str, precision: str) -> None:
    m = only(text)
    assert (m.date_start, m.date_end, m.precision) == (start, end, precision)
    assert m.relative
    assert not m.year_inferred


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("on 20 November", "2016-11-20", "2016-11-20"),
        ("on November 20", "2016-11-20", "2016-11-20"),
        ("on 10 February", "2017-02-10", "2017-02-10"),
        ("on 20 February", "2016-02-20", "2016-02-20"),
        ("le 20 novembre", "2016-11-20", "2016-11-20"),
        ("el 13 de diciembre", "2016-12-13", "2016-12-13"),
        ("am 17. November", "2016-11-17", "2016-11-17"),
        ("في 13 شباط/فبراير", "2017-02-13", "2017-02-13"),
        ("from November 17 to December 13", "2016-11-17", "2016-12-13"),
        ("between December 20 and January 5", "2016-12-20", "2017-01-05"),
        ("Zwischen dem 17. November und dem 13. Dezember", "2016-11-17", "2016-12-13"),
    ],
)
def test_day_and_month_take_the_year_of_published(text: str, start: str, end: str) -> None:
    m = only(text)
    assert (m.date_start, m.date_end, m.precision) == (start, end, "day")
    assert m.year_inferred
    assert not m.relative


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("in September", "2016-09-01", "2016-09-30"),
        ("last September", "2016-09-01", "2016-09-30"),
        ("in February", "2017-02-01", "2017-02-28"),
        ("last February", "2016-02-01", "2016-02-29"),
        ("en septembre", "2016-09-01", "2016-09-30"),
        ("منذ أيلول", "2016-09-01", "2016-09-30"),
    ],
)
def test_bare_months_are_the_latest_one(text: str, start: str, end: str) -> None:
    m = only(text)
    assert (m.date_start, m.date_end, m.precision) == (start, end, "month")
    assert m.year_inferred and m.relative


@pytest.mark.parametrize(
    "text", ["on Monday", "yesterday", "last year", "on 20 November", "in September"]
)
def test_without_published_relative_dates_stay_unresolved(text: str) -> None:
    m = only(text, published=None)
    assert (m.date_start, m.date_end) == (None, None)


def test_unparsable_published_is_treated_as_missing() -> None:
    assert only("yesterday", published="not a date").date_start is None
    assert only("yesterday", published="2017-02-15T10:00:00Z").date_start == "2017-02-14"


def test_weekday_with_day_in_parentheses_finds_the_matching_week() -> None:
    m = only("na segunda-feira (6)")
    assert m.date_start == "2017-02-06"


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("two days ago", "2017-02-13", "2017-02-13", "day"),
        ("a day ago", "2017-02-14", "2017-02-14", "day"),
        ("3 weeks ago", "2017-01-23", "2017-01-29", "approximate"),
        ("two months ago", "2016-12-01", "2016-12-31", "month"),
        ("a year ago", "2016-01-01", "2016-12-31", "year"),
        ("il y a deux jours", "2017-02-13", "2017-02-13", "day"),
        ("hace un año", "2016-01-01", "2016-12-31", "year"),
        ("há dois meses", "2016-12-01", "2016-12-31", "month"),
        ("vor zwei Tagen", "2017-02-13", "2017-02-13", "day"),
        ("قبل يومين", "2017-02-13", "2017-02-13", "day"),
        ("منذ ثلاثة أيام", "2017-02-12", "2017-02-12", "day"),
    ],
)
def test_time_ago(text: str, start: str, end: str, precision: str) -> None:
    m = only(text)
    assert (m.date_start, m.date_end, m.precision) == (start, end, precision)
    assert m.relative


def test_before_and_vor_without_an_amount_of_time_are_not_dates() -> None:
    assert find_dates("vor dem Angriff und قبل الهجوم", None, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("in August last year", "2016-08-01", "2016-08-31"),
        ("en août l'année dernière", "2016-08-01", "2016-08-31"),
        ("en agosto del año pasado", "2016-08-01", "2016-08-31"),
        ("em agosto do ano passado", "2016-08-01", "2016-08-31"),
        ("im August vergangenen Jahres", "2016-08-01", "2016-08-31"),
        ("في آب من العام الماضي", "2016-08-01", "2016-08-31"),
        ("in January this year", "2017-01-01", "2017-01-31"),
    ],
)
def test_month_of_last_or_this_year(text: str, start: str, end: str) -> None:
    m = only(text)
    assert (m.date_start, m.date_end, m.precision, m.relative) == (start, end, "month", True)
