"""Date phrases relative to the page's date ("yesterday", "on Tuesday", "أمس").

A day resolved from such a phrase against a publication date is the usual source of
one-day disagreements between reports of one event, so scoring tolerates one day between
two single-day records when either date was written this way (``resources/relative_days.json``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from qarina.link.folding import fold_name


@lru_cache(maxsize=1)
def relative_day_pattern() -> re.Pattern[str]:
    """One whole-word pattern for every relative-day word of every language (folded).

    Arabic words may carry a leading conjunction or preposition (و, ف, ب, ل).
    """
    path = resources.files("qarina.link").joinpath("resources/relative_days.json")
    data = json.loads(path.read_text("utf-8"))
    words = sorted(
        {fold_name(w) for lang, items in data.items() if not lang.startswith("_") for w in items},
        key=len,
        reverse=True,
    )
    alternation = "|".join(re.escape(w) for w in words if w)
    return re.compile(
        rf"(?<!\w)(?:[\u0648\u0641\u0628\u0644](?=[\u0600-\u06ff]))?({alternation})(?!\w)"
    )


@lru_cache(maxsize=1 << 12)
def _is_relative(text: str) -> bool:
    return relative_day_pattern().search(fold_name(text)) is not None


def is_relative_day(date_text: Any) -> bool:
    """True when a record's ``date_text`` (a string, a list of them, or null) is relative."""
    if isinstance(date_text, str):
        return _is_relative(date_text)
    if isinstance(date_text, list):
        return any(isinstance(t, str) and _is_relative(t) for t in date_text)
    return False
