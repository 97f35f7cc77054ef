"""HTML pages: main content without boilerplate (trafilatura), title, site, date.

The publication date is read from the page's markup and metadata only (htmldate with
``extensive_search`` off), never guessed from dates in the article text. Scripts,
styles and event-handler attributes never reach the text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from trafilatura import bare_extraction
from trafilatura.settings import Document as TrafilaturaDocument

from qarina.ingest.contract import Accepts, Extraction
from qarina.ingest.encoding import decode_bytes
from qarina.ingest.formats.html_fallback import (
    declared_charset,
    declared_language,
    fallback_text,
    strip_xml_declaration,
)
from qarina.ingest.language import detect_language
from qarina.ingest.normalise import normalise_text
from qarina.ingest.original import read_original

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Inert or invisible markup that trafilatura would otherwise keep as text.
_PRUNED = ["//template", "//noscript", "//script", "//style"]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_METADATA_FIELDS = ("url", "hostname", "author", "description", "categories", "tags", "license")


def iso_date(value: str | None) -> str | None:
    """``value`` when it is a real calendar date written ``YYYY-MM-DD``, else None."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text, _dropped = normalise_text(value)
    text = " ".join(text.split())
    return text or None


class HTMLIngestor:
    """Web pages saved as HTML or XHTML."""

    name: ClassVar[str] = "html"
    version: ClassVar[str] = "1"
    accepts: ClassVar[Accepts] = Accepts(
        mime_types={
            "text/html": 60,
            "application/xhtml+xml": 60,
            "text/plain": 5,
            "application/xml": 5,  # XHTML with an XML declaration; the extension decides
        },
        extensions={".html": 40, ".htm": 40, ".xhtml": 40, ".shtml": 30},
    )

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, fast: bool = False) -> None:
        """``fast`` skips trafilatura's second opinion (readability), about 0.5 ms a page."""
        self.max_bytes = max_bytes
        self.fast = fast

    def extract(self, path: Path) -> Extraction:
        """Main text and page metadata; a page without readable text yields ``text=None``."""
        data = read_original(path, self.max_bytes)
        decoded = decode_bytes(data, declared=declared_charset(data))
        html = strip_xml_declaration(decoded.text)
        warnings = list(decoded.warnings)
        page = bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
            prune_xpath=_PRUNED,
            fast=self.fast,
        )
        document = page if isinstance(page, TrafilaturaDocument) else None
        raw = document.text if document is not None and document.text else ""
        if not raw.strip():
            raw = fallback_text(html)
            if raw:
                warnings.append("no main content found; kept all visible text of the page")
        text, dropped = normalise_text(raw)
        if dropped:
            warnings.append(f"{dropped} control character(s) removed")
        if not text.strip():
            warnings.append("the page has no readable text")
        metadata: dict[str, Any] = {"encoding": decoded.encoding}
        declared = declared_language(html)
        if declared:
            metadata["declared_language"] = declared
        return self._extraction(text.strip() or None, document, metadata, warnings)

    def _extraction(
        self,
        text: str | None,
        document: TrafilaturaDocument | None,
        metadata: dict[str, Any],
        warnings: list[str],
    ) -> Extraction:
        """Text detected language first; the page's own ``lang`` when the text is too short."""
        if document is not None:
            for key in _METADATA_FIELDS:
                value = getattr(document, key, None)
                if isinstance(value, list):
                    value = [v for v in (_clean(item) for item in value) if v]
                else:
                    value = _clean(value)
                if value:
                    metadata[key] = value
        return Extraction(
            processor=f"{self.name}@{self.version}",
            text=text,
            metadata=metadata,
            title=_clean(document.title) if document else None,
            publisher=_clean(document.sitename) if document else None,
            published=iso_date(document.date) if document else None,
            language=(detect_language(text) if text else None) or metadata.get("declared_language"),
            warnings=tuple(warnings),
        )
