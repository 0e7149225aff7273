"""The timeline chart drawn on matplotlib axes: the app's chart panel and the briefing chart page.

One drawing for both, so the printed chart is the one the analyst saw: the
held share (or km²) of the four annexed regions and of an oblast on the left
scale, all of Ukraine on its own right-hand scale, the days with no data
shaded, and below it the change per day, week or month (or a rolling rate).
"""

from __future__ import annotations

import itertools

import matplotlib.dates as mdates
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.ticker import ScalarFormatter

import geodata.exports.figure_text  # noqa: F401 (text stays text in PDF and SVG)
from geodata.exports.text import plain
from geodata.history.rates import CHANGE_VIEWS, change_view
from geodata.history.series import HistorySeries
from geodata.language import Language, say
from geodata.palette import current

# The map's colours: occupied dark red; Ukraine overall dark grey; the selection purple.
LINES = (
    ("ukraine", "Ukraine", "ukraine_line"),
    ("annexed-2022", "Four annexed regions", "occupied"),
)
#: The date axis's labels: matplotlib's month names in English; in Ukrainian, numbers as
#: Ukrainian writes dates (15.03, 03.2025), not English month names.
DATE_FORMATS = {
    "en": {},
    "uk": {
        "formats": ["%Y", "%m", "%d", "%H:%M", "%H:%M", "%S.%f"],
        "zero_formats": ["", "%Y", "%m.%Y", "%d.%m", "%H:%M", "%H:%M"],
        "offset_formats": ["", "%Y", "%m.%Y", "%d.%m.%Y", "%d.%m.%Y", "%d.%m.%Y %H:%M"],
    },
}
BAR_WIDTH_DAYS = {"daily": 0.8, "weekly": 5.5, "monthly": 24.0}


class _DecimalComma(ScalarFormatter):
    """Matplotlib's own tick labels, with the decimal comma Ukrainian writes.

    Without an offset ("+1.1e5" above the axis would keep its point): whole values.
    """

    def __init__(self) -> None:
        super().__init__(useOffset=False)

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", ",")


def number_axis(axis, language: Language) -> None:
    """Tick labels of a numeric axis as ``language`` writes numbers (19,35 in Ukrainian)."""
    if language == "uk":
        axis.set_major_formatter(_DecimalComma())


def draw_timeline(
    held,
    change,
    series: HistorySeries,
    *,
    units: str = "pct",
    period: str = "daily",
    selected: str | None = None,
    fontsize: float = 8,
    line_width: float = 1.4,
    language: Language = "en",
):
    """Draw the two panels on the axes ``held`` and ``change``; return the right-hand axes.

    ``units`` is ``pct`` or ``km2``; ``period`` a key of
    :data:`geodata.history.rates.CHANGE_VIEWS`; ``selected`` a unit code to plot too;
    ``language`` the words' and the oblast's (:mod:`geodata.language`).
    """
    dates = np.array(series.dates)
    pct = units == "pct"
    groups = series.group_pct() if pct else series.group_km2()
    unit_values = series.unit_pct() if pct else series.controlled_km2
    # Ukraine on its own right-hand scale: on one scale with the annexed regions
    # (about 80 % against 19 %) both lines would look flat.
    right = held.twinx()
    palette = current()
    key, label, role = LINES[1]
    held.plot(dates, groups[key].to_numpy(), color=getattr(palette, role), lw=line_width,
              label=say(label, language))  # fmt: skip
    whose = say("All of Ukraine", language)  # whose change the lower panel shows
    if selected:
        row = series.boundaries.row_of(selected)
        whose = plain(series.boundaries.name_of(selected, language))
        held.plot(dates, unit_values[:, row], color=palette.selected, lw=line_width,
                  linestyle=":", label=whose)  # fmt: skip
    key, label, role = LINES[0]
    colour = getattr(palette, role)
    # Dashed as well as grey: the two lines differ by more than hue (colour-blind readers).
    right.plot(dates, groups[key].to_numpy(), color=colour, lw=line_width, linestyle="--",
               label=say(f"{label} (right scale)", language))  # fmt: skip
    unit = "%" if pct else "km²"
    held.set_ylabel(say(f"held, {unit}", language), fontsize=fontsize)
    right.set_ylabel(say(f"Ukraine, {unit}", language), fontsize=fontsize, color=colour)
    right.tick_params(labelsize=fontsize, colors=colour)
    held.grid(True, alpha=0.3)
    lines = held.get_lines() + right.get_lines()
    held.legend(lines, [ln.get_label() for ln in lines], loc="upper left", fontsize=fontsize,
                frameon=False, ncols=3)  # fmt: skip
    mark_gaps(held, dates)

    steps = change_view(series, period, selected or "ukraine")
    x = mdates.date2num(list(steps.index))
    values = steps.to_numpy(dtype=float)
    if period.startswith("rate"):
        change.plot(x, values, color=palette.gained, lw=line_width * 0.85)
        change.fill_between(x, values, 0, where=values < 0, color=palette.regained, alpha=0.6)
    else:
        change.add_collection(_bars(x, values, period, palette))
        change.autoscale_view()
    change.axhline(0, color=palette.faint_text, linewidth=0.6)
    change.set_ylabel(say(CHANGE_VIEWS[period][1], language), fontsize=fontsize)
    change.set_title(f"{whose}: {say(CHANGE_VIEWS[period][0], language)}", fontsize=fontsize,
                     loc="left", pad=2)  # fmt: skip
    change.grid(True, alpha=0.3)
    change.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(change.xaxis.get_major_locator(), **DATE_FORMATS[language])
    )
    for axes in (held, change):
        axes.tick_params(labelsize=fontsize)
    for axes in (held, right, change):
        number_axis(axes.yaxis, language)
    return right


def _bars(x: np.ndarray, values: np.ndarray, period: str, palette) -> PolyCollection:
    """The change bars as one collection: what ``Axes.bar`` draws, but one artist for
    ten years of days rather than 3,650 (seconds to make and draw on the GUI thread).
    Monthly bars start at their month; daily and weekly ones are centred on their day."""
    # A day without change has no bar: edged, it would draw a speck on the zero line.
    drawn = np.isfinite(values) & (values != 0)
    x, values = x[drawn], values[drawn]
    width = BAR_WIDTH_DAYS[period]
    left = x if period == "monthly" else x - width / 2
    right = left + width
    zeros = np.zeros_like(values)
    corners = np.stack(
        [np.column_stack(pair) for pair in
         ((left, zeros), (left, values), (right, values), (right, zeros))], axis=1,
    )  # fmt: skip
    colours = np.where(values > 0, palette.gained, palette.regained)
    # Edged in their own colour: a day's bar is narrower than a pixel over two years,
    # and an unedged one can vanish (a day that lost 116 km² did).
    bars = PolyCollection(corners, facecolors=colours, edgecolors=colours, linewidths=0.6)
    bars.sticky_edges.y.append(0.0)  # no margin below the zero line, as bars have
    return bars


def mark_gaps(axes, dates: np.ndarray) -> None:
    """Shade missing days: no one should read a line across a gap as data."""
    for before, after in itertools.pairwise(dates):
        if (after - before).days > 1:
            axes.axvspan(mdates.date2num(before), mdates.date2num(after), color=current().gap,
                         alpha=0.35, lw=0)  # fmt: skip
