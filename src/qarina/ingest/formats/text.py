"""Plain text originals: encoding detection, then the stored text form."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from qarina.core.errors import InputError
from qarina.ingest.contract import Accepts, Extraction
from qarina.ingest.encoding import decode_bytes
from qarina.ingest.language import detect_language
from qarina.ingest.normalise import normalise_text
from qarina.ingest.original import read_original

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class TextIngestor:
    """Plain text in UTF-8, UTF-16/32 (with BOM), Windows Arabic (cp1256) or Latin-1."""

    name: ClassVar[str] = "text"
    version: ClassVar[str] = "1"
    accepts: ClassVar[Accepts] = Accepts(
        mime_types={
            "text/plain": 30,
            "text/markdown": 30,
            "text/csv": 20,
            "text/*": 10,
            "application/json": 10,
            "application/jsonl": 10,
            "application/xml": 6,
        },
        extensions={".txt": 20, ".text": 20, ".md": 10, ".csv": 5, ".json": 5, ".jsonl": 5},
    )

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes

    def extract(self, path: Path) -> Extraction:
        """Decode the file and return its text with the encoding that was used."""
        data = read_original(path, self.max_bytes)
        decoded = decode_bytes(data)
        text, dropped = normalise_text(decoded.text)
        warnings = list(decoded.warnings)
        if dropped:
            warnings.append(f"{dropped} control character(s) removed")
        if not text.strip():
            raise InputError(f"{path.name} contains only whitespace: there is no text to read")
        return Extraction(
            processor=f"{self.name}@{self.version}",
            text=text,
            metadata={"encoding": decoded.encoding, "bytes": len(data)},
            language=detect_language(text),
            warnings=tuple(warnings),
        )
