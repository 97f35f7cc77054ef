"""Where things live inside a case-file bundle (the paths are part of the format)."""

from __future__ import annotations

FORMAT = "qarina-casefile/1"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
GUIDE = "VERIFY.md"
CHECKPOINT = "custody/checkpoint.note"
VERIFIER_KEY = "custody/verifier.key"
EVENTS = "custody/events.jsonl"
PROOFS = "custody/proofs.json"
TIMESTAMPS = "custody/timestamps/"
REPORT_HTML = "report/report.html"
REPORT_PDF = "report/report.pdf"
TIMELINE = "report/timeline.svg"
MAP = "report/map.svg"
CASE_JSON = "data/case.json"
INCIDENTS_JSON = "data/incidents.json"
INCIDENTS_CSV = "data/incidents.csv"
INCIDENTS_GEOJSON = "data/incidents.geojson"
MATRIX_CSV = "data/matrix.csv"
INDEX_CSV = "data/evidence_index.csv"
INDEX_JSON = "data/evidence_index.json"
UNLISTED = frozenset({MANIFEST, SUMS})
"""Files that the manifest does not list (the manifest itself, and the sums over it)."""

_EXTENSIONS = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".xhtml",
    "application/pdf": ".pdf",
    "application/json": ".json",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/tiff": ".tif",
}


def hex_of_ref(sha256: str) -> str:
    """``sha256:<hex>`` → ``<hex>``."""
    return sha256.split(":", 1)[-1]


def original_path(sha256: str, mime: str) -> str:
    """Where an original is stored: ``originals/<hex><ext>``."""
    return f"originals/{hex_of_ref(sha256)}{_EXTENSIONS.get(mime, '.bin')}"


def redacted_path(sha256: str) -> str:
    """Where the redacted derivative of a protected original is stored."""
    return f"redacted/{hex_of_ref(sha256)}.txt"


def derivative_path(item_sha256: str, name: str) -> str:
    """Where a derivative of an item is stored."""
    return f"derivatives/{hex_of_ref(item_sha256)}/{name}"


def timestamp_path(number: int, authority: str) -> str:
    """Where a time-stamp token is stored (``authority`` is made path-safe)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in authority)[:60] or "tsa"
    return f"{TIMESTAMPS}{number:02d}-{safe}.tsr"
