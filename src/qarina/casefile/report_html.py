"""The case report as one self-contained HTML page (also the source of the PDF).

Every link to a file of the bundle carries ``data-sha256`` with the file's digest, so a
verifier can check that the report points at exactly the bytes the manifest lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from qarina.casefile.contents import CaseFileInput
from qarina.casefile.exports import confidence_label
from qarina.casefile.layout import MAP, TIMELINE
from qarina.casefile.report_style import STYLE

REPORT_FOLDER = "report/"


def relative(path: str) -> str:
    """A bundle path as seen from the report folder."""
    return path.removeprefix(REPORT_FOLDER) if path.startswith(REPORT_FOLDER) else "../" + path


def file_link(path: str, digest: str, label: str) -> str:
    """An ``<a>`` to a bundle file carrying the digest the verifier checks."""
    return f'<a href="{escape(relative(path))}" data-sha256="{escape(digest)}">{escape(label)}</a>'


def short_id(value: Any) -> str:
    """The first 10 hex digits of a digest-like id (``sha256:`` dropped)."""
    return str(value).removeprefix("sha256:")[:10]


def short_ref(label: str) -> str:
    """``incident:sha256:abc…`` → ``incident abc…`` (10 characters of the id)."""
    kind, _, ref = label.partition(":")
    return f"{kind} {short_id(ref) if ref.startswith('sha256:') else ref[:24]}"


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items()))
    return str(value)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], css: str = "") -> str:
    """An HTML table; cells are already-escaped HTML and get ``dir="auto"`` for Arabic."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td dir="auto">{cell}</td>' for cell in row) + "</tr>" for row in rows
    )
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def summary_section(data: CaseFileInput) -> str:
    """Title, counts and charges."""
    case = data.case
    charges = "".join(
        f"<li><b>{escape(crime.title)}</b> ({escape(crime.article)})"
        f" — alleged perpetrator: {escape(c.perpetrator or 'not named')}</li>"
        for c in data.charges
        for crime in [data.crimes[c.crime_id]]
    )
    gaps = sum(1 for row in data.matrix if row.status == "gap")
    return (
        f'<h1 dir="auto">{escape(str(case["title"]))}</h1>'
        f'<p class="meta">Case {escape(str(case["id"]))} · opened {escape(str(case["created_at"]))}'
        f" by {escape(str(case['created_by']))} · custody checkpoint of {data.custody.size} events"
        "</p><h2>Summary</h2>"
        f"<p>{len(data.incidents)} incidents, {len(data.items)} evidence items, "
        f"{len(data.links)} evidence links, {len(data.matrix)} elements of which {gaps} "
        "are not yet supported by any evidence.</p>"
        f"<h3>Charges</h3><ul>{charges or '<li>none yet</li>'}</ul>"
    )


def figures_section(files: Mapping[str, str]) -> str:
    """Timeline chart and map, as images from the bundle."""
    return (
        f'<h2>Timeline</h2><img class="figure" src="{relative(TIMELINE)}" '
        f'data-sha256="{files[TIMELINE]}" alt="timeline of incidents"/>'
        f'<h2>Map</h2><img class="figure" src="{relative(MAP)}" '
        f'data-sha256="{files[MAP]}" alt="map of incident places"/>'
    )


def incidents_section(data: CaseFileInput) -> str:
    """The incident table with corroboration and confidence."""
    rows = []
    for inc in sorted(data.incidents, key=lambda i: (str(i.get("date_start")), str(i["id"]))):
        dates = _text(inc.get("date_start"))
        if inc.get("date_end") not in (None, inc.get("date_start")):
            dates += f" – {inc['date_end']}"
        rows.append(
            [
                f"<code>{escape(short_id(inc['id']))}</code>",
                escape(dates),
                escape(_text(inc.get("place_normalized") or inc.get("location"))),
                escape(_text(inc.get("agent"))),
                escape(_text(inc.get("perpetrator"))),
                escape(_text(inc.get("killed"))),
                escape(_text(inc.get("independent_sources"))),
                str(len(inc.get("mentions") or [])),
                escape(confidence_label(inc) or "—"),
            ]
        )
    headers = [
        "Incident",
        "Date",
        "Place",
        "Agent",
        "Alleged perpetrator",
        "Killed",
        "Independent sources",
        "Reports",
        "Confidence",
    ]
    return "<h2>Incidents</h2>" + table(headers, rows)


def sources_section(data: CaseFileInput) -> str:
    """Sources with their Admiralty reliability grades and the rule behind each."""
    grades: dict[str, tuple[str, str]] = {}
    for incident in data.incidents:
        for source, grade in (incident.get("source_reliability") or {}).items():
            if isinstance(grade, Mapping):
                grades[source] = (str(grade.get("grade", "")), str(grade.get("rule", "")))
    rows = [[escape(s), escape(g), escape(r)] for s, (g, r) in sorted(grades.items())]
    return "<h2>Sources and grades</h2>" + (
        table(["Source", "Reliability (A–F)", "Why"], rows) if rows else "<p>No graded sources.</p>"
    )


def matrix_section(data: CaseFileInput) -> str:
    """The evidence matrix: every element, its support, and the gaps."""
    rows = []
    for row in data.matrix:
        support = ", ".join(escape(short_ref(x.evidence.label())) for x in row.inculpatory) or "—"
        against = ", ".join(escape(short_ref(x.evidence.label())) for x in row.exculpatory) or "—"
        rows.append(
            [
                escape(row.charge.crime_id),
                f"{row.element.number}. {escape(row.element.text)}<br/>"
                f'<span class="cite">{escape(row.element.cite)}</span>',
                f'<span class="status {row.status}">{row.status}</span>',
                f"{support} (weight {row.weight_for})",
                f"{against} (weight {row.weight_against})",
                str(row.pending),
            ]
        )
    headers = ["Crime", "Element", "Status", "Inculpatory", "Exculpatory", "Open suggestions"]
    return "<h2>Evidence matrix</h2>" + table(headers, rows, "matrix")


def describe_contradiction(found: Mapping[str, Any]) -> str:
    """One contradiction in words: who says what against whom, or the denial's text."""
    claims = found.get("claims")
    if isinstance(claims, list) and claims:
        sides = [
            f"{c.get('doc')} ({c.get('claimant') or 'unattributed'}): {_text(c.get('value'))}"
            for c in claims
            if isinstance(c, Mapping)
        ]
        independent = " (independent sources)" if found.get("independent") else ""
        return " versus ".join(sides) + independent
    text = found.get("text") or found.get("summary") or found.get("phrase")
    return f"{found.get('doc', '')}: {_text(text)}"


def contradictions_section(data: CaseFileInput) -> str:
    """Contradictions and denials the linker recorded for the case's incidents."""
    rows = []
    for incident in data.incidents:
        for found in incident.get("contradictions") or []:
            if isinstance(found, Mapping):
                rows.append(
                    [
                        f"<code>{escape(short_id(incident['id']))}</code>",
                        escape(str(found.get("kind") or found.get("field") or "statement")),
                        escape(describe_contradiction(found)[:700]),
                    ]
                )
    return "<h2>Contradictions</h2>" + (
        table(["Incident", "About", "Details"], rows) if rows else "<p>None recorded.</p>"
    )


def hash_cell(digest: str) -> str:
    """A digest on lines of 16 hex digits (fits a narrow table column)."""
    hex_part = digest.removeprefix("sha256:")
    lines = [escape(hex_part[n : n + 16]) for n in range(0, len(hex_part), 16)]
    return '<code class="hash">sha256:<br/>' + "<br/>".join(lines) + "</code>"


def index_section(index: Sequence[Mapping[str, Any]]) -> str:
    """The evidence index, each entry linking to its file in the bundle."""
    rows = [
        [
            escape(str(r["evidence_number"])),
            file_link(str(r["path"]), str(r["sha256"]), str(r["title"])),
            escape(_text(r["date"])),
            escape(str(r["type"])),
            escape(_text(r["author_source"])),
            escape(_text(r["language"])),
            escape(_text(r["pages"])),
            escape(str(r["confidentiality"])),
            hash_cell(str(r["sha256"])),
        ]
        for r in index
    ]
    headers = [
        "No.",
        "Title",
        "Date",
        "Type",
        "Author / source",
        "Language",
        "Pages",
        "Confidentiality",
        "SHA-256",
    ]
    return "<h2>Evidence index</h2>" + table(headers, rows, "index")


def methodology_section(data: CaseFileInput, processors: Sequence[str]) -> str:
    """Tools and versions, rules used, and how integrity is shown."""
    rules = "".join(f"<li><code>{escape(r)}</code></li>" for r in data.rules)
    tools = "".join(f"<li><code>{escape(p)}</code></li>" for p in processors)
    return (
        "<h2>Annex: methodology</h2>"
        f"<p>Produced by <code>{escape(data.tool)}</code>. Originals are kept under their "
        "SHA-256 digest from the moment of collection; every action on them is an event in an "
        "append-only custody log (RFC 6962 Merkle tree) whose state is signed as a checkpoint "
        "(C2SP signed note, Ed25519). This bundle carries the events about its items with "
        "inclusion proofs against that checkpoint; <code>VERIFY.md</code> explains how to "
        "check them without Qarina.</p>"
        f"<h3>Processors</h3><ul>{tools or '<li>none recorded</li>'}</ul>"
        f"<h3>Rules</h3><ul>{rules or '<li>none</li>'}</ul>"
        "<p>Suggestions made by rules are proposals; only links a person made or accepted "
        "count as support in the matrix. Confidence levels and source grades (Admiralty "
        "scale) come from the stated rules of the linker. Standards of proof (reasonable "
        "grounds, substantial grounds, beyond reasonable doubt) are for the reader to "
        "apply.</p>"
    )


def render_report_html(
    data: CaseFileInput,
    files: Mapping[str, str],
    index: Sequence[Mapping[str, Any]],
    processors: Sequence[str],
) -> str:
    """The full report; ``files`` maps bundle paths to digests for the figures."""
    sections = [
        summary_section(data),
        figures_section(files),
        incidents_section(data),
        sources_section(data),
        matrix_section(data),
        contradictions_section(data),
        index_section(index),
        methodology_section(data, processors),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>'
        f"<title>{escape(str(data.case['title']))}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(sections)}</body></html>\n"
    )
