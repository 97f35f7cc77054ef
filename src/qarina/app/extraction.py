"""Extraction outside a workspace: the ``qarina extract`` contract over JSONL and files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from qarina.core.errors import InputError
from qarina.ingest.identify import identify
from qarina.ingest.language import detect_language
from qarina.ingest.registry import default_registry


def extract_lines(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """One contract object per input line; a bad line gives an ``error`` object instead."""
    from qarina.extract.document import extract_document

    for line_no, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            doc = _parse(raw, line_no)
            yield extract_document(doc)
        except InputError as exc:
            yield {"id": None, "line": line_no, "error": str(exc)}
        except Exception as exc:  # one document's failure must not stop the others
            yield {
                "id": _id_of(raw),
                "line": line_no,
                "error": f"extraction failed: {type(exc).__name__}: {exc}",
            }


def _parse(raw: bytes, line_no: int) -> dict[str, Any]:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"line {line_no}: not valid UTF-8 (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"line {line_no}: invalid JSON: {exc.msg}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        raise InputError(f'line {line_no}: a JSON object with a "text" string is expected')
    return doc


def _id_of(raw: bytes) -> Any:
    try:
        return json.loads(raw).get("id")
    except (ValueError, AttributeError):
        return None


def extract_file(path: Path) -> dict[str, Any]:
    """Read a file's text with the ingest formats and extract from it."""
    from qarina.extract.document import extract_document

    identification = identify(path, original_name=path.name)
    extraction = default_registry().choose(identification).extract(path)
    if not extraction.has_text:
        raise InputError(f"{path}: no text to extract from ({identification.mime})")
    text = extraction.text or ""
    doc = {
        "id": str(path),
        "text": text,
        "title": extraction.title,
        "publisher": extraction.publisher,
        "published": extraction.published,
        "language": extraction.language or detect_language(text),
    }
    return extract_document(doc)
