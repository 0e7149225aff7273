"""The Changes panel, the rate chart, exports of both, and the place search box."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from desktop.map.place_search import PlaceSearch
from tests.desktop.helpers import PAGE_TIMEOUT_MS
from tests.geodata.history.test_places_and_pace import moving_front


@pytest.fixture
def window(open_window, qtbot, tmp_path):
    window = open_window(1400, 950)
    folder = moving_front(tmp_path / "front")
    with qtbot.waitSignal(window.changes.periods_shown, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    return window


def test_the_panel_shows_the_places_taken_between_two_dates(window, qtbot):
    dock = window.changes_dock
    with qtbot.waitSignal(window.changes.changes_shown, timeout=5000):
        dock.first.setDate(QDate(2024, 11, 20))
    with qtbot.waitSignal(window.changes.changes_shown, timeout=5000) as shown:
        dock.second.setDate(QDate(2024, 12, 31))
    changes = shown.args[0]
    assert (changes.first, changes.second) == (dt.date(2024, 11, 20), dt.date(2024, 12, 31))
    names = [dock.places.index(row, 0).data() for row in range(dock.places.rowCount())]
    assert "Pokrovsk" in names
    assert dock.headline.text().startswith("Places that changed hands, 2024-11-20 to 2024-12-31")
    areas = dock.areas.export_frame()
    assert "Donetsk" in set(areas["Region"])


def test_the_panel_follows_the_timelines_comparison(window, qtbot):
    timeline = window.timeline_dock
    timeline.compare_date.setDate(QDate(2024, 11, 28))
    with qtbot.waitSignal(window.changes.changes_shown, timeout=5000) as shown:
        timeline.compare.setChecked(True)
    assert shown.args[0].first == dt.date(2024, 11, 28)
    assert shown.args[0].second == dt.date(2025, 1, 10)


def test_periods_and_pace_are_shown_and_tables_export(window, qtbot, tmp_path):
    dock = window.changes_dock
    periods = dock.periods.export_frame()
    assert list(periods["Period"])[:3] == ["2025-01", "2025-01", "2025-01"]  # newest first
    regions = ["Four regions annexed in 2022", "Crimea and Sevastopol (annexed 2014)",
               "All of Ukraine"]  # fmt: skip
    assert list(periods["Region"])[:3] == regions
    assert dock.pace.rowCount() == 3  # the groups
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"periods{suffix}"
        with qtbot.waitSignal(window.exports.exported, timeout=5000):
            window.exports.write_frame(out, periods, window.changes.notes("per-period"))
        assert out.stat().st_size > 100
    assert (tmp_path / "periods.csv").read_text().startswith("# Frontline Atlas: per-period")


def test_the_chart_shows_rates_and_exports_its_data(window, tmp_path):
    timeline = window.timeline_dock
    chart = timeline.chart
    for index in range(timeline.period.count()):
        timeline.period.setCurrentIndex(index)
        assert chart.period == timeline.period.currentData()
    assert chart.change_axes.get_title(loc="left") == "All of Ukraine: 30-day rate"
    table = chart.table()
    assert "ukraine_rate30_km2_per_day" in table.columns and len(table) == 5
    window._on_rows_selected(["UA-14"])
    assert chart.change_axes.get_title(loc="left") == "Donetsk: 30-day rate"
    for suffix in (".png", ".svg"):
        out = tmp_path / f"chart{suffix}"
        chart.figure.savefig(out)
        assert out.stat().st_size > 1000


def test_place_search_suggests_and_flies_there(qtbot):
    search = PlaceSearch()
    qtbot.addWidget(search)
    assert search.suggest("pokr") > 1
    assert search.model.index(0, 0).data().startswith("Pokrovsk (Покровськ) — Donetsk")
    assert search.suggest("Гуляй") >= 1
    with qtbot.waitSignal(search.place_chosen) as chosen:
        search.returnPressed.emit()
    assert chosen.args[2] == "Huliaipole"
    assert search.suggest("") == 0


def test_the_area_columns_add_up(window, qtbot):
    # Gained - regained was not the net where the reconciled border slivers changed (Sumy,
    # 2024-11-20 to 2025-08-01: 152.3 - 0.0 against +155.1): their column is shown.
    dock = window.changes_dock
    with qtbot.waitSignal(window.changes.changes_shown, timeout=5000):
        dock.first.setDate(QDate(2024, 11, 20))
    with qtbot.waitSignal(window.changes.changes_shown, timeout=5000):
        dock.second.setDate(QDate(2024, 12, 31))
    areas = dock.areas.export_frame()
    columns = list(areas.columns)
    slivers = next(c for c in columns if c.startswith("Border"))
    gained, regained, net = (next(c for c in columns if c.startswith(word))
                             for word in ("Gained", "Regained", "Net"))  # fmt: skip
    assert columns.index(regained) < columns.index(slivers) < columns.index(net)

    def value(text) -> float:
        return float(str(text).replace(",", "").replace("+", "").replace("\u2212", "-"))

    for _index, row in areas.iterrows():
        total = value(row[gained]) - value(row[regained]) + value(row[slivers])
        assert abs(total - value(row[net])) <= 0.15, row.to_dict()


def test_the_pace_says_its_date(window):
    # It is always the history's last date, whatever dates the panel compares: said so.
    note = window.changes_dock.pace_note.text()
    assert note.startswith("The pace as of 2025-01-10, the history's last date. Pace:")


def test_the_oblasts_are_listed_by_name(window, qtbot):
    # They came in ISO code order (Vinnytsia, Volyn, Luhansk …), which reads as no order.
    from desktop.history.changes_dock import oblasts_by_name

    dock = window.changes_dock
    with qtbot.waitSignal(window.changes.changes_shown, timeout=5000):
        dock.first.setDate(QDate(2024, 11, 20))
    areas = dock.areas.export_frame()
    names = list(areas[areas.columns[0]])
    units = [n for n in names if not n.startswith(("Four", "Crimea and", "All of"))]
    assert units == sorted(units) and len(units) == 27
    import pandas as pd

    mixed = pd.DataFrame({"level": ["unit", "unit", "group"], "name": ["Volyn", "Donetsk", "All"]})
    assert list(oblasts_by_name(mixed)["name"]) == ["Donetsk", "Volyn", "All"]
