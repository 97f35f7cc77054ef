"""Place hierarchy and spelling-tolerant place resolution."""

from __future__ import annotations

import pytest

from qarina.core.errors import UsageError
from qarina.link.places import (
    CONTAINS,
    SAME,
    UNRELATED,
    PlaceResolver,
    build_hierarchy,
    default_hierarchy,
    place_skeleton,
)
from qarina.link.records import parse_records
from tests.unit.link.builders import make_doc, make_incident


def test_hierarchy_relations() -> None:
    places = default_hierarchy()
    assert places.relation("douma", "douma") == SAME
    assert places.relation("douma", "ghouta") == CONTAINS  # transitive: Douma in Ghouta
    assert places.relation("damascus", "douma") == CONTAINS
    assert places.relation("syria", "marea") == CONTAINS
    assert places.relation(None, "marea") == CONTAINS
    assert places.relation("qmenas", "sarmin") == UNRELATED
    assert places.depth("douma") > places.depth("ghouta") > places.depth("syria")


def test_custom_hierarchy_and_bad_data() -> None:
    places = build_hierarchy({"regions": {"Darfur": ["El Geneina"]}, "countries": {"SD": "Sudan"}})
    assert places.relation("el geneina", "darfur") == CONTAINS
    assert places.is_country_level("sudan")
    with pytest.raises(UsageError, match="regions"):
        build_hierarchy({"regions": {"Darfur": "El Geneina"}})


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khan Shaykhun", "Khan Sheikhoun"),
        ("Qmenas", "Qmeinas"),
        ("Aleppo", "Alep"),
        ("Saraqib", "Saraqeb"),
        ("Al-Bab", "Bab"),
    ],
)
def test_skeleton_tolerates_spelling(a: str, b: str) -> None:
    assert place_skeleton(a) == place_skeleton(b)


def test_resolver_learns_from_records_and_refuses_ambiguity() -> None:
    resolver = PlaceResolver([("حلب", "Aleppo"), (None, "Douma"), (None, "Duma Hills")])
    assert resolver.resolve("حلب") == "aleppo"
    assert resolver.resolve("Alepo") == "aleppo"
    assert resolver.resolve("Dooma") == "douma"
    assert resolver.resolve("Nowhere") is None
    ambiguous = PlaceResolver([(None, "Marea"), (None, "Mari")])
    assert ambiguous.resolve("Maria") is None


def test_records_without_a_normalised_place_are_resolved() -> None:
    docs = [
        make_doc("a", make_incident(place="Khan Shaykhun")),
        make_doc("b", make_incident(location="Khan Sheikhoun")),
    ]
    assert {r.place for r in parse_records(docs)} == {"khan shaykhun"}
