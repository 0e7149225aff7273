"""The Compare panel: a second source beside the data on screen, on the map and in tables."""

from __future__ import annotations

import json

import pytest

from tests.desktop.helpers import PAGE_TIMEOUT_MS, page_state
from tests.geodata.importers.fixtures import control_frame, write_control_file


@pytest.fixture
def window(open_window):
    return open_window(1400, 900)


def shifted(folder, stem: str, dx: float):
    """The fixture areas moved east by dx degrees (a second source that disagrees)."""
    import shapely

    frame = control_frame()
    frame["geometry"] = [shapely.affinity.translate(g, dx, 0) for g in frame.geometry]
    return write_control_file(folder, stem, ".geojson", frame)


def test_comparing_with_a_second_source(window, qtbot, tmp_path):
    a = write_control_file(tmp_path, "a_20241120", ".geojson")
    b = shifted(tmp_path, "b_20241122", 0.2)
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(a)
    with qtbot.waitSignal(window.compare.compared, timeout=10000) as done:
        window.compare.compare_with(b)
    comparison = done.args[0]
    assert comparison.date_gap_days == 2
    dock = window.compare_dock
    assert dock.headline.text().startswith("A: a_20241120.geojson (2024-11-20)")
    assert "2 days apart" in dock.headline.text()
    rows = dock.rows.export_frame()
    groups = ["Four regions annexed in 2022", "Crimea and Sevastopol (annexed 2014)",
              "All of Ukraine"]  # fmt: skip
    assert list(rows["Region"])[:3] == groups
    qtbot.waitUntil(lambda: page_state(qtbot, window.map)["changeFeatures"] == 2, timeout=5000)
    legend = page_state(qtbot, window.map)["legend"]
    assert "Occupied only in B (b_20241122.geojson)" in legend
    assert "Occupied only in A (a_20241120.geojson)" in legend
    # Data of another date on screen is compared with the same second source.
    with qtbot.waitSignal(window.compare.compared, timeout=10000) as again:
        window.open_file(shifted(tmp_path, "c_20241121", 0.1))
    assert again.args[0].b.source == "b_20241122.geojson"
    window.compare.clear()
    qtbot.waitUntil(lambda: page_state(qtbot, window.map)["changeFeatures"] == 0, timeout=5000)
    assert not dock.clear.isEnabled()


def test_a_bad_second_source_is_said_and_changes_nothing(window, qtbot, tmp_path, monkeypatch):
    from desktop.statistics import compare_controller

    errors = []
    monkeypatch.setattr(compare_controller, "show_error", lambda *args: errors.append(args[1]))
    a = write_control_file(tmp_path, "a_20241120", ".geojson")
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(a)
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": "nope"}))
    task = window.compare.compare_with(bad)
    qtbot.waitUntil(lambda: not task.is_running, timeout=10000)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert "bad.geojson" in str(errors[0])
    assert window.compare_dock.comparison is None and window.current is not None
