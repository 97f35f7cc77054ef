"""Anything no other ingestor reads: recorded as an opaque original, not a failure."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from qarina.core.errors import InputError
from qarina.ingest.contract import Accepts, Extraction


class OpaqueIngestor:
    """Keeps the original as is: no text, only its size (the lead stores type and hashes)."""

    name: ClassVar[str] = "opaque"
    version: ClassVar[str] = "1"
    accepts: ClassVar[Accepts] = Accepts(mime_types={"*/*": 1})

    def extract(self, path: Path) -> Extraction:
        """An extraction without text; an empty file is noted in the warnings."""
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
        warnings = ("the file is empty (0 bytes)",) if size == 0 else ()
        return Extraction(
            processor=f"{self.name}@{self.version}",
            text=None,
            metadata={"bytes": size},
            warnings=warnings,
        )
