"""Redacting text that identifies protected persons (witnesses, victims, sources).

The rule is stated and versioned: every term the analyst names (case-insensitive, whole
occurrences), plus e-mail addresses and telephone numbers, become ``[REDACTED]``. The
redacted text is a derivative; the original is withheld from case files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

REDACTION_RULE = "terms+contacts@1"
MARK = "[REDACTED]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()./-]{6,}\d(?!\w)")


def redact_text(text: str, terms: Sequence[str]) -> tuple[str, int]:
    """``text`` with every term, e-mail address and phone number replaced; and the count."""
    count = 0
    for pattern in (_EMAIL, _PHONE):
        text, n = pattern.subn(MARK, text)
        count += n
    cleaned = [t.strip() for t in terms if t.strip()]
    for term in sorted(cleaned, key=len, reverse=True):
        text, n = re.subn(re.escape(term), MARK, text, flags=re.IGNORECASE)
        count += n
    return text, count


def withheld_notice(sha256: str, reason: str) -> str:
    """The text that stands in for an item with no text to redact."""
    return (
        f"The original {sha256} is withheld from this case file: {reason}.\n"
        "It has no text layer that could be redacted.\n"
    )
