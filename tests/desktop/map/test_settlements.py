"""The map's Settlements layer: dots by zoom, held places marked, names never colliding; fly-to."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest

from desktop.map.view import MapView
from desktop.statistics.control_loader import loaded_control
from geodata.gazetteer import load_gazetteer
from geodata.importers import read_control_layer
from geodata.palette import current
from geodata.stats import compute_stats
from tests.desktop.helpers import (
    LABEL_BOXES_JS,
    PAGE_TIMEOUT_MS,
    assert_no_overlap,
    page_state,
    run_js,
)

POKROVSK = (48.28, 37.18)


def place_row(name: str, region_code: str) -> int:
    places = load_gazetteer()
    return int(places.index[(places["name"] == name) & (places["region_code"] == region_code)][0])


def set_view(qtbot, view, lat: float, lon: float, zoom: float) -> dict:
    run_js(qtbot, view, f"Atlas.setView({lat}, {lon}, {zoom}) || 1")
    qtbot.wait(100)
    return page_state(qtbot, view)["settlements"]


def legend_rows(qtbot, view) -> list[str]:
    script = """Array.from(document.querySelectorAll('.atlas-legend-row'))
        .filter(function (r) { return r.style.display !== 'none'; })
        .map(function (r) { return r.textContent; })"""
    return run_js(qtbot, view, script)


def test_the_page_gets_every_settlement_and_shows_more_the_closer_it_zooms(view, qtbot):
    counts = {zoom: set_view(qtbot, view, *POKROVSK, zoom) for zoom in (6, 7, 8, 9, 10)}
    assert counts[6]["points"] == len(load_gazetteer()) == 5488
    assert counts[6]["dots"] == 0 and counts[6]["labels"] == 0
    dots = [counts[zoom]["dots"] for zoom in (7, 8, 9, 10)]
    assert dots == sorted(dots) and dots[0] > 100 and dots[-1] > 5000
    assert counts[9]["labels"] > 20
    # A city of the Cities layer is not drawn twice.
    pokrovsk = run_js(qtbot, view, f"Atlas.settlement({place_row('Pokrovsk', 'UA-14')})")
    assert not pokrovsk["drawn"]


def test_a_place_in_the_control_area_is_drawn_as_held(view, qtbot, tmp_path):
    ocheretyne = place_row("Ocheretyne", "UA-14")  # 48.24 N, 37.62 E
    rodynske = place_row("Rodynske", "UA-14")  # 48.35 N, 37.21 E: outside the area
    path = tmp_path / "front_20250801.geojson"
    ring = [[37.4, 48.0], [37.9, 48.0], [37.9, 48.3], [37.4, 48.3], [37.4, 48.0]]
    feature = {"type": "Feature", "properties": {},
               "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    layer = read_control_layer(path)
    loaded = loaded_control(path, layer, compute_stats(layer))  # as the app opens a file
    assert ocheretyne in loaded.map_payload[3] and rodynske not in loaded.map_payload[3]
    with qtbot.waitSignal(view.control_drawn, timeout=PAGE_TIMEOUT_MS):
        view.show_control(loaded.map_json)
    set_view(qtbot, view, 48.25, 37.4, 10)
    held = run_js(qtbot, view, f"Atlas.settlement({ocheretyne})")
    free = run_js(qtbot, view, f"Atlas.settlement({rodynske})")
    assert held["drawn"] and held["held"] and held["fillColor"] == current().held_place
    assert free["drawn"] and not free["held"] and free["fillColor"] == current().city_fill
    assert held["tooltip"].startswith("Ocheretyne (Очеретине) — population ")
    assert held["tooltip"].endswith("(GeoNames est.) — held by the occupying side on 2025-08-01")
    assert free["tooltip"].endswith("— not held by the occupying side on 2025-08-01")
    assert "Settlement held by the occupying side" in legend_rows(qtbot, view)
    # Pointing at the dot shows the tooltip, as text.
    places = load_gazetteer()
    lat, lon = places.at[ocheretyne, "lat"], places.at[ocheretyne, "lon"]
    x, y = run_js(qtbot, view, f"Atlas.containerPoint({lat}, {lon})")
    for dx in (8, 0):  # Chromium reports a move, not a position: move onto the dot
        QTest.mouseMove(view.focusProxy(), QPoint(round(x) + dx, round(y)))
        qtbot.wait(50)
    tip = "(document.querySelector('.atlas-place-tooltip') || {}).textContent || ''"
    qtbot.waitUntil(lambda: "Ocheretyne (Очеретине)" in run_js(qtbot, view, tip), timeout=5000)
    assert "held by the occupying side on 2025-08-01" in run_js(qtbot, view, tip)
    # Without a control layer, the tooltip says nothing of who holds a place.
    view.clear_control()
    qtbot.waitUntil(lambda: not page_state(qtbot, view)["settlements"]["heldKnown"], timeout=5000)
    assert run_js(qtbot, view, f"Atlas.settlement({ocheretyne})")["tooltip"].endswith("est.)")


def test_settlement_names_never_overlap_round_pokrovsk(view, qtbot):
    for zoom in (8, 9, 10):
        state = set_view(qtbot, view, *POKROVSK, zoom)
        assert state["labels"] >= 10, zoom
        boxes = run_js(qtbot, view, LABEL_BOXES_JS)
        places = run_js(qtbot, view, "document.querySelectorAll('.atlas-place-label span').length")
        assert places == state["labels"]
        assert_no_overlap(boxes, zoom)


def test_hiding_the_layer_removes_dots_names_and_legend(view, qtbot):
    assert "Settlement" not in legend_rows(qtbot, view)  # none at the whole country's zoom
    set_view(qtbot, view, *POKROVSK, 9)
    assert "Settlement" in legend_rows(qtbot, view)
    view.set_layer_visible("settlements", False)
    qtbot.waitUntil(lambda: page_state(qtbot, view)["settlements"]["dots"] == 0, timeout=5000)
    assert run_js(qtbot, view, "document.querySelectorAll('.atlas-place-label').length") == 0
    assert "Settlement" not in legend_rows(qtbot, view)
    view.set_layer_visible("settlements", True)
    qtbot.waitUntil(lambda: page_state(qtbot, view)["settlements"]["labels"] > 0, timeout=5000)


def test_fly_to_centres_the_map_and_names_the_place_first(view, qtbot):
    row = place_row("Udachne", "UA-14")  # 1,699 people: not shown at zoom 8, but flown to
    places = load_gazetteer()
    lat, lon = float(places.at[row, "lat"]), float(places.at[row, "lon"])
    view.fly_to(lat, lon, zoom=8, name="Udachne")

    def arrived():
        state = page_state(qtbot, view)
        return (
            state["zoom"] == 8
            and abs(state["center"][0] - lat) < 0.01
            and (abs(state["center"][1] - lon) < 0.01)
        )

    qtbot.waitUntil(arrived, timeout=10_000)
    assert page_state(qtbot, view)["focus"] == pytest.approx([lat, lon])
    qtbot.waitUntil(
        lambda: run_js(qtbot, view, f"Atlas.settlement({row})")["label"] is not None, timeout=5000
    )
    assert run_js(qtbot, view, f"Atlas.settlement({row})")["label"] == "Udachne"


def test_a_held_city_gets_a_held_dot_too(view, qtbot, tmp_path):
    script = """Array.from(document.querySelectorAll('path.atlas-city'))
        .filter(function (p) { return p.getAttribute('fill') === %s; }).length"""
    held_fill = json.dumps(current().held_place)
    # A box round Pokrovsk, then one near Lviv holding no city.
    for box, cities in (((37.0, 48.1, 37.4, 48.4), 1), ((24.0, 50.0, 24.1, 50.1), 0)):
        path = tmp_path / f"front_{cities}_20250801.geojson"
        x0, y0, x1, y1 = box
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        feature = {"type": "Feature", "properties": {},
                   "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
        layer = read_control_layer(path)
        with qtbot.waitSignal(view.control_drawn, timeout=PAGE_TIMEOUT_MS):
            view.show_control(loaded_control(path, layer, compute_stats(layer)).map_json)
        assert run_js(qtbot, view, script % held_fill) == cities


def test_place_names_in_ukrainian_when_chosen(qtbot):
    view = MapView(language="uk")
    qtbot.addWidget(view)
    view.resize(1100, 750)
    with qtbot.waitSignal(view.page_ready, timeout=PAGE_TIMEOUT_MS):
        view.show()
    set_view(qtbot, view, *POKROVSK, 9)
    texts = run_js(qtbot, view, "Array.from(document.querySelectorAll('.atlas-label span'))"
                   ".map(function (s) { return s.textContent; })")  # fmt: skip
    assert "Покровськ" in texts and "Pokrovsk" not in texts
    assert any(text == "Донецька" or text.startswith("Донец") for text in texts)
