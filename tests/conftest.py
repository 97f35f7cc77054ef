"""Fixtures shared by every test: the ``../shared`` folder, hygiene for caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path | None:
    explicit = os.environ.get("QARINA_SHARED")
    candidate = Path(explicit) if explicit else REPO_ROOT.parent / "shared"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder (corpus, test vectors, data); skip when absent."""
    found = _shared_dir()
    if found is None:
        pytest.skip("../shared is not present on this machine (set QARINA_SHARED)")
    return found


@pytest.fixture(scope="session")
def corpus_dev(shared_dir: Path) -> Path:
    """The dev corpus folder of gold-annotated documents."""
    path = shared_dir / "corpus" / "dev"
    if not path.is_dir():
        pytest.skip("../shared/corpus/dev is not present")
    return path


@pytest.fixture(autouse=True, scope="session")
def _cache_hygiene(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep library caches out of the home folder and never reach a model hub."""
    cache = tmp_path_factory.mktemp("cache")
    os.environ.setdefault("XDG_CACHE_HOME", str(cache))
    os.environ.setdefault("MPLCONFIGDIR", str(cache / "mpl"))
    os.environ["HF_HUB_OFFLINE"] = "1"
