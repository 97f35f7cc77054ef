"""Datelines: an item's own date printed at its head governs the dates that follow.

A press item archived on a later page ("25 Mar 2014 ... 27 September 2013 - Deeply
outraged by the use of chemical weapons on 21 August ..., the Security Council this
evening endorsed ...") dates "this evening" and "21 August" by its dateline, not by the
page's publication date. A dateline is a full, explicit day date at the start of a line
(optionally after a place in capitals or inside brackets) followed by a dash or a colon.
The text from a dateline to the next one is read again with that date as reference.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from qarina.extract.dates import DateMention, find_dates

_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de .,'\-]{1,40}[,(][ \t]*|\()?$"
)
_AFTER = re.compile(r"[ \t]*\)?[ \t]*[-\u2013\u2014:]")
_CREDIT = re.compile(r"[ \t]*\([^()\n]{1,30}\)[ \t]*[-\u2013\u2014]")


def is_dateline(text: str, d: DateMention) -> bool:
    """An explicit day date opening a line and followed by a dash: ``27 September 2013 -``."""
    if d.relative or d.year_inferred or d.precision != "day" or d.date_start != d.date_end:
        return False
    head = text[max(0, d.start - 48) : d.start]
    return bool(_BEFORE.search(head)) and bool(_AFTER.match(text, d.end))


def is_wire_dateline(text: str, d: DateMention) -> bool:
    """``UNITED NATIONS, Oct 21 (Reuters) -``: the story's own date, even without a year."""
    head = text[max(0, d.start - 48) : d.start]
    return bool(_BEFORE.search(head)) and bool(_CREDIT.match(text, d.end))


def apply_datelines(
    text: str, language: str | None, published: str | None, dates: Sequence[DateMention]
) -> list[DateMention]:
    """The date mentions of ``text``, those after a dateline re-read against it."""
    lines = [d for d in dates if is_dateline(text, d) and d.date_start != published]
    if not lines:
        return list(dates)
    out = [d for d in dates if d.start < lines[0].start]
    for k, line in enumerate(lines):
        end = lines[k + 1].start if k + 1 < len(lines) else len(text)
        segment = text[line.start : end]
        for d in find_dates(segment, language, line.date_start):
            out.append(dataclasses.replace(d, start=d.start + line.start, end=d.end + line.start))
    return sorted(out, key=lambda d: d.start)
