"""Denial phrases in six languages, whole words only."""

from __future__ import annotations

import pytest

from qarina.link.contradictions import find_denials
from qarina.link.sources import document_info
from tests.unit.link.builders import make_doc


@pytest.mark.parametrize(
    "sentence",
    [
        "The government denies the report.",
        "وتنفي الحكومة السورية هذه الاتهامات.",
        "نفى النظام استخدام الأسلحة الكيميائية.",
        "Damas dément toute utilisation d'armes chimiques.",
        "El gobierno sirio niega las acusaciones.",
        "O governo sírio nega todas as acusações.",
        "Die Regierung bestreitet den Einsatz von Giftgas.",
    ],
)
def test_denials_are_found_with_their_span(sentence: str) -> None:
    text = "Chlorine was used on 20 November. " + sentence + " More follows."
    found = find_denials(document_info("d", make_doc("d", text=text)))
    assert len(found) == 1
    start, end = found[0]["span"]
    assert text[start:end] == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The council called for the implementation of resolution 2118.",
        "ودعا إلى تنفيذ القرار 2118.",
        "Les négociations ont repris.",
        "Das ist haltbar.",
    ],
)
def test_words_that_merely_contain_a_phrase_are_not_denials(sentence: str) -> None:
    assert find_denials(document_info("d", make_doc("d", text=sentence))) == []
