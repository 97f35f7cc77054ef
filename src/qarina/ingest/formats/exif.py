"""EXIF values made safe and useful: bounded strings, ISO times, decimal GPS positions."""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from qarina.ingest.normalise import normalise_text

MAX_STRING = 500
_EXIF_DATETIME = "%Y:%m:%d %H:%M:%S"
_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")
# GPS IFD tags.
_LAT_REF, _LAT, _LON_REF, _LON, _ALT_REF, _ALT = 1, 2, 3, 4, 5, 6
# Exif IFD tags.
_DATETIME_ORIGINAL, _OFFSET_ORIGINAL = 0x9003, 0x9011


def text_value(raw: Any, key: str, warnings: list[str]) -> str | None:
    """An untrusted metadata string: decoded, without control characters, bounded."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return None
    text, dropped = normalise_text(raw)
    text = " ".join(text.split())
    if dropped:
        warnings.append(f"{key}: {dropped} control character(s) removed")
    if len(text) > MAX_STRING:
        warnings.append(f"{key}: {len(text)} characters cut to {MAX_STRING}")
        text = text[:MAX_STRING]
    return text or None


def taken_at(exif_ifd: Any, warnings: list[str]) -> str | None:
    """DateTimeOriginal as ISO 8601 (with the EXIF offset when present), or None."""
    raw = text_value(exif_ifd.get(_DATETIME_ORIGINAL), "date_time_original", warnings)
    if raw is None:
        return None
    try:
        value = datetime.strptime(raw.strip("\x00 "), _EXIF_DATETIME).isoformat()
    except ValueError:
        warnings.append("date_time_original is not a valid EXIF date and time")
        return None
    offset = text_value(exif_ifd.get(_OFFSET_ORIGINAL), "offset_time_original", warnings)
    if offset and _OFFSET.match(offset):
        value += offset
    return value


def _number(value: Any) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def _degrees(value: Any) -> float:
    """Degrees, minutes, seconds (rationals) to decimal degrees."""
    if isinstance(value, tuple | list):
        parts = [_number(v) for v in value][:3]
        parts += [0.0] * (3 - len(parts))
        return parts[0] + parts[1] / 60 + parts[2] / 3600
    return _number(value)


def _ref(raw: Any) -> str:
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", errors="replace")
    return str(raw).strip("\x00 ").upper()[:1] if raw is not None else ""


def gps_position(gps: Any, warnings: list[str]) -> dict[str, float] | None:
    """``{"lat", "lon"[, "alt"]}`` in decimal degrees (south and west negative), or None."""
    if _LAT not in gps or _LON not in gps:
        return None
    try:
        lat = _degrees(gps[_LAT]) * (-1 if _ref(gps.get(_LAT_REF)) == "S" else 1)
        lon = _degrees(gps[_LON]) * (-1 if _ref(gps.get(_LON_REF)) == "W" else 1)
    except (TypeError, ValueError, ZeroDivisionError):
        warnings.append("GPS position is malformed and was not recorded")
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        warnings.append("GPS position is out of range and was not recorded")
        return None
    position = {"lat": round(lat, 7), "lon": round(lon, 7)}
    if _ALT in gps:
        try:
            altitude = _number(gps[_ALT])
            below_sea = gps.get(_ALT_REF) in (1, b"\x01", "\x01")
            position["alt"] = round(-altitude if below_sea else altitude, 2)
        except (TypeError, ValueError, ZeroDivisionError):
            warnings.append("GPS altitude is malformed and was not recorded")
    return position
