"""A read-only Qt table model over a pandas DataFrame, for the panels that show geodata's tables."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.i18n import compare_text, date_text, number, signed

_Index = QModelIndex | QPersistentModelIndex
#: The role a sort proxy sorts by: the raw value (dates as ISO text).
SORT_ROLE = Qt.ItemDataRole.UserRole


class FrameModel(QAbstractTableModel):
    """A read-only Qt model over a pandas DataFrame: chosen columns, titles and formats.

    ``columns`` is a list of (column, title, format); a format is a callable
    from the value to its text. Sorting uses the raw value. Titles are shown
    translated in ``context`` (mark them with ``QT_TRANSLATE_NOOP("Tables", …)``);
    a title already translated, or not in the catalogue, is shown as it is.
    """

    def __init__(
        self, columns: list[tuple[str, str, object]], parent=None, context: str = "Tables"
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._context = context
        self.frame = pd.DataFrame(columns=[c for c, _t, _f in columns])

    def set_frame(self, frame: pd.DataFrame | None) -> None:
        """Show these rows (None: none)."""
        self.beginResetModel()
        empty = pd.DataFrame(columns=[c for c, _t, _f in self._columns])
        self.frame = (frame if frame is not None else empty).reset_index(drop=True)
        self.endResetModel()

    def export_frame(self) -> pd.DataFrame:
        """The rows as shown (the model's columns, titled), for CSV and XLSX."""
        names = [column for column, _title, _format in self._columns]
        titles = [self.title(section).replace("\n", " ") for section in range(len(self._columns))]
        return self.frame[names].set_axis(titles, axis=1)

    def title(self, section: int) -> str:
        """The title of a column, in the language in use."""
        return QCoreApplication.translate(self._context, self._columns[section][1])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.title(section)
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column, _title, shown = self._columns[index.column()]
        value = self.frame.iloc[index.row()][column]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None or (isinstance(value, float) and pd.isna(value)):
                return "—"
            return shown(value)
        if role == SORT_ROLE:
            return sort_key(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(value, str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def sort_key(value):
    """What a table sorts a cell by: Python's own numbers and text.

    numpy's scalars (what a pandas row holds) reach Qt as opaque objects that
    it cannot compare, and a column of them did not sort at all; dates sort
    as ISO text, and a missing value (empty text too: a place with no Ukrainian
    name) as nothing.

    >>> sort_key(np.int64(72000)), sort_key(np.float64(1.5)), sort_key(dt.date(2024, 11, 20))
    (72000, 1.5, '2024-11-20')
    >>> sort_key(float("nan")) is None, sort_key("") is None
    (True, True)
    """
    if value is None or (isinstance(value, float | np.floating) and np.isnan(value)):
        return None
    if isinstance(value, str) and not value:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value.item() if isinstance(value, np.generic) else value


def text_cell(value) -> str:
    """A cell as text (a date as the language writes it)."""
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        value = value.date()
    return date_text(value) if isinstance(value, dt.date) else str(value)


def whole_cell(value) -> str:
    """A whole number with thousands separators."""
    return number(int(value), 0)


def km2_cell(value) -> str:
    """km² to 0.1."""
    return number(value, 1)


def signed_km2_cell(value) -> str:
    """A change of km², signed, to 0.1."""
    return signed(value, 1)


class _FrameProxy(QSortFilterProxyModel):
    """Sorts a frame's rows by :func:`sort_key`: text in the alphabet in use, a missing
    value last in either order."""

    def lessThan(self, left: _Index, right: _Index) -> bool:
        mine, theirs = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if mine is None or theirs is None:
            # Qt turns the answer round for a descending sort: say the opposite then.
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (
                theirs is None and mine is not None
                if ascending
                else mine is None and theirs is not None
            )
        if isinstance(mine, str) and isinstance(theirs, str):
            return compare_text(mine, theirs) < 0  # in the alphabet of the language in use
        return super().lessThan(left, right)


def frame_table(
    model: FrameModel, name: str, accessible_name: str, sort: bool = True
) -> QTableView:
    """A read-only table view of a :class:`FrameModel`, sortable by its raw values.

    ``name`` is the object name; ``accessible_name`` is what a screen reader says
    (translated by the caller).
    """
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    if sort:
        proxy = _FrameProxy(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        # The rows come in the core's order until a header is clicked: Qt's header starts
        # at "first column, descending", which would list places from Z to A.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view
