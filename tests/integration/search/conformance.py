"""One behaviour suite for every ``SearchIndex`` back end (tantivy, PostgreSQL).

A back end's test module subclasses :class:`SearchConformance` and provides an
``index`` fixture returning an empty index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qarina.core.errors import InputError, UsageError
from qarina.core.model import Passage
from qarina.core.ports import SearchIndex
from qarina.core.search_query import ParsedQuery, Phrase, parse_query
from qarina.core.search_text import terms_of


def digest(name: str) -> str:
    return "sha256:" + hashlib.sha256(name.encode()).hexdigest()


def passage(name: str, text: str, seq: int = 0, language: str | None = "en") -> Passage:
    start = 100 * seq
    return Passage(digest(name), seq, start, start + len(text), text, language)


ENGLISH = [
    passage("once", "Helicopters dropped chlorine on a residential area of Aleppo.", 0),
    passage(
        "thrice",
        "Chlorine again: chlorine cylinders, chlorine smell, in the old city.",
        0,
    ),
    passage("barrels", "Witnesses saw barrel bombs fall near the hospital in Alép.", 0),
    passage("reversed", "The bombs hit a barrel factory; no casualties were reported.", 0),
    passage("sarin", "Sarin was used in Khan Shaykhun on 4 April 2017.", 0),
]
ARABIC = [
    passage("ar-waw", "ألقت المروحيات براميل والكلور على مدينة إدلب عام ٢٠١٦", 0, "ar"),
    passage("ar-bi", "هجوم بالكُلُورِ على المستشفى في حلب", 0, "ar"),
    passage("ar-none", "قصف مدفعي على الأحياء السكنية دون أي غاز", 0, "ar"),
]

HOSTILE = [
    '"(foo AND',
    ")(*&^%$#@!",
    "chlorine:aleppo",
    "text:chlorine",
    "chlorine OR OR",
    "OR chlorine",
    '"',
    '""',
    "chlorine -",
    "'; DROP TABLE passage_fulltext; --",
    "chlorine' | 'x",
    "chlorine\\",
    "chlor*",
    "chlorine~2",
    "chlorine^3",
    "[1 TO 5]",
    "chlorine AND (aleppo OR",
    "!chlorine & <->",
    "chlorine <-> aleppo",
    "\x00chlorine\x00",
    "chlorine\u200b",
    "chlorine \ud800 \udfff",
    "a" * 200,
]


def items(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.item_sha256 for h in hits]


def _has(terms: list[str], phrase: Phrase) -> bool:
    n = len(phrase.terms)
    return any(tuple(terms[i : i + n]) == phrase.terms for i in range(len(terms) - n + 1))


def full_scan(passages: list[Passage], query: str) -> set[tuple[str, int]]:
    """The reference answer: which passages ``query`` matches, by brute force."""
    parsed: ParsedQuery = parse_query(query)
    found = set()
    for p in passages:
        terms = terms_of(p.text)
        included = all(any(_has(terms, ph) for ph in c.alternatives) for c in parsed.included)
        excluded = any(any(_has(terms, ph) for ph in c.alternatives) for c in parsed.excluded)
        if included and not excluded:
            found.add((p.item_sha256, p.seq))
    return found


_VOCABULARY = sorted({w for p in ENGLISH + ARABIC for w in p.text.replace(".", " ").split()})
_UNIT = st.one_of(
    st.sampled_from(_VOCABULARY),
    st.sampled_from(_VOCABULARY).map(lambda w: "-" + w),
    st.lists(st.sampled_from(_VOCABULARY), min_size=2, max_size=3).map(
        lambda ws: '"' + " ".join(ws) + '"'
    ),
    st.just("OR"),
)
_QUERIES = st.lists(_UNIT, min_size=1, max_size=4).map(" ".join)


CORPUS_QUERIES = [
    "chlorine",
    "Alep",
    "الكلور",
    '"Security Council"',
    "مجلس الأمن",
    "sarin OR chlorine -Aleppo",
    '"chemical weapons" 2016',
]


def corpus_passages(folder: Path) -> list[Passage]:
    """Every dev-corpus document cut into paragraph passages (blank-line or newline cut)."""
    passages = []
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text, item, offset = doc["text"], digest(doc["doc_id"]), 0
        for seq, part in enumerate(text.split("\n")):
            passages.append(
                Passage(item, seq, offset, offset + len(part), part, doc.get("language"))
            )
            offset += len(part) + 1
    return passages


class SearchConformance:
    """Behaviour every back end must show; subclasses provide ``index``."""

    @pytest.fixture
    def loaded(self, index: SearchIndex) -> SearchIndex:
        assert index.add(ENGLISH + ARABIC) == len(ENGLISH) + len(ARABIC)
        return index

    def test_count(self, loaded: SearchIndex) -> None:
        assert loaded.count() == len(ENGLISH) + len(ARABIC)

    def test_english_term_case_and_accents(self, loaded: SearchIndex) -> None:
        assert set(items(loaded.search("CHLORINE"))) == {digest("once"), digest("thrice")}
        assert set(items(loaded.search("alep"))) == {digest("barrels")}
        assert set(items(loaded.search("Alep"))) == {digest("barrels")}

    def test_ranking_three_occurrences_above_one(self, loaded: SearchIndex) -> None:
        hits = loaded.search("chlorine")
        assert items(hits) == [digest("thrice"), digest("once")]
        assert hits[0].score > hits[1].score

    def test_phrase_needs_adjacent_terms_in_order(self, loaded: SearchIndex) -> None:
        assert items(loaded.search('"barrel bombs"')) == [digest("barrels")]
        assert set(items(loaded.search("barrel bombs"))) == {digest("barrels"), digest("reversed")}
        assert items(loaded.search('"bombs barrel"')) == []

    def test_or_and_exclusion(self, loaded: SearchIndex) -> None:
        assert set(items(loaded.search("sarin OR aleppo"))) == {digest("sarin"), digest("once")}
        assert items(loaded.search("chlorine -aleppo")) == [digest("thrice")]
        assert items(loaded.search('bombs -"barrel bombs"')) == [digest("reversed")]

    @pytest.mark.parametrize(
        "query",
        ["الكلور", "كلور", "والكلور", "بالكلور", "الكُلُور", "الكــلور"],
    )
    def test_arabic_clitics_and_diacritics(self, loaded: SearchIndex, query: str) -> None:
        assert set(items(loaded.search(query))) == {digest("ar-waw"), digest("ar-bi")}

    @pytest.mark.parametrize("query", ["إدلب", "ادلب", "أدلب", "مدينة إدلب", "مدينه ادلب"])
    def test_arabic_hamza_and_taa_marbuta(self, loaded: SearchIndex, query: str) -> None:
        assert items(loaded.search(query)) == [digest("ar-waw")]

    def test_arabic_indic_digits(self, loaded: SearchIndex) -> None:
        assert items(loaded.search("2016")) == [digest("ar-waw")]
        assert items(loaded.search("٢٠١٦")) == [digest("ar-waw")]

    def test_arabic_phrase(self, loaded: SearchIndex) -> None:
        assert items(loaded.search('"على المستشفى"')) == [digest("ar-bi")]
        assert items(loaded.search('"المستشفى على"')) == []

    def test_snippet_marks_matches_and_highlights_point_at_them(self, loaded: SearchIndex) -> None:
        by_item = {p.item_sha256: p for p in ENGLISH + ARABIC}
        for query, term in (("chlorine", "chlorine"), ("الكلور", "كلور")):
            for hit in loaded.search(query):
                source = by_item[hit.item_sha256]
                assert "[" in hit.snippet and "]" in hit.snippet
                assert hit.highlights
                for lo, hi in hit.highlights:
                    assert terms_of(source.text[lo - source.start : hi - source.start]) == [term]
        hit = loaded.search("chlorine")[1]
        assert "[chlorine]" in hit.snippet
        assert (hit.start, hit.end) == (0, len(ENGLISH[0].text))

    def test_languages(self, loaded: SearchIndex) -> None:
        assert loaded.language_counts("على OR chlorine") == {"ar": 3, "en": 2}
        hits = loaded.search("على OR chlorine", language="ar")
        assert len(hits) == 3 and {h.language for h in hits} == {"ar"}
        assert loaded.search("chlorine", language="fr") == []

    def test_limit(self, loaded: SearchIndex) -> None:
        assert len(loaded.search("على OR chlorine", limit=2)) == 2
        for bad in (0, -1, 10**6, True, 2.5):
            with pytest.raises(UsageError):
                loaded.search("chlorine", limit=bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("query", HOSTILE)
    def test_hostile_query_gives_results_or_a_clear_error(
        self, loaded: SearchIndex, query: str
    ) -> None:
        try:
            hits = loaded.search(query)
        except UsageError as exc:
            assert exc.message
        else:
            assert isinstance(hits, list)

    def test_hostile_query_still_finds(self, loaded: SearchIndex) -> None:
        assert items(loaded.search('"(chlorine AND')) == []  # phrase "chlorine and"
        assert set(items(loaded.search("chlorine AND (aleppo OR"))) == {digest("once")}
        assert items(loaded.search("chlorine: (aleppo)!")) == [digest("once")]
        assert items(loaded.search("text:chlorine")) == []  # one word: the phrase "text chlorine"

    @pytest.mark.parametrize("query", ["", "   ", "()", "-chlorine", "NOT chlorine", "x" * 1001])
    def test_queries_without_anything_to_find_are_refused(
        self, loaded: SearchIndex, query: str
    ) -> None:
        with pytest.raises(UsageError):
            loaded.search(query)

    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(query=st.text(max_size=60))
    def test_any_text_query(self, loaded: SearchIndex, query: str) -> None:
        with contextlib.suppress(UsageError):
            assert isinstance(loaded.search(query), list)

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(query=_QUERIES)
    def test_results_equal_a_full_scan(self, loaded: SearchIndex, query: str) -> None:
        try:
            expected = full_scan(ENGLISH + ARABIC, query)
        except UsageError:
            with pytest.raises(UsageError):
                loaded.search(query)
            return
        hits = loaded.search(query, limit=100)
        assert {(h.item_sha256, h.seq) for h in hits} == expected
        assert sorted((h.score for h in hits), reverse=True) == [h.score for h in hits]

    def test_dev_corpus_matches_a_full_scan(self, index: SearchIndex, corpus_dev: Path) -> None:
        passages = corpus_passages(corpus_dev)
        index.add(passages)
        for query in CORPUS_QUERIES:
            expected = full_scan(passages, query)
            hits = index.search(query, limit=1000)
            assert {(h.item_sha256, h.seq) for h in hits} == expected, query
            assert all(h.highlights and "[" in h.snippet for h in hits), query

    def test_re_adding_a_passage_replaces_it(self, loaded: SearchIndex) -> None:
        replacement = passage("once", "Now this passage mentions mustard gas only.", 0)
        assert loaded.add([replacement, replacement]) == 2
        assert loaded.count() == len(ENGLISH) + len(ARABIC)
        assert items(loaded.search("mustard")) == [digest("once")]
        assert items(loaded.search("chlorine")) == [digest("thrice")]

    def test_remove_item(self, loaded: SearchIndex) -> None:
        loaded.remove_item(digest("thrice"))
        assert items(loaded.search("chlorine")) == [digest("once")]
        assert loaded.count() == len(ENGLISH) + len(ARABIC) - 1

    def test_clear(self, loaded: SearchIndex) -> None:
        loaded.clear()
        assert loaded.count() == 0
        assert loaded.search("chlorine") == []
        assert loaded.add(ENGLISH[:1]) == 1
        assert items(loaded.search("chlorine")) == [digest("once")]

    def test_bad_passage_rejects_the_whole_batch(self, index: SearchIndex) -> None:
        bad = Passage("not-a-digest", 0, 0, 4, "text", "en")
        with pytest.raises(InputError, match="sha256"):
            index.add([ENGLISH[0], bad])
        assert index.count() == 0
        for wrong in (
            Passage(digest("x"), -1, 0, 1, "x"),
            Passage(digest("x"), 0, 5, 1, "x"),
            Passage(digest("x"), 0, 0, 9, "too short"[:5]),
            Passage(digest("x"), 0, 0, 1, "x", "not a tag!"),
            Passage(digest("x"), 0, 0, 3, "a\x00b", "en"),
        ):
            with pytest.raises(InputError):
                index.add([wrong])
        with pytest.raises(InputError):
            index.add(["just text"])  # type: ignore[list-item]

    def test_empty_index(self, index: SearchIndex) -> None:
        assert index.count() == 0
        assert index.search("chlorine") == []
        assert index.language_counts("chlorine") == {}
        assert index.add([]) == 0
