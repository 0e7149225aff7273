"""The main window: the map in the centre, Layers / Statistics / Info panels, menus, status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.about import show_about
from desktop.accessibility import name_widgets
from desktop.actions import build_menus, create_actions
from desktop.app_state import AppState
from desktop.error_dialog import show_error
from desktop.exports.controller import ExportController
from desktop.help_manual import METHOD_SECTION, show_manual
from desktop.history.changes_controller import ChangesController
from desktop.history.changes_dock import ChangesDock
from desktop.history.controller import HistoryController
from desktop.history.timeline_dock import TimelineDock
from desktop.i18n import current_language, date_text, number
from desktop.literal_text import literal_text
from desktop.map.info_dock import InfoDock
from desktop.map.layers_dock import LayersDock
from desktop.map.page import TileSource
from desktop.map.place_search import PlaceSearch
from desktop.map.view import MapView
from desktop.online_consent import OnlineConsent
from desktop.preferences import PreferencesDialog
from desktop.proposals.controller import ProposalsController
from desktop.proposals.dock import ProposalsDock
from desktop.settings import (
    COUNT_CONTESTED,
    LABEL_LANGUAGE,
    LAST_FOLDER,
    LAST_HISTORY,
    LAYER_OPACITY,
    LAYER_VISIBLE,
    ONLINE_BASEMAP,
    RECENT_FILES,
    RECONCILE_KM,
    THEME,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from desktop.statistics.compare_controller import CompareController
from desktop.statistics.compare_dock import CompareDock
from desktop.statistics.control_loader import LoadedControl, open_control_file
from desktop.statistics.dock import StatsDock
from desktop.statistics.method_dock import MethodDock
from desktop.tasks import TaskHandle, TaskRunner
from desktop.theme import is_dark
from desktop.welcome import WelcomePanel
from geodata.categories import Counting
from geodata.importers import SUPPORTED_FORMATS
from geodata.importers.assemble import SeveralDatesError

APP_TITLE = "Frontline Atlas"


class MainWindow(QMainWindow):
    """The app's window. It holds what is shown; all figures come from ``geodata``."""

    loaded = Signal(object)  # LoadedControl, once it is on screen

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        proposals_dir: Path | None = None,
        store_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main-window")
        self.setWindowTitle(APP_TITLE)
        self.resize(1400, 900)
        self.settings = settings
        self.state = AppState(self)
        self.state.reconcile_km = settings.get(RECONCILE_KM)
        self.state.counting = Counting(contested=settings.get(COUNT_CONTESTED))
        self._loading: TaskHandle | None = None
        self._progress_message = ""
        self.runner = TaskRunner(self)
        self.consent = OnlineConsent(settings, self)  # asked once, for every online action

        self.dark = is_dark(settings.get(THEME))
        self.map = MapView(self, tiles=self._tile_source(), language=self._label_language(),
                           dark=self.dark)  # fmt: skip
        # The map is told first: its page draws in its own process while the
        # panels (connected below) work out their figures.
        self.state.control_changed.connect(self._send_control_to_map)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.map, 1)
        self.setCentralWidget(central)

        self.layers_dock = LayersDock(self)
        self.stats_dock = StatsDock(self, self.state)
        self.info_dock = InfoDock(self, self.state)
        self.method_dock = MethodDock(self, self.state)
        self.proposals_dock = ProposalsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layers_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.stats_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.info_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.method_dock)
        self.tabifyDockWidget(self.info_dock, self.method_dock)
        self.info_dock.raise_()
        self.tabifyDockWidget(self.stats_dock, self.proposals_dock)
        self.stats_dock.raise_()
        self.proposals = ProposalsController(
            self.state, self.proposals_dock, self.map, self.runner, proposals_dir, parent=self
        )
        self.timeline_dock = TimelineDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.timeline_dock)
        self.timeline_dock.hide()  # until a history is opened
        self.history = HistoryController(
            self, self.timeline_dock, self.map, self.runner, store_path, state=self.state,
            consent=self.consent,
        )  # fmt: skip
        self.timeline_dock.follow(self.state)
        self.exports = ExportController(
            self.state, self.map, self.runner, self.settings, self.statusBar(), self,
            history=self.history,
        )  # fmt: skip
        self.changes_dock = ChangesDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.changes_dock)
        self.tabifyDockWidget(self.proposals_dock, self.changes_dock)
        self.stats_dock.raise_()
        self.changes = ChangesController(
            self.state, self.changes_dock, self.timeline_dock, self.runner,
            lambda: self.history.store, parent=self,
        )  # fmt: skip
        self.changes_dock.place_chosen.connect(self._fly_to_place)
        self.changes_dock.export_requested.connect(
            lambda model, what: self.exports.export_frame(
                model.export_frame(), f"changes-{what}", self.changes.notes(what)
            )
        )
        self.timeline_dock.chart_export_requested.connect(self._export_chart)
        self.compare_dock = CompareDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.compare_dock)
        self.tabifyDockWidget(self.changes_dock, self.compare_dock)
        self.stats_dock.raise_()
        self.compare = CompareController(
            self.state, self.compare_dock, self.map, self.runner, parent=self
        )
        self.compare_dock.export_requested.connect(
            lambda model, what: self.exports.export_frame(
                model.export_frame(),
                f"compare-{what}",
                [self.compare_dock.headline.text(), self.compare_dock.note.text()],
            )
        )
        self.search = PlaceSearch(self)
        self.search.place_chosen.connect(self._fly_to_place)
        # The map gets the room; the table just fits its numbers.
        self._default_dock_sizes()

        handlers = {
            "open": self.choose_file,
            "close_data": self.close_data,
            "quit": self.close,
            "zoom_ukraine": self.map.zoom_to_ukraine,
            "find_place": self._focus_search,
            "focus_timeline": self.focus_timeline,
            "manual": lambda: show_manual(self),
            "clear_selection": self.clear_selection,
            "preferences": self.edit_preferences,
            "about": lambda: show_about(self),
            "draw_area": self._draw_area,
            "open_history": self.history.choose_folder,
            "open_history_file": self.history.choose_file,
            "compare_with": self.compare.choose,
            "fetch_latest": self.history.fetch_latest,
            "fetch_updates": self.history.fetch_updates,
            "export_view": lambda: self.exports.export_view(1),
            "export_view_2x": lambda: self.exports.export_view(2),
            "copy_view": self.exports.copy_view,
            "export_briefing": self.exports.export_briefing,
            "export_data": self.exports.export_data,
            "export_pack": self.exports.export_pack,
            "export_animation": self.exports.export_animation,
            "import_area": self.proposals.import_area,
        }  # fmt: skip
        self.actions_by_name = create_actions(self, handlers)
        # While nothing is loaded, the map carries a panel saying where to get data.
        self.welcome = WelcomePanel(handlers, central, dark=self.dark)
        self.welcome.cover(self.map)
        self.recent_menu = QMenu(QCoreApplication.translate("Menus", "Open &Recent"), self)
        self.recent_menu.setObjectName("recent-menu")
        panels = QMenu(QCoreApplication.translate("Menus", "&Panels"), self)
        for dock in (self.layers_dock, self.stats_dock, self.proposals_dock, self.changes_dock,
                     self.compare_dock, self.info_dock, self.method_dock,
                     self.timeline_dock):  # fmt: skip
            panels.addAction(dock.toggleViewAction())
        export_menu = QMenu(QCoreApplication.translate("Menus", "&Export"), self)
        for name in ("export_briefing", "export_pack", "export_animation", "export_view",
                     "export_view_2x", "export_data"):  # fmt: skip
            export_menu.addAction(self.actions_by_name[name])
        submenus = {"recent": self.recent_menu, "panels": panels, "export": export_menu}
        build_menus(self.menuBar(), self.actions_by_name, submenus)
        self._rebuild_recent_menu()
        self._build_search_bar()
        self._build_status_bar()
        self._connect()
        self._restore_state()
        name_widgets(self)  # every control a screen reader can name (desktop.accessibility)
        self.setAcceptDrops(True)  # the map refuses drops, so Qt passes them up to here
        problems = self.proposals.reload()
        if problems:
            self.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow", "Skipped a saved proposal: {problem}"
                ).format(problem=problems[0]),
                15000,
            )
        self.state.set_control(None)
        self.welcome.setFocus()  # its first button: a keyboard user starts there

    # -- opening data ----------------------------------------------------------------------

    def choose_file(self) -> None:
        """File ▸ Open: pick a control file."""
        patterns = " ".join(f"*{ext}" for ext in SUPPORTED_FORMATS)
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("MainWindow", "Open control-area data"),
            self.settings.get(LAST_FOLDER),
            QCoreApplication.translate("MainWindow", "Control-area files ({patterns})").format(
                patterns=patterns
            )
            + ";;"
            + QCoreApplication.translate("MainWindow", "All files (*)"),
        )
        if path:
            self.settings.set(LAST_FOLDER, str(Path(path).parent))
            self.open_file(Path(path))

    def open_file(self, path: Path) -> TaskHandle:
        """Read and compute in the background; show the result, or an error and keep the data."""
        path = Path(path)
        if self._loading is not None and self._loading.is_running:
            self._loading.cancel()  # the newest request wins
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Opening {name}…").format(name=path.name)
        )
        km, counting = self.reconcile_km, self.state.counting
        self._loading = self.runner.run(
            lambda progress: open_control_file(path, progress, reconcile_km=km, counting=counting),
            label=QCoreApplication.translate("MainWindow", "Opening {name}").format(name=path.name),
            on_result=self.show_loaded,
            on_error=lambda error: self._open_failed(path, error),
        )
        return self._loading

    @property
    def current(self) -> LoadedControl | None:
        """The control data on screen (:attr:`state`'s)."""
        return self.state.control

    @current.setter
    def current(self, loaded: LoadedControl | None) -> None:
        self.state.set_control(loaded)

    def show_loaded(self, loaded: LoadedControl | None) -> None:
        """Show a control file just opened (or nothing), and add it to File ▸ Open Recent.

        Everything that shows control data follows :attr:`state` (a history's
        dates are shown by setting it, without becoming recent files).
        """
        if loaded is not None:
            self.settings.add_recent_file(loaded.path)
            self._rebuild_recent_menu()
        self.state.set_control(loaded)

    def _send_control_to_map(self, loaded: LoadedControl | None) -> None:
        if loaded is None:
            self.map.clear_control()
        else:
            self.map.show_control(loaded.map_json)

    def _control_changed(self, loaded: LoadedControl | None) -> None:
        self._show_welcome_if_empty()
        self.actions_by_name["close_data"].setEnabled(loaded is not None)
        if loaded is None:
            self.setWindowTitle(APP_TITLE)
            return
        self.setWindowTitle(f"{loaded.layer.source} — {APP_TITLE}")
        groups = loaded.stats.groups.set_index("id")["controlled_pct"]
        date = (
            date_text(loaded.layer.date)
            if loaded.layer.date
            else QCoreApplication.translate("MainWindow", "date unknown")
        )
        self.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow",
                "{source} ({date}): four annexed regions {annexed} % occupied, "
                "all of Ukraine {ukraine} %",
            ).format(
                source=loaded.layer.source,
                date=date,
                annexed=number(groups["annexed-2022"], 2),
                ukraine=number(groups["ukraine"], 2),
            )
        )
        self.loaded.emit(loaded)

    def _draw_area(self) -> None:
        self.proposals_dock.show()
        self.proposals_dock.raise_()
        self.proposals.draw_area()

    def close_data(self) -> None:
        """File ▸ Close Control Data: the file or the history shown; the welcome panel returns."""
        self.history.close()
        self.show_loaded(None)

    def _show_welcome_if_empty(self) -> None:
        # A history whose first date is still being read counts as loaded.
        self.welcome.setVisible(self.state.control is None and self.state.series is None)

    def _history_opened(self) -> None:
        # Remembered so that a later start knows a history was opened before.
        self.settings.set(LAST_HISTORY, str(self.history.source))

    def _open_failed(self, path: Path, error: BaseException) -> None:
        if isinstance(error, SeveralDatesError):
            # The maps of several dates in one file: what the user wants is all of them.
            self.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow", "{name} holds the maps of several dates: opened as a history"
                ).format(name=path.name),
                8000,
            )
            self.history.open_source(path)
            return
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Could not open {name}").format(
                name=path.name
            ),
            8000,
        )
        show_error(
            self,
            error,
            QCoreApplication.translate("MainWindow", "Opening {name}").format(name=path.name),
        )

    # -- selection -------------------------------------------------------------------------

    def _on_region_clicked(self, code: str) -> None:
        self.stats_dock.select_key(code)
        self.map.select([code], zoom=False)
        # One selection for every view: the chart plots the oblast clicked on the map too.
        self.state.set_selection((code,))

    def _on_rows_selected(self, codes: list) -> None:
        self.map.select(codes, zoom=bool(codes))
        self.state.set_selection(codes)

    def focus_timeline(self) -> None:
        """View ▸ Timeline (Ctrl+T): show the timeline and put the keyboard on its dates."""
        self.timeline_dock.show()
        self.timeline_dock.raise_()
        self.timeline_dock.slider.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_selection(self) -> None:
        """View ▸ Clear Selection (Esc); while an area is being drawn, Esc cancels the drawing."""
        if self.map.is_drawing:
            self.map.cancel_drawing()
            return
        self.stats_dock.select_key(None)
        self.map.select([], zoom=False)
        self.state.set_selection(())

    # -- settings and state ----------------------------------------------------------------

    @property
    def reconcile_km(self) -> float:
        """The border and coast reconciliation tolerance the figures use (Preferences)."""
        return self.settings.get(RECONCILE_KM)

    def edit_preferences(self) -> None:
        """View ▸ Preferences."""
        dialog = PreferencesDialog(self.settings, self)
        before = (self.reconcile_km, self.state.counting)
        dialog.accepted.connect(lambda: self._preferences_changed(*before))
        dialog.open()

    def _preferences_changed(
        self, reconcile_km_before: float, counting_before: Counting | None = None
    ) -> None:
        self.map.set_online_tiles(self._tile_source())
        self.map.set_language(self._label_language())
        self.state.reconcile_km = self.reconcile_km
        counting_before = counting_before or self.state.counting
        self.state.counting = Counting(contested=self.settings.get(COUNT_CONTESTED))
        if self.reconcile_km != reconcile_km_before or self.state.counting != counting_before:
            self.refigure()

    def refigure(self) -> None:
        """Compute the figures again (the method's settings changed): the history, or the file."""
        if self.history.recompute() is not None:
            return
        if self.current is not None and self.current.path.exists():
            self.open_file(self.current.path)

    def _label_language(self) -> str:
        """The map's place-name language: the Preferences' choice, by default the app's."""
        chosen = self.settings.get(LABEL_LANGUAGE)
        return chosen if chosen in ("en", "uk") else current_language()

    def _tile_source(self) -> TileSource | None:
        return TileSource.openstreetmap() if self.settings.get(ONLINE_BASEMAP) else None

    def _default_dock_sizes(self) -> None:
        # The map gets the room: the table just fits its numbers, the left panels their text.
        self.resizeDocks([self.stats_dock, self.layers_dock], [440, 250], Qt.Orientation.Horizontal)
        self.resizeDocks([self.layers_dock, self.info_dock], [190, 400], Qt.Orientation.Vertical)

    def _restore_state(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.get(WINDOW_STATE)
        if state:
            self.restoreState(state)
        else:
            # Dock sizes only apply once the window is laid out.
            QTimer.singleShot(0, self._default_dock_sizes)
        self.layers_dock.restore(self.settings.get(LAYER_VISIBLE), self.settings.get(LAYER_OPACITY))

    def save_state(self) -> None:
        """Store window geometry, panel layout and layer settings."""
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(WINDOW_STATE, bytes(self.saveState().data()))
        self.settings.set(LAYER_VISIBLE, self.layers_dock.visibility())
        self.settings.set(LAYER_OPACITY, self.layers_dock.opacity())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.runner.cancel_all()
        self.runner.wait_for_done(5000)
        super().closeEvent(event)

    # -- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event)
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    # -- building --------------------------------------------------------------------------

    def _connect(self) -> None:
        self.map.region_clicked.connect(self._on_region_clicked)
        self.stats_dock.method_help_requested.connect(lambda: show_manual(self, METHOD_SECTION))
        self.stats_dock.codes_selected.connect(self._on_rows_selected)
        self.layers_dock.visibility_changed.connect(self.map.set_layer_visible)
        self.layers_dock.opacity_changed.connect(self.map.set_layer_opacity)
        self.runner.error.connect(lambda error: show_error(self, error))
        self.runner.busy_changed.connect(self._set_busy)
        self.runner.progress_changed.connect(self._show_progress)
        self.state.history_changed.connect(lambda _series: self._show_welcome_if_empty())
        self.history.opened.connect(self._history_opened)
        self.history.fetching.connect(self.welcome.set_fetching)
        self.map.page_ready.connect(self._page_ready)
        self.state.control_changed.connect(self._control_changed)
        self.state.message.connect(self.statusBar().showMessage)

    def _page_ready(self) -> None:
        # A rebuilt page (online basemap switched) starts empty: redraw what is shown.
        for name, shown in self.layers_dock.visibility().items():
            self.map.set_layer_visible(name, shown)
        for name, value in self.layers_dock.opacity().items():
            self.map.set_layer_opacity(name, value)
        if self.current is not None and self.map.page_loads > 1:
            self.map.show_control(self.current.map_json)

    def _build_search_bar(self) -> None:
        bar = self.addToolBar(QCoreApplication.translate("MainWindow", "Find a place"))
        bar.setObjectName("search-toolbar")
        bar.setMovable(False)
        bar.addWidget(self.search)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _fly_to_place(self, lat: float, lon: float, name: str) -> None:
        self.map.fly_to(lat, lon, 11, name)
        self.statusBar().showMessage(name, 5000)

    def _export_chart(self) -> None:
        chart = self.timeline_dock.chart
        if chart.series is None:
            return
        notes = [f"Frontline Atlas: timeline of {chart.series.source}",
                 f"Border and coast reconciled at {chart.series.reconcile_km:g} km"]  # fmt: skip
        self.exports.export_chart(chart.figure, chart.table(), "timeline", notes)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("task-progress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(QCoreApplication.translate("MainWindow", "Cancel"), self)
        self.cancel_button.setObjectName("task-cancel")
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        for widget in (self.progress, self.cancel_button):
            widget.hide()
            bar.addPermanentWidget(widget)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        # A finished task's progress line would otherwise stay as if still running.
        if not busy and self.statusBar().currentMessage() == self._progress_message:
            self.statusBar().clearMessage()

    def _show_progress(self, label: str, fraction, message: str) -> None:
        if fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(round(fraction * 100))
        self._progress_message = f"{label}: {message}" if message else label
        self.statusBar().showMessage(self._progress_message)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get(RECENT_FILES)
        for position, path in enumerate(recent, start=1):
            # "&&": an "&" in a file name is shown, not taken as the menu's shortcut key.
            name = Path(path).name.replace("&", "&&")
            action = self.recent_menu.addAction(f"&{position % 10} {name}")
            action.setToolTip(literal_text(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(recent))

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.settings.remove_recent_file(path)
            self._rebuild_recent_menu()
        self.open_file(Path(path))


def _local_files(event) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
