"""PDF originals: the text layer (pypdf, which keeps Arabic in logical order).

Each page's lines are reflowed into paragraphs (one per line, pages separated by a
blank line) unless the ingestor is built with ``reflow=False``.

An encrypted PDF that opens with the empty password (owner restrictions only) is read;
one that needs a password, and a damaged one, raise ``InputError`` with the reason, and
the caller keeps the original as opaque. A PDF without a text layer (a scan) returns
``text=None`` with a warning that OCR is needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pypdf import PasswordType, PdfReader

from qarina.core.errors import InputError
from qarina.ingest.contract import Accepts, Extraction
from qarina.ingest.formats.pdf_layout import reflow_page
from qarina.ingest.language import detect_language
from qarina.ingest.normalise import normalise_text
from qarina.ingest.original import check_original

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_MAX_PAGES = 5000
PAGE_SEPARATOR = "\n\n"


def _open(path: Path) -> PdfReader:
    # pypdf raises many exception types on malformed files (its own, ValueError,
    # KeyError, RecursionError...): every one of them means "this PDF is damaged".
    try:
        reader = PdfReader(path, strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise InputError(f"{path.name} is not a readable PDF: {_reason(exc)}") from exc
    if encrypted:
        _decrypt(path, reader)
    return reader


def _decrypt(path: Path, reader: PdfReader) -> None:
    try:
        result = reader.decrypt("")
    except Exception as exc:
        raise InputError(
            f"{path.name} is an encrypted PDF that cannot be opened: {_reason(exc)}"
        ) from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise InputError(
            f"{path.name} is an encrypted PDF that needs a password to read",
            hint="the original is kept as is; ingest a decrypted copy to get its text",
        )


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return text or type(exc).__name__


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text, _dropped = normalise_text(value)
    return " ".join(text.split())[:1000] or None


def _document_info(reader: PdfReader, warnings: list[str]) -> dict[str, Any]:
    info: dict[str, Any] = {}
    try:
        meta = reader.metadata
        if meta is None:
            return info
        for key, value in (
            ("title", meta.title),
            ("author", meta.author),
            ("subject", meta.subject),
            ("creator", meta.creator),
            ("producer", meta.producer),
        ):
            cleaned = _clean(value)
            if cleaned:
                info[key] = cleaned
        created = meta.creation_date
        if created is not None:
            info["created"] = created.date().isoformat()
    except Exception as exc:  # a malformed info dictionary must not lose the text
        warnings.append(f"document information unreadable: {_reason(exc)}")
    return info


class PDFIngestor:
    """PDF documents with a text layer."""

    name: ClassVar[str] = "pdf"
    version: ClassVar[str] = "1"
    accepts: ClassVar[Accepts] = Accepts(
        mime_types={"application/pdf": 60, "application/x-pdf": 60},
        extensions={".pdf": 20},
    )

    def __init__(
        self,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pages: int = DEFAULT_MAX_PAGES,
        reflow: bool = True,
    ) -> None:
        """``reflow`` joins wrapped lines into paragraphs (see ``pdf_layout``)."""
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.reflow = reflow

    def extract(self, path: Path) -> Extraction:
        """Text of every page, joined by a blank line; page start offsets in metadata."""
        check_original(path, self.max_bytes)
        reader = _open(path)
        warnings: list[str] = []
        try:
            page_count = len(reader.pages)
        except Exception as exc:
            raise InputError(f"{path.name} is a damaged PDF: {_reason(exc)}") from exc
        metadata = _document_info(reader, warnings)
        text, starts = self._pages_text(reader, page_count, warnings)
        metadata.update({"pages": page_count, "page_starts": starts, "reflowed": self.reflow})
        if not text:
            warnings.append("the PDF has no text layer (a scan?): OCR is needed to read it")
        return Extraction(
            processor=f"{self.name}@{self.version}",
            text=text or None,
            metadata=metadata,
            title=metadata.get("title"),
            language=detect_language(text) if text else None,
            warnings=tuple(warnings),
        )

    def _pages_text(
        self, reader: PdfReader, page_count: int, warnings: list[str]
    ) -> tuple[str, list[int]]:
        parts: list[str] = []
        starts: list[int] = []
        offset = 0
        if page_count > self.max_pages:
            warnings.append(f"only the first {self.max_pages} of {page_count} pages were read")
        for number in range(min(page_count, self.max_pages)):
            try:
                raw = reader.pages[number].extract_text() or ""
            except Exception as exc:  # one broken page must not lose the others
                warnings.append(f"page {number + 1} unreadable: {_reason(exc)}")
                raw = ""
            page_text = normalise_text(raw)[0]
            page_text = (reflow_page(page_text) if self.reflow else page_text).strip()
            if parts and page_text:
                offset += len(PAGE_SEPARATOR)
            starts.append(offset)
            if page_text:
                parts.append(page_text)
                offset += len(page_text)
        return PAGE_SEPARATOR.join(parts), starts
