"""The cheap language guess."""

from __future__ import annotations

import pytest

from qarina.extract.language import guess_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The group said that the attacks were coordinated with the offensive.", "en"),
        ("قالت منظمة هيومن رايتس ووتش إن قوات النظام", "ar"),
        ("Le rapport explique aussi que les forces gouvernementales et la ville", "fr"),
        ("Die Truppen haben laut einem Bericht der Organisation und die Stadt", "de"),
        ("El grupo de derechos humanos acusó el lunes a los militares por la", "es"),
        ("", None),
        ("12345 !!!", None),
    ],
)
def test_guess(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


def test_words_shared_between_languages_do_not_decide() -> None:
    text = (
        "La Asamblea General aprobó el 21 de diciembre de 2016 la resolución 71/248, que crea "
        "un mecanismo para reunir pruebas de crímenes cometidos en Siria."
    )
    assert guess_language(text) == "es"
    assert guess_language("O governo sírio nega as acusações contidas em um relatório") == "pt"
