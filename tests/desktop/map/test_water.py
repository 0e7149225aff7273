"""The map's water: bands loaded as the map zooms, rivers and names, nothing from the network."""

from __future__ import annotations

from tests.desktop.helpers import page_state, run_js

LOCAL_SCHEMES = {"atlas", "qrc", "data", "blob", "about"}


def water_at(qtbot, view, lat: float, lon: float, zoom: float) -> dict:
    from geodata.hydrography import band_for_zoom

    run_js(qtbot, view, f"Atlas.setView({lat}, {lon}, {zoom}) || 1")
    band = band_for_zoom(zoom)
    for _ in range(80):  # polled: page_state runs its own event loop
        qtbot.wait(100)
        water = page_state(qtbot, view)["water"]
        if water["shown"] == band:
            return water
    raise AssertionError(f"the {band} band was not drawn: {water}")


def test_each_band_is_asked_for_once_and_drawn(view, qtbot):
    low = water_at(qtbot, view, 48.6, 31.3, 6)
    assert low["shown"] == "low" and low["rivers"] > 0 and low["labels"] >= 5
    mid = water_at(qtbot, view, 48.3, 37.6, 9)
    assert mid["shown"] == "mid" and set(mid["loaded"]) == {"low", "mid"}
    high = water_at(qtbot, view, 47.5, 34.3, 11)
    assert high["shown"] == "high" and high["drainedInView"]  # over the Kakhovka reservoir
    legend = page_state(qtbot, view)["legend"]
    assert "River" in legend and "drained since June 2023" in legend
    back = water_at(qtbot, view, 48.6, 31.3, 6)
    assert back["shown"] == "low" and sorted(back["loaded"]) == ["high", "low", "mid"]


def test_names_of_rivers_are_text_and_the_layer_switches_off(view, qtbot):
    water_at(qtbot, view, 47.6, 34.5, 8)
    names = run_js(qtbot, view, "Array.from(document.querySelectorAll('.atlas-water-label span'))"
                   ".map(function (s) { return s.textContent; })")  # fmt: skip
    assert "Dnipro" in names or any("Reservoir" in name for name in names)
    view.set_layer_visible("water", False)
    qtbot.waitUntil(lambda: page_state(qtbot, view)["water"]["shown"] is None, timeout=5000)
    assert "River" not in page_state(qtbot, view)["legend"].split("Settlement")[0][-40:]


def test_zooming_through_every_band_makes_no_network_request(view, qtbot):
    for lat, lon, zoom in ((48.6, 31.3, 6), (48.3, 37.6, 9), (48.28, 37.18, 12)):
        water_at(qtbot, view, lat, lon, zoom)
    requests = list(view.interceptor.requests)
    assert requests, "the interceptor saw no request at all"
    remote = [url for url, _blocked in requests if url.split(":")[0] not in LOCAL_SCHEMES]
    assert remote == []
