"""Search terms: the one analyser every full-text back end indexes and queries with.

A term is a folded word: case, Latin accents, Arabic letter variants, diacritics,
tatweel and Arabic-Indic digits are folded (:mod:`qarina.core.textnorm`), and common
Arabic clitic prefixes are stripped (``والكلور`` → ``كلور``), so the same word written
differently is one term. Tokens keep their character offsets into the original text,
which is what snippets and highlights are drawn from.

Both the embedded engine (``qarina.search``) and PostgreSQL (``qarina.store.sql``) use
this module, so a query means the same thing on either. ``ANALYSER_VERSION`` names the
analysis: an index built with another version must be rebuilt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qarina.core.errors import InputError
from qarina.core.ids import is_sha256_ref
from qarina.core.model import Passage
from qarina.core.textnorm import fold_keep_offsets

ANALYSER_VERSION = "qarina-terms@1"
MAX_TERM_CHARS = 64  # longer words (URLs, hashes) are cut to this many characters

_JOINER = "\u200b"  # what fold_keep_offsets puts where a diacritic or tatweel was
_WORD = re.compile(r"[\w\u200b]+")  # on folded text, where "_" has become a space
_NEEDS_TERM_OF = re.compile(r"[\u0621-\u064a\u200b]")  # Arabic letters or joiners
_ARABIC_FIRST, _ARABIC_LAST = "\u0621", "\u064a"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
# ال with a preposition before it, then the bare article; longest first.
_ARTICLES = (
    "\u0628\u0627\u0644",  # بال
    "\u0643\u0627\u0644",  # كال
    "\u0644\u0644",  # لل (ل + ال)
    "\u0627\u0644",  # ال
)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds one character at a time, memoised."""

    def __missing__(self, code: int) -> str:
        value = " " if code == 0x5F else fold_keep_offsets(chr(code))  # "_" separates words
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


@dataclass(frozen=True, slots=True)
class Token:
    """One term and the span ``[start, end)`` of the original text it was read from."""

    term: str
    start: int
    end: int


def fold_for_search(text: str) -> str:
    """Fold ``text`` character by character; the result has exactly ``len(text)`` characters.

    Diacritics and tatweel become U+200B (a joiner inside words), ``_`` becomes a space.
    """
    return text.translate(_FOLD_TABLE)


def is_arabic_word(word: str) -> bool:
    """True when ``word`` starts with an Arabic letter (hamza to yeh)."""
    return bool(word) and _ARABIC_FIRST <= word[0] <= _ARABIC_LAST


def strip_clitics(word: str) -> str:
    """Strip a leading conjunction (و/ف) and a definite article (ال, بال, كال, لل).

    Each goes only when three letters remain, so short words whose first letters merely
    look like a clitic (``ألقت``, ``ولد``) are left whole. Non-Arabic words are returned
    unchanged. ``word`` must already be folded (alef variants are plain alef).
    """
    if not is_arabic_word(word):
        return word
    if word[0] in _CONJUNCTIONS and len(word) - 1 >= 3:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word[len(article) :]
    return word


def term_of(raw_word: str) -> str:
    """The term for one folded word as the tokeniser found it (joiners included)."""
    word = raw_word.replace(_JOINER, "")
    if word and _ARABIC_FIRST <= word[0] <= _ARABIC_LAST:
        word = strip_clitics(word)
    return word[:MAX_TERM_CHARS]


def tokenize(text: str) -> list[Token]:
    """Every term of ``text`` in order, with its span in ``text``."""
    folded = fold_for_search(text)
    tokens: list[Token] = []
    for match in _WORD.finditer(folded):
        term = term_of(match.group())
        if term:
            tokens.append(Token(term, match.start(), match.end()))
    return tokens


def terms_of(text: str) -> list[str]:
    """The terms of ``text`` in order (positions are list indexes)."""
    folded = fold_for_search(text)
    words: list[str] = _WORD.findall(folded)
    if _NEEDS_TERM_OF.search(folded) is None and max(map(len, words), default=0) <= MAX_TERM_CHARS:
        return words  # fast path: every word is already its term
    return [term for term in map(term_of, words) if term]


def find_terms(text: str, terms: frozenset[str]) -> list[Token]:
    """The tokens of ``text`` whose term is one of ``terms`` (what a snippet marks).

    Same result as filtering :func:`tokenize`, about twice as fast: clitic stripping only
    removes prefixes, so a word is analysed only when it ends like one of ``terms``.
    """
    if not terms:
        return []
    endings = tuple(terms)
    found: list[Token] = []
    for match in _WORD.finditer(fold_for_search(text)):
        word = match.group().replace(_JOINER, "")
        if word.endswith(endings) or len(word) > MAX_TERM_CHARS:
            term = term_of(word)
            if term in terms:
                found.append(Token(term, match.start(), match.end()))
    return found


def indexable_text(text: str) -> str:
    """The terms of ``text`` joined by single spaces, for an engine that splits on spaces."""
    return " ".join(terms_of(text))


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_passage(passage: Passage) -> Passage:
    """Return ``passage`` if a search index can hold it, else raise ``InputError``.

    Its text must be the slice ``[start, end)`` of its document (same length), which is
    what makes highlight offsets point at the right characters.
    """
    if not isinstance(passage, Passage):
        raise InputError(f"expected a Passage to index, got {type(passage).__name__}")
    where = f"passage {passage.seq!r} of {passage.item_sha256!r}"
    if not isinstance(passage.item_sha256, str) or not is_sha256_ref(passage.item_sha256):
        raise InputError(f"{where}: the item must be a 'sha256:<64 hex>' digest")
    if not _is_count(passage.seq):
        raise InputError(f"{where}: seq must be a whole number ≥ 0")
    if not isinstance(passage.text, str):
        raise InputError(f"{where}: text must be a string")
    if not (_is_count(passage.start) and _is_count(passage.end)) or (
        passage.end - passage.start != len(passage.text)
    ):
        raise InputError(
            f"{where}: offsets {passage.start!r}..{passage.end!r} do not span its "
            f"{len(passage.text)} characters of text"
        )
    if not passage.text.isascii() and _SURROGATE.search(passage.text):
        raise InputError(f"{where}: text contains unpaired surrogates (it is not valid Unicode)")
    if "\x00" in passage.text:
        raise InputError(f"{where}: text contains NUL characters; clean the extracted text first")
    if passage.language is not None and not (
        isinstance(passage.language, str) and _LANGUAGE.match(passage.language)
    ):
        raise InputError(f"{where}: language {passage.language!r} is not a language tag")
    return passage
