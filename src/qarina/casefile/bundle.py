"""Building a case-file bundle: every file, the manifest over them, and the ZIP.

The bundle is a pure function of :class:`CaseFileInput`: nothing here reads a clock or
a random source, entries are sorted, and the ZIP is deterministic, so the same
workspace state always gives the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from qarina.casefile import layout
from qarina.casefile.archive import build_zip
from qarina.casefile.contents import CaseFileInput
from qarina.casefile.exports import (
    INCIDENT_COLUMNS,
    INDEX_COLUMNS,
    MATRIX_COLUMNS,
    dump_csv,
    dump_json,
    evidence_index,
    incident_rows,
    incidents_geojson,
    matrix_rows,
)
from qarina.casefile.guide import GUIDE
from qarina.casefile.map_svg import render_map_svg
from qarina.casefile.report_html import render_report_html
from qarina.casefile.report_pdf import render_pdf
from qarina.casefile.timeline_chart import render_timeline_svg

_ROLES = (
    ("originals/", "original"),
    ("redacted/", "redacted-derivative"),
    ("derivatives/", "derivative"),
    ("custody/", "custody"),
    ("report/", "report"),
    ("data/", "data"),
)


def digest(data: bytes) -> str:
    """``sha256:<hex>`` of bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def role_of(path: str) -> str:
    """What a bundle file is, from its folder."""
    return next((role for prefix, role in _ROLES if path.startswith(prefix)), "guide")


def evidence_files(data: CaseFileInput) -> dict[str, bytes]:
    """Originals (or redacted derivatives for protected items) and derivatives."""
    files: dict[str, bytes] = {}
    protected = {item.sha256 for item in data.items if item.protected}
    for item in data.items:
        if item.redacted_sha256 is not None:
            files[layout.redacted_path(item.sha256)] = data.read_blob(item.redacted_sha256)
        else:
            files[layout.original_path(item.sha256, item.mime)] = data.read_blob(item.sha256)
    for derivative in data.derivatives:
        if derivative.item_sha256 not in protected:
            path = layout.derivative_path(derivative.item_sha256, f"{derivative.id}.json")
            files[path] = dump_json(
                {
                    "id": derivative.id,
                    "item": derivative.item_sha256,
                    "kind": derivative.kind,
                    "processor": derivative.processor,
                    "content": dict(derivative.content),
                }
            )
    for document in data.documents:
        if document.item_sha256 not in protected:
            path = layout.derivative_path(document.item_sha256, f"text-{document.id}.txt")
            files[path] = document.text.encode("utf-8")
    return files


def custody_files(data: CaseFileInput) -> dict[str, bytes]:
    """Checkpoint, key, events, proofs and time-stamp tokens."""
    custody = data.custody
    leaves = sorted(custody.leaves)
    proofs = [
        {
            "index": index,
            "leaf_hash": hashlib.sha256(b"\x00" + raw).hexdigest(),
            "hashes": [h.hex() for h in custody.proofs[index]],
        }
        for index, raw in leaves
    ]
    files = {
        layout.CHECKPOINT: custody.checkpoint_note.encode("utf-8"),
        layout.VERIFIER_KEY: (custody.verifier_key + "\n").encode("ascii"),
        layout.EVENTS: b"".join(raw + b"\n" for _, raw in leaves),
        layout.PROOFS: dump_json({"size": custody.size, "proofs": proofs}),
    }
    for number, token in enumerate(custody.timestamps, start=1):
        path = layout.timestamp_path(number, token.authority)
        files[path] = token.token
        files[path.removesuffix(".tsr") + ".pem"] = token.chain_pem
    return files


def item_pages(data: CaseFileInput) -> dict[str, int | None]:
    """Page counts recorded by extraction (``pages`` in a derivative's content)."""
    pages: dict[str, int | None] = {}
    for derivative in data.derivatives:
        value = derivative.content.get("pages")
        if isinstance(value, int) and derivative.kind == "metadata":
            pages[derivative.item_sha256] = value
    return pages


def data_files(data: CaseFileInput, index: list[dict[str, Any]]) -> dict[str, bytes]:
    """JSON, CSV and GeoJSON exports."""
    case = {
        "case": dict(data.case),
        "charges": [c.as_json() for c in data.charges],
        "links": [x.as_json() for x in data.links],
        "suggestions": [dict(s) for s in data.suggestions],
        "matrix": matrix_rows(data),
    }
    return {
        layout.CASE_JSON: dump_json(case),
        layout.INCIDENTS_JSON: dump_json(list(data.incidents)),
        layout.INCIDENTS_CSV: dump_csv(INCIDENT_COLUMNS, incident_rows(data)),
        layout.INCIDENTS_GEOJSON: dump_json(incidents_geojson(data)),
        layout.MATRIX_CSV: dump_csv(MATRIX_COLUMNS, matrix_rows(data)),
        layout.INDEX_CSV: dump_csv(INDEX_COLUMNS, index),
        layout.INDEX_JSON: dump_json(index),
    }


def report_files(data: CaseFileInput, index: list[dict[str, Any]]) -> dict[str, bytes]:
    """Timeline, map, HTML report and its PDF."""
    figures = {
        layout.TIMELINE: render_timeline_svg(data.incidents),
        layout.MAP: render_map_svg(data.incidents, data.coordinates, data.landmarks),
    }
    processors = sorted(
        {d.processor for d in data.derivatives} | {d.processor for d in data.documents}
    )
    html = render_report_html(data, {p: digest(b) for p, b in figures.items()}, index, processors)
    html_bytes = html.encode("utf-8")
    return {
        **figures,
        layout.REPORT_HTML: html_bytes,
        layout.REPORT_PDF: render_pdf(html, figures),
    }


def manifest_of(data: CaseFileInput, files: Mapping[str, bytes]) -> dict[str, Any]:
    """The manifest: format, case, checkpoint, every file with digest and size, withheld."""
    note_text = data.custody.checkpoint_note.split("\n\n", 1)[0].split("\n")
    return {
        "format": layout.FORMAT,
        "tool": data.tool,
        "case": {"id": data.case["id"], "title": data.case["title"]},
        "checkpoint": {
            "origin": note_text[0],
            "size": data.custody.size,
            "root": note_text[2],
            "note_sha256": digest(files[layout.CHECKPOINT]),
        },
        "files": [
            {
                "path": path,
                "sha256": digest(files[path]),
                "size": len(files[path]),
                "role": role_of(path),
            }
            for path in sorted(files)
        ],
        "withheld": [
            {
                "sha256": item.sha256,
                "reason": "identifies protected persons",
                "redacted_sha256": item.redacted_sha256,
                "redacted_path": layout.redacted_path(item.sha256),
            }
            for item in data.items
            if item.protected
        ],
    }


def sha256sums(files: Mapping[str, bytes]) -> bytes:
    """``sha256sum`` lines for ``files`` (sorted by path)."""
    return "".join(f"{hashlib.sha256(files[p]).hexdigest()}  {p}\n" for p in sorted(files)).encode(
        "utf-8"
    )


def bundle_files(data: CaseFileInput) -> dict[str, bytes]:
    """Every file of the bundle by path, manifest and sums included."""
    index = evidence_index(data, item_pages(data))
    files = {
        layout.GUIDE: GUIDE.encode("utf-8"),
        **evidence_files(data),
        **custody_files(data),
        **data_files(data, index),
        **report_files(data, index),
    }
    files[layout.MANIFEST] = dump_json(manifest_of(data, files))
    files[layout.SUMS] = sha256sums(files)
    return files


def build_bundle(data: CaseFileInput) -> bytes:
    """The ZIP bytes of the case file."""
    return build_zip(bundle_files(data))
