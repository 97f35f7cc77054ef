"""Property tests for the bundle's serialisers and unit tests of redaction, map, timeline."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.casefile.archive import build_zip, read_zip
from qarina.casefile.exports import dump_csv, dump_json
from qarina.casefile.map_svg import render_map_svg
from qarina.casefile.redaction import MARK, redact_text
from qarina.casefile.timeline_chart import render_timeline_svg, timeline_points

names = st.lists(
    st.text(alphabet="abcdefghij0123456789-_.", min_size=1, max_size=12), min_size=1, max_size=3
).map(lambda parts: "/".join(p if p not in (".", "..") else "x" for p in parts))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(names, st.binary(max_size=200), max_size=8))
def test_zip_round_trip_and_determinism(files: dict[str, bytes]) -> None:
    data = build_zip(files)
    assert read_zip(data) == files
    assert build_zip(dict(reversed(list(files.items())))) == data


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["a", "b", "c"]),
            st.one_of(
                st.none(),
                st.text(max_size=20),
                st.integers(),
                st.lists(st.text(max_size=5), max_size=3),
            ),
            max_size=3,
        ),
        max_size=6,
    )
)
def test_csv_keeps_one_row_per_record(rows: list[dict[str, object]]) -> None:
    parsed = list(csv.reader(io.StringIO(dump_csv(["a", "b", "c"], rows).decode())))
    assert parsed[0] == ["a", "b", "c"] and len(parsed) == len(rows) + 1
    for record, line in zip(rows, parsed[1:], strict=True):
        for column, cell in zip(["a", "b", "c"], line, strict=True):
            value = record.get(column)
            if isinstance(value, str):
                assert cell == value


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_json_export_round_trips(value: object) -> None:
    assert json.loads(dump_json(value)) == value
    assert dump_json(value).endswith(b"\n")


@given(
    st.text(alphabet="abcXYZ ", min_size=1, max_size=40),
    st.text(alphabet="XYZ", min_size=2, max_size=4),
)
def test_redaction_leaves_no_term(text: str, term: str) -> None:
    redacted, count = redact_text(text, [term])
    assert term.lower() not in redacted.lower().replace(MARK.lower(), "|")
    assert (count > 0) == (term.lower() in text.lower())


def test_redaction_catches_contacts() -> None:
    text = "Call Amal on +963 11 555 0101 or amal@example.org; the 2016 report stands."
    redacted, count = redact_text(text, ["Amal"])
    assert count == 3
    assert "2016" in redacted and "555" not in redacted and "example" not in redacted


def test_timeline_is_deterministic_and_skips_undated() -> None:
    incidents = [
        {
            "id": "a",
            "date_start": "2016-11-17",
            "date_end": "2016-12-13",
            "place_normalized": "Aleppo",
        },
        {"id": "b", "date_start": None},
    ]
    assert [p[3] for p in timeline_points(incidents)] == ["a"]
    assert render_timeline_svg(incidents) == render_timeline_svg(incidents)
    assert b"no dated incidents" not in render_timeline_svg(incidents)
    assert b"<svg" in render_timeline_svg([])


def test_map_draws_known_places_only() -> None:
    incidents = [
        {"id": "a", "place_normalized": "Aleppo"},
        {"id": "b", "place_normalized": "Syria"},
        {"id": "c", "place_normalized": "Aleppo"},
    ]
    svg = render_map_svg(
        incidents, {"Aleppo": (36.2, 37.15)}, {"Al-Bab": (36.37, 37.51), "Homs": (34.73, 36.71)}
    ).decode()
    assert "Aleppo (2)" in svg and "Syria" not in svg and "Al-Bab" in svg and "Homs" not in svg
    assert "no incident place" in render_map_svg(incidents, {}).decode()
