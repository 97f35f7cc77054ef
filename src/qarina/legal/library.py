"""The legal library: instruments, crimes and their elements, loaded from ``catalogue/``.

The catalogue is data (YAML files shipped in the package). Every crime lists its elements
in the order of the ICC Elements of Crimes, and every element and provision cites the
article or paragraph it summarises. Loading validates the whole catalogue: a malformed
entry is an :class:`InputError` naming the file and the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from qarina.core.errors import InputError, NotFoundError

CATALOGUE_PACKAGE = "qarina.legal"
CATALOGUE_FOLDER = "catalogue"
ELEMENT_KINDS = frozenset(
    {"conduct", "consequence", "circumstance", "contextual", "mental", "attribution"}
)
CATEGORIES = frozenset(
    {"war_crime", "crime_against_humanity", "state_obligation", "customary_rule"}
)
INSTRUMENT_KINDS = frozenset({"treaty", "resolution", "interpretive", "custom"})
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]{1,63}$")
_TAG = re.compile(r"^[a-z][a-z_]{1,40}$")


@dataclass(frozen=True, slots=True)
class Provision:
    """One article or paragraph of an instrument, summarised in our words."""

    id: str
    cite: str
    summary: str


@dataclass(frozen=True, slots=True)
class Instrument:
    """A treaty, resolution, interpretive text or body of customary law."""

    id: str
    title: str
    kind: str
    citation: str
    provisions: tuple[Provision, ...]


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a crime: what must be shown, with the role tags rules match on."""

    id: str
    crime_id: str
    number: int
    text: str
    kind: str
    tags: tuple[str, ...]
    cite: str


@dataclass(frozen=True, slots=True)
class Crime:
    """A crime (or a State prohibition) and its elements, in order."""

    id: str
    title: str
    instrument: str
    article: str
    category: str
    elements: tuple[Element, ...]

    def element(self, element_id: str) -> Element:
        """The element ``element_id`` (full id or its number), or ``NotFoundError``."""
        for element in self.elements:
            if element_id in (element.id, str(element.number)):
                return element
        raise NotFoundError(f"crime {self.id} has no element {element_id!r}")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every instrument and crime Qarina knows, by id."""

    instruments: Mapping[str, Instrument]
    crimes: Mapping[str, Crime]

    def crime(self, crime_id: str) -> Crime:
        """The crime ``crime_id`` or ``NotFoundError`` with the known ids as a hint."""
        try:
            return self.crimes[crime_id]
        except KeyError:
            raise NotFoundError(
                f"no crime {crime_id!r} in the legal catalogue",
                hint="see: qarina legal list",
            ) from None

    def element(self, element_id: str) -> Element:
        """An element by its full id ``<crime>.<n>``."""
        crime_id, _, _ = element_id.rpartition(".")
        return self.crime(crime_id).element(element_id)


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _identifier(entry: Mapping[str, Any], where: str) -> str:
    value = _text(entry, "id", where)
    if not _ID.match(value):
        raise InputError(f"{where}: id {value!r} must be lower-case letters, digits, '.' or '-'")
    return value


def _list(entry: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = entry.get(key)
    if not isinstance(value, list) or not value:
        raise InputError(f"{where}: {key!r} must be a non-empty list")
    return value


def parse_instrument(entry: Mapping[str, Any], where: str) -> Instrument:
    """One instrument entry, validated."""
    iid = _identifier(entry, where)
    kind = _text(entry, "kind", f"{where} {iid}")
    if kind not in INSTRUMENT_KINDS:
        raise InputError(f"{where} {iid}: unknown kind {kind!r}")
    provisions = []
    for raw in _list(entry, "provisions", f"{where} {iid}"):
        pwhere = f"{where} {iid} provision"
        pid = _identifier(raw, pwhere)
        if not pid.startswith(iid + "."):
            raise InputError(f"{pwhere} {pid}: id must start with {iid + '.'!r}")
        provisions.append(Provision(pid, _text(raw, "cite", pwhere), _text(raw, "summary", pwhere)))
    return Instrument(
        iid,
        _text(entry, "title", where),
        kind,
        _text(entry, "citation", where),
        tuple(provisions),
    )


def _element(crime_id: str, number: int, raw: Mapping[str, Any], where: str) -> Element:
    kind = _text(raw, "kind", where)
    if kind not in ELEMENT_KINDS:
        raise InputError(f"{where}: unknown element kind {kind!r}")
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and _TAG.match(t) for t in tags):
        raise InputError(f"{where}: tags must be a list of snake_case words")
    return Element(
        f"{crime_id}.{number}",
        crime_id,
        number,
        _text(raw, "text", where),
        kind,
        tuple(tags),
        _text(raw, "cite", where),
    )


def parse_crime(entry: Mapping[str, Any], where: str) -> Crime:
    """One crime entry with its elements, validated (elements numbered from 1)."""
    cid = _identifier(entry, where)
    category = _text(entry, "category", f"{where} {cid}")
    if category not in CATEGORIES:
        raise InputError(f"{where} {cid}: unknown category {category!r}")
    elements = tuple(
        _element(cid, n, raw, f"{where} {cid} element {n}")
        for n, raw in enumerate(_list(entry, "elements", f"{where} {cid}"), start=1)
    )
    return Crime(
        cid,
        _text(entry, "title", where),
        _text(entry, "instrument", where),
        _text(entry, "article", where),
        category,
        elements,
    )


def build_catalogue(documents: Iterable[tuple[str, Any]]) -> Catalogue:
    """Validate parsed YAML documents ``(file name, content)`` into one catalogue."""
    instruments: dict[str, Instrument] = {}
    crimes: dict[str, Crime] = {}
    for name, data in documents:
        if not isinstance(data, dict) or not set(data) <= {"instruments", "crimes"}:
            raise InputError(f"{name}: top level must hold 'instruments' and/or 'crimes' only")
        for raw in data.get("instruments") or []:
            instrument = parse_instrument(raw, name)
            if instrument.id in instruments:
                raise InputError(f"{name}: duplicate instrument id {instrument.id!r}")
            instruments[instrument.id] = instrument
        for raw in data.get("crimes") or []:
            crime = parse_crime(raw, name)
            if crime.id in crimes:
                raise InputError(f"{name}: duplicate crime id {crime.id!r}")
            crimes[crime.id] = crime
    for crime in crimes.values():
        if crime.instrument not in instruments:
            raise InputError(f"crime {crime.id} names unknown instrument {crime.instrument!r}")
    return Catalogue(instruments, crimes)


def catalogue_files() -> list[tuple[str, str]]:
    """``(name, text)`` of every YAML file of the shipped catalogue, sorted by name."""
    folder = resources.files(CATALOGUE_PACKAGE).joinpath(CATALOGUE_FOLDER)
    return sorted(
        (entry.name, entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


def parse_yaml(name: str, text: str) -> Any:
    """Parse one catalogue file (``InputError`` naming the file when it is not YAML)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {exc}") from exc


@cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue, validated (loaded once per process)."""
    return build_catalogue((name, parse_yaml(name, text)) for name, text in catalogue_files())
