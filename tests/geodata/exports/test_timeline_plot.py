"""The timeline chart: ten years of daily bars as one artist, and no day too thin to see."""

from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from geodata.boundaries import load_boundaries
from geodata.exports.timeline_plot import draw_timeline
from geodata.history.series import HistorySeries

matplotlib.use("Agg")


def ten_years_with_one_big_loss() -> HistorySeries:
    boundaries = load_boundaries()
    days = 3650
    dates = tuple(dt.date(2016, 1, 1) + dt.timedelta(days=d) for d in range(days))
    km2 = np.zeros((days, len(boundaries.codes)))
    steps = np.full(days, 5.0)
    lost = 3000
    steps[lost] = -120.0  # one day that lost 120 km², among days that gained 5
    km2[:, boundaries.row_of("UA-14")] = 1000.0 + np.cumsum(steps)
    keys = tuple(str(d) for d in dates)
    return HistorySeries("t", dates, keys, keys, km2, boundaries)


def test_ten_years_of_daily_bars_are_one_collection_and_the_loss_is_drawn():
    series = ten_years_with_one_big_loss()
    figure = Figure(figsize=(9, 4), dpi=90)
    held, change = figure.subplots(2, 1, sharex=True)
    draw_timeline(held, change, series, units="km2", period="daily")
    bars = [c for c in change.collections if isinstance(c, PolyCollection)]
    assert len(bars) == 1 and len(bars[0].get_paths()) == len(series) - 1
    assert not change.patches  # not 3,650 rectangles, each an artist
    # Narrower than a pixel, a bar is still drawn: edged in its own colour.
    assert bars[0].get_linewidths()[0] >= 0.5
    assert np.array_equal(bars[0].get_edgecolors(), bars[0].get_facecolors())
    assert change.get_ylim()[0] <= -120.0
    # The loss shows on the rendered page: pixels of the lost colour below the zero line.
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
    # The lost day's colour (blue) is the only blue on the page: a thin line of it,
    # anti-aliased against white, reaching down towards -120.
    red, blue = pixels[..., 0], pixels[..., 2]
    found = blue - red > 40
    assert found.sum() >= 40, found.sum()


def test_a_day_without_change_draws_no_bar():
    """Edged bars of no height would speck the zero line: days that changed nothing have none."""
    series = ten_years_with_one_big_loss()
    flat = series.controlled_km2.copy()
    flat[1:11] = flat[0]  # ten days in a row without change
    series = HistorySeries("t", series.dates, series.keys, series.labels, flat, series.boundaries)
    figure = Figure()
    held, change = figure.subplots(2, 1, sharex=True)
    draw_timeline(held, change, series, units="km2", period="daily")
    (bars,) = [c for c in change.collections if isinstance(c, PolyCollection)]
    assert len(bars.get_paths()) == len(series) - 1 - 10
