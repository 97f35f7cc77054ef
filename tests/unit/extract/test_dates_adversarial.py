"""Bad input never crashes the date finder and costs time linear in its size."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.extract.dates import find_dates

_PIECES = [
    "November",
    "nov",
    "Nov.",
    "شباط",
    "آب",
    "كانون الأول",
    "between",
    "and",
    "to",
    "de",
    "el",
    "le",
    "dem",
    "17.",
    "2016",
    "1999",
    "Monday",
    "lundi",
    "يوم",
    "أمس",
    "yesterday",
    "late",
    "last",
    "year",
    "summer",
    "of",
    "في",
    "و",
    "\u0640",
    "\u064e",
    "İ",
    "ß",
]
_ALPHABET = st.sampled_from([*"0123456789٠١٢٣٤٥٦٧٨٩ -–/.,:()'\n", *_PIECES])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.sampled_from([None, "2017-02-15"]))
def test_any_text_gives_consistent_mentions(text: str, published: str | None) -> None:
    for m in find_dates(text, None, published):
        assert text[m.start : m.end] == m.text
        assert m.precision in {"day", "month", "year", "approximate"}
        assert m.kind in {"point", "range"}
        assert (m.date_start is None) == (m.date_end is None)
        if m.date_start is not None and m.date_end is not None:
            assert m.date_start <= m.date_end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from([None, "en", "ar", "xx"]))
def test_arbitrary_unicode_never_crashes(text: str, language: str | None) -> None:
    for m in find_dates(text, language, "2017-02-15"):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\u0640" * 1000,
        "\u064e" * 1000,
        "٢٠١٦" * 1000,
        "- - - / / / . . ." * 1000,
    ],
)
def test_degenerate_inputs(text: str) -> None:
    for m in find_dates(text, "ar", "2017-02-15"):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("unit", "repeat"),
    [
        ("1", 10_000_000),  # 10 MB of digits
        ("12/", 300_000),
        ("1 ", 200_000),
        ("November ", 100_000),
        ("between 17 and ", 60_000),
        ("2016-", 200_000),
    ],
)
def test_pathological_runs_finish_quickly(unit: str, repeat: int) -> None:
    text = unit * repeat
    started = time.process_time()
    find_dates(text, None, "2017-02-15")
    assert time.process_time() - started < 10.0


def test_time_grows_linearly() -> None:
    sentence = "On 17 November 2016, between 12 and 13 December, 200 people, resolution 2118. "
    small, large = sentence * 2_000, sentence * 8_000
    started = time.process_time()
    find_dates(small, "en", "2017-02-15")
    t_small = time.process_time() - started
    started = time.process_time()
    find_dates(large, "en", "2017-02-15")
    t_large = time.process_time() - started
    assert t_large < 4 * t_small * 2.5 + 0.05
