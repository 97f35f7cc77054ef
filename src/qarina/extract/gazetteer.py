"""Offline gazetteers: places with names, levels, hierarchy and coordinates.

Country packs sit behind one small interface (:class:`Gazetteer`): the Syria pack (OCHA
communities and neighbourhoods, OpenSyria admin units), a world pack (countries and
cities of 100,000+ people) and the hand-kept places of ``places.tsv``. Packs are gzip'd
TSV files built by ``scripts/build_gazetteer.py``; ``canonical.tsv`` (canonical English
names) and ``aliases.tsv`` (extra spellings) are hand-kept with a source per line.
Everything loads lazily, once per process (:func:`default_gazetteers`).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from qarina.core.errors import InputError
from qarina.extract.place_keys import KEY_VERSION

LEVELS = (
    "country",
    "governorate",
    "district",
    "subdistrict",
    "community",
    "neighbourhood",
    "region",
)
ADMIN_LEVELS = frozenset({"country", "governorate", "district", "subdistrict"})
PACK_COLUMNS = ("id", "name", "level", "country", "parent_id", "lat", "lon", "population", "names")
RESOURCE_PACKAGE = "qarina.extract.resources"
KEYS_COLUMN = f"keys_v{KEY_VERSION}"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``names`` holds every spelling to match (any script)."""

    id: str
    name: str
    level: str
    country: str
    parent_id: str | None
    lat: float | None
    lon: float | None
    population: int
    names: tuple[str, ...]
    town_name: str | None = field(default=None)  # overrides the derived town (regions)
    transliterated: bool = field(default=False)  # names are romanisations of Arabic
    curated: bool = field(default=False)  # named in the hand-kept tables (a known place)
    alt_names: tuple[str, ...] = field(default=())  # secondary spellings (aliases of others)
    # "exact;skeleton;pattern" per name of (names, alt_names), "|"-separated, from the build
    keys: str = field(default="", repr=False)


class Gazetteer(Protocol):
    """A source of places: a country pack, the world pack, hand-kept entries."""

    name: str
    version: str
    transliterated: bool  # Latin names romanise Arabic: spelling-skeleton matching applies

    def places(self) -> Sequence[Place]:
        """Every place of the pack."""
        ...


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _int(value: str) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def parse_place_row(row: dict[str, str], origin: str, transliterated: bool = False) -> Place:
    """One TSV row (pack or ``places.tsv``) to a :class:`Place`; bad rows raise InputError."""
    try:
        level = row["level"]
        if level not in LEVELS:
            raise InputError(f"{origin}: unknown level {level!r} for place {row['id']!r}")
        names = tuple(n for n in row["names"].split("|") if n)
        keys = row.get(KEYS_COLUMN, "")
        return Place(
            id=row["id"],
            name=row["name"],
            level=level,
            country=row["country"],
            parent_id=row["parent_id"] or None,
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            population=_int(row["population"]),
            names=(row["name"], *names),
            alt_names=tuple(n for n in row.get("alt_names", "").split("|") if n),
            transliterated=transliterated,
            keys=keys,
        )
    except KeyError as exc:
        raise InputError(f"{origin}: missing column {exc.args[0]!r}") from exc


def read_resource(name: str) -> str:
    """Text of a file under ``resources/gazetteer/`` (gunzipped when it ends in .gz)."""
    path = resources.files(RESOURCE_PACKAGE).joinpath("gazetteer").joinpath(name)
    data = path.read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV resource as dicts (see :func:`parse_tsv`)."""
    return parse_tsv(read_resource(name), name)


def read_pack_file(path: Path) -> str:
    """Text of a pack file outside the package (gunzipped when it ends in .gz)."""
    try:
        data = path.read_bytes()
        return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gazetteer pack {path}: {exc}") from exc


def parse_tsv(text: str, origin: str) -> Iterator[dict[str, str]]:
    """Rows of TSV text as dicts; ``#`` lines are comments, the first row is the header.

    Fields hold no tabs or newlines (the build script guarantees it), so a plain split is
    exact and several times faster than the csv module.
    """
    lines = [ln for ln in text.split("\n") if ln.strip() and ln[0] != "#"]
    if not lines:
        raise InputError(f"gazetteer resource {origin} is empty")
    header = lines[0].rstrip("\r").split("\t")
    width = len(header)
    for line in lines[1:]:
        values = line.rstrip("\r").split("\t")
        if len(values) < width:
            values += [""] * (width - len(values))
        yield dict(zip(header, (v.strip() for v in values), strict=False))


@dataclass(slots=True)
class PackGazetteer:
    """A gazetteer stored as a gzip'd TSV (built by ``build_gazetteer.py``): a resource
    of this package, or a file (``path``) for packs kept elsewhere."""

    name: str
    version: str
    resource: str
    transliterated: bool = False
    path: Path | None = None
    _places: tuple[Place, ...] | None = None

    def places(self) -> Sequence[Place]:
        """Every place of the pack, read on first use."""
        if self._places is None:
            text = read_pack_file(self.path) if self.path else read_resource(self.resource)
            rows = parse_tsv(text, self.resource)
            self._places = tuple(
                parse_place_row(r, self.resource, self.transliterated) for r in rows
            )
        return self._places


def _apply_canonical(places: Iterable[Place]) -> list[Place]:
    """Canonical English names and town overrides from ``canonical.tsv``."""
    overrides = {row["id"]: row for row in read_tsv("canonical.tsv")}
    out: list[Place] = []
    for place in places:
        row = overrides.get(place.id)
        if row is not None:
            place = replace(
                place,
                name=row["name"],
                names=(*place.names, row["name"]),
                town_name=row.get("town") or place.town_name,
                curated=True,
            )
        out.append(place)
    return out


def _apply_aliases(places: list[Place]) -> list[Place]:
    """Extra spellings from ``aliases.tsv``; an alias naming an unknown id is an error."""
    extra: dict[str, list[str]] = {}
    for row in read_tsv("aliases.tsv"):
        extra.setdefault(row["target_id"], []).append(row["alias"])
    known = {p.id for p in places}
    missing = sorted(set(extra) - known)
    if missing:
        raise InputError(f"aliases.tsv names unknown place ids: {', '.join(missing)}")
    return [
        replace(p, names=(*p.names, *extra[p.id]), curated=True) if p.id in extra else p
        for p in places
    ]


@dataclass(slots=True)
class HandGazetteer:
    """Hand-kept places (``places.tsv``: regions and places the packs lack), with sources."""

    name: str = "hand"
    version: str = "1"
    transliterated: bool = True
    _places: tuple[Place, ...] | None = None

    def places(self) -> Sequence[Place]:
        """Every hand-kept place, read on first use."""
        if self._places is None:
            rows = read_tsv("places.tsv")
            self._places = tuple(
                replace(parse_place_row(r, "places.tsv", True), curated=True) for r in rows
            )
        return self._places


@cache
def default_gazetteers() -> tuple[Gazetteer, ...]:
    """The built-in packs, most specific first (registry order breaks ties)."""
    return (
        HandGazetteer(),
        PackGazetteer(name="syria", version="1", resource="syria.tsv.gz", transliterated=True),
        PackGazetteer(name="world", version="1", resource="world.tsv.gz"),
    )


@cache
def all_places() -> tuple[Place, ...]:
    """Every place of the default gazetteers with canonical names and aliases applied."""
    merged: list[Place] = []
    for gazetteer in default_gazetteers():
        merged.extend(gazetteer.places())
    return tuple(_apply_aliases(_apply_canonical(merged)))


@cache
def non_place_phrases() -> tuple[str, ...]:
    """Phrases that contain a place name but name something else (``nonplaces.tsv``)."""
    return tuple(row["phrase"] for row in read_tsv("nonplaces.tsv") if row.get("phrase"))
