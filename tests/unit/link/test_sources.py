"""Independence: relay chains, first-hand sources, conduits, reposts (MinHash)."""

from __future__ import annotations

from qarina.link.minhash import near_duplicates, signature, similarity
from qarina.link.records import parse_record
from qarina.link.sources import (
    assess_independence,
    document_info,
    quoted_wires,
    relay_chain,
)
from tests.unit.link.builders import make_doc, make_incident

STORY = (
    "Human Rights Watch said government helicopters dropped chlorine on residential "
    "areas of Aleppo on at least eight occasions between 17 November and 13 December, "
    "killing at least nine civilians including four children and injuring about 200. "
)


def test_quoted_wires_in_several_languages() -> None:
    assert quoted_wires("BEIRUT (AFP) - Syrian forces…") == ["AFP"]
    assert quoted_wires("وقالت المنظمة لوكالة فرانس برس") == ["AFP"]
    assert quoted_wires("(dpa) Berlin") == ["dpa"]
    assert quoted_wires("according to Reuters and the Associated Press") == ["Reuters", "AP"]
    assert quoted_wires("A rapper named Snap") == []


def test_relay_chain_goes_from_publisher_to_claimant() -> None:
    doc = document_info(
        "x", make_doc("x", via=["AFP"], publisher="Arutz Sheva", text="(AFP) … (Reuters)")
    )
    assert relay_chain(doc, ["Human Rights Watch"]) == [
        "Arutz Sheva",
        "AFP",
        "Reuters",
        "Human Rights Watch",
    ]


def _members(*specs: tuple[str, object]) -> list:  # type: ignore[type-arg]
    return [
        parse_record(n, doc, 0, make_incident(place="Douma", attributed_by=claimant))
        for n, (doc, claimant) in enumerate(specs)
    ]


def test_first_hand_sources_and_conduits() -> None:
    docs = {
        "a": document_info("a", make_doc("a", relays=["Human Rights Watch"], via=["AFP"])),
        "b": document_info("b", make_doc("b", relays=["Human Rights Watch"], via=["AFP"])),
        "c": document_info("c", make_doc("c", origin=True, publisher="AFP")),
        "d": document_info("d", make_doc("d")),
    }
    members = _members(("a", "Human Rights Watch"), ("b", "AFP"), ("c", "AFP"), ("d", None))
    result = assess_independence(members, docs, reposts={})
    # AFP only passed HRW's finding on in "b", but in "c" it reports what it saw itself.
    assert result.independent_sources == ["AFP", "Human Rights Watch"]
    assert result.documents_by_source == {"AFP": ["c"], "Human Rights Watch": ["a"]}
    assert result.documents == ["a", "b", "c", "d"]
    assert result.relay_chains["d"] == ["Publisher of d"]


def test_reposts_are_grouped() -> None:
    docs = {d: document_info(d, make_doc(d)) for d in "abc"}
    members = _members(("a", "X"), ("b", "X"), ("c", "X"))
    result = assess_independence(members, docs, reposts={"b": "a", "c": "a"})
    assert result.repost_groups == [["a", "b", "c"]]


def test_minhash_finds_reposts_not_different_stories() -> None:
    other = (
        "The Security Council adopted resolution 2209 condemning the use of toxic "
        "chemicals such as chlorine as weapons in Syria, and decided to impose measures "
        "under Chapter VII of the Charter in the event of future non-compliance. "
    )
    texts = {
        "orig": STORY * 2,
        "repost": "Advertisement. " + STORY * 2 + " Share this.",
        "other": other * 2,
        "empty": "",
    }
    found = near_duplicates(texts)
    assert [(a, b) for a, b, _ in found] == [("orig", "repost")]
    assert similarity(signature(STORY), signature(STORY)) == 1.0
    assert similarity(signature(STORY), signature(other)) < 0.2


def test_batch_signatures_equal_single_ones() -> None:
    from qarina.link.minhash import signatures

    texts = [STORY, "", "one two", STORY + " extra words here", "x " * 5000]
    batch = signatures(texts)
    for row, text in zip(batch, texts, strict=True):
        assert (row == signature(text)).all()
