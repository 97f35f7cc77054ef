"""Reading a stored original's bytes with the checks every ingestor needs."""

from __future__ import annotations

from pathlib import Path

from qarina.core.errors import InputError


def check_original(path: Path, max_bytes: int) -> int:
    """The size of ``path``; ``InputError`` when missing, empty or over ``max_bytes``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise InputError(
            f"{path.name} is {size:,} bytes, over this ingestor's limit of {max_bytes:,}",
            hint="raise the limit in the ingest settings or store the file as opaque",
        )
    if size == 0:
        raise InputError(f"{path.name} is empty (0 bytes): there is nothing to read")
    return size


def read_original(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path`` after :func:`check_original`."""
    check_original(path, max_bytes)
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)[:max_bytes]
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
