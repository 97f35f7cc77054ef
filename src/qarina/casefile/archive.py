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
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
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
DOS_DATE, DOS_TIME = 33, 0  # 1980-01-01 00:00:00 in MS-DOS form
CENTRAL_RECORD = struct.Struct("<4s4B4HL2L5HLL")  # APPNOTE 4.3.12, as zipfile packs it
END_RECORD = struct.Struct("<4s4H2LH")  # APPNOTE 4.3.16
ZIP64_LIMIT = (1 << 31) - 1
MAX_PLAIN_ENTRIES = (1 << 16) - 1
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    KeyError,
    RuntimeError,  # encrypted entries
    NotImplementedError,  # unsupported compression
    zlib.error,
    struct.error,
)
"""What reading a damaged or hostile ZIP can raise (turned into ``InputError``)."""

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


def _entry(name: str) -> zipfile.ZipInfo:
    if not is_safe_name(name):
        raise InputError(f"unsafe file name in bundle: {name!r}")
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    stored = name.startswith(STREAMED)  # originals: verbatim bytes
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE
    info.create_system = 3  # Unix, so the mode above is meaningful everywhere
    return info


def _stream(
    archive: zipfile.ZipFile, name: str, opener: Callable[[], BinaryIO], expected: str | None
) -> None:
    digest = hashlib.sha256()
    entry = _entry(name)
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
            if isinstance(source, bytes) and name.startswith(STREAMED):
                _stream(archive, name, partial(io.BytesIO, source), expected.get(name))
            elif isinstance(source, bytes):
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
    except ZIP_ERRORS as exc:
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
            except ZIP_ERRORS as exc:
                raise InputError(f"cannot read {info.filename!r} from the archive: {exc}") from exc
    return entries


def read_zip(data: bytes) -> dict[str, bytes]:
    """Every file of a small ZIP archive, in memory (``InputError`` when unreadable)."""
    entries = scan_zip(io.BytesIO(data), keep_all=True)
    return {name: entry.content or b"" for name, entry in entries.items()}


def _expected_entry(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The entry Qarina's writer makes for this name, CRC and sizes."""
    entry = _entry(info.filename)
    entry.CRC, entry.compress_size, entry.file_size = info.CRC, info.compress_size, info.file_size
    return entry


def _central_record(entry: zipfile.ZipInfo, offset: int) -> bytes:
    """A central-directory record as CPython's ``zipfile`` writes it (no ZIP64 needed)."""
    try:
        filename, flags = entry.filename.encode("ascii"), entry.flag_bits
    except UnicodeEncodeError:
        filename, flags = entry.filename.encode("utf-8"), entry.flag_bits | 0x800
    fields = (
        (entry.create_version, entry.create_system, entry.extract_version, entry.reserved),
        (flags, entry.compress_type, DOS_TIME, DOS_DATE, entry.CRC),
        (entry.compress_size, entry.file_size, len(filename), 0, 0, 0, entry.internal_attr),
        (entry.external_attr, offset),
    )
    flat = [value for group in fields for value in group]
    return CENTRAL_RECORD.pack(b"PK\x01\x02", *flat) + filename


def _ends_cleanly(stream: BinaryIO, info: zipfile.ZipInfo) -> bool:
    """True when the deflate stream at the current position ends exactly at its last byte
    (a flipped final-block bit, or bytes after the end, would otherwise go unseen)."""
    decoder = zlib.decompressobj(-15)
    left = info.compress_size
    while left > 0:
        chunk = stream.read(min(CHUNK, left))
        if not chunk:
            return False
        left -= len(chunk)
        decoder.decompress(chunk)
        if decoder.unused_data:
            return False
    return decoder.eof and not decoder.unused_data


def _expected_layout(stream: BinaryIO, infos: list[zipfile.ZipInfo]) -> list[str]:
    """Compare every header byte with what Qarina's writer makes; list the differences."""
    problems: list[str] = []
    offset, central = 0, b""
    for info in infos:
        entry = _expected_entry(info)
        header = entry.FileHeader(True if info.filename.startswith(STREAMED) else None)
        stream.seek(offset)
        if info.header_offset != offset or stream.read(len(header)) != header:
            problems.append(f"{info.filename}: local header is not canonical")
        elif info.compress_type == zipfile.ZIP_DEFLATED and not _ends_cleanly(stream, info):
            problems.append(f"{info.filename}: compressed data does not end where it should")
        central += _central_record(entry, offset)
        offset += len(header) + info.compress_size
    if offset > ZIP64_LIMIT or len(infos) > MAX_PLAIN_ENTRIES:
        return problems  # ZIP64 end records: headers checked, end records not compared
    end = END_RECORD.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(central), offset, 0)
    stream.seek(offset)
    if stream.read() != central + end:
        problems.append("the central directory or end record is not canonical")
    return problems


def container_problems(stream: BinaryIO) -> list[str]:
    """Ways in which a ZIP is not byte-for-byte the form Qarina writes (empty when it is)."""
    try:
        return _container_problems(stream)
    except ZIP_ERRORS as exc:
        return [f"the ZIP container cannot be read: {exc}"]


def _container_problems(stream: BinaryIO) -> list[str]:
    """Content is checked by digests elsewhere; this covers the container's own bytes: the
    archive must be exactly the headers, directory and end record Qarina's writer makes
    for these names, CRCs and sizes (sorted entries, fixed times, modes and methods, no
    comment, nothing before or after). Only deflate's unused padding bits escape this.
    """
    with zipfile.ZipFile(stream) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    if names != sorted(names) or len(set(names)) != len(names):
        return ["entries are not in sorted order, or repeat"]
    return _expected_layout(stream, infos)
