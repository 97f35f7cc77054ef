"""Common words that are also place names: never matched as a one-word place.

The list (``resources/gazetteer/stopwords.txt``, one folded word a line, ``#`` comments)
holds frequent words of the corpus languages that collide with gazetteer names, such as
English "Tell" (At Tall), French "Bab", Arabic "الشيخ". Loaded once, lazily.
"""

from __future__ import annotations

from functools import cache

from qarina.extract.gazetteer import read_resource
from qarina.extract.place_keys import token_key


@cache
def stopwords() -> frozenset[str]:
    """The folded stop-list (keys as :func:`qarina.extract.place_keys.token_key` makes them)."""
    words: set[str] = set()
    for line in read_resource("stopwords.txt").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(token_key(word))
    return frozenset(words)


def is_stopword(key: str) -> bool:
    """True when a one-token key is a common word that must not be read as a place."""
    return key in stopwords()
