"""The incident catalogue: facets, filters, pages, hidden documents."""

from __future__ import annotations

import hashlib
from typing import Any

from qarina.web.catalogue import Catalogue, Filters, facet_values, without_docs


def incident(n: int, place: str, date: str, docs: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": "sha256:" + hashlib.sha256(str(n).encode()).hexdigest(),
        "place_normalized": place,
        "date_start": date,
        "date_end": date,
        "agent": extra.get("agent", "chlorine"),
        "perpetrator": extra.get("perpetrator"),
        "confidence": {"tier": extra.get("tier", 2)},
        "independent_sources": extra.get("sources", []),
        "mentions": [{"doc": d, "index": 0, "attributed_by": "HRW"} for d in docs],
        "documents": docs,
        "relay_chains": {d: [d, "HRW"] for d in docs},
        "contradictions": [{"claims": [{"doc": docs[0]}, {"doc": docs[-1]}]}],
    }


INCIDENTS = [
    incident(1, "Aleppo", "2016-11-17", ["a", "b"], sources=["HRW"]),
    incident(2, "Aleppo", "2016-12-01", ["c"], agent="sarin"),
    incident(3, "Saraqib", "2018-02-04", ["d"], perpetrator="Syrian government forces"),
    incident(4, "Douma", "2018-04-07", ["e", "f"], tier=1),
]


def test_facet_values_of_an_incident() -> None:
    values = facet_values(INCIDENTS[0])
    assert values["place"] == ["Aleppo"] and values["year"] == ["2016"]
    assert values["source"] == ["HRW"] and values["tier"] == ["2"]
    assert values["perpetrator"] == []


def test_unfiltered_pages_are_sorted_by_date() -> None:
    catalogue = Catalogue(INCIDENTS, version=7)
    page = catalogue.page(Filters(), frozenset(), 1, 2)
    assert page.total == 4
    assert [i["place_normalized"] for i in page.incidents] == ["Aleppo", "Saraqib"]
    assert ("Aleppo", 2) in page.facets["place"]


def test_filters_intersect_and_recount_facets() -> None:
    catalogue = Catalogue(INCIDENTS, version=None)
    page = catalogue.page(Filters(place="Aleppo", agent="sarin"), frozenset(), 0, 10)
    assert [i["date_start"] for i in page.incidents] == ["2016-12-01"]
    assert page.facets["agent"] == [("sarin", 1)]
    dated = catalogue.page(Filters(date_from="2018-01-01", date_to="2018-03-01"), frozenset(), 0, 9)
    assert [i["place_normalized"] for i in dated.incidents] == ["Saraqib"]
    assert catalogue.page(Filters(place="Nowhere"), frozenset(), 0, 9).total == 0


def test_hidden_documents_remove_mentions_and_whole_incidents() -> None:
    catalogue = Catalogue(INCIDENTS, version=None)
    hidden = frozenset({"a", "c"})
    page = catalogue.page(Filters(), hidden, 0, 10)
    assert page.total == 3
    first = page.incidents[0]
    assert [m["doc"] for m in first["mentions"]] == ["b"]
    assert first["documents"] == ["b"] and "a" not in first["relay_chains"]
    assert first["contradictions"] == []
    assert catalogue.get(INCIDENTS[1]["id"], hidden) is None
    assert catalogue.get(INCIDENTS[1]["id"], frozenset())["agent"] == "sarin"


def test_get_by_prefix_needs_enough_characters() -> None:
    catalogue = Catalogue(INCIDENTS, version=None)
    full = INCIDENTS[3]["id"]
    assert catalogue.get(full[7:30], frozenset())["id"] == full
    assert catalogue.get("sha256:0", frozenset()) is None


def test_without_docs_leaves_untouched_incidents_alone() -> None:
    assert without_docs(INCIDENTS[2], frozenset({"zz"})) is INCIDENTS[2]
