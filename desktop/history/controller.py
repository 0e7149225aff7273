"""Opens histories (in the background), and shows the Timeline's chosen date everywhere.

A date switch redraws the map through the bridge (no page reload), refills the
Statistics, Info and Proposals panels and moves the chart's date line.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.app_state import AppState
from desktop.error_dialog import show_error
from desktop.history.timeline_dock import TimelineDock
from desktop.i18n import current_language, date_text
from desktop.literal_text import literal_text
from desktop.map.view import MapView
from desktop.online_consent import OnlineConsent
from desktop.statistics.control_loader import LoadedControl, loaded_control
from desktop.tasks import TaskHandle, TaskRunner
from geodata.errors import StoreError
from geodata.history.changes import compare_dates, gained_and_lost
from geodata.history.compute import compute_history, start_worker_server
from geodata.history.deepstate_online import Client, fetch_latest, fetch_updates
from geodata.history.series import HistorySeries
from geodata.history.sources import DEEPSTATE_STORE, open_history
from geodata.history.store import Store
from geodata.importers import SUPPORTED_FORMATS
from geodata.map_layers import change_geojson

CACHED_DATES = 48  # map payloads kept for quick switching back and forth
WORKER_SERVER_DELAY_MS = 3000  # after the map is shown: start-up has the cores first


class HistoryController(QObject):
    """Keeps a history, the Timeline panel and the rest of the window in step."""

    opened = Signal(object)  # HistorySeries
    date_shown = Signal(int)  # row, once map, tables and chart have been given the date
    fetching = Signal(bool)  # an online fetch started (True) or ended (False)

    def __init__(
        self,
        parent: QWidget,
        dock: TimelineDock,
        map_view: MapView,
        runner: TaskRunner,
        store_path: Path | None = None,
        state: AppState | None = None,
        consent: OnlineConsent | None = None,
    ) -> None:
        super().__init__(parent)
        # Without the window's (remembered) consent, every online fetch asks.
        self._consent = consent if consent is not None else OnlineConsent(None, parent)
        self._parent, self._dock, self._map, self._runner = parent, dock, map_view, runner
        self._store_path = store_path
        self._store: Store | None = None
        self._source: str | Path | None = None
        self._return_to = None  # the date to show again once a history is recomputed
        self._state = state if state is not None else AppState(self)
        self._payloads: OrderedDict[tuple, LoadedControl] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._task: TaskHandle | None = None
        self._date_task: TaskHandle | None = None
        self._fetch_task: TaskHandle | None = None
        self._say_when_opened: tuple[TaskHandle, str, int] | None = None  # a fetch's summary
        dock.date_changed.connect(self.show_row)
        # Play waits for each date to reach the map, so the map's date never lags the panel's.
        self.date_shown.connect(dock.mark_shown)
        dock.wait_for_map = True
        dock.compare_changed.connect(lambda _row: self._update_comparison())
        dock.open_requested.connect(self.choose_folder)
        # The process a long history's workers fork from starts once the window is
        # up, in the background: the first history opened need not wait for it.
        if map_view is not None:
            map_view.page_ready.connect(
                lambda: QTimer.singleShot(WORKER_SERVER_DELAY_MS, start_worker_server)
            )

    @property
    def series(self) -> HistorySeries | None:
        """The history open (the shared state's)."""
        return self._state.series

    @series.setter
    def series(self, series: HistorySeries | None) -> None:
        self._state.set_series(series)

    @property
    def source(self) -> str | Path | None:
        """Where the history open came from: a folder, a file or ``deepstate``."""
        return self._source if self.series is not None else None

    @property
    def store(self) -> Store | None:
        """The history store, opened (and if need be rebuilt) on first use.

        None, after saying why, when it cannot be opened at all (locked by
        another program, or unreadable): histories are then computed without
        it, and the next use tries again.
        """
        if self._store is None:
            try:
                self._store = Store(self._store_path)
            except StoreError as error:
                show_error(
                    self._parent,
                    error,
                    QCoreApplication.translate("Timeline", "Opening the history store"),
                )
                return None
            if self._store.recovered_from is not None:
                # The static helper guesses HTML; the text names a file, so it is made literal.
                QMessageBox.warning(
                    self._parent,
                    QCoreApplication.translate("Timeline", "History store rebuilt"),
                    literal_text(
                        QCoreApplication.translate(
                            "Timeline",
                            "The history store was damaged and could not be read, so a new one "
                            "was started; statistics will be computed again.\n\nThe old file is "
                            "kept as {file}\n\n({reason})",
                        ).format(
                            file=self._store.recovered_from, reason=self._store.recovery_reason
                        )
                    ),
                )
            elif self._store.read_only_reason is not None:
                QMessageBox.warning(
                    self._parent,
                    QCoreApplication.translate("Timeline", "History store read-only"),
                    literal_text(
                        QCoreApplication.translate(
                            "Timeline",
                            "The figures already in the history store are shown, but new ones "
                            "cannot be kept: {reason}.\n\n{path}",
                        ).format(reason=self._store.read_only_reason, path=self._store.path)
                    ),
                )
        return self._store

    # -- opening -----------------------------------------------------------------------------

    def choose_folder(self) -> None:
        """File ▸ Open History Folder: a folder of dated control files."""
        folder = QFileDialog.getExistingDirectory(
            self._parent,
            QCoreApplication.translate("Timeline", "Open a history: a folder of dated files"),
        )
        if folder:
            self.open_source(folder)

    def choose_file(self) -> None:
        """File ▸ Open History File: one file with a date column."""
        patterns = " ".join(f"*{ext}" for ext in SUPPORTED_FORMATS)
        path, _ = QFileDialog.getOpenFileName(
            self._parent,
            QCoreApplication.translate("Timeline", "Open a history: one file with a date column"),
            "",
            QCoreApplication.translate("Timeline", "Geodata files ({patterns})").format(
                patterns=patterns
            )
            + ";;"
            + QCoreApplication.translate("Timeline", "All files (*)"),
        )
        if path:
            self.open_source(path)

    def open_source(self, source: str | Path) -> TaskHandle:
        """Open a history (folder, file or ``deepstate``) in the background."""
        if self._task is not None and self._task.is_running:
            self._task.cancel()
        store = self.store
        km = self._state.reconcile_km
        self._source = source

        def work(progress):
            # The stored updates need this window's store; trying it again names the fault.
            if store is None and str(source) == DEEPSTATE_STORE:
                history = open_history(source, Store(self._store_path))
            else:
                history = open_history(source, store)
            series = compute_history(history, store, progress=progress, reconcile_km=km)
            _load_chart_library()
            return series

        self._task = self._runner.run(
            work,
            label=QCoreApplication.translate("Timeline", "Opening the history {name}").format(
                name=Path(str(source)).name
            ),
            on_result=self._opened,
            on_error=lambda error: show_error(
                self._parent, error, QCoreApplication.translate("Timeline", "Opening a history")
            ),
        )
        return self._task

    def close(self) -> None:
        """Close the history open (File ▸ Close Control Data): no timeline, no dates."""
        for task in (self._task, self._date_task):
            if task is not None and task.is_running:
                task.cancel()
        self._source = None
        self._return_to = None
        with self._cache_lock:
            self._payloads.clear()
        if self.series is not None:
            self.series = None
            self._dock.set_series(None)
            self._dock.show_comparison(None)
            self._map.clear_change()
        self._dock.hide()

    @property
    def row(self) -> int:
        """The row of the date the timeline shows (-1 when none)."""
        return self._dock.row if self.series is not None else -1

    def recompute(self) -> TaskHandle | None:
        """Open the shown history again (the figures' method changed), keeping its date."""
        if self.series is None or self._source is None:
            return None
        row = self._dock.row
        self._return_to = self.series.dates[row] if 0 <= row < len(self.series) else None
        return self.open_source(self._source)

    def fetch_updates(self) -> TaskHandle | None:
        """Fetch DeepStateMap's whole history: the updates not yet in the store, then show them.

        It goes online: the user's consent is asked first, once (see
        :mod:`desktop.online_consent`); refused, nothing is contacted.
        """
        if not self._consent.ask():
            return None
        return self.fetch_updates_now()

    def fetch_latest(self) -> TaskHandle | None:
        """Fetch DeepStateMap's latest map into the store (after the consent, asked once).

        The stored updates then open as a history, at the latest date.
        """
        if not self._consent.ask():
            return None
        return self.fetch_latest_now()

    def fetch_updates_now(self, client: Client | None = None) -> TaskHandle | None:
        """Fetch the whole history without asking (tests, scripts).

        None if the store cannot be opened (said so); while a fetch runs, that one.
        """
        return self._fetch(
            fetch_updates,
            client,
            QCoreApplication.translate("Timeline", "Fetching DeepStateMap updates"),
        )

    def fetch_latest_now(self, client: Client | None = None) -> TaskHandle | None:
        """Fetch the latest map without asking (tests, scripts); as :meth:`fetch_updates_now`."""
        return self._fetch(
            fetch_latest,
            client,
            QCoreApplication.translate("Timeline", "Fetching DeepStateMap's latest map"),
        )

    def _fetch(self, fetch, client: Client | None, label: str) -> TaskHandle | None:
        # One fetch at a time: another request while one runs says so and waits for it.
        if self._fetch_task is not None and self._fetch_task.is_running:
            self._state.say(
                QCoreApplication.translate("Timeline", "{task} already; Cancel stops it.").format(
                    task=self._fetch_task.label
                ),
                8000,
            )
            return self._fetch_task
        store = self.store
        if store is None:
            return None
        self._fetch_task = self._runner.run(
            lambda progress: fetch(store, client or Client(), progress=progress),
            label=label,
            on_result=self._fetched,
            on_error=lambda error: show_error(self._parent, error, label),
            on_done=lambda: self.fetching.emit(False),
        )
        self.fetching.emit(True)
        return self._fetch_task

    def _fetched(self, report) -> None:
        message = f"DeepStateMap: {report.summary()}"
        if report.skipped:
            message += " ({})".format(
                QCoreApplication.translate("Timeline", "the first: {file}").format(
                    file=report.skipped[0]
                )
            )
        if report.notes:
            message += f"; {report.notes[0]}"
        timeout_ms = 20000 if report.skipped or report.notes else 10000
        self._state.say(message, timeout_ms)
        # Opening's progress replaces the line: it is said again once the history shows.
        self._say_when_opened = (self.open_source(DEEPSTATE_STORE), message, timeout_ms)

    def _opened(self, series: HistorySeries) -> None:
        self.series = series
        with self._cache_lock:
            self._payloads.clear()
        self._dock.show()
        self._dock.raise_()
        self._dock.set_series(series)  # goes to the last date, which shows it
        if self._return_to is not None:
            self._dock.go_to_date(self._return_to)
            self._return_to = None
        if series.skipped:
            self._state.say(
                QCoreApplication.translate(
                    "Timeline",
                    "{source}: {n} file(s) could not be read and are left out; the first: {file}",
                ).format(source=series.source, n=len(series.skipped), file=series.skipped[0]),
                20000,
            )
        elif series.notes:
            self._state.say(f"{series.source}: {series.notes[0]}", 10000)
        elif self._say_when_opened is not None and self._say_when_opened[0] is self._task:
            self._state.say(*self._say_when_opened[1:])
        self._say_when_opened = None
        self.opened.emit(series)

    # -- showing a date ----------------------------------------------------------------------

    def show_row(self, row: int) -> None:
        """Show one date of the history on the map and in the panels.

        The date is read (from the store or its file), measured and, with a
        comparison date, compared off the GUI thread; a newer request cancels
        an older one still running. Dates seen lately come from a cache.
        """
        series = self.series
        if series is None or not 0 <= row < len(series):
            return
        then = self._dock.compare_row()
        then = then if 0 <= then < len(series) and then != row else -1
        store = self.store  # opened here: it may need to say something
        if self._date_task is not None and self._date_task.is_running:
            self._date_task.cancel()

        def work(_progress):
            loaded = self._loaded(series, row, store)
            if then < 0:
                return row, loaded, None
            before = self._loaded(series, then, store)
            gained, lost = gained_and_lost(before.layer.controlled, loaded.layer.controlled)
            comparison = compare_dates(series, then, row)
            return row, loaded, (change_geojson(gained, lost), comparison, series.dates[then])

        self._date_task = self._runner.run(
            work,
            label=QCoreApplication.translate("Timeline", "Showing {date}").format(
                date=date_text(series.dates[row])
            ),
            on_result=lambda shown: self._show_date(series, *shown),
            on_error=lambda error: self._date_failed(series, row, then, error),
        )

    def _show_date(self, series: HistorySeries, row: int, loaded, change) -> None:
        if series is not self.series:
            return  # another history was opened meanwhile
        self._state.set_control(loaded)
        if change is None:
            self._map.clear_change()
            self._dock.show_comparison(None)
        else:
            geojson, comparison, since = change
            self._map.show_change(geojson, since.isoformat())
            self._dock.show_comparison(comparison, since)
        self.date_shown.emit(row)

    def _date_failed(self, series: HistorySeries, row: int, then: int, error) -> None:
        if series is not self.series:
            return
        if then >= 0:
            self._map.clear_change()
            self._dock.show_comparison(None)
        # The date's file went away, or the store failed: said, and the map stays as it was.
        show_error(
            self._parent,
            error,
            QCoreApplication.translate("Timeline", "Showing {date}").format(
                date=date_text(series.dates[row])
            ),
        )

    def _loaded(self, series: HistorySeries, row: int, store) -> LoadedControl:
        """One date ready to show (cached); runs on a worker thread."""
        key = (id(series), row)
        with self._cache_lock:
            cached = self._payloads.get(key)
            if cached is not None:
                self._payloads.move_to_end(key)
                return cached
        layer = series.layer_at(row, store, current_language())
        stats = series.stats_at(row)
        path = series.paths[row] if series.paths and series.paths[row] else Path(series.labels[row])
        loaded = loaded_control(path, layer, stats)
        with self._cache_lock:
            self._payloads[key] = loaded
            while len(self._payloads) > CACHED_DATES:
                self._payloads.popitem(last=False)
        return loaded

    def _update_comparison(self) -> None:
        """The comparison date changed: show the current date again, compared with it."""
        if self.series is not None and self._dock.row >= 0:
            self.show_row(self._dock.row)


def _load_chart_library() -> None:
    """Import the timeline chart's plotting library here, on the task's thread: the chart
    is made on the GUI thread when the history opens, and matplotlib takes a second to load."""
    import matplotlib.figure  # noqa: F401

    import geodata.exports.timeline_plot  # noqa: F401
