"""A cheap language guess from script and function words (real detection is ingest's).

Arabic script wins when it holds most letters; among Latin-script languages the common
short function words vote (a word shared by several languages votes for each of them).
Returns ``None`` when nothing is recognisable.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

_SAMPLE = 20_000
_WORD = re.compile(r"[a-zà-ÿß]+")
_FUNCTION_WORDS = {
    "en": "the and of to in that is was were said with for on by from has have it this which",
    "fr": "le la les des et du une dans est qui pour au aux sur par pas ce cette selon ont été "
    "que en un",
    "es": "el la los las del y que por para una con se fue según como pero sus al en un lo "
    "este esta",
    "pt": "o a os as do da dos das que em uma não com por para ao no na foi segundo pelo pela "
    "um se",
    "de": "der die das und ist nicht mit den von ein eine im zu auf für sich dem des wurde "
    "laut bei nach",
}


@cache
def _owners() -> dict[str, list[str]]:
    """Function word -> the languages it belongs to."""
    owners: dict[str, list[str]] = {}
    for lang, words in _FUNCTION_WORDS.items():
        for word in words.split():
            owners.setdefault(word, []).append(lang)
    return owners


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or ``None``."""
    sample = text[:_SAMPLE]
    arabic = sum(1 for ch in sample if "\u0600" <= ch <= "\u06ff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if arabic and arabic >= latin:
        return "ar"
    votes: Counter[str] = Counter()
    owners = _owners()
    for word in _WORD.findall(sample.lower()):
        for lang in owners.get(word, ()):
            votes[lang] += 1
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # a tie: better no language than a wrong one
    return ranked[0][0]
