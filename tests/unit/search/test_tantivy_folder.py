"""The embedded index folder: reopening, versions, foreign folders, a busy writer."""

from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import tantivy

from qarina.core.errors import StorageError, WorkspaceError
from qarina.core.model import Passage
from qarina.search import open_index
from qarina.search.tantivy_schema import MARKER_NAME

ITEM = "sha256:" + hashlib.sha256(b"item").hexdigest()


def _passages(n: int) -> list[Passage]:
    texts = [f"passage {i} chlorine" for i in range(n)]
    return [Passage(ITEM, i, 100 * i, 100 * i + len(t), t, "en") for i, t in enumerate(texts)]


def test_reopen_sees_committed_passages(tmp_path: Path) -> None:
    folder = tmp_path / "ws" / "search"
    first = open_index(folder, writer_heap=15_000_000, writer_threads=1)
    assert first.add(iter(_passages(5))) == 5
    again = open_index(folder)
    assert again.count() == 5
    assert [h.seq for h in again.search('"passage 3"')] == [3]


def test_other_process_commits_become_visible_after_reload(tmp_path: Path) -> None:
    reader = open_index(tmp_path, writer_heap=15_000_000, writer_threads=1)
    writer = open_index(tmp_path, writer_heap=15_000_000, writer_threads=1)
    writer.add(_passages(2))
    reader.reload()
    assert reader.count() == 2


def test_index_of_another_version_is_refused(tmp_path: Path) -> None:
    open_index(tmp_path).add(_passages(1))
    (tmp_path / MARKER_NAME).write_text(json.dumps({"format": "qarina-search", "schema": 0}))
    with pytest.raises(WorkspaceError, match="re-index"):
        open_index(tmp_path)


def test_unreadable_marker_is_refused(tmp_path: Path) -> None:
    open_index(tmp_path)
    (tmp_path / MARKER_NAME).write_text("{not json")
    with pytest.raises(WorkspaceError, match="cannot read"):
        open_index(tmp_path)


def test_foreign_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceError, match="not empty"):
        open_index(tmp_path)


def test_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "search").write_text("file")
    with pytest.raises(WorkspaceError, match="cannot create"):
        open_index(tmp_path / "search")


def test_busy_writer_is_a_storage_error(tmp_path: Path) -> None:
    index = open_index(tmp_path, writer_heap=15_000_000, writer_threads=1, lock_wait=0.2)
    held = tantivy.Index.open(str(tmp_path)).writer(15_000_000, 1)
    try:
        with pytest.raises(StorageError, match="another process"):
            index.add(_passages(1))
    finally:
        held.rollback()
        del held
    assert index.add(_passages(1)) == 1


def test_damaged_index_is_refused(tmp_path: Path) -> None:
    open_index(tmp_path).add(_passages(1))
    (tmp_path / "meta.json").unlink()
    with pytest.raises(WorkspaceError, match="cannot open"):
        open_index(tmp_path)


def test_a_write_waits_for_another_writer_to_finish(tmp_path: Path) -> None:
    index = open_index(tmp_path, writer_heap=15_000_000, writer_threads=1, lock_wait=20)
    held = tantivy.Index.open(str(tmp_path)).writer(15_000_000, 1)
    release = threading.Timer(0.3, lambda: held.wait_merging_threads())
    release.start()
    try:
        assert index.add(_passages(2)) == 2
    finally:
        release.join()
    assert index.count() == 2


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    index = open_index(tmp_path, writer_heap=15_000_000, writer_threads=1, lock_wait=0)
    texts = [f"thread {n} chlorine" for n in range(4)]
    batches = [[Passage(ITEM, n, 0, len(t), t, "en")] for n, t in enumerate(texts)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(index.add, batches)) == [1, 1, 1, 1]
    assert index.count() == 4
