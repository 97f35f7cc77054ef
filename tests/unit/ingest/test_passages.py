"""Passages: exact offsets, full coverage of non-space text, bounded length."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.ingest.passages import passage_spans, split_passages

ITEM = "sha256:" + "a" * 64


def _check(text: str, max_chars: int) -> None:
    passages = split_passages(ITEM, text, "en", max_chars=max_chars)
    covered = [False] * len(text)
    previous_end = 0
    for seq, passage in enumerate(passages):
        assert passage.seq == seq
        assert text[passage.start : passage.end] == passage.text
        assert passage.start >= previous_end
        assert 0 < len(passage.text) <= max_chars
        assert not passage.text[0].isspace() and not passage.text[-1].isspace()
        for index in range(passage.start, passage.end):
            covered[index] = True
        previous_end = passage.end
    missed = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert missed == []


_words = st.text(
    alphabet=st.sampled_from(list("abc ٍحلب.!?؟\n\n\t\u00a0\u064e")), min_size=0, max_size=3000
)


@settings(max_examples=300, deadline=None)
@given(_words, st.integers(min_value=2, max_value=400))
def test_offsets_round_trip_and_cover_all_non_space_text(text: str, max_chars: int) -> None:
    _check(text, max_chars)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=1500), st.integers(min_value=2, max_value=1200))
def test_any_unicode_text(text: str, max_chars: int) -> None:
    _check(text, max_chars)


def test_paragraphs_become_passages() -> None:
    text = "First paragraph.\n\n  Second paragraph, indented.  \n\n\n\nThird."
    assert [p.text for p in split_passages(ITEM, text, "en")] == [
        "First paragraph.",
        "Second paragraph, indented.",
        "Third.",
    ]


def test_long_paragraph_splits_at_sentence_ends() -> None:
    sentence = "Helicopters dropped chlorine on the eastern districts of the city. "
    text = sentence * 40
    passages = split_passages(ITEM, text.strip(), "en", max_chars=300)
    assert len(passages) > 1
    assert all(p.text.endswith("city.") for p in passages)
    assert all(len(p.text) <= 300 for p in passages)


def test_arabic_question_mark_and_lines_are_boundaries() -> None:
    text = "هل استخدم الكلور؟ " * 30 + "\n" + "سطر آخر" * 5
    passages = split_passages(ITEM, text, "ar", max_chars=100)
    assert all(p.text.endswith("؟") for p in passages[:-1])
    assert passages[-1].language == "ar"


def test_huge_line_without_spaces_is_cut_at_the_limit() -> None:
    text = "x" * 2500
    assert passage_spans(text, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_hard_cut_never_separates_a_combining_mark() -> None:
    text = "ب\u064e" * 600
    for start, end in passage_spans(text, 101):
        assert text[start] != "\u064e"
        assert end - start <= 101


def test_lines_of_one_block_are_packed_up_to_the_limit() -> None:
    lines = [f"Paragraph {i} has some words in it." for i in range(60)]
    passages = split_passages(ITEM, "\n".join(lines), None, max_chars=200)
    assert all(p.text.startswith("Paragraph") and p.text.endswith("it.") for p in passages)
    assert sum(p.text.count("\n") + 1 for p in passages) == 60


def test_empty_and_blank_text_have_no_passages() -> None:
    assert split_passages(ITEM, "", None) == []
    assert split_passages(ITEM, " \n\t\n ", None) == []


def test_max_chars_must_be_usable() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        passage_spans("abc", 1)


def test_windows_line_breaks_separate_paragraphs() -> None:
    text = "First paragraph.\r\n\r\nSecond paragraph."
    assert [p.text for p in split_passages(ITEM, text, "en")] == [
        "First paragraph.",
        "Second paragraph.",
    ]
