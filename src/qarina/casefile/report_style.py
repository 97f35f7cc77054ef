"""The report's stylesheet (print-friendly; Noto fonts for Latin and Arabic)."""

from __future__ import annotations

STYLE = """
@page { size: A4; margin: 16mm 14mm; @bottom-right { content: counter(page) " / " counter(pages);
  font-size: 8pt; color: #666; } }
body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans",
  sans-serif; font-size: 9pt; color: #1d1d1d; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; color: #2e4057; }
h2 { font-size: 12.5pt; margin: 14pt 0 5pt 0; color: #2e4057; border-bottom: 1px solid #bbb; }
h3 { font-size: 10pt; margin: 8pt 0 3pt 0; }
p.meta { color: #555; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 7.5pt; }
th, td { border: 1px solid #ccc; padding: 2pt 3pt; vertical-align: top; text-align: start; }
th { background: #eef0f3; }
tr { page-break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; }
code.hash { font-size: 5.5pt; white-space: nowrap; }
table.index { table-layout: fixed; }
table.index th:nth-child(1) { width: 11%; } table.index th:nth-child(2) { width: 18%; }
table.index th:nth-child(3) { width: 8%; } table.index th:nth-child(4) { width: 8%; }
table.index th:nth-child(5) { width: 12%; } table.index th:nth-child(6) { width: 6%; }
table.index th:nth-child(7) { width: 5%; } table.index th:nth-child(8) { width: 10%; }
table.index th:nth-child(9) { width: 14%; }
table.index td { overflow-wrap: anywhere; }
.cite { color: #666; font-size: 7pt; }
.status { font-weight: bold; }
.status.gap { color: #b00020; }
.status.contested { color: #a15c00; }
.status.supported { color: #1b6e2a; }
table.matrix td:nth-child(2) { width: 38%; }
table.matrix td:nth-child(4) { width: 22%; }
img.figure { width: 100%; max-height: 110mm; object-fit: contain; }
a { color: #1f4e79; text-decoration: none; }
"""
