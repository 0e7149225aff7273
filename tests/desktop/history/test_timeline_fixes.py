"""Timeline fixes found in use: the date line, Esc and the chart, play in step with the map."""

from __future__ import annotations

import matplotlib.dates as mdates
import pytest

from tests.desktop.helpers import PAGE_TIMEOUT_MS, page_state
from tests.geodata.history.test_history import growing_front


@pytest.fixture
def window(open_window, qtbot, tmp_path):
    window = open_window(1400, 950)
    folder = growing_front(tmp_path / "daily", days=5)
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    return window


def cursor_date(window):
    line = window.timeline_dock.chart._cursors[0]
    return mdates.num2date(line.get_xdata()[0]).date()


def test_the_date_line_stays_on_the_date_shown_when_the_chart_is_redrawn(window, qtbot):
    dock = window.timeline_dock
    dock.go_to_row(2)
    shown = dock.series.dates[2]
    assert cursor_date(window) == shown
    dock.units.setCurrentIndex(dock.units.findData("km2"))
    assert cursor_date(window) == shown
    dock.period.setCurrentIndex(dock.period.findData("weekly"))
    assert cursor_date(window) == shown
    window.state.set_selection(("UA-14",))
    assert cursor_date(window) == shown


def test_esc_clears_the_oblasts_line_in_the_chart_too(window, qtbot):
    chart = window.timeline_dock.chart
    window.map.region_clicked.emit("UA-14")
    qtbot.waitUntil(lambda: chart.selected == "UA-14", timeout=5000)
    window.actions_by_name["clear_selection"].trigger()
    qtbot.waitUntil(lambda: chart.selected is None, timeout=5000)
    assert window.state.selection == ()


def test_play_shows_each_date_on_the_map_before_it_moves_on(window, qtbot):
    dock = window.timeline_dock
    dock.go_to_row(0)
    qtbot.waitUntil(lambda: window.current.layer.date == dock.series.dates[0], timeout=5000)
    seen = []

    def record(row):
        # When a date reaches the map, the panel's date is that date: no lag between them.
        seen.append((dock.series.dates[row], dock.row, window.current.layer.date))

    window.history.date_shown.connect(record)
    dock.play.setChecked(True)
    qtbot.waitUntil(lambda: not dock.play.isChecked(), timeout=20000)
    window.history.date_shown.disconnect(record)
    assert [date for date, _, _ in seen] == list(dock.series.dates[1:])
    for date, row, on_map in seen:
        assert dock.series.dates[row] == date == on_map
    # The legend names the last date once play has ended.
    qtbot.waitUntil(
        lambda: dock.series.dates[-1].isoformat() in page_state(qtbot, window.map)["legend"],
        timeout=5000,
    )


def test_the_empty_timeline_shows_no_made_up_date(open_window):
    dock = open_window().timeline_dock
    assert dock.compare_date.text() == "—" and dock.date_label.text() == "—"
    assert "2000" not in dock.compare_date.text()


def test_help_mentions_the_self_test(capsys):
    from desktop.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--self-test" in capsys.readouterr().out


def test_the_chart_made_with_the_first_history_keeps_its_place_in_the_tab_order(window):
    from PySide6.QtCore import Qt

    def next_by_tab(widget):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        return widget

    dock = window.timeline_dock
    assert next_by_tab(dock.slider) is dock.chart
    assert next_by_tab(dock.chart) is dock.table
