"""File ▸ Export and Edit ▸ Copy View: the view as an image, briefing maps, data files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from desktop.error_dialog import show_error
from desktop.exports.export import (
    CHART_EXPORTS,
    TABLE_EXPORTS,
    dialog_filters,
    export,
    filters_for,
)
from desktop.map.view_export import view_image
from desktop.settings import LAST_FOLDER
from desktop.tasks import TaskHandle
from desktop.waiting import save_image
from geodata.errors import ExportError

if TYPE_CHECKING:
    from desktop.exports.briefing_dialog import BriefingDialog


def _writing(path: Path) -> str:
    """What the status bar and an error say while ``path`` is written."""
    return QCoreApplication.translate("Export", "Writing {file}").format(file=path.name)


class ExportController(QObject):
    """Writes what the window shows; every file is written whole or not at all."""

    exported = Signal(object)  # the Path written

    def __init__(
        self, state, map_view, runner, settings, status_bar, parent: QWidget, history=None
    ) -> None:
        super().__init__(parent)
        self._state, self._map, self._runner = state, map_view, runner
        self._settings, self._status_bar, self._parent = settings, status_bar, parent
        self._history = history  # the HistoryController: its series, store and date

    # -- the view ----------------------------------------------------------------------------

    def export_view(self, scale: int = 1) -> None:
        """File ▸ Export ▸ View as PNG: exactly what the map shows, at 1× or 2× pixels."""
        title = QCoreApplication.translate("Export", "Save the map view as PNG ({scale}×)")
        png = QCoreApplication.translate("Export", "PNG image")
        path = self._ask_path(title.format(scale=scale), "map-view.png", f"{png} (*.png)")
        if path:
            self.save_view(path, scale)

    def save_view(self, path: Path, scale: int = 1) -> Path | None:
        """Save the view at ``scale`` as a PNG; errors are shown, not raised."""
        try:
            written = save_image(view_image(self._map, scale), path)
        except ExportError as error:
            action = QCoreApplication.translate("Export", "Saving {file}")
            show_error(self._parent, error, action.format(file=path.name))
            return None
        self._done(written)
        return written

    def copy_view(self) -> None:
        """Edit ▸ Copy View: the map, as an image, to the clipboard."""
        QApplication.clipboard().setImage(view_image(self._map, 1))
        self._status_bar.showMessage(
            QCoreApplication.translate("Export", "Copied the map view to the clipboard"), 5000
        )

    # -- briefing maps and data --------------------------------------------------------------

    def export_briefing(self) -> BriefingDialog | None:
        """File ▸ Export ▸ Briefing Map: the dialog with a live preview."""
        from desktop.exports.briefing_dialog import BriefingDialog  # matplotlib: when first used

        current = self._current()
        if current is None:
            return None
        dialog = BriefingDialog(self._parent, current.layer, current.stats, self._state.result,
                                self._runner, self._settings.get(LAST_FOLDER),
                                view_extent=self._map.bounds, map_view=self._map)  # fmt: skip
        dialog.open()
        return dialog

    def export_pack(self):
        """File ▸ Export ▸ Morning Pack: overview, sector, change, table and chart in one PDF."""
        from desktop.exports.pack_dialog import PackDialog
        from geodata.exports.pack import PackSource

        current = self._current()
        if current is None:
            return None
        series, store, row = self._history_now()
        if series is not None:
            source = PackSource(current.layer, current.stats, series, row, store)
        else:
            source = PackSource(current.layer, current.stats)
        dialog = PackDialog(self._parent, source, self._runner, self._settings,
                            self._settings.get(LAST_FOLDER))  # fmt: skip
        dialog.open()
        return dialog

    def export_animation(self):
        """File ▸ Export ▸ Animation: the open history's front over time (MP4 or GIF)."""
        from desktop.exports.animation_dialog import AnimationDialog

        series, store, _row = self._history_now()
        if series is None or len(series) < 2:
            QMessageBox.information(
                self._parent,
                QCoreApplication.translate("Export", "No history open"),
                QCoreApplication.translate(
                    "Export",
                    "An animation shows a history: open one first (File ▸ Open History Folder, "
                    "or fetch DeepStateMap's history).",
                ),
            )
            return None
        dialog = AnimationDialog(self._parent, series, store, self._runner,
                                 self._settings.get(LAST_FOLDER))  # fmt: skip
        dialog.open()
        return dialog

    def _history_now(self):
        """The open history, its store and the row shown, or (None, None, -1)."""
        history = self._history
        if history is None or history.series is None or history.row < 0:
            return None, None, -1
        return history.series, history.store, history.row

    def export_data(self) -> None:
        """File ▸ Export ▸ Data: statistics, geodata or the interactive map, by file type."""
        if self._current() is None:
            return
        path = self._ask_path(
            QCoreApplication.translate("Export", "Export data"),
            "frontline-atlas.xlsx",
            dialog_filters("data"),
        )
        if path:
            self.write_data(path)

    def write_data(self, path: Path) -> TaskHandle | None:
        """Write a data export in the background (the format follows the extension)."""
        current = self._current()
        if current is None:
            return None
        result = self._state.result
        layer, stats = current.layer, current.stats
        return self._runner.run(
            lambda progress: export(path, layer, stats, result),
            label=_writing(path),
            on_result=self._done,
            on_error=lambda error: show_error(self._parent, error, _writing(path)),
        )

    # -- panels' tables and the chart --------------------------------------------------------

    def export_frame(self, frame, name: str, notes=()) -> None:
        """Ask where, then write a table a panel shows as XLSX or CSV (in the background)."""
        path = self._ask_path(
            QCoreApplication.translate("Export", "Export the table"),
            f"{name}.xlsx",
            filters_for(TABLE_EXPORTS),
        )
        if path:
            self.write_frame(path, frame, notes)

    def write_frame(self, path: Path, frame, notes=()) -> TaskHandle:
        """Write a table as XLSX or CSV (by the extension) in the background."""
        from geodata.exports.tables import write_frame

        return self._runner.run(
            lambda progress: write_frame(path, frame, tuple(notes)),
            label=_writing(path),
            on_result=self._done,
            on_error=lambda error: show_error(self._parent, error, _writing(path)),
        )

    def export_chart(self, figure, frame, name: str, notes=()) -> None:
        """Ask where, then write the chart as PNG or SVG, or its data as CSV."""
        path = self._ask_path(
            QCoreApplication.translate("Export", "Export the chart"),
            f"{name}.png",
            filters_for(CHART_EXPORTS),
        )
        if path is None:
            return
        if path.suffix.lower() == ".csv":
            self.write_frame(path, frame, notes)
            return
        from geodata.exports.atomic import write_atomically

        try:
            # On this thread: the figure belongs to the chart on screen (and saves in ms).
            write_atomically(path, lambda p: figure.savefig(p, dpi=200, format=path.suffix[1:]))
        except (OSError, ValueError, ExportError) as error:
            show_error(self._parent, error, _writing(path))
            return
        self._done(path)

    # -- helpers -----------------------------------------------------------------------------

    def _current(self):
        current = self._state.control
        if current is None:
            hint = QCoreApplication.translate(
                "Export", "Open control-area data first (File ▸ Open, Ctrl+O)."
            )
            QMessageBox.information(
                self._parent, QCoreApplication.translate("Export", "Nothing to export"), hint
            )
        return current

    def _ask_path(self, title: str, name: str, filters: str) -> Path | None:
        folder = self._settings.get(LAST_FOLDER) or str(Path.home())
        path, chosen = QFileDialog.getSaveFileName(
            self._parent, title, str(Path(folder) / name), filters
        )
        if not path:
            return None
        path = Path(path)
        if not path.suffix:
            suffix = chosen[chosen.rfind("*.") + 1 : chosen.rfind(")")] if "*." in chosen else ""
            path = path.with_suffix(suffix)
        return path

    def _done(self, path: Path) -> None:
        self._status_bar.showMessage(
            QCoreApplication.translate("Export", "Wrote {path}").format(path=path), 10000
        )
        self.exported.emit(path)
