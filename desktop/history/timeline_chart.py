"""The timeline's chart: controlled area over time, and its change per day or week."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.i18n import place
from geodata.exports.text import plain
from geodata.exports.timeline_plot import draw_timeline
from geodata.history.rates import CHANGE_VIEWS, chart_table
from geodata.history.series import HistorySeries
from geodata.palette import current

#: The words geodata's chart drawing writes (:data:`geodata.history.rates.CHANGE_VIEWS`,
#: :func:`geodata.exports.timeline_plot.draw_timeline`), marked here for lupdate: the app
#: shows them through :func:`translated` (a text not in the catalogue shows as it is).
CHART_WORDS = (
    QT_TRANSLATE_NOOP("Timeline", "daily change"),
    QT_TRANSLATE_NOOP("Timeline", "weekly change"),
    QT_TRANSLATE_NOOP("Timeline", "monthly change"),
    QT_TRANSLATE_NOOP("Timeline", "7-day rate"),
    QT_TRANSLATE_NOOP("Timeline", "30-day rate"),
    QT_TRANSLATE_NOOP("Timeline", "km² a day"),
    QT_TRANSLATE_NOOP("Timeline", "km² a week"),
    QT_TRANSLATE_NOOP("Timeline", "km² a month"),
    QT_TRANSLATE_NOOP("Timeline", "km²/day, 7 d"),
    QT_TRANSLATE_NOOP("Timeline", "km²/day, 30 d"),
    QT_TRANSLATE_NOOP("Timeline", "held, %"),
    QT_TRANSLATE_NOOP("Timeline", "held, km²"),
    QT_TRANSLATE_NOOP("Timeline", "Ukraine, %"),
    QT_TRANSLATE_NOOP("Timeline", "Ukraine, km²"),
    QT_TRANSLATE_NOOP("Timeline", "Four annexed regions"),
    QT_TRANSLATE_NOOP("Timeline", "Ukraine (right scale)"),
)


def translated(text: str) -> str:
    """``text`` (a marked literal or one of :data:`CHART_WORDS`) in the language in use."""
    return QCoreApplication.translate("Timeline", text)


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
        """Plot the unit selected in the shared :class:`~desktop.app_state.AppState` (one only)."""
        state.selection_changed.connect(self._selection_changed)

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
        self._right = draw_timeline(held, change, series, units=self.units, period=self.period,
                                    selected=self.selected)  # fmt: skip
        self._translate_words(held, change)
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

    def _translate_words(self, held, change) -> None:
        """Put the drawing's words (English, from geodata) in the language in use."""
        selected_name = shown_name = None
        if self.selected:
            units = self.series.boundaries.units
            row = self.series.boundaries.row_of(self.selected)
            name = units["name"].iloc[row]
            uk = units["name_uk"].iloc[row] if "name_uk" in units else None
            selected_name = plain(name)
            shown_name = plain(place(name, uk if isinstance(uk, str) else None))
        for label in (held.yaxis.label, self._right.yaxis.label, change.yaxis.label):
            label.set_text(translated(label.get_text()))
        legend = held.get_legend()
        for text in legend.get_texts() if legend is not None else ():
            words = text.get_text()
            text.set_text(shown_name if words == selected_name else translated(words))
        whose = shown_name or QCoreApplication.translate("Timeline", "All of Ukraine")
        view = translated(CHANGE_VIEWS[self.period][0])
        change.set_title(f"{whose}: {view}", fontsize=change.yaxis.label.get_fontsize(),
                         loc="left", pad=2)  # fmt: skip

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
