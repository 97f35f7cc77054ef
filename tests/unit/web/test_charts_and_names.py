"""Map geometry, timeline bars, upload names, redirects and CSRF checks."""

from __future__ import annotations

import pytest

from qarina.app.web_actions import safe_upload_name
from qarina.core.errors import AccessDenied, InputError
from qarina.web.charts import (
    HEIGHT,
    MARGIN,
    WIDTH,
    MapDrawing,
    box_overlap,
    convex_hull,
    country_context,
    draw_map,
    label_box,
    timeline_bars,
)
from qarina.web.pages_main import _safe_next
from qarina.web.security import check_csrf


def test_map_points_fit_the_frame_and_skip_unknown_places() -> None:
    coordinates = {"Aleppo": (36.2, 37.15), "Douma": (33.57, 36.4), "Idlib": (35.93, 36.63)}
    outline = [(32.3, 35.7), (37.3, 42.4), (32.3, 42.4), (37.3, 35.7)]
    drawing = draw_map(
        {"Aleppo": 3, "Douma": 1, "Atlantis": 2}, coordinates, outline, {"Idlib": (35.93, 36.63)}
    )
    assert [p.place for p in drawing.points] == ["Aleppo", "Douma"]
    for p in drawing.points:
        assert MARGIN <= p.x <= WIDTH - MARGIN and MARGIN <= p.y <= HEIGHT - MARGIN
    north = next(p for p in drawing.points if p.place == "Aleppo")
    assert north.y < next(p for p in drawing.points if p.place == "Douma").y
    assert drawing.grid and all(g[0].endswith(("°N", "°E")) for g in drawing.grid)
    assert len(drawing.outline.split()) == 4 and drawing.labels[0][0] == "Idlib"
    assert draw_map({"Atlantis": 1}, coordinates).points == []


def test_convex_hull_keeps_only_the_corners() -> None:
    square = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.5, 0.5), (0.2, 0.7)]
    assert sorted(convex_hull(square)) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]


def test_country_context_outlines_syria_from_the_gazetteer() -> None:
    outline, labels = country_context("SY")
    assert len(outline) >= 8 and "Aleppo" in labels and "Damascus" in labels
    lats = [p[0] for p in outline]
    assert 32 < min(lats) < 33.5 and 36.5 < max(lats) < 37.5


def test_timeline_has_one_bar_per_month_including_empty_ones() -> None:
    incidents = [{"date_start": d} for d in ("2016-11-17", "2016-11-20", "2017-02-01", "bad")]
    bars = timeline_bars(incidents)
    assert [(b.month, b.count) for b in bars] == [
        ("2016-11", 2),
        ("2016-12", 0),
        ("2017-01", 0),
        ("2017-02", 1),
    ]
    assert bars[0].height == 200 and bars[1].height == 0
    assert timeline_bars([{"date_start": None}]) == []


def test_upload_names_keep_their_text_but_lose_folders_and_controls() -> None:
    assert safe_upload_name("<b onmouseover=x>report.html") == "<b onmouseover=x>report.html"
    assert safe_upload_name("<b>report</b>.html") == "b>.html"  # folders are dropped
    assert safe_upload_name("C:\\Users\\x\\witness.txt") == "witness.txt"
    assert safe_upload_name("a\x00b\nc.txt") == "a_b_c.txt"
    assert safe_upload_name("تقرير الكلور.pdf") == "تقرير الكلور.pdf"
    for bad in ("", "..", "dir/", None):
        with pytest.raises(InputError):
            safe_upload_name(bad)


def test_only_local_paths_are_followed_after_sign_in() -> None:
    assert _safe_next("/incidents?place=Aleppo") == "/incidents?place=Aleppo"
    for bad in ("//evil.example/", "https://evil.example/", "/\\evil", None, ""):
        assert _safe_next(bad) == "/"


def test_csrf_check() -> None:
    check_csrf("token", "token")
    for expected, given in (("token", "other"), ("token", None), (None, None), ("", "")):
        with pytest.raises(AccessDenied):
            check_csrf(expected, given)


def _boxes(drawing: MapDrawing) -> list[tuple[float, float, float, float]]:
    return [label_box(p.label_x, p.label_y, p.label_anchor, p.label) for p in drawing.points]


def test_labels_of_close_places_do_not_overlap() -> None:
    outline, _ = country_context("SY")
    coordinates = {
        "Sarmin": (35.9037, 36.7245),
        "Qmenas": (35.8822, 36.7028),
        "Idlib": (35.9306, 36.6339),
        "Binnish": (35.9572, 36.7139),
        "Taftanaz": (35.9986, 36.7836),
    }
    counts = {"Sarmin": 8, "Qmenas": 3, "Idlib": 5, "Binnish": 2, "Taftanaz": 1}
    drawing = draw_map(counts, coordinates, outline)
    boxes = _boxes(drawing)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert box_overlap(a, b) == 0, (a, b)
        for p in drawing.points:
            dot = (p.x - p.radius, p.y - p.radius, p.x + p.radius, p.y + p.radius)
            assert box_overlap(a, dot) == 0
        assert a[0] >= 0 and a[2] <= WIDTH and a[1] >= 0 and a[3] <= HEIGHT


def test_a_lone_label_sits_right_of_its_dot() -> None:
    drawing = draw_map({"Aleppo": 1}, {"Aleppo": (36.2, 37.15), "Douma": (33.57, 36.4)})
    (point,) = drawing.points
    assert point.label_anchor == "start" and point.label_x > point.x + point.radius
