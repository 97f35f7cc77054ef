"""The extraction record's JSON form round-trips (property test) and rejects bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.ingest.contract import Accepts, Extraction

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_maybe_text = st.none() | st.text(max_size=200)
extractions = st.builds(
    Extraction,
    processor=st.text(min_size=1, max_size=20),
    text=_maybe_text,
    metadata=st.dictionaries(st.text(max_size=10), _json, max_size=5),
    title=_maybe_text,
    publisher=_maybe_text,
    published=st.none() | st.dates().map(lambda d: d.isoformat()),
    language=st.none() | st.sampled_from(["en", "ar", "fr"]),
    warnings=st.lists(st.text(max_size=30), max_size=3).map(tuple),
)


@given(extractions)
def test_round_trip_through_json(extraction: Extraction) -> None:
    wire = json.dumps(extraction.to_dict(), ensure_ascii=False)
    assert Extraction.from_dict(json.loads(wire)) == extraction


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"processor": 3},
        {"processor": "text@1", "title": 5},
        {"processor": "text@1", "warnings": [1]},
        {"processor": "text@1", "metadata": 7},
    ],
)
def test_bad_records_are_refused(record: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="extraction record"):
        Extraction.from_dict(record)


def test_accepts_scores() -> None:
    accepts = Accepts({"text/html": 60, "image/*": 5, "*/*": 1}, {".html": 40})
    assert accepts.mime_score("text/html") == 60
    assert accepts.mime_score("image/png") == 5
    assert accepts.mime_score("application/zip") == 1
    assert accepts.extension_score(".HTML") == 40
    assert accepts.extension_score(".txt") == 0
