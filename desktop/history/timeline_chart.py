"""The timeline's chart: controlled area over time, and its change per day or week."""

from __future__ import annotations

import datetime as dt
import itertools

import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from geodata.exports.text import plain
from geodata.history.rates import CHANGE_VIEWS, change_view, chart_table
from geodata.history.series import HistorySeries
from geodata.palette import current

# The map's colours: occupied dark red; Ukraine overall dark grey; the selection blue.
LINES = (
    ("ukraine", "Ukraine", "ukraine_line"),
    ("annexed-2022", "Four annexed regions", "occupied"),
)


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
        # The date line moves on its own layer (blitting): a date switch redraws a
        # strip of pixels, not the whole chart.
        self.mpl_connect("draw_event", self._on_draw)
        self._draw_empty()

    def set_series(self, series: HistorySeries | None) -> None:
        """Plot a history (None: empty)."""
        self.series = series
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
        dates = np.array(series.dates)
        pct = self.units == "pct"
        groups = series.group_pct() if pct else series.group_km2()
        units = series.unit_pct() if pct else series.controlled_km2

        # Ukraine on its own right-hand scale: on one scale with the annexed
        # regions (about 80 % against 19 %) both lines would look flat.
        if self._right is not None:
            self._right.remove()
        self._right = held.twinx()
        palette = current()
        key, label, role = LINES[1]
        colour = getattr(palette, role)
        held.plot(dates, groups[key].to_numpy(), color=colour, lw=1.4, label=label)
        if self.selected:
            row = series.boundaries.row_of(self.selected)
            name = series.boundaries.units["name"].iloc[row]
            held.plot(dates, units[:, row], color=palette.selected,
                      lw=1.4, label=plain(name))  # fmt: skip
        key, label, role = LINES[0]
        colour = getattr(palette, role)
        self._right.plot(dates, groups[key].to_numpy(), color=colour, lw=1.4,
                         label=f"{label} (right scale)")  # fmt: skip
        unit = "%" if self.units == "pct" else "km²"
        held.set_ylabel(f"held, {unit}", fontsize=8)
        self._right.set_ylabel(f"Ukraine, {unit}", fontsize=8, color=colour)
        self._right.tick_params(labelsize=8, colors=colour)
        held.grid(True, alpha=0.3)
        lines = held.get_lines() + self._right.get_lines()
        held.legend(lines, [ln.get_label() for ln in lines], loc="upper left", fontsize=8,
                    frameon=False, ncols=3)  # fmt: skip
        self._mark_gaps(held, dates)

        steps = change_view(series, self.period, self.selected or "ukraine")
        x = mdates.date2num(list(steps.index))
        values = steps.to_numpy(dtype=float)
        if self.period.startswith("rate"):
            change.plot(x, values, color=palette.gained, lw=1.2)
            change.fill_between(x, values, 0, where=values < 0, color=palette.regained, alpha=0.6)
        else:
            width = {"daily": 0.8, "weekly": 5.5, "monthly": 24.0}[self.period]
            colours = [palette.gained if v > 0 else palette.regained for v in values]
            align = "edge" if self.period == "monthly" else "center"
            change.bar(x, values, width=width, color=colours, align=align)
        change.axhline(0, color=palette.faint_text, linewidth=0.6)
        change.set_ylabel(CHANGE_VIEWS[self.period][1], fontsize=8)
        # Whose change: the oblast selected, else all of Ukraine.
        whose = "All of Ukraine"
        if self.selected:
            whose = series.boundaries.units["name"].iloc[series.boundaries.row_of(self.selected)]
        change.set_title(f"{plain(whose)}: {CHANGE_VIEWS[self.period][0]}", fontsize=8,
                         loc="left", pad=2)  # fmt: skip
        change.grid(True, alpha=0.3)
        change.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(change.xaxis.get_major_locator())
        )
        for axes in (held, change):
            axes.tick_params(labelsize=8)
        first = mdates.date2num(series.dates[0])
        self._cursors = [
            axes.axvline(first, color=palette.highlight, linewidth=1.2, animated=True)
            for axes in (held, change)
        ]
        self.draw_idle()

    def _mark_gaps(self, axes, dates: np.ndarray) -> None:
        # Missing days are real: shade them so no one reads a line across a gap as data.
        for before, after in itertools.pairwise(dates):
            if (after - before).days > 1:
                axes.axvspan(
                    mdates.date2num(before),
                    mdates.date2num(after),
                    color=current().gap,
                    alpha=0.35,
                    lw=0,
                )

    def _draw_empty(self) -> None:
        if self._right is not None:
            self._right.remove()
            self._right = None
        for axes in (self.held_axes, self.change_axes):
            axes.clear()
            axes.set_xticks([])
            axes.set_yticks([])
        self.held_axes.text(
            0.5, 0.5, "Open a history to see control over time", ha="center", va="center",
            transform=self.held_axes.transAxes, color=current().placeholder_text,
        )  # fmt: skip
        self._cursors = []
        self.draw_idle()
