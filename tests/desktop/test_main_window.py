"""The main window as a user sees it: map, table, panels, opening files, selection, safety."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop.main_window import MainWindow
from desktop.map.interceptor import LOCAL_SCHEMES
from desktop.settings import RECENT_FILES, WINDOW_GEOMETRY
from desktop.statistics.model import KEY_ROLE
from geodata.boundaries import load_boundaries
from tests.desktop.helpers import (
    LABEL_BOXES_JS,
    PAGE_TIMEOUT_MS,
    assert_no_overlap,
    page_state,
    run_js,
)
from tests.geodata.importers.fixtures import write_control_file


@pytest.fixture
def window(open_window):
    return open_window()


def open_and_wait(qtbot, window, path: Path):
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS) as drawn:
        window.open_file(path)
    return drawn.args[0]


def table_text(window, row: int, column: int) -> str:
    view = window.stats_dock.table
    return view.model().index(row, column).data()


def row_by_name(window, name: str) -> int:
    model = window.stats_dock.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return row
    raise AssertionError(f"{name} is not in the table")


def test_window_opens_with_the_basemap_and_the_welcome_panel(window, qtbot):
    assert window.welcome.isVisible()
    assert window.welcome.title.text() == "No control-area data yet"
    assert window.stats_dock.table.model().rowCount() == 0
    state = page_state(qtbot, window.map)
    assert state["controlFeatures"] == 0
    assert "Natural Earth" in state["credits"]
    assert (
        run_js(qtbot, window.map, "document.querySelectorAll('.atlas-region-label').length") == 25
    )


def test_loading_the_2024_11_20_snapshot_fills_table_map_and_info(window, qtbot, snapshot_20241120):
    features = open_and_wait(qtbot, window, snapshot_20241120)
    assert features == len(window.current.map_payload[0]["features"]) == 1
    assert window.stats_dock.table.model().rowCount() == 30
    groups = [table_text(window, row, 0) for row in range(3)]
    assert groups == [
        "Annexed 2022",
        "Annexed 2014",
        "All of Ukraine",
    ]
    donetsk = row_by_name(window, "Donetsk")
    assert float(table_text(window, donetsk, 3)) == pytest.approx(64.9, abs=0.1)  # reconciled
    crimea = row_by_name(window, "Crimea")
    assert table_text(window, crimea, 3) == "100.00"
    method = window.method_dock.fields
    assert method["Border and coast reconciliation"].text().startswith("3 km")
    assert "Crimea: +250.1 km²" in method["Added per unit"].text()
    assert "603,628" in method["Denominator"].text()
    assert not window.welcome.isVisible()
    assert window.info_dock.fields["date"].text().startswith("2024-11-20")
    assert "Control areas: DeepStateMap" in window.info_dock.fields["credits"].text()
    state = page_state(qtbot, window.map)
    assert state["controlFeatures"] == 1
    assert "Control areas: DeepStateMap" in state["credits"]


def test_a_second_file_updates_map_and_table_without_reloading(window, qtbot, tmp_path):
    first = write_control_file(tmp_path, "first_20241120", ".geojson")
    open_and_wait(qtbot, window, first)
    loads = window.map.page_loads
    second = tmp_path / "second_20241121.geojson"
    second.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "a"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[37, 47], [37.5, 47], [37.5, 47.5], [37, 47]]],
                        },
                    },
                    {
                        "type": "Feature",
                        "properties": {"name": "b"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[33.5, 45], [34, 45], [34, 45.5], [33.5, 45]]],
                        },
                    },
                ],
            }
        )
    )
    open_and_wait(qtbot, window, second)
    assert window.map.page_loads == loads == 1
    assert window.current.path == second
    assert "second_20241121.geojson" in window.windowTitle()


def test_selection_syncs_both_ways(window, qtbot, tmp_path):
    open_and_wait(qtbot, window, write_control_file(tmp_path, "front", ".geojson"))
    table = window.stats_dock.table
    # Table -> map: the oblast is highlighted and the map zooms in.
    zoom_before = page_state(qtbot, window.map)["zoom"]
    table.selectRow(row_by_name(window, "Kharkiv"))
    qtbot.waitUntil(lambda: page_state(qtbot, window.map)["selected"] == ["UA-63"], timeout=5000)
    qtbot.waitUntil(lambda: page_state(qtbot, window.map)["zoom"] > zoom_before, timeout=5000)
    # Map -> table: clicking an oblast selects its row.
    window.map.zoom_to_ukraine()
    qtbot.wait(300)
    inside = load_boundaries().units.set_index("code").geometry["UA-65"].representative_point()
    x, y = run_js(qtbot, window.map, f"Atlas.containerPoint({inside.y}, {inside.x})")
    target = window.map.focusProxy()
    QTest.mouseClick(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x), int(y))
    )
    qtbot.waitUntil(lambda: table.selectionModel().selectedRows() != [], timeout=5000)
    qtbot.waitUntil(
        lambda: table.selectionModel().selectedRows()[0].data(KEY_ROLE) == "UA-65", timeout=5000
    )
    assert page_state(qtbot, window.map)["selected"] == ["UA-65"]


def test_no_request_leaves_the_machine(window, qtbot, snapshot_20241120):
    open_and_wait(qtbot, window, snapshot_20241120)
    run_js(qtbot, window.map, "fetch('https://example.org/x').catch(function () {}) && 1")
    qtbot.wait(300)
    requests = list(window.map.interceptor.requests)
    assert requests, "the interceptor saw no request at all"
    remote = [url for url, _blocked in requests if url.split(":")[0] not in LOCAL_SCHEMES]
    assert remote == []


def test_a_bad_file_shows_an_error_and_keeps_the_data(window, qtbot, tmp_path, monkeypatch):
    good = write_control_file(tmp_path, "good", ".geojson")
    open_and_wait(qtbot, window, good)
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box))
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    window.open_file(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=PAGE_TIMEOUT_MS)
    box = shown[0]
    assert "broken.geojson" in box.informativeText() and "not valid JSON" in box.informativeText()
    assert window.current.path == good
    assert window.stats_dock.table.model().rowCount() == 30
    assert page_state(qtbot, window.map)["controlFeatures"] == 1


def test_html_in_feature_properties_is_shown_as_text(window, qtbot, tmp_path):
    hostile = "<img src=x onerror=\"document.title='pwned'\">"
    path = tmp_path / "hostile.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": hostile},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[37, 47], [38, 47], [38, 48], [37, 47]]],
                        },
                    }
                ],
            }
        )
    )
    open_and_wait(qtbot, window, path)
    qtbot.wait(300)
    state = page_state(qtbot, window.map)
    assert hostile in state["legend"]
    assert run_js(qtbot, window.map, "document.querySelectorAll('img').length") == 0
    assert run_js(qtbot, window.map, "document.title") != "pwned"
    assert hostile in window.info_dock.fields["features"].text()
    assert window.info_dock.fields["features"].textFormat() == Qt.TextFormat.PlainText


def test_window_state_and_recent_files_persist(qtbot, settings, tmp_path):
    path = write_control_file(tmp_path, "recent", ".geojson")
    first = MainWindow(settings)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.map.page_ready, timeout=PAGE_TIMEOUT_MS):
        first.show()
    with qtbot.waitSignal(first.loaded, timeout=PAGE_TIMEOUT_MS):
        first.open_file(path)
    first.layers_dock.checks["cities"].setChecked(False)
    first.close()
    assert settings.get(WINDOW_GEOMETRY)
    assert settings.get(RECENT_FILES) == [str(path.resolve())]
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert not second.layers_dock.checks["cities"].isChecked()
    assert [a.toolTip() for a in second.recent_menu.actions()] == [str(path.resolve())]


def test_drop_on_the_map_opens_the_file(window, qtbot, tmp_path):
    """A file dragged from the file manager onto the map opens, as Qt delivers real drops."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = write_control_file(tmp_path, "dropped", ".geojson")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    # The point is in the window's coordinates, over the map below the welcome panel.
    below_panel = window.map.rect().center()
    below_panel.setY(window.map.height() - 60)
    at = window.map.mapTo(window, below_panel)
    assert window.childAt(at) is window.map.focusProxy()
    assert not window.map.focusProxy().acceptDrops()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # QPoint: all PySide6 releases take it; later ones warn
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window.windowHandle(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, buttons, keys)
    with qtbot.waitSignal(window.loaded, timeout=PAGE_TIMEOUT_MS):
        QApplication.sendEvent(window.windowHandle(), drop)
    assert window.current.path == path


def test_hovering_an_oblast_shows_its_figures(window, qtbot, snapshot_20241120):
    open_and_wait(qtbot, window, snapshot_20241120)
    inside = load_boundaries().units.set_index("code").geometry["UA-14"].representative_point()

    def tooltip():
        return run_js(
            qtbot, window.map, "(document.querySelector('.leaflet-tooltip') || {}).textContent"
        )

    def hover_donetsk() -> bool:
        # Where Donetsk is on screen, asked again each time: on a busy machine the map
        # may still be settling into its first view.
        x, y = run_js(qtbot, window.map, f"Atlas.containerPoint({inside.y}, {inside.x})")
        # A move to where the pointer already is sends no event: come from a pixel aside.
        QTest.mouseMove(window.map.focusProxy(), QPoint(int(x) + 3, int(y) + 3))
        QTest.mouseMove(window.map.focusProxy(), QPoint(int(x), int(y)))
        return (tooltip() or "").startswith("Donetsk")

    # The pointer may cross other oblasts on its way; the tooltip follows it.
    qtbot.waitUntil(hover_donetsk, timeout=10000)
    text = tooltip()
    assert "26,599.0 km²" in text and "17,259.7 km²" in text and "64.89 %" in text
    assert "of which reconciled116.0 km²" in text


def test_layers_panel_switches_and_fades_layers_on_the_page(window, qtbot, tmp_path):
    open_and_wait(qtbot, window, write_control_file(tmp_path, "front", ".geojson"))
    count = "document.querySelectorAll('.atlas-city-label').length"
    assert run_js(qtbot, window.map, count) > 0
    window.layers_dock.checks["cities"].setChecked(False)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, count) == 0, timeout=5000)
    window.layers_dock.checks["cities"].setChecked(True)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, count) > 0, timeout=5000)

    fill = "document.querySelector('.atlas-control-area').getAttribute('fill-opacity')"
    window.layers_dock.sliders["control"].setValue(20)
    qtbot.waitUntil(lambda: float(run_js(qtbot, window.map, fill)) < 0.2, timeout=5000)


def test_visible_labels_never_overlap(window, qtbot, snapshot_20241120):
    from geodata.hydrography import band_for_zoom

    open_and_wait(qtbot, window, snapshot_20241120)
    for lat, lon, zoom in ((48.5, 31.5, 5.5), (48.5, 31.5, 6.5), (48.0, 37.8, 8)):
        run_js(qtbot, window.map, f"Atlas.setView({lat}, {lon}, {zoom}) || 1")
        # Settled: the zoom band's water (and its names) has come from Python too.
        band = band_for_zoom(zoom)
        for _ in range(50):
            qtbot.wait(100)
            if page_state(qtbot, window.map)["water"]["shown"] == band:
                break
        # And the labels weighed once more after the zoom (however busy the machine).
        qtbot.waitUntil(lambda: run_js(qtbot, window.map, "Atlas.labelsSettled()"), timeout=10000)
        boxes = run_js(qtbot, window.map, LABEL_BOXES_JS)
        assert len(boxes) >= 8, zoom
        assert_no_overlap(boxes, zoom)


def test_the_reconciliation_tolerance_is_a_preference(window, qtbot, snapshot_20241120):
    from desktop.preferences import PreferencesDialog
    from desktop.settings import RECONCILE_KM

    open_and_wait(qtbot, window, snapshot_20241120)
    assert table_text(window, row_by_name(window, "Crimea"), 3) == "100.00"
    assert window.current.stats.reconcile_km == 3.0
    dialog = PreferencesDialog(window.settings, window)
    assert dialog.reconcile_km.value() == 3.0
    dialog.reconcile_km.setValue(0.0)
    with qtbot.waitSignal(window.loaded, timeout=PAGE_TIMEOUT_MS):
        dialog.accept()
        window._preferences_changed(3.0)
    assert window.settings.get(RECONCILE_KM) == 0.0
    assert window.current.stats.reconcile_km == 0.0
    assert table_text(window, row_by_name(window, "Crimea"), 3) == "99.05"  # the raw figure
    assert window.method_dock.fields["Border and coast reconciliation"].text().startswith("none")
    assert window.method_dock.fields["Added per unit"].text() == "none"


def test_the_method_panel_is_empty_without_data(window):
    assert window.method_dock.fields == {}
    assert "Open control-area data" in window.method_dock.intro.text()
    assert window.method_dock.intro.textFormat() == Qt.TextFormat.PlainText


def test_the_page_takes_its_colours_from_the_palette(window, qtbot, snapshot_20241120):
    from geodata.palette import current

    open_and_wait(qtbot, window, snapshot_20241120)
    css = "getComputedStyle(document.documentElement).getPropertyValue('--atlas-occupied').trim()"
    assert run_js(qtbot, window.map, css) == current().occupied
    fill = "document.querySelector('path.atlas-control-area').getAttribute('fill')"
    assert run_js(qtbot, window.map, fill) == current().occupied
