"""DeepStateMap's categories in the window: a layer each, their figures, the setting."""

from __future__ import annotations

import json

import shapely

from desktop.settings import COUNT_CONTESTED
from tests.desktop.helpers import PAGE_TIMEOUT_MS, run_js

NAMES = {
    "Окуповано /// Occupied /// geoJSON.status.occupied": shapely.box(37.6, 47.9, 38.2, 48.3),
    "Невідомо /// Unknown status /// geoJSON.status.unknown": shapely.box(37.3, 47.9, 37.5, 48.3),
    "Звільнено /// Liberated /// geoJSON.status.dismissed": shapely.box(37.0, 48.6, 37.4, 48.9),
    "Крим /// Crimea /// geoJSON.territories.crimea": shapely.box(33.5, 44.6, 34.5, 45.4),
}

LEGEND_JS = (
    "Array.prototype.map.call(document.querySelectorAll('.atlas-legend-categories "
    ".atlas-legend-row'), function (r) { return r.textContent; })"
)
FILLS_JS = (
    "Array.prototype.map.call(document.querySelectorAll('.leaflet-atlas-control-pane path'),"
    " function (p) { return p.getAttribute('fill'); })"
)


def write_map(folder):
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": shapely.geometry.mapping(g)}
        for name, g in NAMES.items()
    ]
    path = folder / "deepstatemap_data_20241120.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def open_and_wait(qtbot, window, path):
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(path)


def test_each_category_is_drawn_in_its_colour_with_figures_and_a_legend_row(
    open_window, qtbot, tmp_path
):
    window = open_window()
    open_and_wait(qtbot, window, write_map(tmp_path))
    legend = run_js(qtbot, window.map, LEGEND_JS)
    assert legend == [
        "Occupied before 2022 (Crimea, CADR and CALR)",
        "Contested (grey zone) (not counted as occupied)",
        "Liberated (not counted as occupied)",
    ]
    assert len(set(run_js(qtbot, window.map, FILLS_JS))) == 4  # a colour each
    info = window.info_dock.fields["categories"].text()
    assert "Contested (grey zone):" in info and "not counted as occupied" in info
    method = window.method_dock.fields["What counts as occupied"].text()
    assert "Contested (grey zone) is not counted as occupied" in method


def test_the_setting_counts_contested_land_and_the_method_says_so(open_window, qtbot, tmp_path):
    window = open_window()
    path = write_map(tmp_path)
    open_and_wait(qtbot, window, path)
    before = window.current.stats.regions.set_index("code").loc["UA-14", "controlled_km2"]
    window.settings.set(COUNT_CONTESTED, True)
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window._preferences_changed(window.reconcile_km)
    after = window.current.stats.regions.set_index("code").loc["UA-14", "controlled_km2"]
    assert after > before
    method = window.method_dock.fields["What counts as occupied"].text()
    assert "Contested (grey zone) is counted as occupied" in method
    assert "Contested (grey zone)" in run_js(qtbot, window.map, LEGEND_JS)[1]
    assert "not counted" not in run_js(qtbot, window.map, LEGEND_JS)[1]
