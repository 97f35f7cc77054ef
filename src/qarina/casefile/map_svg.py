"""An offline map: incident places drawn from gazetteer coordinates as an SVG (no tiles).

Longitude is scaled by the cosine of the middle latitude (an equirectangular projection
true at that latitude); larger towns of the gazetteer are drawn as grey landmarks so the
reader can orient without a base map. Labels are nudged down so they do not overlap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

WIDTH, HEIGHT, MARGIN = 640, 460, 44
LINE = 13  # label height in px


def _counts(incidents: Sequence[Mapping[str, Any]], known: Mapping[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for incident in incidents:
        place = incident.get("place_normalized")
        if isinstance(place, str) and place in known:
            counts[place] = counts.get(place, 0) + 1
    return counts


class Projection:
    """Equirectangular projection of a lat/lon box onto the drawing area."""

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        self.south, self.north = min(lats) - 0.4, max(lats) + 0.4
        self.kx = math.cos(math.radians((self.south + self.north) / 2))
        west, east = min(lons) - 0.4, max(lons) + 0.4
        self.scale = min(
            (WIDTH - 2 * MARGIN) / ((east - west) * self.kx),
            (HEIGHT - 2 * MARGIN) / (self.north - self.south),
        )
        middle = (west + east) / 2
        half = (WIDTH - 2 * MARGIN) / 2 / (self.scale * self.kx)
        self.west, self.east = middle - half, middle + half

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            MARGIN + (lon - self.west) * self.kx * self.scale,
            HEIGHT - MARGIN - (lat - self.south) * self.scale,
        )

    def inside(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def render_map_svg(
    incidents: Sequence[Mapping[str, Any]],
    coordinates: Mapping[str, tuple[float, float]],
    landmarks: Mapping[str, tuple[float, float]] | None = None,
) -> bytes:
    """Places with incidents as labelled dots sized by incident count, on a lat/lon grid."""
    counts = _counts(incidents, coordinates)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f1ea"/>',
    ]
    if not counts:
        parts.append(
            f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle">'
            "no incident place has known coordinates</text></svg>"
        )
        return "\n".join(parts).encode()
    view = Projection([coordinates[p] for p in counts])
    parts += _grid(view)
    parts += _landmarks(view, landmarks or {}, set(counts))
    parts += _places(view, counts, coordinates)
    parts.append(
        f'<text x="{MARGIN}" y="{HEIGHT - 8}" fill="#555">Equirectangular projection; '
        "gazetteer coordinates (GeoNames, OCHA); grey: larger towns; "
        "no base map.</text></svg>"
    )
    return "\n".join(parts).encode()


def _landmarks(
    view: Projection, landmarks: Mapping[str, tuple[float, float]], skip: set[str]
) -> list[str]:
    out = []
    for name, (lat, lon) in sorted(landmarks.items()):
        if name in skip or not view.inside(lat, lon):
            continue
        x, y = view.xy(lat, lon)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#999"/>'
            f'<text x="{x + 4:.1f}" y="{y + 3:.1f}" fill="#999" font-size="9">'
            f"{escape(name)}</text>"
        )
    return out


def _places(
    view: Projection, counts: Mapping[str, int], coordinates: Mapping[str, tuple[float, float]]
) -> list[str]:
    out: list[str] = []
    taken: list[float] = []
    ordered = sorted(counts, key=lambda p: (-coordinates[p][0], p))
    for place in ordered:
        lat, lon = coordinates[place]
        x, y = view.xy(lat, lon)
        radius = 4 + 2 * min(counts[place], 8)
        label_y = y + 4
        while any(abs(label_y - other) < LINE for other in taken):
            label_y += 2
        taken.append(label_y)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="#c1666b" fill-opacity="0.7" '
            f'stroke="#2e4057"><title>{escape(place)} ({lat:.4f}, {lon:.4f})</title></circle>'
        )
        if label_y != y + 4:
            out.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + radius + 2:.1f}" '
                f'y2="{label_y - 4:.1f}" stroke="#2e4057" stroke-width="0.5"/>'
            )
        out.append(
            f'<text x="{x + radius + 3:.1f}" y="{label_y:.1f}">{escape(place)} '
            f"({counts[place]})</text>"
        )
    return out


def _grid(view: Projection) -> list[str]:
    lines = []
    for lat in range(math.floor(view.south), math.ceil(view.north) + 1):
        if view.south <= lat <= view.north:
            x0, y = view.xy(lat, view.west)
            x1, _ = view.xy(lat, view.east)
            lines.append(
                f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" '
                f'stroke="#d6d2c8"/><text x="4" y="{y - 2:.1f}" fill="#888">{lat}°N</text>'
            )
    for lon in range(math.floor(view.west), math.ceil(view.east) + 1):
        if view.west <= lon <= view.east:
            x, y0 = view.xy(view.south, lon)
            _, y1 = view.xy(view.north, lon)
            lines.append(
                f'<line x1="{x:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{y1:.1f}" '
                f'stroke="#d6d2c8"/><text x="{x + 2:.1f}" y="{HEIGHT - 24}" '
                f'fill="#888">{lon}°E</text>'
            )
    return lines
