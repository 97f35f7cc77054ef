"""Term matching: folding, longest match, Arabic clitics, acronyms, stems, offsets."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from qarina.extract.lexicon import TermMatcher


def _values(matcher: TermMatcher, text: str) -> list[str]:
    return [h.value for h in matcher.find(text)]


def test_longest_alias_wins_and_offsets_point_into_original() -> None:
    m = TermMatcher(
        {
            "Security Council": "UNSC",
            "United Nations": "UN",
            "United Nations Security Council": "UNSC",
        }
    )
    text = "The United Nations Security Council met; the United Nations did not."
    hits = m.find(text)
    assert [h.value for h in hits] == ["UNSC", "UN"]
    for h in hits:
        assert text[h.start : h.end] == h.text


def test_case_and_accents_are_folded() -> None:
    m = TermMatcher({"Organização para a Proibição de Armas Químicas": "OPCW"})
    assert _values(m, "a ORGANIZACAO PARA A PROIBICAO DE ARMAS QUIMICAS disse") == ["OPCW"]


def test_word_boundaries_are_respected() -> None:
    m = TermMatcher({"sarin": "sarin"})
    assert _values(m, "sarin, Sarin. sarinx xsarin") == ["sarin", "sarin"]


def test_arabic_proclitics_and_letter_variants() -> None:
    m = TermMatcher({"الأمم المتحدة": "UN", "هيومن رايتس ووتش": "HRW", "الكلور": "cl"})
    assert _values(m, "وقالت للامم المتحدة") == ["UN"]
    assert _values(m, "وهيومن رايتس ووتش") == ["HRW"]
    assert _values(m, "قنابل بالكلور") == ["cl"]


def test_acronyms_match_case_sensitively() -> None:
    m = TermMatcher({}, case_sensitive={"AP": "AP"})
    assert _values(m, "(AP) — an ap of the app") == ["AP"]


def test_stems_match_inside_compounds() -> None:
    m = TermMatcher({}, stems={"hubschrauber": "helicopter"})
    hits = m.find("Armeehubschrauber warfen")
    assert [h.text for h in hits] == ["Armeehubschrauber"]


@given(st.text(max_size=300))
def test_hits_never_overlap_and_always_slice_the_text(text: str) -> None:
    m = TermMatcher({"gas": "g", "toxic gas": "t", "الغاز": "a"}, case_sensitive={"UN": "u"})
    hits = m.find(text)
    for a, b in itertools.pairwise(hits):
        assert a.end <= b.start
    for h in hits:
        assert text[h.start : h.end] == h.text
