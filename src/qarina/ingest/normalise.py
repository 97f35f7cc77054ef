"""The form extracted text is stored in: one newline convention, no control characters.

Offsets of passages and mentions point into this form, so it is applied once, by the
ingestor, before anything else reads the text.
"""

from __future__ import annotations

import re

# C0 and C1 controls except TAB and LF, plus the Unicode non-characters U+FFFE/U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def normalise_text(text: str) -> tuple[str, int]:
    """Unify line breaks to ``\\n`` and drop control characters.

    Returns the text and how many control characters were dropped (so the caller can
    warn about them). A form feed (page break) becomes a newline.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\x0c", "\n")
    cleaned, dropped = _CONTROLS.subn("", text)
    return cleaned, dropped
