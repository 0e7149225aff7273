"""Keeps the Changes panel in step with the history open: what changed hands, per period, pace.

Everything is computed by :mod:`geodata.history.transfers` and
:mod:`geodata.history.rates`, on the task runner; a newer request cancels an
older one. The panel's two dates follow the Timeline's "Compare with" when it
is on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.app_state import AppState
from desktop.error_dialog import show_error
from desktop.history.changes_dock import ChangesDock, FrameModel, translated
from desktop.history.timeline_dock import TimelineDock
from desktop.i18n import current_language, date_text
from desktop.tasks import TaskHandle, TaskRunner
from geodata.history.rates import DEFAULT_PACE_DAYS, PACE_METHOD, pace, period_gains
from geodata.history.series import HistorySeries
from geodata.history.transfers import changes_between, row_at_or_before
from geodata.language import say
from geodata.places import PEOPLE_NOTE

#: The status line's words while gains per period are computed, by period.
GAINS_LABELS = {
    "month": QT_TRANSLATE_NOOP("Changes", "Gains per month"),
    "week": QT_TRANSLATE_NOOP("Changes", "Gains per week"),
}


class ChangesController(QObject):
    """Computes what the Changes panel shows, off the GUI thread."""

    changes_shown = Signal(object)  # DateChanges
    periods_shown = Signal()

    def __init__(
        self,
        state: AppState,
        dock: ChangesDock,
        timeline: TimelineDock,
        runner: TaskRunner,
        store: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        """``store``: gives the history store (or None) when asked, on the GUI thread."""
        super().__init__(parent)
        self._state, self._dock, self._timeline, self._runner = state, dock, timeline, runner
        self._store, self._parent = store, parent
        self._task: TaskHandle | None = None
        self._period_task: TaskHandle | None = None
        state.history_changed.connect(self._history_changed)
        dock.dates_changed.connect(self.show_changes)
        dock.period_changed.connect(lambda _period: self._compute_periods())
        timeline.compare_changed.connect(lambda _row: self._follow_timeline())
        timeline.date_changed.connect(lambda _row: self._follow_timeline())

    def _history_changed(self, series: HistorySeries | None) -> None:
        if series is None or not len(series) or series.held is None:
            self._dock.show_changes(None)
            self._dock.show_periods(None, None)
            return
        self._dock.set_range(series.dates[0], series.dates[-1])
        # A month back from the last date: what a briefing asks first.
        month_back = series.dates[-1] - dt.timedelta(days=30)
        first = series.dates[0] if month_back < series.dates[0] else month_back
        first = series.dates[row_at_or_before(series, first)]
        self._dock.set_dates(first, series.dates[-1])
        self.show_changes(first, series.dates[-1])
        self._compute_periods()

    def _follow_timeline(self) -> None:
        series = self._state.series
        timeline = self._timeline
        if series is None or not timeline.compare.isChecked() or timeline.row < 0:
            return
        then = timeline.compare_date.date().toPython()
        now = series.dates[timeline.row]
        first, second = sorted((then, now))
        if (first, second) != self._dock.dates():
            self._dock.set_dates(first, second)
            self.show_changes(first, second)

    def show_changes(self, first: dt.date, second: dt.date) -> TaskHandle | None:
        """Compute and show what changed hands between two dates (the last maps on or before)."""
        series = self._state.series
        if series is None or series.held is None:
            return None
        if self._task is not None and self._task.is_running:
            self._task.cancel()
        store = self._store()

        def work(_progress):
            return changes_between(
                series, row_at_or_before(series, first), row_at_or_before(series, second), store
            )

        self._task = self._runner.run(
            work,
            label=QCoreApplication.translate("Changes", "Changes {first} to {second}").format(
                first=date_text(first), second=date_text(second)
            ),
            on_result=lambda changes: self._show(series, changes),
            on_error=lambda error: show_error(
                self._parent, error, QCoreApplication.translate("Changes", "Comparing two dates")
            ),
        )
        return self._task

    def _show(self, series: HistorySeries, changes) -> None:
        if series is not self._state.series:
            return  # another history was opened meanwhile
        self._dock.show_changes(changes)
        self.changes_shown.emit(changes)

    def _compute_periods(self) -> TaskHandle | None:
        series = self._state.series
        if series is None or not len(series):
            return None
        if self._period_task is not None and self._period_task.is_running:
            self._period_task.cancel()
        period = self._dock.period.currentData()

        def work(_progress):
            return period_gains(series, period), pace(series, DEFAULT_PACE_DAYS, current_language())

        def done(tables) -> None:
            if series is self._state.series:
                self._dock.show_periods(*tables, as_of=series.dates[-1])
                self.periods_shown.emit()

        label = translated(GAINS_LABELS.get(period, f"Gains per {period}"))
        self._period_task = self._runner.run(work, label=label, on_result=done)
        return self._period_task

    def notes(self, what: str) -> list[str]:
        """The lines that go with an exported table: source, dates, method, the people caveat."""
        series = self._state.series
        changes = self._dock.changes
        lines = [f"Frontline Atlas: {what} — {series.source if series else ''}"]
        if what in ("places", "per-oblast") and changes is not None:
            lines += [
                QCoreApplication.translate("Changes", "From {first} to {second}").format(
                    first=date_text(changes.first), second=date_text(changes.second)
                ),
                changes.method,
            ]
        else:
            lines += [
                say(PACE_METHOD, current_language(), days=DEFAULT_PACE_DAYS),
                say(PEOPLE_NOTE, current_language()),
            ]
        return lines

    @staticmethod
    def table_of(model: FrameModel):
        """The rows of a panel table as they are shown, for the export."""
        return model.export_frame()
