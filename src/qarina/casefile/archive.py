"""Deterministic ZIP archives: same files in, same bytes out; streamed both ways.

Entries are sorted by name, carry a fixed timestamp (1980-01-01, the ZIP epoch), fixed
permissions and no extra fields, and are compressed with DEFLATE at a fixed level.
Large files (originals) are streamed from their source, hashed on the way and stored
uncompressed (their bytes appear verbatim in the archive; most are compressed media
anyway), so a bundle never has to fit in memory. Reading refuses names that could escape a folder
when extracted, duplicates and ZIP bombs, and hashes every entry as it streams by.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from qarina.core.errors import InputError, IntegrityError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16
COMPRESS_LEVEL = 9
CHUNK = 1 << 20
MAX_ENTRIES = 200_000
MAX_KEPT_BYTES = 1 << 30  # content kept in memory for checking (everything but originals)
MAX_RATIO = 1000  # a larger expansion of a large entry is a ZIP bomb, not a case file
BOMB_MIN = 64 << 20  # below this, expansion costs too little to matter
STREAMED = ("originals/",)

Source = bytes | Callable[[], BinaryIO]
"""A file's bytes, or a way to open them for streaming."""


def is_safe_name(name: str) -> bool:
    """A relative POSIX path without ``..``, backslashes or empty parts."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not name.startswith("/")
        and "\\" not in name
        and all(part not in ("", ".", "..") for part in name.split("/"))
        and not path.is_absolute()
    )


def _entry(name: str, stored: bool = False) -> zipfile.ZipInfo:
    if not is_safe_name(name):
        raise InputError(f"unsafe file name in bundle: {name!r}")
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE
    info.create_system = 3  # Unix, so the mode above is meaningful everywhere
    return info


def _stream(
    archive: zipfile.ZipFile, name: str, opener: Callable[[], BinaryIO], expected: str | None
) -> None:
    digest = hashlib.sha256()
    entry = _entry(name, stored=True)
    with opener() as source, archive.open(entry, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            target.write(chunk)
    if expected is not None and "sha256:" + digest.hexdigest() != expected:
        raise IntegrityError(f"stored bytes for {name} do not match their digest {expected}")


def write_zip(
    out: BinaryIO, files: Mapping[str, Source], expected: Mapping[str, str] | None = None
) -> None:
    """Write ``files`` to the seekable ``out`` as a deterministic ZIP.

    Streamed sources are hashed while copied and must equal ``expected[name]`` when
    given (``IntegrityError`` otherwise: the blob store no longer holds those bytes).
    """
    expected = expected or {}
    with zipfile.ZipFile(out, "w", compresslevel=COMPRESS_LEVEL) as archive:
        for name in sorted(files):
            source = files[name]
            if isinstance(source, bytes):
                archive.writestr(_entry(name), source, compresslevel=COMPRESS_LEVEL)
            else:
                _stream(archive, name, source, expected.get(name))


def build_zip(files: Mapping[str, Source]) -> bytes:
    """The ZIP archive of ``files`` as bytes (for small bundles and tests)."""
    buffer = io.BytesIO()
    write_zip(buffer, files)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of an archive: its digest and size, and its bytes unless streamed past."""

    sha256: str
    size: int
    content: bytes | None


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    kept = sum(i.file_size for i in infos if not i.filename.startswith(STREAMED))
    if kept > MAX_KEPT_BYTES:
        raise InputError(
            f"archive holds {kept} bytes besides originals, more than {MAX_KEPT_BYTES}"
        )
    for info in infos:
        if info.file_size > BOMB_MIN and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{info.filename!r} expands more than {MAX_RATIO}-fold (ZIP bomb?)")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool) -> Entry:
    digest, size, kept = hashlib.sha256(), 0, io.BytesIO()
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if keep:
                kept.write(chunk)
    return Entry("sha256:" + digest.hexdigest(), size, kept.getvalue() if keep else None)


def scan_zip(stream: BinaryIO, keep_all: bool = False) -> dict[str, Entry]:
    """Hash every file of a ZIP; keep the bytes of all but originals (or all, if asked)."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable ZIP archive: {exc}") from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"archive has more than {MAX_ENTRIES} entries")
        _check_sizes(infos)
        entries: dict[str, Entry] = {}
        for info in infos:
            if not is_safe_name(info.filename):
                raise InputError(f"archive holds an unsafe file name: {info.filename!r}")
            if info.filename in entries:
                raise InputError(f"archive holds {info.filename!r} twice")
            keep = keep_all or not info.filename.startswith(STREAMED)
            try:
                entries[info.filename] = _read_entry(archive, info, keep)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise InputError(f"cannot read {info.filename!r} from the archive: {exc}") from exc
    return entries


def read_zip(data: bytes) -> dict[str, bytes]:
    """Every file of a small ZIP archive, in memory (``InputError`` when unreadable)."""
    entries = scan_zip(io.BytesIO(data), keep_all=True)
    return {name: entry.content or b"" for name, entry in entries.items()}
