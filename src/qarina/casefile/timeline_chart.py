"""The timeline chart of a case: one row per place, a mark per incident (deterministic SVG)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

EPOCH = date(1970, 1, 1)


def date_number(day: date) -> float:
    """Matplotlib's date number of ``day`` (days since the 1970 epoch set below)."""
    return float((day - EPOCH).days)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def timeline_points(incidents: Sequence[Mapping[str, Any]]) -> list[tuple[str, date, date, str]]:
    """``(place, start, end, id)`` for every dated incident, sorted by start then id."""
    points = []
    for incident in incidents:
        start = _day(incident.get("date_start"))
        if start is None:
            continue
        end = _day(incident.get("date_end")) or start
        place = str(incident.get("place_normalized") or "unknown place")
        points.append((place, start, max(start, end), str(incident.get("id"))))
    return sorted(points, key=lambda p: (p[1], p[3]))


def render_timeline_svg(incidents: Sequence[Mapping[str, Any]]) -> bytes:
    """An SVG timeline of the dated incidents (a note when none is dated)."""
    import matplotlib  # imported here: it costs half a second at start-up
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    points = timeline_points(incidents)
    places = sorted({p[0] for p in points})
    height = 1.2 + 0.3 * max(len(places), 1)
    settings: Any = {
        "svg.hashsalt": "qarina-timeline",
        "svg.fonttype": "path",
        "font.size": 8,
        "date.epoch": "1970-01-01T00:00:00",
    }
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(7.5, height))
        axes = figure.add_subplot()
        if not points:
            axes.text(0.5, 0.5, "no dated incidents", ha="center", va="center")
            axes.set_axis_off()
        for place, start, end, _ in points:
            row = places.index(place)
            span = max((end - start).days, 0)
            if span:
                width = date_number(start + timedelta(days=span)) - date_number(start)
                axes.broken_barh([(date_number(start), width)], (row - 0.2, 0.4), color="#c1666b")
            else:
                axes.plot([date_number(start)], [row], marker="o", color="#2e4057", markersize=5)
        if points:
            axes.set_yticks(range(len(places)), labels=places)
            locator = AutoDateLocator()  # type: ignore[no-untyped-call]
            axes.xaxis.set_major_locator(locator)
            axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
            axes.set_ylim(-0.8, len(places) - 0.2)
            axes.grid(axis="x", color="#dddddd", linewidth=0.5)
            axes.set_title("Incidents over time (bars: date ranges; dots: single days)")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
