"""Gazetteer packs, hand-kept tables, keys, load time and dev-corpus recall."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.errors import InputError
from qarina.extract.gazetteer import (
    LEVELS,
    PackGazetteer,
    Place,
    all_places,
    default_gazetteers,
    parse_place_row,
    read_resource,
)
from qarina.extract.place_index import build_index, load_index
from qarina.extract.place_keys import arabic_stems, folded_token, name_keys, skeleton
from qarina.extract.places import find_places

CANONICAL = (
    "Aleppo", "Khan Shaykhun", "Sarmin", "Talmenes", "Qmenas", "Binnish", "Kafr Zita", "Marea",
    "Umm Hawsh", "Ltamenah", "Douma", "Saraqib", "Ghouta", "Damascus", "Saydnaya", "Syria",
    "northern Syria",
)  # fmt: skip


def test_packs_load_with_valid_levels_and_unique_ids() -> None:
    places = all_places()
    ids = [p.id for p in places]
    assert len(ids) == len(set(ids))
    assert {p.level for p in places} <= set(LEVELS)
    syria = [p for p in places if p.country == "SY"]
    assert len(syria) > 6000
    assert sum(p.level == "country" for p in places) > 240
    assert [g.name for g in default_gazetteers()] == ["hand", "syria", "world"]


def test_hierarchy_gives_towns_districts_and_ancestors() -> None:
    infos = {i.place.id: i for i in load_index().infos}
    sakhur = infos["SA05936"]
    assert (sakhur.town, sakhur.district) == ("Aleppo", "Sakhur")
    assert {"C1007", "SY02", "iso:SY"} <= sakhur.ancestors
    assert infos["SY02"].town is None
    assert infos["C3458"].ancestors >= {"SY050501", "SY05"}


@pytest.mark.parametrize("name", CANONICAL)
def test_every_corpus_canonical_name_is_a_place_name(name: str) -> None:
    found = find_places(name, "en")
    assert found, name
    assert (found[0].town or found[0].name) == name


def test_bad_rows_raise_input_errors() -> None:
    row = {"id": "x", "name": "X", "level": "planet", "country": "SY", "parent_id": "",
           "lat": "", "lon": "", "population": "", "names": ""}  # fmt: skip
    with pytest.raises(InputError, match="unknown level"):
        parse_place_row(row, "test")
    with pytest.raises(InputError, match="missing column"):
        parse_place_row({"id": "x", "level": "community"}, "test")
    odd = parse_place_row({**row, "level": "community", "lat": "north", "population": "n/a"}, "t")
    assert (odd.lat, odd.population) == (None, 0)


def test_missing_resource_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        PackGazetteer(name="nope", version="1", resource="nope.tsv.gz").places()


def test_index_built_from_any_places() -> None:
    places = [
        Place("a", "Alpha", "community", "SY", None, None, None, 10, ("Alpha", "بيتا")),
        Place("b", "Beta Town", "community", "SY", "a", 1.0, 2.0, 0, ("Beta Town",)),
    ]
    index = build_index(places)
    assert index.exact["beta town"] == [1]
    assert index.exact["بيتا"] == [0]
    assert index.max_tokens == 2


def test_attribution_and_licence_travel_with_the_data() -> None:
    notice = read_resource("NOTICE-gazetteer.md")
    for needle in ("Syrian Archive", "GPL-3.0", "OpenSyria", "CC BY 4.0", "GeoNames", "OCHA"):
        assert needle in notice
    assert "GNU GENERAL PUBLIC LICENSE" in read_resource("LICENSE-syrianarchive-GPL-3.0.txt")


def test_every_hand_table_line_names_a_source() -> None:
    for name, column in (("aliases.tsv", 2), ("canonical.tsv", 3), ("places.tsv", 9)):
        rows = [ln.split("\t") for ln in read_resource(name).splitlines()[1:]]
        rows = [r for r in rows if r[0] and not r[0].startswith("#")][1:]
        assert rows and all(len(r) > column and r[column].strip() for r in rows), name


def test_load_time_in_a_fresh_process() -> None:
    code = (
        "import time; t = time.process_time();"
        "from qarina.extract.place_index import load_index; load_index();"
        "print(time.process_time() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 1.0  # about 0.25 s on an idle core


def test_skeletons_merge_transliterations() -> None:
    assert skeleton("talmenes") == skeleton("telamnas") == name_keys("Tal Mannas")[1]
    assert name_keys("Khan Cheikhoun")[1] == name_keys("Jan Sheijún")[1]
    assert name_keys("Al Lataminah")[0] == "lataminah"
    assert name_keys("northern Syria")[2] == "lc"
    assert skeleton("حلب") == ""


@given(st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهوي", min_size=1, max_size=12))
def test_arabic_stems_are_suffixes(word: str) -> None:
    key = folded_token("وب" + word)
    for cut, stem in arabic_stems(key):
        assert key[cut:].endswith(stem) and len(stem) >= 3


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Aleppo", "حلب", "وبحلب", "Khan", "Sheikhoun", "al", "-", " ", ",", "٣", "ـ",
             "Tal", "Mannas", "the", "Syria", "\u064e", "'", "é", "\n", "Ghouta", "orientale"]
        ),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_every_mention_is_a_span_of_its_text(text: str) -> None:
    for mention in find_places(text, None):
        assert text[mention.start : mention.end] == mention.text
        assert 0 < mention.score <= 1 and mention.level in LEVELS


def test_dev_corpus_place_recall(corpus_dev: Path) -> None:
    """Every gold incident place is found, under its gold canonical name."""
    total = hits = 0
    for path in sorted(corpus_dev.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found = find_places(doc["text"], doc.get("language"))
        names = {m.town or m.name for m in found}
        districts = {m.district for m in found}
        for incident in doc["incidents"]:
            if incident.get("place_normalized"):
                total += 1
                district = incident.get("district")
                hits += incident["place_normalized"] in names and (
                    not district or district in districts
                )
    assert total >= 30
    assert hits / total >= 0.95, f"{hits}/{total}"
