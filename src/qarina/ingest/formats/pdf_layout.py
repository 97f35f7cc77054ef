"""Reflow a PDF page's text: wrapped lines joined into paragraphs, one per line.

A PDF text layer breaks lines where the page did, so a sentence such as "on 21\\nAugust
2015" is cut in two. A line is joined to the previous one unless that one ends a
paragraph: it ends with terminal punctuation and is visibly shorter than the page's
full lines, or it is a short line without punctuation (a heading), or the line starts
a list item. A line ending in a hyphen or a comma never ends a paragraph. A line ending
in a hyphen before a lower-case letter is joined without a space (the hyphen is kept:
we do not guess whether it was a soft hyphen).
"""

from __future__ import annotations

import re

_FULL_LINE = 0.85  # a line this share of the widest one is taken as a wrapped line
_HEADING = 0.6  # a line shorter than this share, without final punctuation, is a heading
_ENDS_SENTENCE = re.compile(r"""[.!?:;؟۔。][\"'”’»)\]]*$""")
_LIST_ITEM = re.compile(r"^(?:[•▪◦●\-–—*]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)")


def _ends_paragraph(previous: str, width: int) -> bool:
    if previous.endswith(("-", ",", "،")):
        return False
    if _ENDS_SENTENCE.search(previous):
        return len(previous) < _FULL_LINE * width
    return len(previous) < _HEADING * width


def _joiner(previous: str, line: str) -> str:
    if previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha():
        return "" if line[:1].islower() else " "
    return " "


def reflow_page(text: str) -> str:
    """The page's text with wrapped lines joined; paragraphs separated by one newline."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = previous_line = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
        elif not current:
            current = line
        elif _ends_paragraph(previous_line, width) or _LIST_ITEM.match(line):
            paragraphs.append(current)
            current = line
        else:
            current += _joiner(current, line) + line
        previous_line = line
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
