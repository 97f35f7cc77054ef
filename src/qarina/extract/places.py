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
from qarina.extract.place_keys import MIN_SKELETON, arabic_stems, german_key, skeleton
from qarina.extract.place_stoplist import is_function_word, is_stopword
from qarina.extract.place_tokens import Token, tokenise

EXACT, STEM, LOOSE = 0.95, 0.9, 0.75
MIN_NAME = 3  # shortest one-word name matched
CONFIDENT = 0.9  # a resolved ambiguous name this sure also serves as context
NAME_ARTICLES = frozenset({"al", "el"})  # articles a span may start with ("as", "an" are words)
ARABIC_ARTICLE = "\u0627\u0644"  # ال
NISBA_ENDINGS = ("\u064a", "\u064a\u0647")  # ي، ية (folded: يه)
# مدينة بلدة قرية حي منطقة ناحية محافظة مخيم (folded): "مدينة الباب" is the town al-Bab
ARABIC_PLACE_CUES = frozenset(
    {"مدينه", "بلده", "قريه", "حي", "منطقه", "ناحيه", "محافظه", "مخيم", "بلدات", "قري", "مدن"}
)
KUNYA = frozenset({"abu", "abou", "umm", "um", "ibn", "bin", "bint"})


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
class _Match:
    start: int
    end: int
    candidates: tuple[int, ...]
    quality: float
    key: str  # the exact key matched ("" for a spelling-skeleton match)


def _case_ok(index: PlaceIndex, key: str, pattern: str) -> bool:
    """Capitalised words match any name; lower-case words and acronyms only a name
    written that way (``northern Syria``, ``USA``)."""
    pattern = pattern.replace("u", "c")
    if "l" not in pattern and "a" not in pattern:
        return True
    return pattern in index.lower_patterns.get(key, ())


def _cued(tokens: list[Token], i: int) -> bool:
    """The word follows an Arabic place-type word (مدينة، بلدة، قرية، حي…)."""
    return i > 0 and tokens[i - 1].joins_next and tokens[i - 1].word.key in ARABIC_PLACE_CUES


def _common(keys: list[str], cued: bool = False) -> bool:
    """A one-word common word (unless a place-type word announces it), a too-short word,
    or only function/common words."""
    if len(keys) == 1:
        return len(keys[0]) < MIN_NAME or (is_stopword(keys[0]) and not cued)
    return all(is_function_word(k) or is_stopword(k) for k in keys)


def _is_nisba(index: PlaceIndex, folded: str, key: str) -> bool:
    """``السورية`` (the Syrian…): an article plus a nisba ending on a name that never
    takes the article is an adjective, not the place (``الرقة`` is a name)."""
    return (
        folded.startswith(ARABIC_ARTICLE)
        and key.endswith(NISBA_ENDINGS)
        and key not in index.article_keys
    )


def _exact_from(
    index: PlaceIndex, tokens: list[Token], i: int, limit: int, cut: int, stem: str
) -> _Match | None:
    """Longest exact name from token i (its first word read as ``stem``), growing the key
    one word at a time while it is still the beginning of some name."""
    best: _Match | None = None
    key, keys, pattern = stem, [stem], tokens[i].word.cased
    for j in range(i + 1, limit + 1):
        word = tokens[j - 1].word
        if j > i + 1:
            if word.article:
                continue
            key, pattern = f"{key} {word.key}", pattern + word.cased
            keys.append(word.key)
        hits = index.exact.get(key)
        if key in index.blockers:  # "State Duma": consumed, not a place
            best = _Match(tokens[i].start, tokens[j - 1].end, (), 0.0, key)
            continue
        if hits is None and key not in index.exact_prefixes:
            break
        if hits and _case_ok(index, key, pattern) and not _common(keys, _cued(tokens, i)):
            if cut == 0 and j == i + 1 and _is_nisba(index, tokens[i].word.folded, key):
                continue
            quality = STEM if cut else EXACT
            best = _Match(tokens[i].start + cut, tokens[j - 1].end, tuple(hits), quality, key)
    return best


def _loose_from(
    index: PlaceIndex, tokens: list[Token], i: int, limit: int, german: bool
) -> _Match | None:
    """Longest spelling-skeleton match from token i (capitalised Latin words only)."""
    best: _Match | None = None
    skel, keys = "", []
    for j in range(i + 1, limit + 1):
        word = tokens[j - 1].word
        if word.article and j > i + 1:
            continue
        if word.cased != "c" or word.arabic or word.camel or is_function_word(word.key):
            break
        part = skeleton((german_key(word.key) or word.key) if german else word.key)
        if not part:
            break
        skel += part
        keys.append(word.key)
        if skel not in index.loose_prefixes:
            break
        hits = index.loose.get(skel)
        if hits and len(skel) >= MIN_SKELETON and not all(is_stopword(k) for k in keys):
            best = _Match(tokens[i].start, tokens[j - 1].end, tuple(hits), LOOSE, "")
    return best


def _match_at(index: PlaceIndex, tokens: list[Token], i: int) -> tuple[_Match | None, int]:
    """Longest match starting at token i, and the token index after it.

    Exact names first (for Arabic also each clitic-stripped stem); a longer
    spelling-skeleton match beats a shorter exact one.
    """
    word = tokens[i].word
    if word.article:
        return None, i + 1
    limit = _span_end(tokens, i, index.max_tokens)
    candidates: list[_Match | None] = [_exact_from(index, tokens, i, limit, 0, word.key)]
    if word.arabic:
        candidates += [
            _exact_from(index, tokens, i, limit, c, s) for c, s in arabic_stems(word.folded)
        ]
    elif word.cased == "c":
        candidates.append(_loose_from(index, tokens, i, limit, False))
        if german_key(word.key) or word.key != word.key:
            candidates.append(_loose_from(index, tokens, i, limit, True))
    found = [m for m in candidates if m is not None]
    if not found:
        return None, i + 1
    best = max(found, key=lambda m: (m.end, m.quality, -m.start))
    end_index = next(j for j in range(i, limit) if tokens[j].end == best.end) + 1
    return best, end_index


def _span_end(tokens: list[Token], i: int, limit: int) -> int:
    """Index one past the last token joinable to tokens[i], at most ``limit`` tokens."""
    j = i
    while j + 1 < len(tokens) and j + 1 - i < limit and tokens[j].joins_next:
        j += 1
    return j + 1


def _is_person(tokens: list[Token], i: int, j: int) -> bool:
    """``Abu Omar al-Ghoosh``: a kunya followed by an ``al-`` family name is a person;
    ``said Hadi al-Bahra``: an ``al-`` name right after a given name inside a sentence is
    a family name."""
    if i >= 3 and _is_family_name(tokens, i):
        return True
    if tokens[i].word.key not in KUNYA or j + 1 >= len(tokens):
        return False
    after, family = tokens[j], tokens[j + 1]
    return (
        tokens[j - 1].joins_next
        and after.word.article
        and after.joins_next
        and family.word.cased != "l"
    )


def _is_family_name(tokens: list[Token], i: int) -> bool:
    article, given, before = tokens[i - 1], tokens[i - 2], tokens[i - 3]
    return (
        article.word.key in NAME_ARTICLES
        and article.hyphen_next
        and given.joins_next
        and not given.hyphen_next
        and given.word.cased == "c"
        and not given.word.arabic
        and not is_function_word(given.word.key)
        and before.joins_next
    )


def _find_matches(index: PlaceIndex, tokens: list[Token]) -> list[_Match]:
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        start = i
        found, i = _match_at(index, tokens, i)
        if found is not None and found.candidates and not _is_person(tokens, start, i):
            matches.append(_with_article(tokens, start, found))
    return matches


def _with_article(tokens: list[Token], i: int, match: _Match) -> _Match:
    """Extend the span over a leading ``al-``/``Al``/``El`` that belongs to the name."""
    if i == 0 or match.start != tokens[i].start:
        return match
    before = tokens[i - 1]
    attached = before.hyphen_next or (before.joins_next and before.word.cased == "c")
    if before.word.key in NAME_ARTICLES and attached:
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


def find_places(
    text: str, language: str | None, *, index: PlaceIndex | None = None
) -> list[PlaceMention]:
    """Every place named in ``text``, in text order, each resolved to one gazetteer place.

    ``language`` is accepted for the common extractor signature; matching works on every
    script at once (Latin and Arabic), so an unknown language degrades gracefully.
    ``index`` defaults to the built-in gazetteers (:func:`load_index`); pass one made by
    :func:`qarina.extract.place_index.build_index` to match against other packs.
    """
    del language
    if not text:
        return []
    index = index or load_index()
    matches = _find_matches(index, tokenise(text))
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
