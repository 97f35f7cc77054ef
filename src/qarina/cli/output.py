"""Console output for the CLI: Rich on a terminal, plain and stable when piped."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(value: Any) -> None:
    """Machine output: one JSON document on stdout, UTF-8, no Rich markup."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def print_json_line(value: Any) -> None:
    """One JSON object per line (JSON Lines)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")


def fail(message: str, hint: str | None = None) -> None:
    """Tell the user what went wrong and what to do, on stderr."""
    errors.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    if hint:
        errors.print(f"[dim]hint:[/] {hint}", markup=True, soft_wrap=True)
