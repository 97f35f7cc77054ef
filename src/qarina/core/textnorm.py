"""Text folding for matching and search: Arabic letter variants, digits, Latin accents.

Every fold keeps a one-to-one character mapping where it can, so that offsets found in
folded text point at the same characters in the original (``fold_keep_offsets``).
"""

from __future__ import annotations

import re
import unicodedata

# Arabic harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_ARABIC_FOLD = str.maketrans(
    {
        "\u0622": "\u0627",  # آ -> ا
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0629": "\u0647",  # ة -> ه
        "\u0649": "\u064a",  # ى -> ي
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u06cc": "\u064a",  # Persian yeh -> ي
        "\u06a9": "\u0643",  # keheh -> ك
    }
)
_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "0123456789" * 2,
)
_PUNCT_FOLD = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u02bf": "'",
        "\u02be": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u060c": ",",
        "\u061b": ";",
    }
)


def fold_digits(text: str) -> str:
    """Arabic-Indic and Extended Arabic-Indic digits to ASCII digits (same length)."""
    return text.translate(_DIGITS)


def fold_arabic(text: str) -> str:
    """Fold alef/hamza/taa marbuta/yeh variants; strip diacritics and tatweel."""
    text = _ARABIC_MARKS.sub("", text.replace(_TATWEEL, ""))
    return text.translate(_ARABIC_FOLD)


def strip_accents(text: str) -> str:
    """Latin diacritics off (``Alep`` = ``Alép``); leaves other scripts alone."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)


def fold(text: str) -> str:
    """The matching key of a string: case, accents, Arabic variants, digits, punctuation."""
    text = unicodedata.normalize("NFC", text)
    text = fold_arabic(fold_digits(text)).translate(_PUNCT_FOLD)
    return strip_accents(text).casefold()


def fold_keep_offsets(text: str) -> str:
    """Like :func:`fold` but the result has exactly ``len(text)`` characters.

    Characters that :func:`fold` would delete (diacritics, tatweel) become a space-like
    filler (U+0020 would split words, so U+200B is used and treated as a joiner by callers
    that tokenise); characters whose fold is longer keep their first folded character.
    """
    out: list[str] = []
    for ch in text:
        if ch == _TATWEEL or _ARABIC_MARKS.match(ch):
            out.append("\u200b")
            continue
        folded = fold(ch)
        out.append(folded[:1] if folded else "\u200b")
    return "".join(out)
