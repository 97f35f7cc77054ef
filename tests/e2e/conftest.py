"""End-to-end tests run the real ``qarina`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def qarina(tmp_path: Path) -> Run:
    """Run ``qarina ARGS…``; returns the completed process (text mode)."""
    env = {**os.environ, "QARINA_USER": "e2e-tester", "COLUMNS": "200"}
    env.pop("QARINA_DB", None)

    def run(
        *args: str, check: bool = True, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "qarina.cli.main", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            input=input,
            timeout=300,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"qarina {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
            )
        return done

    return run
