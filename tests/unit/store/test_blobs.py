"""The content-addressed blob store: atomic, deduplicated, read-only, hashes right."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.errors import NotFoundError
from qarina.store.blobs.filesystem import FilesystemBlobStore, hash_file


@pytest.fixture
def store(tmp_path: Path) -> FilesystemBlobStore:
    blobs = FilesystemBlobStore(tmp_path / "blobs")
    blobs.initialise()
    return blobs


def test_stores_under_sha256_with_all_digests(store: FilesystemBlobStore) -> None:
    data = b"chlorine barrel bomb, Aleppo" * 10_000
    digests = store.put_stream(io.BytesIO(data))
    assert digests.sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    assert digests.md5 == hashlib.md5(data).hexdigest()
    assert digests.sha1 == hashlib.sha1(data).hexdigest()
    assert digests.size == len(data)
    with store.open(digests.sha256) as handle:
        assert handle.read() == data


def test_same_bytes_stored_once_and_read_only(store: FilesystemBlobStore) -> None:
    first = store.put_bytes(b"same")
    second = store.put_bytes(b"same")
    assert first == second
    assert list(store.digests()) == [first.sha256]
    mode = os.stat(store.path_of(first.sha256)).st_mode
    assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert not list((store.root / "tmp").iterdir()), "no temporary file left behind"


def test_missing_blob_is_a_clear_error(store: FilesystemBlobStore) -> None:
    with pytest.raises(NotFoundError, match="no stored blob"):
        store.open("sha256:" + "0" * 64)


def test_sweep_removes_old_interrupted_writes_only(store: FilesystemBlobStore) -> None:
    crashed = store.root / "tmp" / "incoming-crashed"
    crashed.write_bytes(b"partial")
    os.utime(crashed, (0, 0))
    (store.root / "tmp" / "incoming-in-progress").write_bytes(b"being written")
    assert store.sweep_temporary() == 1
    assert [p.name for p in (store.root / "tmp").iterdir()] == ["incoming-in-progress"]


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=300_000))
def test_hashes_match_hashlib_for_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    blobs = FilesystemBlobStore(tmp_path_factory.mktemp("b"))
    digests = blobs.put_stream(io.BytesIO(data))
    assert digests.sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    assert digests.md5 == hashlib.md5(data).hexdigest()
    assert hash_file(Path(blobs.path_of(digests.sha256))) == digests


def test_deferred_sync_and_a_short_file_under_a_digest_is_replaced(
    store: FilesystemBlobStore,
) -> None:
    digests = store.put_stream(io.BytesIO(b"deferred bytes"), sync=False)
    store.sync()
    path = Path(store.path_of(digests.sha256))
    assert path.read_bytes() == b"deferred bytes"
    # what a power cut before the sync could leave: the name, not the bytes
    path.chmod(0o600)
    path.write_bytes(b"")
    again = store.put_stream(io.BytesIO(b"deferred bytes"))
    assert again == digests
    assert path.read_bytes() == b"deferred bytes"
