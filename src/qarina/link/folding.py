"""Text folding for linking, tuned for volume.

Short values (names of places, organisations, agents) repeat across millions of records,
so :func:`fold_name` memoises the core fold. Long texts (a whole document, for reposts and
denials) use :func:`fold_text`: the same letter folding done with whole-string operations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from qarina.core.textnorm import fold, fold_arabic, fold_digits

_COMBINING = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=1 << 16)
def fold_name(text: str) -> str:
    """The core fold of a short value, whitespace collapsed (memoised)."""
    return " ".join(fold(text).split())


def fold_text(text: str) -> str:
    """Case, Latin accents, Arabic letter variants and digits folded, for long texts."""
    decomposed = unicodedata.normalize("NFD", fold_arabic(fold_digits(text)))
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed)).casefold()
