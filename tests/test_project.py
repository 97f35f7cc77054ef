"""Project-wide checks: architecture, lint, types, documentation of every command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} is not installed (scripts/install --dev installs it)")
        return found
    return str(path)


def test_dependencies_point_inward() -> None:
    done = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_ruff_is_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "check", "src", "tests", "benchmarks", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_ruff_format_is_applied() -> None:
    done = subprocess.run(
        [_tool("ruff"), "format", "--check", "src", "tests", "benchmarks", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_strict_on_src() -> None:
    done = subprocess.run([_tool("mypy"), "src"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_every_command_is_documented_in_the_readme() -> None:
    from typer.main import get_command

    from qarina.cli.main import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`qarina ([a-z-]+)", readme))
    group = get_command(app)
    commands = set(group.commands)  # type: ignore[attr-defined]
    missing = sorted(commands - documented)
    assert not missing, f"commands missing from README.md: {missing}"


def test_licence_and_notice_ship() -> None:
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text()
    notice = (ROOT / "NOTICE").read_text()
    for source in ("Syrian Archive", "OpenSyria", "GeoNames"):
        assert source in notice, f"NOTICE lacks the attribution for {source}"
