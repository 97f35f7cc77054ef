"""Find place mentions in text and resolve each to one gazetteer place.

One pass over the word tokens: at each token the longest n-gram whose key is a gazetteer
name wins (exact key first, then the transliteration skeleton for capitalised Latin
words; Arabic words also try their clitic-stripped stems). False positives are held off
by requiring capitalised Latin words, a stop-list of common words, and a minimum length.
Each match is then disambiguated with the rest of the document as context.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from qarina.extract.place_context import anchor_ids, choose, drop_seat_admins, is_notable
from qarina.extract.place_index import PlaceIndex, load_index
from qarina.extract.place_keys import (
    LATIN_ARTICLES,
    MIN_SKELETON,
    TOKEN,
    arabic_stems,
    folded_token,
    german_key,
    is_arabic,
    skeleton,
    token_key,
)
from qarina.extract.place_stoplist import is_function_word, is_stopword

EXACT, STEM, LOOSE = 0.95, 0.9, 0.75
MIN_NAME = 3  # shortest one-word name matched
CONFIDENT = 0.9  # a resolved ambiguous name this sure also serves as context
NAME_ARTICLES = frozenset({"al", "el"})  # articles a span may start with ("as", "an" are words)
KUNYA = frozenset({"abu", "abou", "umm", "um", "ibn", "bin", "bint"})
_JOINERS = " -\u2010\u2011\u2013\u00a0"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text; ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    place_id: str  # stable gazetteer id
    name: str  # canonical English name of the matched place
    level: str  # country|governorate|district|subdistrict|community|neighbourhood|region
    town: str | None  # canonical town/city-level name (for a neighbourhood: its city)
    district: str | None  # canonical neighbourhood name when the match is a neighbourhood
    country: str  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    score: float  # match confidence 0..1 after disambiguation


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    key: str
    folded: str  # folded token with its Arabic article (for clitic stripping)
    cased: str  # "c" capitalised or non-Latin, "l" lower-case Latin
    arabic: bool
    article: bool
    camel: bool  # inner capitals (MaqamBab): glued words, no spelling-skeleton match
    joins_next: bool
    hyphen_next: bool  # "al-Bab": joined to the next token by a hyphen


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    candidates: tuple[int, ...]
    quality: float
    key: str  # the exact key matched ("" for a spelling-skeleton match)


def _tokenise(text: str) -> list[_Token]:
    found = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    out: list[_Token] = []
    for i, (start, end, raw) in enumerate(found):
        key = token_key(raw)
        arabic = is_arabic(key)
        gap = text[end : found[i + 1][0]] if i + 1 < len(found) else "."
        joins = len(gap) <= 3 and not gap.strip(_JOINERS)
        cased = _casing(raw, arabic)
        article = not arabic and key in LATIN_ARTICLES
        folded = folded_token(raw) if arabic else key
        camel = not raw.isupper() and any(ch.isupper() for ch in raw[1:])
        hyphen = joins and any(h in gap for h in "-\u2010\u2011")
        out.append(_Token(start, end, key, folded, cased, arabic, article, camel, joins, hyphen))
    return out


def _casing(raw: str, arabic: bool) -> str:
    """``c`` capitalised (or Arabic), ``u`` all capitals, ``l`` lower case or an acronym."""
    if arabic:
        return "c"
    if raw.isupper() and len(raw) > 1:
        return "u" if len(raw) > 3 else "l"  # UN, HRW, AFP are acronyms, not names
    return "c" if raw[:1].isupper() else "l"


def _span_end(tokens: list[_Token], i: int, limit: int) -> int:
    """Index one past the last token joinable to tokens[i], at most ``limit`` tokens."""
    j = i
    while j + 1 < len(tokens) and j + 1 - i < limit and tokens[j].joins_next:
        j += 1
    return j + 1


def _case_ok(index: PlaceIndex, key: str, pattern: str) -> bool:
    pattern = pattern.replace("u", "c")
    return "l" not in pattern or pattern in index.lower_patterns.get(key, ())


def _common(keys: list[str]) -> bool:
    """A one-word common word, a too-short word, or only function/common words."""
    if len(keys) == 1:
        return len(keys[0]) < MIN_NAME or is_stopword(keys[0])
    return all(is_function_word(k) or is_stopword(k) for k in keys)


def _try_exact(index: PlaceIndex, tokens: list[_Token], i: int, j: int) -> _Match | None:
    content = [t for t in tokens[i:j] if not t.article]
    rest = " ".join(t.key for t in content[1:])
    pattern = "".join(t.cased for t in content)
    first = tokens[i]
    variants = [(0, first.key)]
    if first.arabic:
        variants.extend(arabic_stems(first.folded))
    for cut, stem in variants:
        key = f"{stem} {rest}" if rest else stem
        hits = index.exact.get(key)
        keys = [stem, *(t.key for t in content[1:])]
        if hits and _case_ok(index, key, pattern) and not _common(keys):
            quality = STEM if cut else EXACT
            return _Match(first.start + cut, tokens[j - 1].end, hits, quality, key)
    return None


def _try_loose(index: PlaceIndex, tokens: list[_Token], i: int, j: int) -> _Match | None:
    content = [t for t in tokens[i:j] if not t.article]
    if any(t.cased != "c" or t.arabic or t.camel or is_function_word(t.key) for t in content):
        return None
    if all(is_stopword(t.key) for t in content):
        return None
    readings = [[t.key for t in content]]
    german = [german_key(t.key) or t.key for t in content]
    if german != readings[0]:
        readings.append(german)
    for keys in readings:
        parts = [skeleton(k) for k in keys]
        skel = "".join(parts)
        hits = index.loose.get(skel) if len(skel) >= MIN_SKELETON and all(parts) else None
        if hits:
            return _Match(tokens[i].start, tokens[j - 1].end, hits, LOOSE, "")
    return None


def _match_at(index: PlaceIndex, tokens: list[_Token], i: int) -> tuple[_Match | None, int]:
    """Longest match starting at token i, and the token index after it."""
    first = tokens[i]
    if first.article:
        return None, i + 1
    maybe_exact = first.key in index.first_tokens or first.arabic
    if not maybe_exact and first.cased != "c":
        return None, i + 1
    for j in range(_span_end(tokens, i, index.max_tokens), i, -1):
        if tokens[j - 1].article:
            continue
        found = _try_exact(index, tokens, i, j) if maybe_exact else None
        found = found or _try_loose(index, tokens, i, j)
        if found is not None:
            return found, j
    return None, i + 1


def _is_person(tokens: list[_Token], i: int, j: int) -> bool:
    """``Abu Omar al-Ghoosh``: a kunya followed by an ``al-`` family name is a person."""
    if tokens[i].key not in KUNYA or j + 1 >= len(tokens):
        return False
    after, family = tokens[j], tokens[j + 1]
    return tokens[j - 1].joins_next and after.article and after.joins_next and family.cased != "l"


def _find_matches(index: PlaceIndex, tokens: list[_Token]) -> list[_Match]:
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        start = i
        found, i = _match_at(index, tokens, i)
        if found is not None and not _is_person(tokens, start, i):
            matches.append(_with_article(tokens, start, found))
    return matches


def _with_article(tokens: list[_Token], i: int, match: _Match) -> _Match:
    """Extend the span over a leading ``al-``/``Al``/``El`` that belongs to the name."""
    if i == 0 or match.start != tokens[i].start:
        return match
    before = tokens[i - 1]
    if before.key in NAME_ARTICLES and (
        before.hyphen_next or (before.joins_next and before.cased == "c")
    ):
        return replace(match, start=before.start)
    return match


def _mention(text: str, index: PlaceIndex, match: _Match, idx: int, factor: float) -> PlaceMention:
    info = index.infos[idx]
    place = info.place
    return PlaceMention(
        start=match.start,
        end=match.end,
        text=text[match.start : match.end],
        place_id=place.id,
        name=place.name,
        level=place.level,
        town=info.town,
        district=info.district,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        score=round(match.quality * factor, 3),
    )


def find_places(text: str, language: str | None) -> list[PlaceMention]:
    """Every place named in ``text``, in text order, each resolved to one gazetteer place.

    ``language`` is accepted for the common extractor signature; matching works on every
    script at once (Latin and Arabic), so an unknown language degrades gracefully.
    """
    del language
    if not text:
        return []
    index = load_index()
    matches = _find_matches(index, _tokenise(text))
    pruned = [(m, drop_seat_admins(index, m.candidates)) for m in matches]
    anchors = anchor_ids(index, [c for m, c in pruned if m.key])
    confident = [choose(index, m.key, c, anchors) for m, c in pruned if m.key and len(c) > 1]
    anchors |= anchor_ids(index, [(idx,) for idx, factor in confident if factor >= CONFIDENT])
    out: list[PlaceMention] = []
    for match, cands in pruned:
        if not match.key:  # spelling-skeleton match: small villages need context
            cands = tuple(c for c in cands if is_notable(index, c, anchors))
            if not cands:
                continue
        idx, factor = choose(index, match.key, cands, anchors)
        out.append(_mention(text, index, match, idx, factor))
    return out
