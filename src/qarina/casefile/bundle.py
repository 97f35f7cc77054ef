"""Building a case-file bundle: every file, the manifest over them, and the ZIP.

The bundle is a pure function of :class:`CaseFileInput`: nothing here reads a clock or
a random source, entries are sorted, and the ZIP is deterministic, so the same
workspace state always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from typing import Any, BinaryIO

from qarina.casefile import layout
from qarina.casefile.archive import Source, write_zip
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


@dataclass(frozen=True, slots=True)
class Streamed:
    """An original copied from the blob store while the ZIP is written (never in memory)."""

    sha256: str
    size: int
    open: Callable[[], BinaryIO]


def originals(data: CaseFileInput) -> dict[str, Streamed]:
    """The originals of the items that are not protected, by bundle path."""
    return {
        layout.original_path(item.sha256, item.mime): Streamed(
            item.sha256, item.size, partial(data.open_blob, item.sha256)
        )
        for item in data.items
        if not item.protected
    }


def evidence_files(data: CaseFileInput) -> dict[str, bytes]:
    """Redacted derivatives of protected items, and the derivatives of the others."""
    files: dict[str, bytes] = {}
    protected = {item.sha256 for item in data.items if item.protected}
    for item in data.items:
        if item.redacted_sha256 is not None:
            with data.open_blob(item.redacted_sha256) as stream:
                files[layout.redacted_path(item.sha256)] = stream.read()
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


def rendering_tools() -> list[str]:
    """``name@version`` of the libraries that draw the report (they shape its bytes)."""
    tools = []
    for name in ("weasyprint", "matplotlib", "pydyf", "fonttools"):
        try:
            tools.append(f"{name}@{metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return tools


def report_files(data: CaseFileInput, index: list[dict[str, Any]]) -> dict[str, bytes]:
    """Timeline, map, HTML report and its PDF."""
    figures = {
        layout.TIMELINE: render_timeline_svg(data.incidents),
        layout.MAP: render_map_svg(data.incidents, data.coordinates, data.landmarks),
    }
    processors = sorted(
        {d.processor for d in data.derivatives}
        | {d.processor for d in data.documents}
        | set(rendering_tools())
    )
    html = render_report_html(data, {p: digest(b) for p, b in figures.items()}, index, processors)
    html_bytes = html.encode("utf-8")
    return {
        **figures,
        layout.REPORT_HTML: html_bytes,
        layout.REPORT_PDF: render_pdf(html, figures),
    }


Digests = Mapping[str, tuple[str, int]]
"""Bundle path → (``sha256:<hex>``, size)."""


def digests_of(
    files: Mapping[str, bytes], streamed: Mapping[str, Streamed]
) -> dict[str, tuple[str, int]]:
    """Digest and size of every file, in memory or streamed."""
    found = {path: (digest(content), len(content)) for path, content in files.items()}
    found.update({path: (s.sha256, s.size) for path, s in streamed.items()})
    return found


def manifest_of(data: CaseFileInput, digests: Digests) -> dict[str, Any]:
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
            "note_sha256": digests[layout.CHECKPOINT][0],
        },
        "files": [
            {"path": path, "sha256": sha, "size": size, "role": role_of(path)}
            for path, (sha, size) in sorted(digests.items())
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


def sha256sums(digests: Digests) -> bytes:
    """``sha256sum`` lines for every file (sorted by path)."""
    lines = (
        f"{sha.removeprefix('sha256:')}  {path}\n" for path, (sha, _) in sorted(digests.items())
    )
    return "".join(lines).encode("utf-8")


def assemble(data: CaseFileInput) -> tuple[dict[str, bytes], dict[str, Streamed]]:
    """Every file of the bundle: those built in memory (manifest and sums included) and
    the originals to stream."""
    index = evidence_index(data, item_pages(data))
    files = {
        layout.GUIDE: GUIDE.encode("utf-8"),
        **evidence_files(data),
        **custody_files(data),
        **data_files(data, index),
        **report_files(data, index),
    }
    streamed = originals(data)
    files[layout.MANIFEST] = dump_json(manifest_of(data, digests_of(files, streamed)))
    files[layout.SUMS] = sha256sums(digests_of(files, streamed))
    return files, streamed


def write_bundle(data: CaseFileInput, out: BinaryIO) -> None:
    """Write the case file as a ZIP to the seekable ``out``; originals are streamed and
    re-hashed on the way (``IntegrityError`` if the blob store no longer matches)."""
    files, streamed = assemble(data)
    sources: dict[str, Source] = {**files, **{p: s.open for p, s in streamed.items()}}
    write_zip(out, sources, {p: s.sha256 for p, s in streamed.items()})


def bundle_files(data: CaseFileInput) -> dict[str, bytes]:
    """Every file of the bundle in memory (for small bundles and tests)."""
    files, streamed = assemble(data)
    for path, source in streamed.items():
        with source.open() as stream:
            files[path] = stream.read()
    return files


def build_bundle(data: CaseFileInput) -> bytes:
    """The ZIP bytes of the case file."""
    buffer = io.BytesIO()
    write_bundle(data, buffer)
    return buffer.getvalue()
