"""Pace: gains per week or month, rolling rates in km² a day, and "at this pace, 100 % when".

Method
------
* **Gains per period** (calendar month, or ISO week from Monday): the change in
  held km² from the end of the period before to the end of this one, each end
  being the last date of the history on or before it — the difference of
  period-end figures as ``history`` prints them. The first period starts from
  the history's first date (with that date alone, it has no change: NaN).
  Settlements taken and regained: places whose status
  differs between the two ends (:mod:`geodata.places`), with their people.
* **Rolling rate** over N days (7 and 30), on each date: the change in held km²
  since the last date on or before N days earlier, divided by the days actually
  between. A date has none (NaN) when there is no such date (the history's first
  N days) or it lies more than 2N days back (a gap in the history): the rate would
  be of another span than its name. The periods table gives both as they stood
  on each period's last date.
* **Pace**, per unit and group: the least-squares slope of held km² over the
  dates of the last N days (default 90). When it is positive, the land not yet
  held divided by it gives the days to 100 %; when it is flat or negative
  (under :data:`FLAT_KM2_PER_DAY`), "not at this pace". With only one date in
  those days there is no slope: the rate is NaN and the text says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import numpy as np
import pandas as pd

from geodata.figures import is_negligible, share_pct
from geodata.groups import GROUPS
from geodata.history.changes import steps
from geodata.history.series import HistorySeries
from geodata.language import Language, format_number, month_name, say
from geodata.places import PEOPLE_NOTE, places_by_unit

Period = Literal["week", "month"]
PERIODS: tuple[str, ...] = ("week", "month")
#: The rolling windows the app shows.
ROLLING_DAYS = (7, 30)
DEFAULT_PACE_DAYS = 90
#: A slope below this (km² a day) is taken as no advance at all.
FLAT_KM2_PER_DAY = 0.05
#: Beyond this many years "at this pace" says so rather than naming a date.
HORIZON_YEARS = 100

PERIOD_COLUMNS = ["period", "start", "end", "from_date", "last_date", "level", "code", "name",
                  "held_km2", "change_km2", "rate_km2_per_day", "rate_7d_km2_per_day",
                  "rate_30d_km2_per_day", "places_taken", "places_regained",
                  "people_taken", "people_regained"]  # fmt: skip

PACE_METHOD = (
    "Pace: least-squares slope of held km² over the dates of the last {days} days; "
    "days to 100 % = area not held on the last date ÷ slope; flat or negative "
    f"(under {FLAT_KM2_PER_DAY:g} km² a day): not at this pace. The change per period is "
    "held km² at the period's last date minus held km² at the period before's last date "
    "(the first period: from the history's first date). Each figure is rounded on its own, "
    "so a total can differ by 0.1 km² from the sum of its rounded parts."
)


def unit_and_group_km2(series: HistorySeries) -> tuple[list[tuple[str, str, str]], np.ndarray]:
    """Held km² of every unit and group: ((level, code, name) per column, dates × columns)."""
    codes = list(series.boundaries.codes)
    names = series.boundaries.units["name"].tolist()
    columns = [("unit", c, n) for c, n in zip(codes, names, strict=True)]
    columns += [("group", g.id, g.name) for g in GROUPS]
    group_km2 = series.group_km2()
    values = np.hstack([series.controlled_km2, group_km2[[g.id for g in GROUPS]].to_numpy()])
    return columns, values


def unit_and_group_frame(series: HistorySeries) -> pd.DataFrame:
    """Held km² of every unit and group (columns by code or id), dates as the index."""
    columns, values = unit_and_group_km2(series)
    return pd.DataFrame(values, index=pd.Index(series.dates, name="date"),
                        columns=[code for _level, code, _name in columns])  # fmt: skip


def _areas(series: HistorySeries) -> np.ndarray:
    group_areas = series.group_area_km2()
    return np.concatenate([series.boundaries.area_km2, [group_areas[g.id] for g in GROUPS]])


def period_starts(first: dt.date, last: dt.date, period: Period) -> list[dt.date]:
    """The first day of each period from ``first``'s to ``last``'s."""
    if period == "month":
        months = pd.period_range(first, last, freq="M")
        return [m.start_time.date() for m in months]
    if period == "week":
        monday = first - dt.timedelta(days=first.weekday())
        return [monday + dt.timedelta(weeks=i) for i in range((last - monday).days // 7 + 1)]
    raise ValueError(f"unknown period {period!r}; choose one of: {', '.join(PERIODS)}")


def period_gains(series: HistorySeries, period: Period = "month") -> pd.DataFrame:
    """Gains per period, per unit and group (:data:`PERIOD_COLUMNS`), periods in order.

    Periods without any date in the history have no figures (NaN), and the
    next period's change runs from the last date before the gap; a first period
    holding one date has its held km² but no change (NaN).
    """
    if not len(series):
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    columns, km2 = unit_and_group_km2(series)
    rolling = {days: _rolling(series, days)[1] for days in ROLLING_DAYS}
    dates = np.array(series.dates, dtype="datetime64[D]")
    starts = period_starts(series.dates[0], series.dates[-1], period)
    ends = [*starts[1:], _next_start(starts[-1], period)]
    frames, previous = [], 0
    for start, end in zip(starts, ends, strict=True):
        last = int(np.searchsorted(dates, np.datetime64(end, "D"), side="left")) - 1
        has_data = last >= 0 and dates[last] >= np.datetime64(start, "D")
        frame = pd.DataFrame(columns, columns=["level", "code", "name"])
        label = start.strftime("%Y-%m") if period == "month" else start.isoformat()
        frame.insert(0, "period", label)
        frame.insert(1, "start", start)
        frame.insert(2, "end", end - dt.timedelta(days=1))
        if has_data:
            days = max(1, (series.dates[last] - series.dates[previous]).days)
            change = km2[last] - km2[previous]
            taken, regained = _place_changes(series, previous, last)
            if last == previous:  # the first period holds one date: no change to measure
                change = np.full(len(columns), np.nan)
                taken = regained = (change, change)
            frame.insert(3, "from_date", series.dates[previous])
            frame.insert(4, "last_date", series.dates[last])
            frame["held_km2"] = km2[last]
            frame["change_km2"] = change
            frame["rate_km2_per_day"] = change / days
            # The rolling rates as they stood on the period's last date.
            frame["rate_7d_km2_per_day"] = rolling[7][last]
            frame["rate_30d_km2_per_day"] = rolling[30][last]
            frame["places_taken"], frame["people_taken"] = taken
            frame["places_regained"], frame["people_regained"] = regained
            previous = last
        else:
            frame.insert(3, "from_date", None)
            frame.insert(4, "last_date", None)
            for name in PERIOD_COLUMNS[8:]:
                frame[name] = np.nan
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[PERIOD_COLUMNS]


def _next_start(start: dt.date, period: Period) -> dt.date:
    if period == "week":
        return start + dt.timedelta(weeks=1)
    return (pd.Period(start, freq="M") + 1).start_time.date()


def _place_changes(series: HistorySeries, first: int, second: int):
    """(places, people) taken and regained per unit and group between two rows."""
    if series.held is None:
        zeros = np.zeros(len(series.boundaries.codes) + len(GROUPS))
        return (zeros, zeros), (zeros, zeros)
    before, after = series.held[first], series.held[second]
    taken = places_by_unit(after & ~before, series.boundaries)
    regained = places_by_unit(before & ~after, series.boundaries)
    return _with_group_sums(series, taken), _with_group_sums(series, regained)


def _with_group_sums(series: HistorySeries, per_unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes = list(series.boundaries.codes)
    sums = [per_unit[:, [codes.index(c) for c in g.codes]].sum(axis=1) for g in GROUPS]
    both = np.hstack([per_unit, np.array(sums).T]) if sums else per_unit
    return both[0].round().astype(np.int64), both[1].round().astype(np.int64)


def rolling_rate(series: HistorySeries, days: int, level: str = "group") -> pd.DataFrame:
    """km² a day over the last ``days`` days, on each date (columns: group ids or unit codes).

    NaN on a date with no date ``days`` or more earlier (the history's first days),
    or whose last date that far back is over twice ``days`` back (a gap).
    """
    columns, rate = _rolling(series, days)
    keep = [i for i, (lvl, _code, _name) in enumerate(columns) if lvl == level]
    return pd.DataFrame(rate[:, keep], index=pd.Index(series.dates, name="date"),
                        columns=[columns[i][1] for i in keep])  # fmt: skip


def _rolling(series: HistorySeries, days: int) -> tuple[list, np.ndarray]:
    """Every unit's and group's rolling rate: (columns, dates × columns), as unit_and_group_km2."""
    columns, km2 = unit_and_group_km2(series)
    dates = np.array(series.dates, dtype="datetime64[D]")
    earlier = np.searchsorted(dates, dates - np.timedelta64(days, "D"), side="right") - 1
    found = earlier >= 0
    earlier = np.clip(earlier, 0, None)
    span = (dates - dates[earlier]).astype(int)  # at least ``days`` where found
    change = km2 - km2[earlier]
    within = found & (span <= 2 * days)
    rate = np.where(within[:, None], change / np.maximum(span, 1)[:, None], np.nan)
    return columns, rate


def pace(
    series: HistorySeries, days: int = DEFAULT_PACE_DAYS, language: Language = "en"
) -> pd.DataFrame:
    """Per unit and group: rate over the last ``days`` days and, at that rate, days to 100 %.

    ``text`` says it in ``language`` (:mod:`geodata.language`).

    Columns ``level``, ``code``, ``name``, ``area_km2``, ``held_km2``,
    ``held_pct``, ``rate_km2_per_day`` (NaN with one date only in the window),
    ``remaining_km2``, ``days_to_all`` (NaN when not at this pace or already all
    held), ``by_date`` and ``text``.
    """
    if days < 1:
        raise ValueError(f"the pace window must be at least one day, not {days}")
    columns, km2 = unit_and_group_km2(series)
    areas = _areas(series)
    dates = np.array(series.dates, dtype="datetime64[D]")
    last = dates[-1]
    window = dates >= last - np.timedelta64(days, "D")
    x = (dates[window] - last).astype(float)
    y = km2[window]
    if len(x) >= 2:
        xc = x - x.mean()
        slope = (xc[:, None] * (y - y.mean(axis=0))).sum(axis=0) / (xc**2).sum()
    else:
        # One date gives no slope: the pace is unknown, not zero (NaN, said so).
        slope = np.full(km2.shape[1], np.nan)
    held = km2[-1]
    remaining = np.maximum(areas - held, 0.0)
    rows = []
    for i, (level, code, name) in enumerate(columns):
        rate = float(slope[i])
        days_left, when = np.nan, None
        if is_negligible(remaining[i]):
            text = say("all held", language)
        elif np.isnan(rate):
            text = say("no pace: one date in the last {days} days", language, days=days)
        elif rate < FLAT_KM2_PER_DAY:
            text = say("not at this pace", language)
        elif remaining[i] / rate > HORIZON_YEARS * 365.25:
            days_left = remaining[i] / rate
            text = say("100 % not within {years} years at this pace", language,
                       years=HORIZON_YEARS)  # fmt: skip
        else:
            days_left = remaining[i] / rate
            when = series.dates[-1] + dt.timedelta(days=round(days_left))
            text = say("100 % in about {duration} (around {month} {year})", language,
                       duration=_duration(days_left, language),
                       month=month_name(when.month, language), year=when.year)  # fmt: skip
        rows.append({
            "level": level, "code": code, "name": name, "area_km2": areas[i], "held_km2": held[i],
            "held_pct": share_pct(held[i], areas[i]), "rate_km2_per_day": rate,
            "remaining_km2": remaining[i], "days_to_all": days_left,
            "by_date": when,
            "text": text,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _duration(days: float, language: Language = "en") -> str:
    """Days in words: '40 days', '7 months', '12 years'."""
    if days < 60:
        return say("{n} days", language, n=format_number(days, 0, language))
    if days < 730:
        return say("{n} months", language, n=format_number(days / 30.44, 0, language))
    return say("{n} years", language, n=format_number(days / 365.25, 0, language))


def people_over_time(series: HistorySeries) -> pd.DataFrame:
    """Places and people held on each date, per unit and group.

    Columns ``places:<code>`` and ``people:<code>`` for every unit code and group id.
    """
    if series.held is None:
        return pd.DataFrame(index=pd.Index(series.dates, name="date"))
    per_unit = places_by_unit(series.held, series.boundaries)  # dates × 2 × units
    codes = list(series.boundaries.codes)
    data = {}
    for which, index in (("places", 0), ("people", 1)):
        for i, code in enumerate(codes):
            data[f"{which}:{code}"] = per_unit[:, index, i]
        for group in GROUPS:
            data[f"{which}:{group.id}"] = per_unit[
                :, index, [codes.index(c) for c in group.codes]
            ].sum(axis=1)
    frame = pd.DataFrame(data, index=pd.Index(series.dates, name="date")).round().astype(np.int64)
    frame.attrs["note"] = PEOPLE_NOTE
    return frame


#: The timeline chart's lower panel: id -> (menu text, axis label).
CHANGE_VIEWS: dict[str, tuple[str, str]] = {
    "daily": ("daily change", "km² a day"),
    "weekly": ("weekly change", "km² a week"),
    "monthly": ("monthly change", "km² a month"),
    "rate7": ("7-day rate", "km²/day, 7 d"),
    "rate30": ("30-day rate", "km²/day, 30 d"),
}


def change_view(series: HistorySeries, view: str, code: str = "ukraine") -> pd.Series:
    """The lower chart panel's values for one group or unit, indexed by date.

    Changes (daily, weekly by Monday, monthly by the 1st) are drawn as bars,
    rates (``rate7``, ``rate30``: km² a day) as lines.
    """
    if view in ("daily", "weekly"):
        return steps(unit_and_group_frame(series)[[code]], view)[code]
    if view == "monthly":
        gains = period_gains(series, "month")
        rows = gains[gains["code"] == code]
        return pd.Series(rows["change_km2"].to_numpy(), index=pd.Index(rows["start"], name="month"))
    if view in ("rate7", "rate30"):
        level = "group" if code in {g.id for g in GROUPS} else "unit"
        return rolling_rate(series, 7 if view == "rate7" else 30, level)[code]
    raise ValueError(f"unknown chart view {view!r}; choose one of: {', '.join(CHANGE_VIEWS)}")


def chart_table(
    series: HistorySeries, units: str, view: str, selected: str | None = None
) -> pd.DataFrame:
    """The timeline chart's data: held share or km² of Ukraine, the four regions, the unit
    selected, and the lower panel's change or rate, one row a date (CSV export)."""
    unit = "pct" if units == "pct" else "km2"
    frame = pd.DataFrame(index=pd.Index(series.dates, name="date"))
    groups = series.group_pct() if unit == "pct" else series.group_km2()
    for group in ("ukraine", "annexed-2022"):
        frame[f"{group}_held_{unit}"] = groups[group].to_numpy()
    code = selected or "ukraine"
    if selected:
        row = series.boundaries.row_of(selected)
        held = series.unit_pct()[:, row] if unit == "pct" else series.controlled_km2[:, row]
        frame[f"{selected}_held_{unit}"] = held
    values = change_view(series, view, code)
    frame[f"{code}_{view}_km2" + ("_per_day" if view.startswith("rate") else "")] = (
        values.reindex(frame.index) if view in ("daily", "rate7", "rate30") else np.nan
    )
    if view in ("weekly", "monthly"):  # one value a period, on its first day
        periods = pd.DataFrame({f"{code}_{view}_km2": values.to_numpy()},
                               index=pd.Index(values.index, name="date"))  # fmt: skip
        frame = frame.drop(columns=[f"{code}_{view}_km2"]).join(periods, how="outer")
    return frame.reset_index()
