"""The shipped legal catalogue is valid, complete and cited; malformed files are refused."""

from __future__ import annotations

import re

import pytest
import yaml

from qarina.core.errors import InputError, NotFoundError
from qarina.legal.library import build_catalogue, catalogue_files, load_catalogue

REQUIRED_CRIMES = {
    "rs-8-2-b-xvii",
    "rs-8-2-b-xviii",
    "rs-8-2-e-xiii",
    "rs-8-2-e-xiv",
    "rs-8-2-b-i",
    "rs-8-2-e-i",
    "rs-7-1-a",
    "rs-7-1-e",
    "rs-7-1-f",
    "rs-7-1-i",
    "rs-7-1-k",
    "cwc-1-use",
    "ihl-rule-74",
}
REQUIRED_INSTRUMENTS = {
    "cwc",
    "unsc-2118",
    "unsc-2209",
    "unsc-2235",
    "unga-71-248",
    "rome-statute",
    "icrc-customary-ihl",
}


def test_every_required_entry_is_present() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.crimes) >= REQUIRED_CRIMES
    assert set(catalogue.instruments) >= REQUIRED_INSTRUMENTS


def test_ids_are_unique_across_files() -> None:
    ids: list[str] = []
    for _, text in catalogue_files():
        data = yaml.safe_load(text)
        ids += [c["id"] for c in data.get("crimes") or []]
        ids += [i["id"] for i in data.get("instruments") or []]
        ids += [p["id"] for i in data.get("instruments") or [] for p in i["provisions"]]
    assert len(ids) == len(set(ids))


def test_every_element_and_provision_is_cited() -> None:
    catalogue = load_catalogue()
    for crime in catalogue.crimes.values():
        assert crime.elements
        for element in crime.elements:
            assert element.cite.strip() and element.text.endswith(".")
        if crime.article.startswith("Rome Statute"):
            article = crime.article.removeprefix("Rome Statute ")
            for element in crime.elements:
                assert element.cite == f"Elements of Crimes, {article}, element {element.number}"
    for instrument in catalogue.instruments.values():
        assert all(p.cite and p.summary for p in instrument.provisions)


def test_contextual_elements_are_listed() -> None:
    catalogue = load_catalogue()
    for crime in catalogue.crimes.values():
        tags = {t for e in crime.elements for t in e.tags}
        if crime.category == "crime_against_humanity":
            assert {"widespread_systematic", "knowledge_of_attack"} <= tags
            assert crime.elements[-1].tags == ("knowledge_of_attack",)
        if crime.category == "war_crime":
            assert {"armed_conflict", "conflict_awareness"} <= tags
            international = re.search(r"8\(2\)\(b\)", crime.article) is not None
            assert ("international" in tags) is international


def test_chemical_crimes_carry_the_suggestion_tags() -> None:
    catalogue = load_catalogue()
    for cid in ("rs-8-2-b-xvii", "rs-8-2-b-xviii", "rs-8-2-e-xiii", "rs-8-2-e-xiv", "ihl-rule-74"):
        tags = [t for e in catalogue.crime(cid).elements for t in e.tags]
        assert "employment" in tags and "harmful_nature" in tags


def test_lookup_errors_are_clear() -> None:
    catalogue = load_catalogue()
    with pytest.raises(NotFoundError, match="no crime 'nope'"):
        catalogue.crime("nope")
    with pytest.raises(NotFoundError):
        catalogue.element("rs-7-1-a.9")
    assert catalogue.element("rs-7-1-a.1").kind == "conduct"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"crimes": [{"id": "x1", "title": "t"}]}, "category"),
        ({"other": []}, "top level"),
        ({"crimes": [{"id": "Bad Id", "title": "t"}]}, "id"),
        (
            {
                "crimes": [
                    {
                        "id": "c1",
                        "title": "t",
                        "instrument": "missing",
                        "article": "a",
                        "category": "war_crime",
                        "elements": [{"text": "x.", "kind": "conduct", "cite": "c"}],
                    }
                ]
            },
            "unknown instrument",
        ),
        (
            {
                "crimes": [
                    {
                        "id": "c1",
                        "title": "t",
                        "instrument": "i",
                        "article": "a",
                        "category": "war_crime",
                        "elements": [{"text": "x.", "kind": "conduct"}],
                    }
                ]
            },
            "cite",
        ),
    ],
)
def test_malformed_catalogue_is_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        build_catalogue([("bad.yaml", data)])


def test_duplicate_crime_ids_are_refused() -> None:
    crime = {
        "id": "c1",
        "title": "t",
        "instrument": "cwc",
        "article": "a",
        "category": "war_crime",
        "elements": [{"text": "x.", "kind": "conduct", "cite": "c"}],
    }
    shipped = [(n, yaml.safe_load(t)) for n, t in catalogue_files()]
    with pytest.raises(InputError, match="duplicate crime id"):
        build_catalogue(
            [*shipped, ("a.yaml", {"crimes": [crime]}), ("b.yaml", {"crimes": [crime]})]
        )
