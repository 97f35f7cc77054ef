"""What an ingest run reads: files under the given paths, or the lines of a JSONL file.

Walking never stops on one bad path: unreadable folders, directory loops, special files
and vanished files each become a :class:`Rejected` entry with a one-line reason.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class FileSource:
    """A file to preserve as it is."""

    path: Path

    @property
    def label(self) -> str:
        return str(self.path)


@dataclass(frozen=True, slots=True)
class LineSource:
    """One JSONL line: its exact bytes are the original; ``record`` is its parsed object."""

    data: bytes
    record: dict[str, Any]
    file: Path
    line_no: int

    @property
    def label(self) -> str:
        return f"{self.file}:{self.line_no}"


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that cannot be preserved, and why."""

    label: str
    reason: str


Source = FileSource | LineSource
JSONL_FIELDS = ("id", "text", "url", "title", "publisher", "published", "language")


def walk_paths(paths: list[Path]) -> Iterator[FileSource | Rejected]:
    """Every regular file under ``paths`` (recursively, following links, loop-safe)."""
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk(path, seen_dirs, ancestors=())


def _walk(
    path: Path, seen: set[tuple[int, int]], ancestors: tuple[tuple[int, int], ...]
) -> Iterator[FileSource | Rejected]:
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "a broken symbolic link" if path.is_symlink() else "no such file or folder"
        yield Rejected(str(path), f"{kind}")
        return
    except OSError as exc:
        yield Rejected(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISREG(info.st_mode):
        yield FileSource(path)
        return
    if not stat.S_ISDIR(info.st_mode):
        yield Rejected(str(path), "not a regular file (device, socket or pipe): not ingested")
        return
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        yield Rejected(str(path), "directory loop: this folder links back to one of its parents")
        return
    if key in seen:
        return  # the same folder reached through another link: already walked
    seen.add(key)
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejected(str(path), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        yield from _walk(Path(entry.path), seen, (*ancestors, key))


def read_jsonl(file: Path) -> Iterator[LineSource | Rejected]:
    """Each non-blank line of ``file``, parsed; bad lines are rejected with their number."""
    try:
        handle = file.open("rb")
    except OSError as exc:
        yield Rejected(str(file), f"cannot open JSONL file: {exc.strerror or exc}")
        return
    with handle:
        for line_no, raw in enumerate(handle, start=1):
            data = raw.rstrip(b"\r\n")
            if not data.strip():
                continue
            yield _parse_line(file, line_no, data)


def _parse_line(file: Path, line_no: int, data: bytes) -> LineSource | Rejected:
    label = f"{file}:{line_no}"
    try:
        record = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Rejected(label, f"line is not valid UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return Rejected(label, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return Rejected(label, f"a JSON object is expected, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return Rejected(label, 'missing "text" string field')
    for key in JSONL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Rejected(label, f'field "{key}" must be a string or null')
    return LineSource(data=data, record=record, file=file, line_no=line_no)


def count_lines(jsonl: Path) -> int | None:
    """How many non-blank lines a JSONL file has (for a progress bar); None if unreadable."""
    try:
        with jsonl.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None
