"""Matching keys for place names: tokens, exact keys and transliteration skeletons.

The same functions key gazetteer names (once, when the index is built) and text tokens
(once per distinct token, cached), so a name matches whenever both sides reduce to the
same key. Two keys per token:

* the *exact* key: :func:`qarina.core.textnorm.fold` (case, accents, Arabic letter
  variants), apostrophes and transliteration marks dropped, the Arabic article ``ال``
  stripped; Latin article tokens (``al``, ``el``, ``ash``…) are skipped in names;
* the *skeleton*: a lossy Latin key that merges the usual transliteration variants of
  Arabic names (``ou``/``u``, ``ee``/``i``, ``kh``/``h``, ``sh``/``ch``/``sch``/``j``,
  ``q``/``k``/``g``, final ``-ah``/``-a``, doubled letters) and drops vowels, so that
  Telamnas, Talmenes and Tal Mannas share ``tlmns``.

Arabic text tokens also yield clitic-stripped stems (و ف then ب ل ك then ال).
"""

from __future__ import annotations

import re
from functools import lru_cache

from qarina.core.textnorm import fold

# A word: letters, with Arabic marks/tatweel and inner apostrophes kept inside it.
TOKEN = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640]"
    r"|['\u2019\u2018`\u02bc\u02bf\u02be](?=[^\W\d_]))*"
)
_APOSTROPHES = str.maketrans("", "", "'`\u2019\u2018\u02bc\u02bf\u02be")
LATIN_ARTICLES = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "as",
        "ash",
        "ad",
        "ar",
        "at",
        "az",
        "an",
        "ath",
        "adh",
        "es",
        "ez",
        "ed",
        "er",
        "et",
        "en",
        "ech",
        "ec",
    }
)
_DIGRAPHS = {
    "sch": "s", "tch": "s", "dj": "h", "sh": "s", "ch": "s", "kh": "h", "gh": "k",
    "th": "t", "dh": "d", "ph": "f", "ou": "u", "oo": "u", "ee": "i", "j": "h", "q": "k",
    "g": "k", "c": "k", "x": "ks",
}  # fmt: skip
_DIGRAPH_RE = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))
_VOWELS = frozenset("aeiouyw")
_TA_MARBUTA_END = re.compile(r"([aeiou])h$")
_ARABIC_ARTICLE = "\u0627\u0644"  # ال
_ARABIC_CONJUNCTIONS = ("", "\u0648", "\u0641")  # و ف
_ARABIC_PREPOSITIONS = ("", "\u0628", "\u0644", "\u0643")  # ب ل ك
MIN_SKELETON = 4
KEY_VERSION = 2  # bump whenever a key function changes: packs store keys per version


def is_arabic(token: str) -> bool:
    """True when the token's first letter is Arabic."""
    return "\u0600" <= token[:1] <= "\u06ff"


def strip_arabic_article(key: str) -> str:
    """``الغوطه`` -> ``غوطه`` when at least two letters remain."""
    if key.startswith(_ARABIC_ARTICLE) and len(key) > 3:
        return key[2:]
    return key


@lru_cache(maxsize=1 << 16)
def folded_token(token: str) -> str:
    """A token folded for matching (case, accents, Arabic letter variants, apostrophes)."""
    if token.isascii():
        return token.lower().translate(_APOSTROPHES)
    return fold(token).translate(_APOSTROPHES).replace("\u200b", "")


@lru_cache(maxsize=1 << 16)
def token_key(token: str) -> str:
    """Exact matching key of one token (folded, apostrophes off, Arabic article off)."""
    key = folded_token(token)
    return strip_arabic_article(key) if is_arabic(key) else key


@lru_cache(maxsize=1 << 16)
def skeleton(key: str) -> str:
    """Transliteration skeleton of an exact Latin key; empty for Arabic or non-letters."""
    if not key or not key.isascii() or not key.isalpha():
        return ""
    s = _DIGRAPH_RE.sub(lambda m: _DIGRAPHS[m.group()], key)
    s = _TA_MARBUTA_END.sub(r"\1", s)
    out = ["a" if s[0] in _VOWELS else s[0]]
    for ch in s[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out.append(ch)
    return "".join(out)


def german_key(key: str) -> str:
    """German spelling read as English (``ch`` = kh, ``sch`` = sh, ``j`` = y), or ``""``.

    The main skeleton reads ``ch`` as French sh and ``j`` as Spanish kh; German texts
    write Chan Scheichun and Sednaja, so their words get this second reading.
    """
    if "ch" not in key and "j" not in key:
        return ""
    return key.replace("sch", "sh").replace("ch", "kh").replace("j", "y")


@lru_cache(maxsize=1 << 14)
def arabic_stems(key: str) -> tuple[tuple[int, str], ...]:
    """Clitic-stripped stems of a folded Arabic token as ``(prefix length, stem)`` pairs.

    ``key`` is the folded token *with* its article (:func:`folded_token`): a token that
    starts with the article has no proclitic. ``وبحلب`` gives ``(2, "حلب")``;
    ``لللطامنه`` (li + al-) gives the stem without the article's lam as well.
    """
    out: list[tuple[int, str]] = []
    if key.startswith(_ARABIC_ARTICLE):
        return ()
    for conj in _ARABIC_CONJUNCTIONS:
        if not key.startswith(conj):
            continue
        rest = key[len(conj) :]
        for prep in _ARABIC_PREPOSITIONS:
            if (not conj and not prep) or not rest.startswith(prep):
                continue
            stem = rest[len(prep) :]
            cut = len(conj) + len(prep)
            candidates = [strip_arabic_article(stem)]
            if prep == "\u0644" and stem.startswith("\u0644"):
                candidates.append(stem[1:])
            out.extend((cut, c) for c in candidates if len(c) >= 3)
    return tuple(dict.fromkeys(out))


def tokens_of(name: str) -> list[str]:
    """The word tokens of a name or text, in order."""
    return TOKEN.findall(name)


def _case_letter(token: str) -> str:
    """``l`` lower case, ``a`` acronym (2-3 capitals), ``c`` anything else."""
    if token[:1].islower():
        return "l"
    return "a" if token.isupper() and 1 < len(token) <= 3 else "c"


def name_keys(name: str) -> tuple[str, str, str]:
    """``(exact key, skeleton, case pattern)`` of a gazetteer name.

    Latin article tokens are dropped (``Al Lataminah`` = ``Lataminah``); the skeleton
    concatenates token skeletons (``Tal Mannas`` = ``Talmenes``) and is empty when
    unusable; the case pattern has ``c`` (capitalised or non-Latin), ``l`` (lower-case
    Latin) or ``a`` (an acronym such as USA) per kept token.
    """
    pairs = [(t, token_key(t)) for t in tokens_of(name)]
    kept = [(t, k) for t, k in pairs if k and k not in LATIN_ARTICLES] or pairs
    keys = [k for _, k in kept]
    exact = " ".join(keys)
    parts = [skeleton(k) for k in keys]
    skel = "".join(parts)
    if len(skel) < MIN_SKELETON or not all(parts):
        skel = ""
    pattern = "".join(_case_letter(t) for t, _ in kept)
    return exact, skel, pattern
