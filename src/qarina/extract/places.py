"""Find place mentions in text and resolve each to one gazetteer place.

One pass over the word tokens: at each token the longest n-gram whose key is a gazetteer
name wins (exact key first, then the transliteration skeleton for capitalised Latin
words; Arabic words also try their clitic-stripped stems). False positives are held off
by requiring capitalised Latin words, a stop-list of common words, and a minimum length.
Each match is then disambiguated with the rest of the document as context.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qarina.extract.place_index import PlaceIndex, load_index
from qarina.extract.place_keys import (
    LATIN_ARTICLES,
    MIN_SKELETON,
    TOKEN,
    arabic_stems,
    folded_token,
    is_arabic,
    skeleton,
    token_key,
)
from qarina.extract.place_stoplist import is_function_word, is_stopword

EXACT, STEM, LOOSE = 0.95, 0.9, 0.75
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
        cased = "c" if arabic or raw[:1].isupper() else "l"
        article = not arabic and key in LATIN_ARTICLES
        folded = folded_token(raw) if arabic else key
        camel = not raw.isupper() and any(ch.isupper() for ch in raw[1:])
        out.append(_Token(start, end, key, folded, cased, arabic, article, camel, joins))
    return out


def _span_end(tokens: list[_Token], i: int, limit: int) -> int:
    """Index one past the last token joinable to tokens[i], at most ``limit`` tokens."""
    j = i
    while j + 1 < len(tokens) and j + 1 - i < limit and tokens[j].joins_next:
        j += 1
    return j + 1


def _case_ok(index: PlaceIndex, key: str, pattern: str) -> bool:
    return "l" not in pattern or pattern in index.lower_patterns.get(key, ())


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
        if hits and _case_ok(index, key, pattern) and not (j - i == 1 and is_stopword(key)):
            quality = STEM if cut else EXACT
            return _Match(first.start + cut, tokens[j - 1].end, hits, quality, key)
    return None


def _try_loose(index: PlaceIndex, tokens: list[_Token], i: int, j: int) -> _Match | None:
    content = [t for t in tokens[i:j] if not t.article]
    if any(t.cased != "c" or t.arabic or t.camel or is_function_word(t.key) for t in content):
        return None
    if all(is_stopword(t.key) for t in content):
        return None
    parts = [skeleton(t.key) for t in content]
    skel = "".join(parts)
    if len(skel) < MIN_SKELETON or not all(parts):
        return None
    hits = index.loose.get(skel)
    return _Match(tokens[i].start, tokens[j - 1].end, hits, LOOSE, "") if hits else None


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


def _find_matches(index: PlaceIndex, tokens: list[_Token]) -> list[_Match]:
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        found, i = _match_at(index, tokens, i)
        if found is not None:
            matches.append(found)
    return matches


def _drop_seat_admins(index: PlaceIndex, cands: tuple[int, ...]) -> tuple[int, ...]:
    """Aleppo city and Aleppo governorate: keep the town when it lies in the admin unit."""
    towns = [index.infos[c] for c in cands if index.infos[c].place.level == "community"]
    if not towns:
        return cands
    kept = tuple(c for c in cands if not any(index.infos[c].place.id in t.ancestors for t in towns))
    return kept or cands


def _anchors(index: PlaceIndex, matches: list[tuple[_Match, tuple[int, ...]]]) -> set[str]:
    """Ids (and their ancestors) of places the document names without ambiguity."""
    anchors: set[str] = set()
    for _, cands in matches:
        if len(cands) == 1:
            info = index.infos[cands[0]]
            anchors.add(info.place.id)
            anchors.update(info.ancestors)
    return anchors


def _choose(
    index: PlaceIndex, match: _Match, cands: tuple[int, ...], anchors: set[str]
) -> tuple[int, float]:
    """Best candidate and a confidence factor.

    Points for: the name being the place's own name rather than a secondary spelling
    (3), each ancestor the document names (1 per level), the country being named (0.5),
    size (half the log10 of the population); the pack order breaks ties.
    """
    if len(cands) == 1:
        return cands[0], 1.0
    secondary = index.secondary.get(match.key, frozenset())

    def rank(c: int) -> tuple[float, int]:
        info = index.infos[c]
        own = 0.0 if c in secondary else 3.0
        admin = sum(1 for a in info.ancestors if a in anchors and not a.startswith("iso:"))
        country = 0.5 * (f"iso:{info.place.country}" in anchors)
        size = math.log10(info.place.population + 1) / 2
        return own + admin + country + size, -info.rank

    ordered = sorted(cands, key=rank, reverse=True)
    margin = rank(ordered[0])[0] - rank(ordered[1])[0]
    return ordered[0], min(1.0, 0.7 + 0.1 * margin)


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
    pruned = [(m, _drop_seat_admins(index, m.candidates)) for m in matches]
    anchors = _anchors(index, pruned)
    out: list[PlaceMention] = []
    for match, cands in pruned:
        idx, factor = _choose(index, match, cands, anchors)
        out.append(_mention(text, index, match, idx, factor))
    return out
