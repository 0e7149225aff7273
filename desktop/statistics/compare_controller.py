"""Comparing the data on screen with a second source: read B and compare off the GUI thread.

The map shows what only one source holds on the change layer (only in B like a
gain, only in A like a loss, each named by its source), the Compare panel the
figures. A new control file on screen compares again with the same B.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.app_state import AppState
from desktop.error_dialog import show_error
from desktop.map.view import MapView
from desktop.statistics.compare_dock import CompareDock
from desktop.tasks import TaskHandle, TaskRunner
from geodata.compare import compare_layers
from geodata.importers import SUPPORTED_FORMATS, read_control_layer
from geodata.map_layers import change_geojson


class CompareController(QObject):
    """Keeps a second source, its comparison with the data on screen, the map and the panel."""

    compared = Signal(object)  # Comparison

    def __init__(
        self,
        state: AppState,
        dock: CompareDock,
        map_view: MapView,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state, self._dock, self._map, self._runner = state, dock, map_view, runner
        self._parent = parent
        self.source: Path | None = None
        self._task: TaskHandle | None = None
        dock.choose_requested.connect(self.choose)
        dock.clear_requested.connect(self.clear)
        state.control_changed.connect(lambda _loaded: self._compare())

    def choose(self) -> None:
        """Pick the second source's file."""
        patterns = " ".join(f"*{ext}" for ext in SUPPORTED_FORMATS)
        files = QCoreApplication.translate("Compare", "Control-area files ({patterns})")
        everything = QCoreApplication.translate("Compare", "All files (*)")
        path, _ = QFileDialog.getOpenFileName(
            self._parent, QCoreApplication.translate("Compare", "Compare with a second source"),
            "", f"{files.format(patterns=patterns)};;{everything}",
        )  # fmt: skip
        if path:
            self.compare_with(Path(path))

    def compare_with(self, path: Path) -> TaskHandle | None:
        """Compare the data on screen with this file (in the background)."""
        self.source = Path(path)
        self._dock.show()
        self._dock.raise_()
        return self._compare()

    def clear(self) -> None:
        """Stop comparing: the panel empties, the map's difference layer goes."""
        self.source = None
        self._dock.show_comparison(None)
        self._map.clear_change()

    def _compare(self) -> TaskHandle | None:
        loaded = self._state.control
        if self.source is None or loaded is None:
            return None
        if self._task is not None and self._task.is_running:
            self._task.cancel()
        source, layer, km = self.source, loaded.layer, self._state.reconcile_km
        counting = self._state.counting
        # Made here, in the GUI thread, where the translator is.
        reading = QCoreApplication.translate("Compare", "Reading {name}…").format(name=source.name)
        comparing = QCoreApplication.translate("Compare", "Comparing the two sources…")
        action = QCoreApplication.translate("Compare", "Comparing with {name}").format(
            name=source.name
        )

        def work(progress):
            progress.report(None, reading)
            other = read_control_layer(source, counting=counting)
            progress.check()
            progress.report(None, comparing)
            comparison = compare_layers(layer, other, reconcile_km=km)
            return comparison, change_geojson(comparison.only_b, comparison.only_a)

        self._task = self._runner.run(
            work,
            label=action,
            on_result=lambda result: self._show(*result),
            on_error=lambda error: show_error(self._parent, error, action),
        )
        return self._task

    def _show(self, comparison, collection) -> None:
        if self._state.control is None or comparison.a is not self._state.control.layer:
            return  # other data came on screen meanwhile; it is being compared
        self._dock.show_comparison(comparison)
        self._map.show_difference(
            collection,
            QCoreApplication.translate("Compare", "Occupied only in B ({source})").format(
                source=comparison.b.source
            ),
            QCoreApplication.translate("Compare", "Occupied only in A ({source})").format(
                source=comparison.a.source
            ),
        )
        self.compared.emit(comparison)
