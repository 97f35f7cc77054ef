"""A cheap language guess from script and a few function words (real detection is ingest's).

Arabic script wins when it holds most letters; among Latin-script languages the
commonest short function words decide. Returns ``None`` when nothing is recognisable.
"""

from __future__ import annotations

import re
from collections import Counter

_SAMPLE = 20_000
_WORD = re.compile(r"[a-zà-ÿ]+")
_FUNCTION_WORDS = {
    "en": ("the", "and", "of", "to", "in", "that", "is", "was", "said", "with"),
    "fr": ("le", "la", "les", "des", "et", "du", "une", "dans", "est", "qui"),
    "es": ("el", "los", "las", "del", "y", "que", "por", "una", "con", "para"),
    "pt": ("o", "os", "as", "do", "da", "dos", "que", "em", "uma", "não"),
    "de": ("der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "ein"),
}
_OWNER = {w: lang for lang, words in _FUNCTION_WORDS.items() for w in words}


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or ``None``."""
    sample = text[:_SAMPLE]
    arabic = sum(1 for ch in sample if "\u0600" <= ch <= "\u06ff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if arabic and arabic >= latin:
        return "ar"
    votes: Counter[str] = Counter()
    for word in _WORD.findall(sample.lower()):
        lang = _OWNER.get(word)
        if lang:
            votes[lang] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]
