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
from typing import Protocol, overload

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
    """Rows of a TSV resource as dicts; ``#`` lines are comments, the first row is the header.

    Fields hold no tabs or newlines (the build script guarantees it), so a plain split is
    exact and several times faster than the csv module.
    """
    lines = [ln for ln in read_resource(name).split("\n") if ln.strip() and ln[0] != "#"]
    if not lines:
        raise InputError(f"gazetteer resource {name} is empty")
    header = lines[0].rstrip("\r").split("\t")
    width = len(header)
    for line in lines[1:]:
        values = line.rstrip("\r").split("\t")
        if len(values) < width:
            values += [""] * (width - len(values))
        yield dict(zip(header, (v.strip() for v in values), strict=False))


@dataclass(slots=True)
class PackGazetteer:
    """A gazetteer stored as a gzip'd TSV resource (built by ``build_gazetteer.py``)."""

    name: str
    version: str
    resource: str
    transliterated: bool = False
    _places: tuple[Place, ...] | None = None

    def places(self) -> Sequence[Place]:
        """Every place of the pack, read on first use."""
        if self._places is None:
            rows = read_tsv(self.resource)
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


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What a match reports about a place: canonical names and its chain of ancestors."""

    place: Place
    rank: int  # position in registry order (lower = more specific pack)
    town: str | None
    district: str | None
    ancestors: frozenset[str]


class PlaceInfos(Sequence[PlaceInfo]):
    """Town, district and ancestors of every place, derived on first access to each."""

    def __init__(self, places: Sequence[Place]) -> None:
        self._places = places
        self._by_id = {p.id: p for p in places}
        self._chains: dict[str, tuple[Place, ...]] = {}
        self._infos: dict[int, PlaceInfo] = {}

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, index: int) -> PlaceInfo: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[PlaceInfo]: ...

    def __getitem__(self, index: int | slice) -> PlaceInfo | Sequence[PlaceInfo]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._places)
        info = self._infos.get(index)
        if info is None:
            info = self._describe(index)
            self._infos[index] = info
        return info

    def _chain(self, place: Place, depth: int = 0) -> tuple[Place, ...]:
        """Ancestors, nearest first (memoised; cycles and runaway depth are cut)."""
        cached = self._chains.get(place.id)
        if cached is not None:
            return cached
        parent = self._by_id.get(place.parent_id or "")
        up: tuple[Place, ...] = ()
        if parent is not None and parent.id != place.id and depth < 12:
            up = (parent, *self._chain(parent, depth + 1))
        self._chains[place.id] = up
        return up

    def _describe(self, rank: int) -> PlaceInfo:
        place = self._places[rank]
        up = self._chain(place)
        town: str | None = place.town_name
        district: str | None = None
        if place.level == "neighbourhood":
            district = place.name
            city = next((p for p in up if p.level == "community"), None)
            town = town or (city.name if city else None)
        elif place.level in ("community", "region") and town is None:
            town = place.name
        ancestors = frozenset([*(p.id for p in up), f"iso:{place.country}"])
        return PlaceInfo(place, rank, town, district, ancestors)


def describe(places: Sequence[Place]) -> PlaceInfos:
    """Town, district and ancestor ids of every place (computed lazily, then kept)."""
    return PlaceInfos(places)
