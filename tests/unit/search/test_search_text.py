"""The search analyser: folding, Arabic clitics, offsets, passage checks."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.core.errors import InputError
from qarina.core.model import Passage
from qarina.core.search_text import (
    MAX_TERM_CHARS,
    check_passage,
    find_terms,
    fold_for_search,
    indexable_text,
    strip_clitics,
    terms_of,
    tokenize,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("والكلور", "كلور"),
        ("الكلور", "كلور"),
        ("بالكلور", "كلور"),
        ("كالكلور", "كلور"),
        ("للكلور", "كلور"),
        ("فالكلور", "كلور"),
        ("وبالكلور", "كلور"),
        ("كلور", "كلور"),
        ("ولد", "ولد"),  # conjunction kept when fewer than three letters would remain
        ("الي", "الي"),  # article kept when fewer than three letters would remain
        ("القت", "القت"),
        ("chlorine", "chlorine"),
        ("", ""),
    ],
)
def test_strip_clitics(word: str, expected: str) -> None:
    assert strip_clitics(word) == expected


def test_terms_fold_case_accents_arabic_variants_and_digits() -> None:
    assert terms_of("Alép ALEPPO Ça") == ["alep", "aleppo", "ca"]
    assert terms_of("إدلب أدلب آدلب ادلب") == ["ادلب"] * 4
    assert terms_of("مدينة مدينه") == ["مدينه"] * 2
    assert terms_of("الكُلُورِ الكــلور") == ["كلور"] * 2
    assert terms_of("٢٠١٦ ۲۰۱۶ 2016") == ["2016"] * 3


def test_punctuation_and_underscore_split_words() -> None:
    assert terms_of("71/248, (2016); foo_bar «حلب»") == ["71", "248", "2016", "foo", "bar", "حلب"]


def test_long_words_are_cut() -> None:
    assert terms_of("x" * 500) == ["x" * MAX_TERM_CHARS]


def test_indexable_text_joins_terms() -> None:
    assert indexable_text("  Chlorine   in   Aleppo ") == "chlorine in aleppo"
    assert indexable_text("") == ""


def test_tokens_point_at_original_text() -> None:
    text = "ألقت المروحيات بالكُلُورِ"
    tokens = tokenize(text)
    assert [t.term for t in tokens] == ["القت", "مروحيات", "كلور"]
    assert text[tokens[2].start : tokens[2].end] == "بالكُلُورِ"


@given(st.text(max_size=200))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold_for_search(text)) == len(text)


@given(st.text(max_size=200))
def test_tokens_agree_with_terms_and_reanalyse_to_themselves(text: str) -> None:
    tokens = tokenize(text)
    assert [t.term for t in tokens] == terms_of(text)
    for token in tokens:
        assert 0 <= token.start < token.end <= len(text)
        assert " " not in token.term and token.term
        assert terms_of(text[token.start : token.end]) == [token.term]


@given(st.text(max_size=200))
def test_indexable_text_is_a_fixed_point(text: str) -> None:
    once = indexable_text(text)
    assert indexable_text(once) == once


def test_check_passage() -> None:
    item = "sha256:" + hashlib.sha256(b"x").hexdigest()
    good = Passage(item, 0, 0, 5, "hello", "en-GB")
    assert check_passage(good) is good
    assert check_passage(Passage(item, 3, 10, 10, "", None)).seq == 3
    with pytest.raises(InputError, match="digest"):
        check_passage(Passage("sha256:XYZ", 0, 0, 1, "x"))
    with pytest.raises(InputError, match="seq"):
        check_passage(Passage(item, True, 0, 1, "x"))
    with pytest.raises(InputError, match="offsets"):
        check_passage(Passage(item, 0, -1, 0, "x"))
    with pytest.raises(InputError, match="offsets"):
        check_passage(Passage(item, 0, 0, 2, "x"))
    with pytest.raises(InputError, match="offsets"):
        check_passage(Passage(item, 0, None, 1, "x"))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="text"):
        check_passage(Passage(item, 0, 0, 1, None))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="language"):
        check_passage(Passage(item, 0, 0, 1, "x", "english language"))
    with pytest.raises(InputError, match="surrogates"):
        check_passage(Passage(item, 0, 0, 2, "a\ud800"))
    with pytest.raises(InputError, match="NUL"):
        check_passage(Passage(item, 0, 0, 1, "\x00"))
    with pytest.raises(InputError, match="Passage"):
        check_passage({"text": "x"})  # type: ignore[arg-type]


@given(st.text(max_size=200), st.sets(st.sampled_from(["a", "ab", "كلور", "2016", "x" * 64])))
def test_find_terms_is_tokenize_filtered(text: str, terms: set[str]) -> None:
    wanted = frozenset(terms)
    assert find_terms(text, wanted) == [t for t in tokenize(text) if t.term in wanted]


def test_find_terms_in_arabic_and_long_words() -> None:
    text = "والكُلُورِ " + "y" * 70 + " " + "x" * 70
    found = find_terms(text, frozenset({"كلور", "x" * MAX_TERM_CHARS}))
    assert [(t.term[:4], t.start) for t in found] == [("كلور", 0), ("xxxx", 82)]
