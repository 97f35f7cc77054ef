"""Bad input never crashes the count finder and costs time linear in its size."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.extract.counts import find_counts

_PIECES = [
    "nine",
    "hundred",
    "thousand",
    "and",
    "at least",
    "about",
    "between",
    "-",
    "to",
    "1,000",
    "13.000",
    "1.5",
    "million",
    "ثلاثة",
    "عشر",
    "و",
    "killed",
    "injured",
    "attacks",
    "people",
    "vingt",
    "quatre-vingt",
    "einundzwanzig",
    "y",
    "e",
    "٣٥",
    "resolution",
    "2016",
    "%",
    "(",
    ")",
    "/",
    ":",
    "\u0640",
    "\u064e",
]
_ALPHABET = st.sampled_from([*"0123456789 ,.\n", *_PIECES])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_ALPHABET, max_size=50).map(" ".join),
    st.sampled_from([None, "en", "fr", "ar", "de", "zz"]),
)
def test_any_text_gives_consistent_counts(text: str, language: str | None) -> None:
    for m in find_counts(text, language):
        assert text[m.start : m.end] == m.text
        assert m.role in {None, "killed", "injured", "attacks"}
        assert set(m.value) in ({"exact"}, {"min"}, {"max"}, {"approx"}, {"min", "max"})
        assert all(isinstance(v, int) and v >= 0 for v in m.value.values())
        if set(m.value) == {"min", "max"}:
            assert m.value["min"] < m.value["max"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    for m in find_counts(text, None):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("unit", "repeat"),
    [
        ("1", 10_000_000),  # 10 MB of digits: one huge number, not read as a count
        ("1,000", 200_000),
        ("nine ", 20_000),
        ("1 ", 30_000),  # 30k numbers, each a count: ~20-50 µs apiece
        ("between 8 and ", 20_000),
        ("٣", 1_000_000),
    ],
)
def test_pathological_runs_finish_quickly(unit: str, repeat: int) -> None:
    text = unit * repeat
    started = time.process_time()
    find_counts(text, None)
    assert time.process_time() - started < 15.0


def test_huge_digit_run_is_not_a_count() -> None:
    assert find_counts("9" * 5000, "en") == []


def test_time_grows_linearly_with_many_dates_and_numbers() -> None:
    sentence = "في 21 آب 2013 قتل نحو 200 شخص، و13 كانون الأول أمس، 35 قتيلا. "
    small, large = sentence * 1_000, sentence * 8_000
    started = time.process_time()
    find_counts(small, "ar")
    t_small = time.process_time() - started
    started = time.process_time()
    find_counts(large, "ar")
    t_large = time.process_time() - started
    assert t_large < 8 * t_small * 2.5 + 0.1  # linear, with room for noise
