"""Which ingestor reads which file: registration and best-score choice.

Built-in ingestors are listed as ``"module:Class"`` strings and loaded through the same
function as third-party ones, which declare an entry point in the
``qarina.ingestors`` group::

    [project.entry-points."qarina.ingestors"]
    docx = "my_package.docx:DocxIngestor"

The score of an ingestor for a file is its score for the detected MIME type, plus its
score for the file's extension when (and only when) it accepts that MIME type. The
highest score wins; on a tie, the ingestor registered first.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import entry_points

from qarina.core.errors import NotFoundError, UsageError
from qarina.ingest.contract import Accepts, Ingestor
from qarina.ingest.identify import Identification

ENTRY_POINT_GROUP = "qarina.ingestors"
BUILTIN_INGESTORS = (
    "qarina.ingest.formats.text:TextIngestor",
    "qarina.ingest.formats.html:HTMLIngestor",
    "qarina.ingest.formats.pdf:PDFIngestor",
    "qarina.ingest.formats.image:ImageIngestor",
    "qarina.ingest.formats.opaque:OpaqueIngestor",
)
_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


def score(ingestor: Ingestor, identification: Identification) -> int:
    """How well ``ingestor`` fits the identified file (0: it does not accept it)."""
    mime_score = ingestor.accepts.mime_score(identification.mime)
    if mime_score <= 0:
        return 0
    return mime_score + ingestor.accepts.extension_score(identification.extension)


def _validate(ingestor: object) -> Ingestor:
    name = getattr(ingestor, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        raise UsageError(f"ingestor {ingestor!r} has no valid 'name' (lower-case id)")
    if not isinstance(getattr(ingestor, "version", None), str):
        raise UsageError(f"ingestor {name!r} has no 'version' string")
    if not isinstance(getattr(ingestor, "accepts", None), Accepts):
        raise UsageError(f"ingestor {name!r} has no 'accepts' declaration")
    if not callable(getattr(ingestor, "extract", None)):
        raise UsageError(f"ingestor {name!r} has no 'extract' method")
    if not isinstance(ingestor, Ingestor):
        raise UsageError(f"ingestor {name!r} does not follow the Ingestor contract")
    return ingestor


class IngestorRegistry:
    """The ingestors available to a workspace, in registration order."""

    def __init__(self, ingestors: Iterable[Ingestor] = ()) -> None:
        self._ingestors: dict[str, Ingestor] = {}
        for ingestor in ingestors:
            self.register(ingestor)

    def register(self, ingestor: Ingestor, *, replace: bool = False) -> None:
        """Add ``ingestor``; a second one with the same name needs ``replace=True``."""
        checked = _validate(ingestor)
        if checked.name in self._ingestors and not replace:
            raise UsageError(f"an ingestor named {checked.name!r} is already registered")
        self._ingestors[checked.name] = checked

    def names(self) -> list[str]:
        """Names of the registered ingestors, in registration order."""
        return list(self._ingestors)

    def get(self, name: str) -> Ingestor:
        """The ingestor registered under ``name``."""
        try:
            return self._ingestors[name]
        except KeyError:
            known = ", ".join(self._ingestors) or "none"
            raise NotFoundError(f"no ingestor named {name!r} (known: {known})") from None

    def ranked(self, identification: Identification) -> list[tuple[int, Ingestor]]:
        """Every ingestor that accepts the file with its score, best first."""
        scored = [(score(ing, identification), ing) for ing in self._ingestors.values()]
        accepted = [(value, ing) for value, ing in scored if value > 0]
        return sorted(accepted, key=lambda pair: -pair[0])  # stable: ties keep order

    def choose(self, identification: Identification) -> Ingestor:
        """The best ingestor for the identified file."""
        ranked = self.ranked(identification)
        if not ranked:
            raise UsageError(
                f"no registered ingestor accepts {identification.mime}",
                hint="register the 'opaque' ingestor to keep any file as is",
            )
        return ranked[0][1]


def load_ingestor(spec: str) -> Ingestor:
    """Import ``"module:Class"`` and build the ingestor with its default settings."""
    module_name, _, class_name = spec.partition(":")
    if not module_name or not class_name:
        raise UsageError(f"ingestor reference {spec!r} is not of the form 'module:Class'")
    try:
        factory = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"cannot load ingestor {spec!r}: {exc}") from exc
    return _validate(factory())


@lru_cache(maxsize=2)
def _default_ingestors(plugins: bool) -> tuple[tuple[Ingestor, bool], ...]:
    """Loaded once per process: built-ins, then plugins (flagged to replace same names)."""
    loaded = [(load_ingestor(spec), False) for spec in BUILTIN_INGESTORS]
    if plugins:
        loaded += [(load_ingestor(e.value), True) for e in entry_points(group=ENTRY_POINT_GROUP)]
    return tuple(loaded)


def default_registry(*, plugins: bool = True) -> IngestorRegistry:
    """Built-in ingestors, then those installed packages declare (when ``plugins``).

    Each call returns a new registry (safe to extend); the ingestors in it are loaded
    once per process and shared, as they hold only their settings.
    """
    registry = IngestorRegistry()
    for ingestor, replace in _default_ingestors(plugins):
        registry.register(ingestor, replace=replace)
    return registry
