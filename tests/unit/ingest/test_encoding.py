"""Encoding detection: BOMs, declared charsets, UTF-8, Windows Arabic, Latin-1."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qarina.ingest.encoding import decode_bytes, normalise_encoding_name
from qarina.ingest.normalise import normalise_text

ARABIC = "أعلنت الآلية المشتركة نتائج تحقيقها في استخدام الكلور في سرمين وتلمنس"


def test_utf8() -> None:
    decoded = decode_bytes("Alep, été 2016 — حلب".encode())
    assert decoded.text == "Alep, été 2016 — حلب"
    assert (decoded.encoding, decoded.warnings) == ("utf-8", ())


def test_boms_are_honoured_and_removed() -> None:
    for encoding, name in (("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-32", "utf-32")):
        decoded = decode_bytes(ARABIC.encode(encoding))
        assert decoded.text == ARABIC
        assert decoded.encoding.startswith(name)


def test_windows_arabic_is_recognised() -> None:
    decoded = decode_bytes(ARABIC.encode("cp1256"))
    assert decoded.encoding == "cp1256"
    assert decoded.text == ARABIC


def test_latin1_fallback() -> None:
    decoded = decode_bytes("Le régime a nié les accusations à Alep.".encode("latin-1"))
    assert decoded.encoding == "latin-1"
    assert decoded.text == "Le régime a nié les accusations à Alep."


def test_a_few_invalid_bytes_in_utf8_are_replaced_and_reported() -> None:
    data = "Ça va très bien à Alep, été 2016. ".encode() * 4 + b"\xff\xfe" + b"fin"
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert "\ufffd" in decoded.text and decoded.text.endswith("fin")
    assert "replaced" in decoded.warnings[0]


def test_declared_charset_is_used_and_a_wrong_one_is_ignored() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), declared="windows-1256").encoding == "cp1256"
    assert decode_bytes("naïve".encode(), declared="ascii").text == "naïve"
    assert decode_bytes(b"abc", declared="no-such-charset").text == "abc"
    assert normalise_encoding_name("UTF8") == "utf-8"
    assert normalise_encoding_name("bogus") is None


@given(st.binary(max_size=2000))
def test_any_bytes_decode_without_raising(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert isinstance(decoded.text, str)


@given(st.text(max_size=500))
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")).text == text.removeprefix("\ufeff")


def test_normalise_text_unifies_breaks_and_drops_controls() -> None:
    text, dropped = normalise_text("a\r\nb\rc\x00d\x1be\x0cf\u2028g\th")
    assert text == "a\nb\ncde\nf\ng\th"
    assert dropped == 2
