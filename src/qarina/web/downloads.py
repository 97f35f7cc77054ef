"""Originals leave as downloads: a neutral content type, attachment disposition, no sniffing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from fastapi.responses import FileResponse

_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def download_response(path: Path, name: str, sha256: str) -> FileResponse:
    """The stored original as ``application/octet-stream`` with its original name."""
    fallback = _ASCII_SAFE.sub("_", name).strip("._") or "original"
    disposition = f"attachment; filename=\"{fallback[:100]}\"; filename*=UTF-8''{quote(name)}"
    return FileResponse(
        path,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": disposition,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "X-Qarina-SHA256": sha256,
        },
    )
