"""What a file is: its MIME type detected from content (libmagic), next to the claimed one.

The claimed type comes from the file name's extension (Python's built-in table, never
the machine's ``/etc/mime.types``, so the answer is the same everywhere). The detected
type is the one we trust: a binary file named ``.txt`` is ``application/octet-stream``.
"""

from __future__ import annotations

import mimetypes
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import magic

from qarina.core.errors import InputError

EMPTY_MIME = "application/x-empty"
OCTET_STREAM = "application/octet-stream"

# Types Python's table lacks or names differently from libmagic.
_EXTRA_TYPES = {
    ".jsonl": "application/jsonl",
    ".ndjson": "application/jsonl",
    ".md": "text/markdown",
    ".warc": "application/warc",
    ".wacz": "application/wacz",
    ".heic": "image/heic",
    ".webp": "image/webp",
}
# libmagic spellings that we map to one canonical name.
_CANONICAL = {
    "inode/x-empty": EMPTY_MIME,
    "application/x-empty": EMPTY_MIME,
    "text/xml": "application/xml",
    "image/x-ms-bmp": "image/bmp",
    "application/x-ndjson": "application/jsonl",
}


@dataclass(frozen=True, slots=True)
class Identification:
    """The detected MIME type of a file, the type its name claims, and its extension."""

    mime: str
    claimed_mime: str | None
    extension: str
    size: int = 0
    description: str = ""  # libmagic's words for non-text files ("Zip archive data, ...")

    @property
    def is_empty(self) -> bool:
        """True for a zero-byte file."""
        return self.mime == EMPTY_MIME

    @property
    def matches_claim(self) -> bool:
        """False when content and name disagree on the kind (major type) of file."""
        if self.claimed_mime is None:
            return True
        return self.mime.split("/", 1)[0] == self.claimed_mime.split("/", 1)[0]


class _Magic:
    """One libmagic handle per thread (a libmagic cookie is not thread-safe)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _handles(self) -> tuple[magic.Magic, magic.Magic]:
        handles = getattr(self._local, "handles", None)
        if handles is None:
            handles = (magic.Magic(mime=True), magic.Magic())
            self._local.handles = handles
        return handles

    def describe(self, path: Path) -> tuple[str, str]:
        """The MIME type and the human description libmagic gives for ``path``.

        The description is asked for only when the type is not text: a second pass over
        text costs as much as the first (about 1 ms) and ``text/plain`` says enough.
        """
        by_mime, by_text = self._handles()
        mime = str(by_mime.from_file(str(path)))
        description = "" if mime.startswith("text/") else str(by_text.from_file(str(path)))
        return mime, description


@lru_cache(maxsize=1)
def _magic() -> _Magic:
    return _Magic()


@lru_cache(maxsize=1)
def _mime_table() -> mimetypes.MimeTypes:
    table = mimetypes.MimeTypes()
    for extension, mime in _EXTRA_TYPES.items():
        table.add_type(mime, extension)
    return table


def claimed_mime_of(name: str) -> str | None:
    """The MIME type a file name claims by its extension (None when unknown)."""
    mime, _encoding = _mime_table().guess_type(name.lower(), strict=False)
    return mime


def identify(path: Path | str, original_name: str | None = None) -> Identification:
    """Detect the MIME type of ``path`` from its content and compare with its name.

    ``original_name`` is the name the file arrived with, when the stored copy is named
    by its digest; the extension and claimed type come from it when given.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise InputError(f"{path.name} is not a regular file")
    name = original_name or path.name
    extension = Path(name).suffix.lower()
    if size == 0:
        return Identification(EMPTY_MIME, claimed_mime_of(name), extension, 0, "empty")
    try:
        mime, description = _magic().describe(path)
    except (OSError, magic.MagicException) as exc:
        raise InputError(f"cannot detect the type of {path.name}: {exc}") from exc
    mime = _CANONICAL.get(mime, mime)
    return Identification(mime, claimed_mime_of(name), extension, size, description)
