"""An offline map: incident places drawn from gazetteer coordinates as an SVG (no tiles)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

WIDTH, HEIGHT, MARGIN = 640, 420, 40


def _bounds(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    pad = 0.3
    return min(lats) - pad, max(lats) + pad, min(lons) - pad, max(lons) + pad


def render_map_svg(
    incidents: Sequence[Mapping[str, Any]], coordinates: Mapping[str, tuple[float, float]]
) -> bytes:
    """Places with incidents as labelled dots sized by incident count, on a lat/lon grid."""
    counts: dict[str, int] = {}
    for incident in incidents:
        place = incident.get("place_normalized")
        if isinstance(place, str) and place in coordinates:
            counts[place] = counts.get(place, 0) + 1
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
    south, north, west, east = _bounds([coordinates[p] for p in counts])
    scale = min((WIDTH - 2 * MARGIN) / (east - west), (HEIGHT - 2 * MARGIN) / (north - south))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return MARGIN + (lon - west) * scale, HEIGHT - MARGIN - (lat - south) * scale

    parts += _grid(south, north, west, east, xy)
    for place in sorted(counts):
        x, y = xy(*coordinates[place])
        radius = 4 + 2 * min(counts[place], 8)
        lat, lon = coordinates[place]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="#c1666b" fill-opacity="0.7" '
            f'stroke="#2e4057"><title>{escape(place)} ({lat:.4f}, {lon:.4f})</title></circle>'
        )
        parts.append(
            f'<text x="{x + radius + 3:.1f}" y="{y + 4:.1f}">{escape(place)} '
            f"({counts[place]})</text>"
        )
    parts.append(
        f'<text x="{MARGIN}" y="{HEIGHT - 8}" fill="#555">Equirectangular projection; '
        "coordinates from the built-in gazetteer (GeoNames, OCHA); no base map.</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts).encode()


def _grid(south: float, north: float, west: float, east: float, xy: Any) -> list[str]:
    lines = []
    for lat in range(int(south), int(north) + 2):
        if south <= lat <= north:
            x0, y = xy(lat, west)
            x1, _ = xy(lat, east)
            lines.append(
                f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" '
                f'stroke="#cccccc"/><text x="4" y="{y - 2:.1f}" fill="#888">{lat}°N</text>'
            )
    for lon in range(int(west), int(east) + 2):
        if west <= lon <= east:
            x, y0 = xy(south, lon)
            _, y1 = xy(north, lon)
            lines.append(
                f'<line x1="{x:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{y1:.1f}" '
                f'stroke="#cccccc"/><text x="{x + 2:.1f}" y="{HEIGHT - 24}" '
                f'fill="#888">{lon}°E</text>'
            )
    return lines
