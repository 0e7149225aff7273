"""Change over time: per-date changes of a history, and what changed between two dates."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import shapely

from geodata.figures import share_pct
from geodata.history.series import HistorySeries
from geodata.projection import GRID_DEG

Period = Literal["daily", "weekly"]


def change_series(series: HistorySeries, period: Period = "daily") -> pd.DataFrame:
    """Change in each group's controlled km² per day (between consecutive snapshots) or per week.

    A daily change spanning a gap in the data is shown on the later date (the
    whole change since the snapshot before). Weekly changes are summed over
    ISO weeks (Monday to Sunday) and dated by their Monday.

    >>> import datetime as dt
    >>> import numpy as np
    >>> from geodata.boundaries import load_boundaries
    >>> b = load_boundaries()
    >>> km2 = np.zeros((3, 27)); km2[:, b.row_of("UA-14")] = [10.0, 12.0, 11.0]
    >>> days = (dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 11, 25))
    >>> s = HistorySeries("t", days, ("a", "b", "c"), ("a", "b", "c"), km2, b)
    >>> change_series(s)["annexed-2022"].tolist()
    [2.0, -1.0]
    >>> change_series(s, "weekly")["annexed-2022"].tolist()
    [2.0, -1.0]
    """
    return steps(series.group_km2(), period)


def steps(km2: pd.DataFrame, period: Period = "daily") -> pd.DataFrame:
    """Change of each column of a dates × km² table per day or ISO week (:func:`change_series`)."""
    daily = km2.diff().iloc[1:]
    if period == "daily":
        return daily
    if period == "weekly":
        index = pd.to_datetime(daily.index)
        weeks = index - pd.to_timedelta(index.day_of_week, unit="D")
        weekly = daily.groupby(weeks.date).sum()
        weekly.index.name = "week"
        return weekly
    raise ValueError(f"unknown period {period!r}; choose one of: daily, weekly")


def compare_dates(series: HistorySeries, first: int, second: int) -> pd.DataFrame:
    """Per unit: held km² and % at two rows of the history, and the change from first to second."""
    areas = series.boundaries.area_km2
    before = series.controlled_km2[first]
    after = series.controlled_km2[second]
    return pd.DataFrame(
        {
            "code": series.boundaries.codes,
            "name": series.boundaries.units["name"].to_numpy(),
            "area_km2": areas,
            "controlled_km2_before": before,
            "controlled_km2_after": after,
            "delta_km2": after - before,
            "controlled_pct_before": share_pct(before, areas),
            "controlled_pct_after": share_pct(after, areas),
        }
    )


def gained_and_lost(before: shapely.Geometry, after: shapely.Geometry) -> tuple:
    """Territory the occupying side gained (held after, not before) and lost (the reverse).

    >>> gained, lost = gained_and_lost(shapely.box(0, 0, 2, 1), shapely.box(1, 0, 3, 1))
    >>> gained.bounds, lost.bounds
    ((2.0, 0.0, 3.0, 1.0), (0.0, 0.0, 1.0, 1.0))
    """
    empty = shapely.Polygon()
    before = empty if before is None else before
    after = empty if after is None else after
    gained = shapely.difference(after, before, grid_size=GRID_DEG)
    lost = shapely.difference(before, after, grid_size=GRID_DEG)
    return gained, lost
