"""Geometry for the offline incident map and the timeline chart (drawn as SVG by templates).

The map projects gazetteer coordinates (shipped with the package) equirectangularly;
no tile server and no network. The timeline counts incidents per month.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

WIDTH, HEIGHT, MARGIN = 720, 480, 40
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 6.2, 11.0  # 11px place labels (app.css), generous width
Box = tuple[float, float, float, float]  # left, top, right, bottom
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
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"  # SVG text-anchor: start | middle | end

    @property
    def label(self) -> str:
        """The text written beside the dot."""
        return f"{self.place} ({self.count})"


@dataclass(frozen=True, slots=True)
class Bar:
    """One month of the timeline."""

    month: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class MapDrawing:
    """Everything the map template draws, in SVG coordinates."""

    points: list[MapPoint]
    grid: list[tuple[str, float, float, float, float]]
    outline: str  # SVG polygon points ("x,y x,y …"), empty when there is no outline
    labels: list[tuple[str, float, float]]


def convex_hull(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of ``(lat, lon)`` points (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def draw_map(
    counts: Mapping[str, int],
    coordinates: Mapping[str, tuple[float, float]],
    outline: Sequence[tuple[float, float]] = (),
    labels: Mapping[str, tuple[float, float]] | None = None,
) -> MapDrawing:
    """Project the places with incidents (and the context outline and labels) to SVG."""
    known = {p: c for p, c in counts.items() if p in coordinates}
    frame = [coordinates[p] for p in known] + list(outline)
    if not known:
        return MapDrawing([], [], "", [])
    south, north = min(p[0] for p in frame) - 0.3, max(p[0] for p in frame) + 0.3
    west, east = min(p[1] for p in frame) - 0.3, max(p[1] for p in frame) + 0.3
    scale = min((WIDTH - 2 * MARGIN) / (east - west), (HEIGHT - 2 * MARGIN) / (north - south))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        x, y = MARGIN + (lon - west) * scale, HEIGHT - MARGIN - (lat - south) * scale
        return round(x, 1), round(y, 1)

    points = []
    for place in sorted(known, key=lambda p: (-known[p], p)):
        lat, lon = coordinates[place]
        x, y = xy(lat, lon)
        points.append(MapPoint(place, known[place], lat, lon, x, y, 4 + 2 * min(known[place], 8)))
    grid = []
    for lat in range(int(south), int(north) + 2):
        if south <= lat <= north:
            grid.append((f"{lat}°N", *xy(lat, west), *xy(lat, east)))
    for lon in range(int(west), int(east) + 2):
        if west <= lon <= east:
            grid.append((f"{lon}°E", *xy(south, lon), *xy(north, lon)))
    points = place_labels(points)
    polygon = " ".join(f"{x},{y}" for x, y in (xy(*p) for p in outline))
    placed = [(name, *xy(*where)) for name, where in sorted((labels or {}).items())]
    return MapDrawing(points, grid, polygon, placed)


def _candidates(p: MapPoint) -> list[tuple[float, float, str]]:
    """Label positions around a dot, best first: ``(x, baseline y, text-anchor)``."""
    r, mid = p.radius, p.y + LABEL_HEIGHT / 3
    out = [
        (p.x + r + 3, mid, "start"),
        (p.x - r - 3, mid, "end"),
        (p.x, p.y - r - 3, "middle"),
        (p.x, p.y + r + LABEL_HEIGHT, "middle"),
    ]
    for step in (1, 2, 3):  # further out, above and below on either side
        dy = step * (LABEL_HEIGHT + 2)
        for sign in (-1, 1):
            out += [(p.x + r + 3, mid + sign * dy, "start"), (p.x - r - 3, mid + sign * dy, "end")]
    return out


def label_box(x: float, y: float, anchor: str, text: str) -> Box:
    """The box a label of ``text`` with its baseline at ``(x, y)`` covers (estimated)."""
    width = LABEL_CHAR_WIDTH * len(text)
    left = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    return (left, y - LABEL_HEIGHT, left + width, y + 2)


def box_overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 when apart)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(points: Sequence[MapPoint]) -> list[MapPoint]:
    """Place each dot's label, in the order given (most incidents first), at the first
    candidate position that overlaps no label already placed and no dot; when every
    position collides, at the one with the least overlap (greedy, no backtracking)."""
    dots = [(p.x - p.radius, p.y - p.radius, p.x + p.radius, p.y + p.radius) for p in points]
    taken: list[Box] = []
    out = []
    for p in points:
        best: tuple[float, tuple[float, float, str], Box] | None = None
        for x, y, anchor in _candidates(p):
            box = label_box(x, y, anchor, p.label)
            off_frame = box[0] < 0 or box[1] < 0 or box[2] > WIDTH or box[3] > HEIGHT
            cost = sum(box_overlap(box, other) for other in taken + dots) + 1e6 * off_frame
            if best is None or cost < best[0]:
                best = (cost, (x, y, anchor), box)
            if cost == 0:
                break
        assert best is not None
        taken.append(best[2])
        x, y, anchor = best[1]
        out.append(replace(p, label_x=round(x, 1), label_y=round(y, 1), label_anchor=anchor))
    return out


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


@cache
def country_context(
    country: str = "SY",
) -> tuple[list[tuple[float, float]], dict[str, tuple[float, float]]]:
    """A rough outline (hull of the gazetteer's places) and governorate labels of a country."""
    from qarina.extract.gazetteer import all_places

    places = [
        p for p in all_places() if p.country == country and p.lat is not None and p.lon is not None
    ]
    outline = convex_hull((float(p.lat), float(p.lon)) for p in places if p.lat and p.lon)
    labels = {
        p.name: (float(p.lat), float(p.lon))
        for p in places
        if p.level == "governorate" and p.lat and p.lon
    }
    return outline, labels
