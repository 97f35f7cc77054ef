"""The ingestor contract: what an ingestor declares, what it returns.

An ingestor is a class with one required method, ``extract(path) -> Extraction``, and
class data that says who it is (``name``, ``version``) and what it accepts
(``accepts``: MIME types and file extensions, each with a score). The registry picks
the ingestor with the best score for an identified file; built-in ingestors are
registered through the same door as third-party ones (see ``registry.py``).

An ingestor either returns an :class:`Extraction` or raises
:class:`qarina.core.errors.InputError` with a one-line reason a user can act on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from qarina.core.ids import processor_ref


@dataclass(frozen=True, slots=True)
class Accepts:
    """What an ingestor accepts, with a score for each match (higher wins).

    ``mime_types`` keys are exact types (``text/html``) or a major type with a
    wildcard (``image/*``, ``*/*``). ``extensions`` keys are lower-case, with the dot
    (``.html``); an extension only adds to the score of an ingestor that already
    accepts the detected MIME type, so a binary named ``.txt`` is never read as text.
    """

    mime_types: Mapping[str, int]
    extensions: Mapping[str, int] = field(default_factory=dict)

    def mime_score(self, mime: str) -> int:
        """Best score for ``mime``: exact match, then ``major/*``, then ``*/*``; 0 if none."""
        major = mime.split("/", 1)[0]
        for key in (mime, f"{major}/*", "*/*"):
            if key in self.mime_types:
                return self.mime_types[key]
        return 0

    def extension_score(self, extension: str) -> int:
        """Score of a lower-case extension such as ``.txt`` (0 if not listed)."""
        return self.extensions.get(extension.lower(), 0)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an ingestor read from one original.

    ``text`` is None for kinds without text (images, opaque files). ``published`` is
    ``YYYY-MM-DD`` or None. ``metadata`` holds JSON-compatible values only.
    ``processor`` is the ingestor's ``name@version``, to be stored with every derivative.
    """

    processor: str
    text: str | None
    metadata: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        """True when the original yielded non-blank text."""
        return bool(self.text and self.text.strip())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible form (for a derivative's content); see :meth:`from_dict`."""
        return {
            "processor": self.processor,
            "text": self.text,
            "metadata": self.metadata,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "language": self.language,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Extraction:
        """Inverse of :meth:`to_dict`; ``ValueError`` names a missing or mistyped field."""
        try:
            processor = data["processor"]
            warnings = tuple(data.get("warnings") or ())
            metadata = dict(data.get("metadata") or {})
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not an extraction record: {exc}") from exc
        if not isinstance(processor, str) or not all(isinstance(w, str) for w in warnings):
            raise ValueError("extraction record: 'processor' and 'warnings' must be strings")
        optional = {key: data.get(key) for key in _OPTIONAL_TEXT}
        for key, value in optional.items():
            if value is not None and not isinstance(value, str):
                raise ValueError(f"extraction record: {key!r} must be a string or null")
        return cls(processor=processor, metadata=metadata, warnings=warnings, **optional)


_OPTIONAL_TEXT = ("text", "title", "publisher", "published", "language")


@runtime_checkable
class Ingestor(Protocol):
    """Turns a stored original (a file path) into an :class:`Extraction`."""

    name: ClassVar[str]
    version: ClassVar[str]
    accepts: ClassVar[Accepts]

    def extract(self, path: Path) -> Extraction:
        """Read ``path``; raise ``InputError`` with an actionable reason when it cannot."""
        ...


def processor_of(ingestor: Ingestor) -> str:
    """The ``name@version`` under which an ingestor's outputs are recorded."""
    return processor_ref(ingestor.name, ingestor.version)
