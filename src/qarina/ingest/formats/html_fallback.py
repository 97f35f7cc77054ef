"""Plain text of an HTML page when main-content extraction finds nothing.

Used for short pages and fragments that trafilatura declines. Scripts, styles and other
non-text elements are dropped with their content; block elements end a line.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "head",
    "canvas",
    "select",
    "button",
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "figcaption",
        "address",
        "main",
        "aside",
        "nav",
    ]
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` within its first 4 KB."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _lines(root: lxml.html.HtmlElement) -> list[str]:
    parts: list[str] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _BLOCKS:
            parts.append("\n")
        if element.text and isinstance(element.tag, str):
            parts.append(element.text)
        if element.tail:
            parts.append(element.tail)
    return "".join(parts).split("\n")


def declared_language(html: str) -> str | None:
    """The two-letter language the page declares on its ``<html lang>``, lower-case."""
    match = _HTML_LANG.search(html[:4096])
    code = match.group(1).lower() if match else None
    return code if code and len(code) == 2 else None


def strip_xml_declaration(html: str) -> str:
    """Drop a leading ``<?xml ...?>`` (lxml refuses it in an already decoded string)."""
    return _XML_DECLARATION.sub("", html, count=1)


def fallback_text(html: str) -> str:
    """Visible text of ``html`` with one line per block element (may be empty)."""
    html = strip_xml_declaration(html)
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for comment in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        comment.drop_tree()
    lines = (_SPACES.sub(" ", line).strip() for line in _lines(root))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()
