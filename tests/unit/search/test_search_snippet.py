"""Snippets and highlights."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qarina.core.search_snippet import ELLIPSIS, build_snippet
from qarina.core.search_text import terms_of


def test_short_passage_is_whole_with_marks() -> None:
    snippet = build_snippet("Chlorine in Aleppo, chlorine again.", frozenset({"chlorine"}))
    assert snippet.text == "[Chlorine] in Aleppo, [chlorine] again."
    assert snippet.highlights == ((0, 8), (20, 28))


def test_arabic_match_marks_the_whole_original_word() -> None:
    text = "قصفت المروحيات بالكُلُورِ مدينة حلب"
    snippet = build_snippet(text, frozenset({"كلور"}))
    assert "[بالكُلُورِ]" in snippet.text
    ((lo, hi),) = snippet.highlights
    assert text[lo:hi] == "بالكُلُورِ"


def test_long_passage_window_prefers_distinct_terms() -> None:
    filler = "word " * 100
    text = f"chlorine {filler} chlorine near Aleppo {filler}end"
    snippet = build_snippet(text, frozenset({"chlorine", "aleppo"}), width=80)
    assert snippet.text.startswith(ELLIPSIS) and snippet.text.endswith(ELLIPSIS)
    assert "[chlorine] near [Aleppo]" in snippet.text
    assert len(snippet.text) < 100
    assert len(snippet.highlights) == 3


def test_no_match_gives_the_start() -> None:
    text = "alpha " * 100
    snippet = build_snippet(text, frozenset({"zzz"}), width=50)
    assert snippet.highlights == ()
    assert snippet.text.startswith("alpha") and snippet.text.endswith(ELLIPSIS)
    assert len(snippet.text) <= 51


_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="[]…", blacklist_categories=["Cs"]), max_size=300
)


@given(_TEXT, st.sets(st.sampled_from(["a", "b", "كلور", "2016"]), min_size=1))
def test_highlights_are_matches_and_snippet_is_marked_text(text: str, terms: set[str]) -> None:
    snippet = build_snippet(text, frozenset(terms), width=60)
    for lo, hi in snippet.highlights:
        assert terms_of(text[lo:hi])[0] in terms
    unmarked = snippet.text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert unmarked.replace("[", "").replace("]", "") in text
    assert unmarked.count("[") == unmarked.count("]") <= len(snippet.highlights)
