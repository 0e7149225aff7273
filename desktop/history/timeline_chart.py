"""The timeline's chart: controlled area over time, and its change per day or week."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication

from desktop.i18n import current_language
from geodata.exports.timeline_plot import draw_timeline
from geodata.history.rates import chart_table
from geodata.history.series import HistorySeries
from geodata.palette import current


class TimelineChart(FigureCanvasQTAgg):
    """Two panels: held area (km² or %) over time; change per day or week. A line marks the date."""

    def __init__(self, parent=None) -> None:
        self.figure = Figure(figsize=(8, 2.6), dpi=100, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("timeline-chart")
        self.setMinimumHeight(180)
        self.held_axes, self.change_axes = self.figure.subplots(
            2, 1, sharex=True, gridspec_kw={"height_ratios": [2, 1]}
        )
        self.series: HistorySeries | None = None
        self.selected: str | None = None
        self.units = "pct"
        self.period = "daily"
        self._cursors = []
        self._background = None
        self._right = None  # the held panel's second scale
        self._cursor_date: dt.date | None = None  # the date the line marks
        # The date line moves on its own layer (blitting): a date switch redraws a
        # strip of pixels, not the whole chart.
        self.mpl_connect("draw_event", self._on_draw)
        self._draw_empty()

    def set_series(self, series: HistorySeries | None) -> None:
        """Plot a history (None: empty)."""
        self.series = series
        self._cursor_date = None
        self.redraw()

    def set_selected(self, code: str | None) -> None:
        """Also plot one unit (an ISO code), or none."""
        if code != self.selected:
            self.selected = code
            self.redraw()

    def table(self):
        """What the chart shows, as a table (dates × lines), for the CSV export."""
        return chart_table(self.series, self.units, self.period, self.selected)

    def follow(self, state) -> None:
        """Plot the unit selected in the shared :class:`~desktop.app_state.AppState` (one only):
        the one selected now, and later ones."""
        state.selection_changed.connect(self._selection_changed)
        self._selection_changed(state.selection)

    def _selection_changed(self, codes: tuple) -> None:
        self.set_selected(codes[0] if len(codes) == 1 else None)

    def set_units(self, units: str) -> None:
        """``pct`` (share of each area) or ``km2``."""
        self.units = units
        self.redraw()

    def set_period(self, period: str) -> None:
        """The lower panel: a change or a rate (:data:`geodata.history.rates.CHANGE_VIEWS`)."""
        self.period = period
        self.redraw()

    def set_cursor(self, date: dt.date) -> None:
        """Move the date line; it is drawn over a saved image of the rest of the chart."""
        self._cursor_date = date  # kept: a redraw puts the line back here
        x = mdates.date2num(date)
        for line in self._cursors:
            line.set_xdata([x, x])
        if self._background is None:
            self.draw_idle()
            return
        self.restore_region(self._background)
        for line in self._cursors:
            line.axes.draw_artist(line)
        self.blit(self.figure.bbox)

    def _on_draw(self, _event) -> None:
        self._background = self.copy_from_bbox(self.figure.bbox)
        for line in self._cursors:
            line.axes.draw_artist(line)

    def redraw(self) -> None:
        """Rebuild both panels from the series and the current options."""
        if self.series is None or len(self.series) == 0:
            self._draw_empty()
            return
        series = self.series
        held, change = self.held_axes, self.change_axes
        held.clear()
        change.clear()
        if self._right is not None:
            self._right.remove()
        self._right = draw_timeline(
            held, change, series, units=self.units, period=self.period,
            selected=self.selected, language=current_language(),
        )  # fmt: skip
        palette = current()
        shown = self._cursor_date
        if shown is None or not series.dates[0] <= shown <= series.dates[-1]:
            shown = series.dates[0]
        at = mdates.date2num(shown)
        self._cursors = [
            axes.axvline(at, color=palette.highlight, linewidth=1.2, animated=True)
            for axes in (held, change)
        ]
        self.draw_idle()

    def _draw_empty(self) -> None:
        if self._right is not None:
            self._right.remove()
            self._right = None
        for axes in (self.held_axes, self.change_axes):
            axes.clear()
            axes.set_xticks([])
            axes.set_yticks([])
        self.held_axes.text(
            0.5, 0.5,
            QCoreApplication.translate("Timeline", "Open a history to see control over time"),
            ha="center", va="center",
            transform=self.held_axes.transAxes, color=current().placeholder_text,
        )  # fmt: skip
        self._cursors = []
        self.draw_idle()
