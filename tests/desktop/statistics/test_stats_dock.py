"""The Statistics panel as a user sees it: rows, order, bars, selection, copy."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.statistics.dock import StatsDock
from desktop.statistics.model import KEY_ROLE, ShareBarDelegate
from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.stats import compute_stats


@pytest.fixture(scope="module")
def stats():
    b = load_boundaries()
    geometry = shapely.union_all([b.units.geometry[b.row_of(c)] for c in ("UA-09", "UA-63")])
    return compute_stats(ControlLayer(geometry, None, "test", "GeoJSON"), b)


@pytest.fixture
def dock(qtbot, stats):
    dock = StatsDock()
    qtbot.addWidget(dock)
    dock.set_stats(stats)
    dock.show()
    return dock


def cell(dock, row, column):
    return dock.table.model().index(row, column).data()


def names(dock):
    return [cell(dock, row, 0) for row in range(dock.table.model().rowCount())]


def test_groups_first_then_27_regions(dock):
    assert dock.table.model().rowCount() == 30
    assert names(dock)[:3] == [
        "Annexed 2022", "Annexed 2014", "All of Ukraine"
    ]  # fmt: skip
    luhansk = names(dock).index("Luhansk")
    assert cell(dock, luhansk, 1) == "26,310.2"
    assert cell(dock, luhansk, 3) == "100.00"
    assert isinstance(dock.table.itemDelegateForColumn(3), ShareBarDelegate)


def test_sorting_by_share_keeps_groups_on_top(dock):
    dock.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    order = names(dock)
    assert order[:3] == [
        "Annexed 2022",
        "Annexed 2014",
        "All of Ukraine",
    ]
    assert set(order[3:5]) == {"Luhansk", "Kharkiv"}
    dock.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert names(dock)[:3] == order[:3]
    assert set(names(dock)[-2:]) == {"Luhansk", "Kharkiv"}


def test_selecting_rows_reports_codes(dock, qtbot):
    with qtbot.waitSignal(dock.codes_selected) as signal:
        dock.table.selectRow(names(dock).index("Kharkiv"))
    assert signal.args == [["UA-63"]]
    with qtbot.waitSignal(dock.codes_selected) as signal:
        dock.table.selectRow(0)
    assert signal.args == [["UA-14", "UA-09", "UA-23", "UA-65"]]


def test_select_key_selects_quietly(dock, qtbot):
    with qtbot.assertNotEmitted(dock.codes_selected):
        dock.select_key("UA-48")
    selected = dock.table.selectionModel().selectedRows()
    assert [i.data(KEY_ROLE) for i in selected] == ["UA-48"]
    dock.select_key(None)
    assert dock.table.selectionModel().selectedRows() == []


def test_copy_selection_as_tsv(dock):
    dock.select_key("UA-09")
    text = dock.copy_selection()
    assert QApplication.clipboard().text() == text
    assert text.splitlines() == [
        "Region\tArea km²\tOccupied km²\tOccupied %",
        "Luhansk\t26310.2\t26310.2\t100.00",
    ]


def test_empty_stats_empty_table(dock):
    dock.set_stats(None)
    assert dock.table.model().rowCount() == 0
