"""The demo collection: every file is listed with its sources and ingests as declared."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from qarina.app.demo_data import MANIFEST, demo_data_dir
from qarina.ingest.contract import Extraction
from qarina.ingest.identify import identify
from qarina.ingest.registry import default_registry

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
JSONL_FIELDS = {"id", "text", "url", "title", "publisher", "published", "language"}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((demo_data_dir() / MANIFEST).read_text("utf-8"))
    return data


def test_every_file_is_in_the_manifest_and_exists(manifest: dict[str, Any]) -> None:
    listed = {item["file"] for item in manifest["items"]}
    present = {p.name for p in demo_data_dir().iterdir() if p.is_file()}
    assert present - {"__init__.py", MANIFEST} == listed
    kinds = {item["kind"] for item in manifest["items"]}
    assert {"html", "pdf", "image", "text", "jsonl"} <= kinds
    assert any(item["language"] == "ar" and item["kind"] == "text" for item in manifest["items"])


def test_every_source_is_complete_and_used(manifest: dict[str, Any]) -> None:
    used = {ref for item in manifest["items"] for ref in item["sources"]}
    used |= {
        ref
        for item in manifest["items"]
        for line in item.get("lines", [])
        for ref in line["sources"]
    }
    assert used == set(manifest["sources"])
    for source in manifest["sources"].values():
        assert source["organisation"] and source["title"]
        assert source["url"].startswith("https://")
        assert source["date"] is None or _DATE.match(source["date"])


@pytest.mark.parametrize(
    "kind",
    ["html", "pdf", "image", "text"],
)
def test_items_ingest_with_the_declared_kind_and_language(
    manifest: dict[str, Any], kind: str
) -> None:
    for item in (i for i in manifest["items"] if i["kind"] == kind):
        path = demo_data_dir() / item["file"]
        ingestor = default_registry().choose(identify(path))
        result = ingestor.extract(path)
        assert ingestor.name == kind
        assert result.warnings == ()
        assert Extraction.from_dict(json.loads(json.dumps(result.to_dict()))) == result
        assert result.language == item["language"]
        if kind != "image":
            assert result.text and ("Qarina" in result.text or "قرينة" in result.text)


def test_synthetic_photo_has_camera_time_and_gps(manifest: dict[str, Any]) -> None:
    path = demo_data_dir() / "synthetic-photo-aleppo.jpg"
    meta = default_registry().get("image").extract(path).metadata
    assert meta["model"] == "Demo generator 1"
    assert meta["taken_at"] == "2016-12-13T10:15:00+02:00"
    assert meta["gps"]["lat"] == pytest.approx(36.2021, abs=1e-4)
    assert meta["gps"]["lon"] == pytest.approx(37.1343, abs=1e-4)
    assert "not evidence" in meta["description"]


def test_jsonl_lines_have_the_ingest_fields(manifest: dict[str, Any]) -> None:
    from qarina.ingest.language import detect_language

    (jsonl,) = [i for i in manifest["items"] if i["kind"] == "jsonl"]
    lines = (demo_data_dir() / jsonl["file"]).read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [line["id"] for line in jsonl["lines"]]
    for record, declared in zip(records, jsonl["lines"], strict=True):
        assert set(record) == JSONL_FIELDS
        assert _DATE.match(record["published"])
        assert record["language"] == declared["language"] == detect_language(record["text"])


def test_binaries_are_the_committed_output_of_the_script(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 is a development-only tool")
    assert fpdf is not None
    import importlib.util

    script = Path(__file__).resolve().parents[3] / "scripts" / "make_demo_data.py"
    spec = importlib.util.spec_from_file_location("make_demo_data", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = demo_data_dir()
    for name, make in (
        ("jim-findings-2016.en.pdf", module.make_pdf),
        ("synthetic-photo-aleppo.jpg", module.make_jpeg),
    ):
        make(tmp_path / name)
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes()
