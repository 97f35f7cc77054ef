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
