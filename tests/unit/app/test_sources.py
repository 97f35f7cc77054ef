"""Walking inputs: every bad path becomes a one-line rejection, nothing else is lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qarina.app.sources import FileSource, LineSource, Rejected, read_jsonl, walk_paths


def _labels(entries: list[FileSource | Rejected]) -> dict[str, str]:
    return {Path(e.label).name: ("ok" if isinstance(e, FileSource) else e.reason) for e in entries}


def test_walk_is_recursive_sorted_and_loop_safe(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("2")
    (tmp_path / "one.txt").write_text("1")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    entries = list(walk_paths([tmp_path]))
    labels = _labels(entries)
    assert labels["one.txt"] == "ok" and labels["two.txt"] == "ok"
    assert "directory loop" in labels["loop"]
    assert "broken symbolic link" in labels["dangling"]
    assert [e.label for e in entries if isinstance(e, FileSource)] == sorted(
        e.label for e in entries if isinstance(e, FileSource)
    )


def test_missing_path_and_special_file_are_rejected(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    labels = _labels(list(walk_paths([tmp_path / "nope.pdf", fifo])))
    assert labels["nope.pdf"] == "no such file or folder"
    assert "not a regular file" in labels["pipe"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder regardless of mode")
def test_unreadable_folder_is_rejected(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert "cannot list folder" in _labels(list(walk_paths([locked])))["locked"]
    finally:
        locked.chmod(0o700)


def test_jsonl_lines_keep_exact_bytes_and_reject_bad_lines(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": "Sarin in Ghouta", "published": "2013-09-16"})
    lines = [good, "{not json", "[1, 2]", json.dumps({"id": "b"}), "", json.dumps({"text": 3})]
    file = tmp_path / "in.jsonl"
    file.write_bytes(("\n".join(lines) + "\r\n").encode())
    entries = list(read_jsonl(file))
    assert isinstance(entries[0], LineSource)
    assert entries[0].data == good.encode() and entries[0].line_no == 1
    reasons = [e.reason for e in entries[1:] if isinstance(e, Rejected)]
    assert len(reasons) == 4
    assert reasons[0].startswith("invalid JSON")
    assert "JSON object is expected" in reasons[1]
    assert 'missing "text"' in reasons[2]
    assert 'missing "text"' in reasons[3]


def test_path_that_cannot_be_read_is_rejected_with_the_reason(tmp_path: Path) -> None:
    unreadable = tmp_path / ("x" * 300)  # over NAME_MAX: stat fails even for root
    reason = _labels(list(walk_paths([unreadable])))["x" * 300]
    assert reason.startswith("cannot read:") and "too long" in reason
