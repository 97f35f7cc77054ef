"""A scanned bundle as a read-only mapping: every file's digest and size, and the bytes
of everything but the originals (which are hashed as they stream by)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping

from qarina.casefile.archive import Entry


class BundleFiles(Mapping[str, bytes]):
    """The scanned bundle: every file's digest and size; content of all but originals."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = entries

    def __getitem__(self, path: str) -> bytes:
        content = self.entries[path].content
        if content is None:
            raise KeyError(f"{path} was streamed, not kept")
        return content

    def __contains__(self, path: object) -> bool:
        return path in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def digest(self, path: str) -> str:
        """``sha256:<hex>`` of a file of the bundle."""
        return self.entries[path].sha256

    def size(self, path: str) -> int:
        """Size in bytes of a file of the bundle."""
        return self.entries[path].size


def digest_of(data: bytes) -> str:
    """``sha256:<hex>`` of bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()
