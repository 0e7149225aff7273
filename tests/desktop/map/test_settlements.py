"""The map's Settlements layer: dots by zoom, held places marked, names that never collide, fly-to."""

from __future__ import annotations

import pytest
import shapely

from desktop.map.page import control_payload
from desktop.map.view import MapView
from geodata.control import ControlLayer
from geodata.gazetteer import load_gazetteer
from geodata.palette import current
from geodata.stats import compute_stats
from tests.desktop.helpers import PAGE_TIMEOUT_MS, page_state, run_js

POKROVSK = (48.28, 37.18)


@pytest.fixture
def view(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1100, 750)
    with qtbot.waitSignal(view.page_ready, timeout=PAGE_TIMEOUT_MS):
        view.show()
    return view


def place_row(name: str, region_code: str) -> int:
    places = load_gazetteer()
    return int(places.index[(places["name"] == name) & (places["region_code"] == region_code)][0])


def set_view(qtbot, view, lat: float, lon: float, zoom: float) -> dict:
    run_js(qtbot, view, f"Atlas.setView({lat}, {lon}, {zoom}) || 1")
    qtbot.wait(100)
    return page_state(qtbot, view)["settlements"]


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


def test_a_place_in_the_control_area_is_drawn_as_held(view, qtbot):
    ocheretyne = place_row("Ocheretyne", "UA-14")  # 48.24 N, 37.62 E
    rodynske = place_row("Rodynske", "UA-14")  # 48.35 N, 37.21 E: outside the box
    layer = ControlLayer(shapely.box(37.4, 48.0, 37.9, 48.3), None, "test", "GeoJSON")
    payload = control_payload(layer, compute_stats(layer))
    assert ocheretyne in payload[3] and rodynske not in payload[3]
    with qtbot.waitSignal(view.control_drawn, timeout=PAGE_TIMEOUT_MS):
        view.show_control(payload)
    set_view(qtbot, view, 48.25, 37.4, 10)
    held = run_js(qtbot, view, f"Atlas.settlement({ocheretyne})")
    free = run_js(qtbot, view, f"Atlas.settlement({rodynske})")
    assert held["drawn"] and held["held"] and held["fillColor"] == current().held_place
    assert free["drawn"] and not free["held"] and free["fillColor"] == current().city_fill
    assert held["tooltip"].startswith("Ocheretyne (Очеретине) — population ")
    assert held["tooltip"].endswith("(GeoNames est.) — held by the occupying side")
    assert free["tooltip"].endswith("— not held by the occupying side")
    legend = page_state(qtbot, view)["legend"]
    assert "Settlement held by the occupying side" in legend
    # Without a control layer, the tooltip says nothing of who holds a place.
    view.clear_control()
    qtbot.waitUntil(lambda: not page_state(qtbot, view)["settlements"]["heldKnown"], timeout=5000)
    assert run_js(qtbot, view, f"Atlas.settlement({ocheretyne})")["tooltip"].endswith("est.)")


def test_settlement_names_never_overlap_round_pokrovsk(view, qtbot):
    for zoom in (8, 9, 10):
        state = set_view(qtbot, view, *POKROVSK, zoom)
        assert state["labels"] >= 10, zoom
        boxes = run_js(
            qtbot,
            view,
            """Array.from(document.querySelectorAll('.atlas-label:not(.atlas-collides) span'))
                .map(function (s) { return s.getBoundingClientRect(); })
                .filter(function (b) { return b.width > 0; })
                .map(function (b) { return [b.left, b.top, b.right, b.bottom]; })""",
        )
        places = run_js(qtbot, view, "document.querySelectorAll('.atlas-place-label span').length")
        assert places == state["labels"]
        slack = 2
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap = (
                    a[0] + slack < b[2] and a[2] - slack > b[0]
                    and a[1] + slack < b[3] and a[3] - slack > b[1]
                )  # fmt: skip
                assert not overlap, (zoom, a, b)


def test_hiding_the_layer_removes_dots_names_and_legend(view, qtbot):
    set_view(qtbot, view, *POKROVSK, 9)
    assert "Settlement" in page_state(qtbot, view)["legend"]
    view.set_layer_visible("settlements", False)
    qtbot.waitUntil(lambda: page_state(qtbot, view)["settlements"]["dots"] == 0, timeout=5000)
    assert run_js(qtbot, view, "document.querySelectorAll('.atlas-place-label').length") == 0
    assert "Settlement" not in page_state(qtbot, view)["legend"]
    view.set_layer_visible("settlements", True)
    qtbot.waitUntil(lambda: page_state(qtbot, view)["settlements"]["labels"] > 0, timeout=5000)


def test_fly_to_centres_the_map_and_names_the_place_first(view, qtbot):
    row = place_row("Udachne", "UA-14")  # 1,699 people: not shown at zoom 8, but flown to
    places = load_gazetteer()
    lat, lon = float(places.at[row, "lat"]), float(places.at[row, "lon"])
    view.fly_to(lat, lon, zoom=8, name="Udachne")

    def arrived():
        state = page_state(qtbot, view)
        return state["zoom"] == 8 and abs(state["center"][0] - lat) < 0.01 and (
            abs(state["center"][1] - lon) < 0.01
        )

    qtbot.waitUntil(arrived, timeout=10_000)
    assert page_state(qtbot, view)["focus"] == pytest.approx([lat, lon])
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"Atlas.settlement({row})")["label"], timeout=5000)
    assert run_js(qtbot, view, f"Atlas.settlement({row})")["label"] == "Udachne"
