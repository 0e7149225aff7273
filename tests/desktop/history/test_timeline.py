"""The Timeline panel with a history open: dates, steps, play, chart, comparing two dates."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from desktop.main_window import MainWindow
from desktop.statistics.model import KEY_ROLE
from tests.desktop.helpers import PAGE_TIMEOUT_MS, page_state
from tests.geodata.history.test_history import growing_front


@pytest.fixture
def window(open_window):
    return open_window(1400, 950)


@pytest.fixture
def history(window, qtbot, tmp_path):
    folder = growing_front(tmp_path / "daily", days=4)
    # A gap: no map on 2024-11-22.
    (folder / "front_2024-11-22.geojson").unlink()
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    return window


def donetsk_km2(window) -> str:
    model = window.stats_dock.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(KEY_ROLE) == "UA-14":
            return model.index(row, 2).data()
    raise AssertionError("no Donetsk row")


def test_opening_a_history_shows_its_last_date(history):
    dock = history.timeline_dock
    assert dock.isVisible() and len(dock.series) == 3
    assert dock.date_label.text() == "2024-11-23"
    assert "3 dates" in dock.header.text() and "1 days without a map" in dock.header.text()
    assert history.info_dock.fields["date"].text().startswith("2024-11-23")
    assert dock.gaps._missing == [2]


def test_switching_dates_updates_map_table_and_chart(history, qtbot):
    dock = history.timeline_dock
    last = donetsk_km2(history)
    with qtbot.waitSignal(history.map.control_drawn, timeout=5000):
        dock.go_to_row(0)
    assert dock.date_label.text() == "2024-11-20"
    assert donetsk_km2(history) != last
    assert dock.chart._cursors[0].get_xdata()[0] == pytest.approx(
        __import__("matplotlib.dates").dates.date2num(dt.date(2024, 11, 20))
    )
    assert history.windowTitle().startswith("front_2024-11-20.geojson")


def test_slider_on_a_missing_day_shows_the_day_before(history):
    dock = history.timeline_dock
    dock.slider.setValue(2)  # 2024-11-22 has no map
    assert dock.date_label.text().startswith("2024-11-21")
    assert "no map for 2024-11-22" in dock.date_label.text()


def test_steps_and_play(history, qtbot):
    dock = history.timeline_dock
    dock.go_to_row(0)
    dock.step_by(1)
    assert dock.date_label.text() == "2024-11-21"
    dock.step_by(1)  # over the gap
    assert dock.date_label.text() == "2024-11-23"
    dock.step.setCurrentText("Week")
    dock.step_by(-1)
    assert dock.date_label.text() == "2024-11-20"
    dock.step.setCurrentText("Day")
    dock.play.setChecked(True)
    qtbot.waitUntil(lambda: not dock.play.isChecked(), timeout=10000)  # stops at the end
    assert dock.date_label.text() == "2024-11-23"


def test_compare_with_an_earlier_date(history, qtbot):
    dock = history.timeline_dock
    dock.compare_date.setDate(QDate(2024, 11, 20))
    with qtbot.waitSignal(history.map.change_drawn, timeout=5000) as drawn:
        dock.compare.setChecked(True)
    assert drawn.args[0] == 1  # only gains: the front grew
    assert page_state(qtbot, history.map)["changeFeatures"] == 1
    assert (
        "Gained by the occupying side since 2024-11-20" in page_state(qtbot, history.map)["legend"]
    )
    assert dock.table.isVisible() and dock.table.item(0, 0).text() == "Donetsk"
    # The chart keeps most of the width beside the table (it was left a 10 px sliver).
    from PySide6.QtWidgets import QSplitter

    chart, table = dock.findChild(QSplitter).sizes()
    assert chart >= 2 * table > 0
    assert dock.table.item(0, 3).text().startswith("+")
    dock.compare.setChecked(False)
    qtbot.waitUntil(lambda: page_state(qtbot, history.map)["changeFeatures"] == 0, timeout=5000)
    assert not dock.table.isVisible()


def test_chart_units_period_and_selected_oblast(history):
    chart = history.timeline_dock.chart
    history.timeline_dock.units.setCurrentIndex(1)
    assert chart.units == "km2" and chart.held_axes.get_ylabel() == "held, km²"
    history.timeline_dock.period.setCurrentIndex(1)
    assert chart.period == "weekly"
    history._on_rows_selected(["UA-14"])
    assert "Donetsk" in [line.get_label() for line in chart.held_axes.get_lines()]


def test_a_damaged_store_is_reported_and_rebuilt(qtbot, settings, tmp_path, monkeypatch):
    store = tmp_path / "store.sqlite"
    store.write_bytes(b"not a database at all" * 50)
    warnings = []
    monkeypatch.setattr("desktop.history.controller.QMessageBox.warning",
                        lambda *args: warnings.append(args[2]))  # fmt: skip
    window = MainWindow(settings, proposals_dir=tmp_path / "p", store_path=store)
    qtbot.addWidget(window)
    folder = growing_front(tmp_path / "daily", days=2)
    with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    assert warnings and "store.sqlite.corrupt-" in warnings[0]
    assert len(window.history.series) == 2


def test_fetching_updates_then_showing_them(window, qtbot):
    from geodata.history.deepstate_online import Client
    from tests.geodata.history.test_online import Server

    server = Server()
    try:
        with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
            window.history.fetch_updates_now(Client(base_url=server.url, timeout_s=2, retries=0))
    finally:
        server.close()
    assert window.history.series.source.startswith("DeepStateMap")
    assert window.timeline_dock.date_label.text() == "2024-11-20"
    # The date itself is read off the GUI thread, then shown.
    credits = window.info_dock.fields["credits"]
    qtbot.waitUntil(lambda: "DeepStateMap" in credits.text(), timeout=PAGE_TIMEOUT_MS)


def test_a_refused_list_is_fetched_from_the_mirror_and_the_status_line_says_so(
    window, qtbot, tmp_path
):
    from geodata.history.deepstate_online import Client
    from tests.geodata.history.test_mirror import LocalSources, files_of, write_mirror_files

    daily = write_mirror_files(tmp_path / "data")
    with LocalSources(files_of(daily)) as sources, pytest.MonkeyPatch.context() as env:
        mirror = sources.mirror()
        for variable, value in (("FRONTLINE_ATLAS_MIRROR_REPOSITORY", mirror.repository),
                                ("FRONTLINE_ATLAS_MIRROR_REF", mirror.ref),
                                ("FRONTLINE_ATLAS_MIRROR_API_URL", mirror.api_url),
                                ("FRONTLINE_ATLAS_MIRROR_RAW_URL", mirror.raw_url)):  # fmt: skip
            env.setenv(variable, value)
        client = Client(base_url=sources.deepstate_url, timeout_s=2, retries=0)
        with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
            window.history.fetch_updates_now(client)
    assert len(window.history.series) == 30
    message = window.statusBar().currentMessage()
    assert "30 dated files listed by the mirror, 30 new stored" in message
    assert (f"DeepStateMap's history list refused (HTTP 401); fetched from the mirror "
            f"{mirror.label}") in message  # fmt: skip


def test_an_unreadable_file_is_left_out_and_reported(window, qtbot, tmp_path):
    folder = growing_front(tmp_path / "daily", days=3)
    (folder / "front_2024-11-21.geojson").write_text("{ not json")
    with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    assert len(window.history.series) == 2
    message = window.statusBar().currentMessage()
    assert "1 file(s) could not be read" in message and "front_2024-11-21.geojson" in message


def test_a_date_whose_map_went_away_is_reported_not_raised(history, qtbot, monkeypatch):
    """A date whose file was deleted (and is not in the store) gives one dialog; the map stays."""
    from PySide6.QtWidgets import QMessageBox

    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: boxes.append(box))
    window = history
    monkeypatch.setattr(window.history.store, "geometry_wkb", lambda key: None)
    series = window.history.series
    first = series.paths[0]
    first.unlink()
    shown = window.timeline_dock.date_label.text()
    window.history.show_row(0)  # read off the GUI thread: the dialog follows
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=PAGE_TIMEOUT_MS)
    qtbot.wait(200)
    assert len(boxes) == 1
    assert first.name in boxes[0].informativeText()
    assert window.timeline_dock.date_label.text() == shown


def test_a_file_of_several_dates_opened_as_one_map_opens_as_a_history(window, qtbot, tmp_path):
    """Its union would be no date's map: the app opens its dates, on the Timeline."""
    from tests.geodata.importers.fixtures import write_control_file
    from tests.geodata.importers.test_several_dates import DATES, several_dates

    path = write_control_file(tmp_path, "fronts", ".geojson", several_dates(".geojson"))
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(path)
    qtbot.waitUntil(lambda: window.state.series is not None, timeout=PAGE_TIMEOUT_MS)
    assert [d.isoformat() for d in window.state.series.dates] == DATES
    assert window.statusBar().currentMessage().startswith("fronts.geojson (2025-08-01): ")


def test_go_to_a_typed_date_in_either_language(history, qtbot):
    # 21.11.2024, as the Ukrainian interface writes dates, was refused; a date before the
    # history jumped to its first map without a word; a refusal stayed on the tooltip.
    from PySide6.QtCore import Qt

    dock = history.timeline_dock
    help_text = dock.goto.toolTip()
    for typed, shown in (("21.11.2024", "2024-11-21"), ("2024-11-23", "2024-11-23")):
        dock.goto.setText(typed)
        qtbot.keyClick(dock.goto, Qt.Key.Key_Return)
        assert dock.date_label.text().startswith(shown)
    dock.goto.setText("next week")
    qtbot.keyClick(dock.goto, Qt.Key.Key_Return)
    assert "'next week' is not a date" in dock.goto.toolTip()
    dock.goto.setText("2023-01-01")
    qtbot.keyClick(dock.goto, Qt.Key.Key_Return)
    said = history.statusBar().currentMessage()
    assert said == "2023-01-01 is before the history's first map: 2024-11-20 is shown"
    assert dock.date_label.text().startswith("2024-11-20")
    dock.goto.setText("2024-11-21")
    qtbot.keyClick(dock.goto, Qt.Key.Key_Return)
    assert dock.goto.toolTip() == help_text
