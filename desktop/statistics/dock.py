"""The Statistics panel: the per-oblast and per-group table, sortable, copyable as TSV."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app_state import AppState
from desktop.i18n import number
from desktop.statistics.model import (
    COLUMNS,
    IS_GROUP_ROLE,
    KEY_ROLE,
    SHARE_COLUMN,
    SORT_ROLE,
    ShareBarDelegate,
    StatsSortProxy,
    StatsTableModel,
    column_title,
)
from geodata.groups import get_group
from geodata.stats import ControlStats


def rows_as_tsv(rows: Iterable[tuple]) -> str:
    r"""Tab-separated text with a header line; areas to 0.1 km², shares to 0.01, no separators.

    >>> rows_as_tsv([("Donetsk", 26598.99, 17143.79, 64.4534)]).splitlines()[1]
    'Donetsk\t26599.0\t17143.8\t64.45'
    """
    lines = ["\t".join(column_title(section) for section in range(len(COLUMNS)))]
    for name, area, controlled, share in rows:
        lines.append(f"{name}\t{area:.1f}\t{controlled:.1f}\t{share:.2f}")
    return "\n".join(lines) + "\n"


class StatsDock(QDockWidget):
    """The table of occupied areas. Selecting rows reports region codes; it never computes."""

    codes_selected = Signal(list)
    method_help_requested = Signal()  # the "?" beside the figures

    def __init__(self, parent=None, state: AppState | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Statistics"), parent)
        self.setObjectName("statistics-dock")
        self.model = StatsTableModel(self)
        self.proxy = StatsSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setAccessibleName(
            QCoreApplication.translate("Statistics", "Occupied area by oblast and group")
        )
        self.table.setObjectName("statistics-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # Most affected first: what an analyst looks for on opening a file.
        self.table.sortByColumn(SHARE_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The figures' columns are fitted when the rows change, not at every new date
        # (fitting reads every cell): wide enough for any figure a row can take.
        self.model.modelReset.connect(self._fit_columns)
        self.table.setItemDelegateForColumn(SHARE_COLUMN, ShareBarDelegate(self.table))
        self.copy_action = QAction(
            QCoreApplication.translate("Statistics", "Copy as TSV"), self.table
        )
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.table.addAction(self.copy_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._quiet = False
        self.help = QToolButton()
        self.help.setObjectName("statistics-help")
        self.help.setText("?")
        how = QCoreApplication.translate("Statistics", "How these figures are made")
        self.help.setAccessibleName(how)
        self.help.setToolTip(
            QCoreApplication.translate(
                "Statistics", "How these figures are made: the method, in the manual"
            )
        )
        self.help.clicked.connect(self.method_help_requested)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel(how))
        row.addWidget(self.help)
        column.addLayout(row)
        self.setWidget(body)
        if state is not None:
            state.control_changed.connect(self._show_control)

    def _fit_columns(self) -> None:
        """Fit the figures' columns: occupied km² never exceeds the area, a share 100.00."""
        for column in (1, 2, 3):
            self.table.resizeColumnToContents(column)
        header = self.table.horizontalHeader()
        header.resizeSection(2, max(header.sectionSize(1), header.sectionSize(2)))
        widest_share = self.table.fontMetrics().horizontalAdvance(number(100, 2)) + 24
        header.resizeSection(3, max(header.sectionSize(3), widest_share))

    def _show_control(self, loaded) -> None:
        self.set_stats(loaded.stats if loaded is not None else None)

    def set_stats(self, stats: ControlStats | None) -> None:
        """Show these statistics; None empties the table."""
        self._quiet = True
        self.model.set_stats(stats)
        self._quiet = False

    def select_key(self, key: str | None) -> None:
        """Select the row of a region code or group id (None clears), without emitting."""
        self._quiet = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of_key(key) if key else None
            if row is None:
                selection.clearSelection()
                return
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.select(index, flags)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)
        finally:
            self._quiet = False

    def selected_rows(self) -> list[QModelIndex]:
        """Selected rows (column 0 indexes of the view's model), in view order."""
        return sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())

    def copy_selection(self) -> str:
        """Copy the selected rows (or all, if none) to the clipboard as TSV; return the text."""
        indexes = self.selected_rows() or [
            self.proxy.index(row, 0) for row in range(self.proxy.rowCount())
        ]
        rows = [
            tuple(self.proxy.index(i.row(), column).data(SORT_ROLE) for column in range(4))
            for i in indexes
        ]
        text = rows_as_tsv(rows)
        QApplication.clipboard().setText(text)
        return text

    def _selection_changed(self, *_args) -> None:
        if self._quiet:
            return
        codes: list[str] = []
        for index in self.selected_rows():
            key = index.data(KEY_ROLE)
            members = get_group(key).codes if index.data(IS_GROUP_ROLE) else (key,)
            codes += [code for code in members if code not in codes]
        self.codes_selected.emit(codes)
