"""Deterministic ZIP archives: same files in, same bytes out.

Entries are sorted by name, carry a fixed timestamp (1980-01-01, the ZIP epoch), fixed
permissions and no extra fields, and are compressed with DEFLATE at a fixed level.
Reading refuses names that could escape a folder when extracted, and duplicates.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import PurePosixPath

from qarina.core.errors import InputError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16
COMPRESS_LEVEL = 9
MAX_ENTRIES = 200_000
MAX_TOTAL_BYTES = 4 << 30  # bundles are checked in memory
MAX_RATIO = 1000  # a larger expansion is a ZIP bomb, not a case file


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


def build_zip(files: Mapping[str, bytes]) -> bytes:
    """The ZIP archive of ``files`` (name → bytes), deterministically."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            if not is_safe_name(name):
                raise InputError(f"unsafe file name in bundle: {name!r}")
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = FILE_MODE
            info.create_system = 3  # Unix, so the mode above is meaningful everywhere
            archive.writestr(info, files[name], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise InputError(f"archive expands to {total} bytes, more than {MAX_TOTAL_BYTES}")
    for info in infos:
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{info.filename!r} expands more than {MAX_RATIO}-fold (ZIP bomb?)")


def read_zip(data: bytes) -> dict[str, bytes]:
    """Every file of a ZIP archive; ``InputError`` for unreadable, unsafe or duplicate names."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(f"not a readable ZIP archive: {exc}") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"archive has more than {MAX_ENTRIES} entries")
        _check_sizes(infos)
        files: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            if not is_safe_name(info.filename):
                raise InputError(f"archive holds an unsafe file name: {info.filename!r}")
            if info.filename in files:
                raise InputError(f"archive holds {info.filename!r} twice")
            try:
                files[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                raise InputError(f"cannot read {info.filename!r} from the archive: {exc}") from exc
    return files
