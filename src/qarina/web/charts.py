"""Geometry for the offline incident map and the timeline chart (drawn as SVG by templates).

The map projects gazetteer coordinates (shipped with the package) equirectangularly;
no tile server and no network. The timeline counts incidents per month.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, MARGIN = 720, 480, 40
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One place with incidents, in SVG coordinates."""

    place: str
    count: int
    lat: float
    lon: float
    x: float
    y: float
    radius: float


@dataclass(frozen=True, slots=True)
class Bar:
    """One month of the timeline."""

    month: str
    count: int
    x: float
    y: float
    width: float
    height: float


def map_points(
    counts: Mapping[str, int], coordinates: Mapping[str, tuple[float, float]]
) -> tuple[list[MapPoint], list[tuple[str, float, float, float, float]]]:
    """Points for the places that have coordinates, and grid lines ``(label, x1, y1, x2, y2)``."""
    known = {p: c for p, c in counts.items() if p in coordinates}
    if not known:
        return [], []
    lats = [coordinates[p][0] for p in known]
    lons = [coordinates[p][1] for p in known]
    south, north = min(lats) - 0.3, max(lats) + 0.3
    west, east = min(lons) - 0.3, max(lons) + 0.3
    scale = min((WIDTH - 2 * MARGIN) / (east - west), (HEIGHT - 2 * MARGIN) / (north - south))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return MARGIN + (lon - west) * scale, HEIGHT - MARGIN - (lat - south) * scale

    points = []
    for place in sorted(known, key=lambda p: (-known[p], p)):
        lat, lon = coordinates[place]
        x, y = xy(lat, lon)
        points.append(
            MapPoint(
                place,
                known[place],
                lat,
                lon,
                round(x, 1),
                round(y, 1),
                4 + 2 * min(known[place], 8),
            )
        )
    grid = []
    for lat in range(int(south), int(north) + 2):
        if south <= lat <= north:
            (x1, y1), (x2, y2) = xy(lat, west), xy(lat, east)
            grid.append((f"{lat}°N", round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)))
    for lon in range(int(west), int(east) + 2):
        if west <= lon <= east:
            (x1, y1), (x2, y2) = xy(south, lon), xy(north, lon)
            grid.append((f"{lon}°E", round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)))
    return points, grid


def timeline_bars(incidents: Sequence[Mapping[str, Any]], height: float = 200) -> list[Bar]:
    """One bar per month from the first to the last dated incident."""
    months = Counter(
        str(i["date_start"])[:7] for i in incidents if _MONTH.match(str(i.get("date_start")))
    )
    if not months:
        return []
    first, last = min(months), max(months)
    span = _month_range(first, last)
    width = (WIDTH - 2 * MARGIN) / len(span)
    top = max(months.values())
    bars = []
    for n, month in enumerate(span):
        count = months.get(month, 0)
        h = height * count / top
        bars.append(
            Bar(
                month,
                count,
                round(MARGIN + n * width, 1),
                round(MARGIN + height - h, 1),
                round(max(width - 1, 1), 1),
                round(h, 1),
            )
        )
    return bars


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
