"""The document contract and the JSONL driver: shapes, errors, bad inputs."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.errors import InputError
from qarina.extract.document import EXTRACTOR, extract_document, extract_jsonl

KEYS = {
    "id",
    "language",
    "origin",
    "relays",
    "via",
    "incidents",
    "legal_refs",
    "organizations",
    "report_refs",
    "extractor",
}


def test_contract_keys_and_language_guess() -> None:
    out = extract_document({"id": "a", "text": "قالت منظمة هيومن رايتس ووتش"})
    assert set(out) == KEYS
    assert out["language"] == "ar"
    assert out["organizations"] == ["Human Rights Watch"]
    assert out["extractor"] == EXTRACTOR and EXTRACTOR.startswith("extract@")


@pytest.mark.parametrize(
    "doc", [None, [], {"id": "x"}, {"id": "x", "text": 3}, {"id": "x", "text": "t", "publisher": 5}]
)
def test_unusable_documents_raise_input_error(doc: object) -> None:
    with pytest.raises(InputError):
        extract_document(doc)  # type: ignore[arg-type]


def test_bad_published_and_language_are_ignored() -> None:
    out = extract_document(
        {
            "id": 1,
            "text": "Human Rights Watch said today.",
            "published": "yesterday",
            "language": "English!",
        }
    )
    assert out["id"] == "1" and out["language"] == "en"
    assert out["report_refs"][0]["date"] is None


def test_jsonl_errors_are_objects_and_lines_stay_aligned() -> None:
    lines = [
        '{"id": "a", "text": "x"}',
        "not json",
        "",
        "[1, 2]",
        '{"id": "b"}',
        '{"id": "c", "text": "y"}',
    ]
    out = [json.loads(line) for line in extract_jsonl(lines)]
    assert [o.get("id") for o in out] == ["a", None, None, "b", "c"]
    assert [o["error"]["code"] for o in out if "error" in o] == ["qarina.input"] * 3
    assert out[1]["line"] == 2 and out[3]["line"] == 5


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=200),
            st.builds(lambda t: json.dumps({"id": "x", "text": t}), st.text(max_size=300)),
        ),
        max_size=6,
    )
)
def test_every_line_yields_exactly_one_json_object(lines: list[str]) -> None:
    lines = [line.replace("\n", " ") for line in lines]
    out = list(extract_jsonl(lines))
    assert len(out) == sum(1 for line in lines if line.strip())
    for line in out:
        obj = json.loads(line)
        assert ("error" in obj) or set(obj) == KEYS


@settings(max_examples=30, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Aleppo حلب chlorine 2016 ١٢ at least ., ;()-\n")),
        max_size=400,
    )
)
def test_spans_always_slice_the_input(text: str) -> None:
    out = extract_document({"id": "p", "text": text, "published": "2017-01-01"})
    for inc in out["incidents"]:
        for start, end in inc["spans"]["evidence"]:
            assert 0 <= start <= end <= len(text)
        for key in ("date", "location", "perpetrator"):
            span = inc["spans"][key]
            if span is not None:
                assert (
                    text[span[0] : span[1]]
                    == inc[
                        {
                            "date": "date_text",
                            "location": "location",
                            "perpetrator": "perpetrator_text",
                        }[key]
                    ]
                )


@pytest.mark.parametrize(
    "text",
    ["", " ", "1" * 200_000, ".,;!?" * 40_000, "حلب Aleppo ١٢ 12 " * 10_000, "\x00\ufffd" * 1000],
)
def test_pathological_inputs_do_not_crash(text: str) -> None:
    started = time.perf_counter()
    out = extract_document({"id": "p", "text": text})
    assert isinstance(out["incidents"], list)
    assert time.perf_counter() - started < 30


def test_one_endless_sentence_stays_linear() -> None:
    unit = "chlorine attack on Aleppo and Douma on 4 April 2017 by Syrian forces, HRW said, "
    timings = []
    for size in (40_000, 160_000):
        text = (unit * (size // len(unit) + 1))[:size]
        started = time.process_time()
        extract_document({"id": "long", "text": text, "language": "en"})
        timings.append(time.process_time() - started)
    assert timings[1] < 8 * timings[0] + 1.0  # four times the text, not sixteen times the time


@pytest.mark.parametrize(("given", "expected"), [("EN", "en"), ("pt_BR", "pt"), ("fr-FR", "fr")])
def test_language_tags_are_reduced_to_the_primary_subtag(given: str, expected: str) -> None:
    assert extract_document({"id": "l", "text": "x", "language": given})["language"] == expected
