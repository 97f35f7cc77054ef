"""Sentence splitting keeps offsets and respects abbreviations, lines and Arabic."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from qarina.extract.sentences import split_sentences


def test_splits_on_full_stops_and_lines() -> None:
    text = "HRW said so. The U.S. and Dr. Smith agreed!\nA caption line\n\nوقال آخر. ثم انتهى."
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "HRW said so.",
        "The U.S. and Dr. Smith agreed!",
        "A caption line",
        "وقال آخر.",
        "ثم انتهى.",
    ]


def test_paragraphs_are_counted() -> None:
    sentences = split_sentences("One.\nTwo.\n\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_numbers_with_points_do_not_split() -> None:
    assert len(split_sentences("près de 13.000 personnes. Fin.")) == 2


def test_pathological_input_is_linear() -> None:
    started = time.perf_counter()
    split_sentences("." * 1_000_000 + " " * 1_000_000 + "a. " * 300_000)
    assert time.perf_counter() - started < 5


@given(st.text(max_size=400))
def test_every_sentence_slices_the_original(text: str) -> None:
    previous = -1
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start > previous
        previous = s.start
