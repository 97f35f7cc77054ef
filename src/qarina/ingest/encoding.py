"""Bytes to text: the character encoding of a text or HTML original.

Order of evidence: a byte-order mark (UTF-8, UTF-16, UTF-32); a declared charset (from
an HTML ``<meta>`` or an HTTP header, when the caller has one); valid UTF-8; Windows
Arabic (cp1256) when the bytes read as mostly Arabic letters in it; Latin-1 as the
fallback that never fails. Invalid bytes never raise: they are replaced and reported
in the warnings.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00ff]")
# cp1256 maps some bytes above 0x80 to Latin accented letters; a real Arabic text is
# dominated by Arabic letters among its non-ASCII characters.
_ARABIC_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, the encoding used, and what went wrong on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def normalise_encoding_name(name: str) -> str | None:
    """Python's name for a declared charset (``"UTF8"`` -> ``"utf-8"``), None if unknown."""
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def _from_bom(data: bytes) -> DecodedText | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(encoding, errors="replace")
            warnings = _replacement_warning(text, encoding)
            return DecodedText(text, encoding, warnings)
    return None


def _replacement_warning(text: str, encoding: str) -> tuple[str, ...]:
    bad = text.count("\ufffd")
    if not bad:
        return ()
    return (f"{bad} byte sequence(s) invalid in {encoding} were replaced with U+FFFD",)


def _looks_arabic_in_cp1256(data: bytes) -> str | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return None
    arabic = sum(1 for ch in high if _ARABIC_LETTER.match(ch))
    return text if arabic / len(high) >= _ARABIC_SHARE else None


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode ``data`` to text, never raising; see the module docstring for the order."""
    found = _from_bom(data)
    if found is not None:
        return found
    if declared:
        encoding = normalise_encoding_name(declared)
        if encoding is not None and encoding != "utf-8":
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                pass  # the declaration is wrong; fall through to detection
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    arabic = _looks_arabic_in_cp1256(data)
    if arabic is not None:
        return DecodedText(arabic, "cp1256")
    return _mostly_utf8_or_latin1(data, utf8_error)


def _mostly_utf8_or_latin1(data: bytes, error: UnicodeDecodeError) -> DecodedText:
    """UTF-8 with a few bad bytes stays UTF-8 (bad bytes replaced); else Latin-1."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte > bad:
        where = f"first at byte {error.start}"
        warning = f"{bad} byte sequence(s) invalid in utf-8 were replaced with U+FFFD ({where})"
        return DecodedText(replaced, "utf-8", (warning,))
    text = data.decode("latin-1")
    warnings: tuple[str, ...] = ()
    if not _LATIN_LETTER.search(text):
        warnings = ("no encoding fits these bytes; read as latin-1",)
    return DecodedText(text, "latin-1", warnings)
