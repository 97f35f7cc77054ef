"""Segments for highlighted text: they always rebuild the text exactly, in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qarina.web.rendering import direction, highlight, passage_segments, spans_of


def test_typed_spans_become_kinds_over_their_characters() -> None:
    text = "On 16 March 2015 a helicopter dropped chlorine on Sarmin."
    value = {
        "spans": {
            "date": [3, 16],
            "agent": [[38, 46]],
            "location": [50, 56],
            "evidence": [[0, 57]],
            "perpetrator": None,
        }
    }
    segments = highlight(text, [{"id": "p1", "value": value}])
    assert "".join(s.text for s in segments) == text
    typed = {s.text: s.kinds for s in segments if s.kinds != ("evidence",)}
    assert typed == {
        "16 March 2015": ("evidence", "date"),
        "chlorine": ("evidence", "agent"),
        "Sarmin": ("evidence", "location"),
    }
    assert all(s.proposal == "p1" for s in segments if s.kinds)


def test_out_of_range_and_malformed_spans_are_ignored() -> None:
    value = {
        "spans": {
            "date": [5, 99],
            "agent": ["a", "b"],
            "location": [True, 2],
            "weird": [0, 1],
            "killed": [[2, 1]],
        }
    }
    assert spans_of({"spans": "nope"}) == []
    segments = highlight("short", [{"id": "p", "value": value}])
    assert [(s.text, s.kinds) for s in segments] == [("short", ())]


@given(
    text=st.text(max_size=80),
    spans=st.lists(
        st.tuples(st.integers(-5, 90), st.integers(-5, 90), st.sampled_from(["date", "agent"])),
        max_size=8,
    ),
)
def test_segments_always_rebuild_the_text(text: str, spans: list[tuple[int, int, str]]) -> None:
    value = {
        "spans": {kind: [[a, b] for a, b, k in spans if k == kind] for kind in ("date", "agent")}
    }
    segments = highlight(text, [{"id": "x", "value": value}])
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments) or text == ""


@given(
    st.text(max_size=400),
    st.integers(0, 1000),
    st.lists(st.tuples(st.integers(-50, 1500), st.integers(-50, 1500)), max_size=6),
)
def test_passage_segments_are_a_window_of_the_text(
    text: str, offset: int, highlights: list[tuple[int, int]]
) -> None:
    segments = passage_segments(text, offset, highlights, width=120)
    body = [s for s in segments if not (s.text == "…" and not s.kinds)]
    window = "".join(s.text for s in body)
    assert window in text and len(window) <= 120
    for s in segments:
        if s.kinds:
            assert s.kinds == ("match",) and s.text


def test_brackets_in_evidence_text_neither_move_nor_forge_highlights() -> None:
    text = "The [sic] report: [chlorine] smell, then chlorine [again]."
    offset = 1000
    found = text.index("chlorine", 20)
    segments = passage_segments(text, offset, [(offset + found, offset + found + 8)])
    marked = [
        (s.text, "".join(x.text for x in segments[: segments.index(s)]))
        for s in segments
        if s.kinds
    ]
    assert marked == [("chlorine", text[:found])]
    assert "".join(s.text for s in segments) == text


def test_highlights_outside_the_passage_are_ignored_and_overlaps_merge() -> None:
    segments = passage_segments("abcdefghij", 10, [(5, 12), (12, 15), (13, 16), (30, 40)])
    assert [s.text for s in segments if s.kinds] == ["cdef"]


def test_direction() -> None:
    assert direction("ar") == "rtl" and direction("fa-IR") == "rtl"
    assert direction("en") == "auto" and direction(None) == "auto"
