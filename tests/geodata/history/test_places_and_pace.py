"""Settlements over a history: statuses, what changed hands between two dates, gains and pace."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.gazetteer import load_gazetteer
from geodata.history.compute import compute_history
from geodata.history.rates import pace, period_gains, rolling_rate
from geodata.history.series import HistorySeries
from geodata.history.sources import folder_history
from geodata.history.store import Store
from geodata.history.transfers import (
    TO_OCCUPIER,
    TO_UKRAINE,
    changes_between,
    row_at_or_before,
)
from geodata.importers import read_control_layer
from geodata.stats import compute_stats
from tests.geodata.importers.fixtures import control_frame, write_control_file

# A front moving east across Pokrovsk (37.18° E), then pulled back a little.
FRONT = {
    "2024-11-20": 37.00,
    "2024-11-28": 37.10,
    "2024-12-05": 37.25,
    "2024-12-31": 37.40,
    "2025-01-10": 37.15,
}


def place(name: str, region: str) -> int:
    gazetteer = load_gazetteer()
    rows = gazetteer.index[(gazetteer["name"] == name) & (gazetteer["region_code"] == region)]
    return int(rows[0])


def moving_front(folder, front=FRONT):
    folder.mkdir(parents=True, exist_ok=True)
    for date, east in front.items():
        frame = control_frame().iloc[:1].copy()
        # Vertices every ~1 km, as in map data: a long straight edge would project as a
        # chord that a shorter one along it does not follow.
        frame.loc[0, "geometry"] = shapely.segmentize(shapely.box(36.0, 47.9, east, 48.6), 0.01)
        write_control_file(folder, f"front_{date}", ".geojson", frame)
    return folder


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    folder = moving_front(tmp_path_factory.mktemp("front") / "history")
    store = Store(folder.parent / "store.sqlite")
    return folder, store, compute_history(folder_history(folder), store)


def test_history_statuses_equal_those_of_each_file(front):
    folder, _store, series = front
    assert series.held.shape == (len(FRONT), len(load_gazetteer()))
    for row, snapshot in enumerate(folder_history(folder).snapshots):
        alone = compute_stats(read_control_layer(snapshot.path)).held
        assert np.array_equal(series.held[row], alone)
    pokrovsk = place("Pokrovsk", "UA-14")
    assert series.held[:, pokrovsk].tolist() == [False, False, True, True, False]


def test_statuses_are_kept_in_the_store_and_computed_again_when_missing(front, tmp_path):
    folder, store, cold = front
    warm = compute_history(folder_history(folder), store)
    assert np.array_equal(warm.held, cold.held)
    # A store from before statuses existed: the dates are computed again, the same.
    copy = tmp_path / "old.sqlite"
    with sqlite3.connect(store.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as connection:
        connection.execute("DELETE FROM stats WHERE boundary_version LIKE '%/places-%'")
    again = compute_history(folder_history(folder), Store(copy))
    assert np.array_equal(again.held, cold.held)
    # A damaged status row (wrong length) is no status: computed again, not misread.
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE stats SET km2 = x'ff' WHERE boundary_version LIKE '%/places-%'")
    assert np.array_equal(compute_history(folder_history(folder), Store(copy)).held, cold.held)


def test_changes_between_two_dates_name_places_directions_and_dates(front):
    _folder, store, series = front
    taken = changes_between(series, 0, 3, store)
    pokrovsk = taken.places.set_index("geonameid").loc[704422]
    assert pokrovsk["direction"] == TO_OCCUPIER and pokrovsk["since"] == dt.date(2024, 12, 5)
    assert pokrovsk["name_uk"] == "Покровськ" and pokrovsk["population"] > 50_000
    assert taken.counts()[TO_UKRAINE] == 0
    assert taken.places["population"].is_monotonic_decreasing
    back = changes_between(series, 3, 4, store)
    assert 704422 in set(back.places.loc[back.places["direction"] == TO_UKRAINE, "geonameid"])
    # gained - regained + slivers = the change in the figures history prints.
    areas = taken.areas.set_index("code")
    donetsk = areas.loc["UA-14"]
    assert donetsk["gained_km2"] > 0 and donetsk["regained_km2"] == pytest.approx(0, abs=0.01)
    net = donetsk["gained_km2"] - donetsk["regained_km2"] + donetsk["slivers_km2"]
    assert net == pytest.approx(donetsk["net_km2"], abs=0.1)
    assert areas.loc["annexed-2022", "places_taken"] == areas.loc["UA-14", "places_taken"] + sum(
        areas.loc[c, "places_taken"] for c in ("UA-09", "UA-23", "UA-65")
    )


def test_since_is_the_start_of_the_last_unbroken_hold(tmp_path):
    # Taken, lost, taken again: held since it was taken again, not since it was first
    # taken (Toretsk in DeepStateMap's history: 2024-11-07, not 2024-10-16).
    back_and_forth = {"2024-10-01": 37.00, "2024-10-16": 37.25, "2024-10-23": 37.10,
                      "2024-11-07": 37.25, "2024-12-01": 37.40}  # fmt: skip
    folder = moving_front(tmp_path / "history", back_and_forth)
    series = compute_history(folder_history(folder))
    pokrovsk = place("Pokrovsk", "UA-14")
    assert series.held[:, pokrovsk].tolist() == [False, True, False, True, True]
    places = changes_between(series, 0, 4).places.set_index("geonameid")
    assert places.loc[704422, "since"] == dt.date(2024, 11, 7)
    # Held all along since first taken: since then.
    assert changes_between(series, 2, 4).places.set_index("geonameid").loc[704422, "since"] == (
        dt.date(2024, 11, 7)
    )


def test_a_date_without_a_map_takes_the_last_one_before_it(front):
    _folder, _store, series = front
    assert series.dates[row_at_or_before(series, dt.date(2024, 12, 30))] == dt.date(2024, 12, 5)
    with pytest.raises(Exception, match="starts on 2024-11-20"):
        row_at_or_before(series, dt.date(2024, 1, 1))


def test_monthly_gains_are_differences_of_month_end_figures(front):
    _folder, _store, series = front
    gains = period_gains(series, "month")
    assert list(dict.fromkeys(gains["period"])) == ["2024-11", "2024-12", "2025-01"]
    km2 = series.group_km2()["ukraine"]
    ukraine = gains[gains["code"] == "ukraine"].set_index("period")
    by_date = dict(zip(series.dates, km2, strict=True))
    month_end = [by_date[dt.date(2024, 11, 28)], by_date[dt.date(2024, 12, 31)],
                 by_date[dt.date(2025, 1, 10)]]  # fmt: skip
    assert ukraine.loc["2024-11", "change_km2"] == pytest.approx(month_end[0] - km2.iloc[0])
    assert ukraine.loc["2024-12", "change_km2"] == pytest.approx(month_end[1] - month_end[0])
    assert ukraine.loc["2025-01", "change_km2"] == pytest.approx(month_end[2] - month_end[1])
    assert ukraine.loc["2024-12", "places_taken"] >= 1  # Pokrovsk among them
    assert ukraine.loc["2025-01", "places_regained"] >= 1


def _linear(days: int, per_day: float, start_km2: float = 1000.0) -> HistorySeries:
    boundaries = load_boundaries()
    dates = tuple(dt.date(2025, 1, 1) + dt.timedelta(days=d) for d in range(days))
    km2 = np.zeros((days, len(boundaries.codes)))
    km2[:, boundaries.row_of("UA-14")] = start_km2 + per_day * np.arange(days)
    keys = tuple(str(d) for d in dates)
    return HistorySeries("t", dates, keys, keys, km2, boundaries)


def test_pace_at_a_steady_rate_and_when_flat():
    series = _linear(200, 5.0)
    table = pace(series, 90).set_index("code")
    donetsk = table.loc["UA-14"]
    assert donetsk["rate_km2_per_day"] == pytest.approx(5.0)
    assert donetsk["days_to_all"] == pytest.approx(donetsk["remaining_km2"] / 5.0)
    assert donetsk["text"].startswith("100 % in about")
    assert table.loc["UA-09", "text"] == "not at this pace"  # nothing moves there
    flat = pace(_linear(200, -1.0), 90).set_index("code")
    assert flat.loc["UA-14", "text"] == "not at this pace" and np.isnan(
        flat.loc["UA-14", "days_to_all"]
    )


@pytest.mark.parametrize("gap_days", [None, 120])
def test_one_date_in_the_window_gives_no_pace_not_a_zero_one(gap_days):
    """One map, or one date in the last 90 days after a gap: a slope needs two
    dates, so the rate is unknown (NaN, shown as a dash) and the text says why,
    where a zero rate and "not at this pace" would be a figure nobody measured."""
    import json

    from geodata.history.pace_output import format_rates

    series = _linear(1, 5.0)
    if gap_days is not None:  # two dates, 120 days apart: only the last one is in the window
        boundaries = series.boundaries
        dates = (dt.date(2025, 1, 1), dt.date(2025, 1, 1) + dt.timedelta(days=gap_days))
        km2 = np.zeros((2, len(boundaries.codes)))
        km2[:, boundaries.row_of("UA-14")] = (1000.0, 1600.0)
        keys = tuple(str(d) for d in dates)
        series = HistorySeries("t", dates, keys, keys, km2, boundaries)
    series.controlled_km2[:, series.boundaries.row_of("UA-43")] = series.boundaries.area_km2[
        series.boundaries.row_of("UA-43")
    ]  # Crimea all held
    table = pace(series, 90).set_index("code")
    donetsk = table.loc["UA-14"]
    assert np.isnan(donetsk["rate_km2_per_day"]) and np.isnan(donetsk["days_to_all"])
    assert donetsk["text"] == "no pace: one date in the last 90 days"
    assert table.loc["UA-43", "text"] == "all held"
    assert pace(series, 90, "uk").set_index("code").loc["UA-14", "text"].startswith("темпу немає")
    gains = period_gains(series, "month")
    text = format_rates("t", "month", gains, pace(series, 90), 90)
    line = next(row for row in text.splitlines() if "Four regions" in row and "km²/day" in row)
    assert "—" in line and "nan" not in text.lower()
    data = json.loads(format_rates("t", "month", gains, pace(series, 90), 90, "json"))
    annexed = next(row for row in data["pace"] if row["code"] == "annexed-2022")
    assert annexed["rate_km2_per_day"] is None


def test_rates_are_of_their_span_or_none():
    """A 7-day rate is of 7 days or a little more, never of 3 (the history's first days)
    nor of 120 (across a gap): those are NaN, and a first month with one date has its
    held km² but no change (it read 0.0 and 0 places, measured over no days)."""
    boundaries = load_boundaries()
    dates = (dt.date(2025, 1, 1), *(dt.date(2025, 5, 1) + dt.timedelta(days=d) for d in range(40)))
    km2 = np.zeros((len(dates), len(boundaries.codes)))
    km2[:, boundaries.row_of("UA-14")] = [1000.0 + 2.0 * (d - dates[0]).days for d in dates]
    keys = tuple(str(d) for d in dates)
    series = HistorySeries("t", dates, keys, keys, km2, boundaries)
    for days in (7, 30):
        rate = rolling_rate(series, days, "unit")["UA-14"]
        # The first date, the first days after the gap: nothing within 2 × days, or not far back.
        assert rate.iloc[: days + 1].isna().all()
        assert rate.iloc[days + 1 :].to_numpy() == pytest.approx(2.0)
    gains = period_gains(series, "month").set_index(["period", "code"])
    january = gains.loc[("2025-01", "UA-14")]
    assert january["held_km2"] == 1000.0 and np.isnan(january["change_km2"])
    assert np.isnan(january["places_taken"]) and np.isnan(january["rate_km2_per_day"])
    may = gains.loc[("2025-05", "UA-14")]
    assert may["change_km2"] == pytest.approx(2.0 * (dt.date(2025, 5, 31) - dates[0]).days)


def test_rolling_rates_at_a_steady_rate():
    series = _linear(60, 3.0)
    for days in (7, 30):
        rates = rolling_rate(series, days, "unit")["UA-14"]
        assert rates.iloc[days:].to_numpy() == pytest.approx(3.0)
    assert rolling_rate(series, 7)["annexed-2022"].iloc[10] == pytest.approx(3.0)


def test_history_json_carries_places_and_people_held_per_date(front):
    import json

    _folder, _store, series = front
    data = json.loads(series.to_json())
    donetsk = [next(r for r in d["regions"] if r["code"] == "UA-14") for d in data["dates"]]
    held = [r["places_held"] for r in donetsk]
    assert held[2] > held[1] and held[4] < held[3]  # Pokrovsk and others taken, then back
    assert all(r["people_held"] >= 0 for r in donetsk)
    assert "estimate" in data["metadata"]["people"]


def test_periods_carry_the_rolling_rates_at_their_last_date():
    series = _linear(90, 2.0)
    gains = period_gains(series, "month")
    donetsk = gains[gains["code"] == "UA-14"]
    assert donetsk["rate_7d_km2_per_day"].to_numpy() == pytest.approx(2.0)
    assert donetsk["rate_30d_km2_per_day"].iloc[1:].to_numpy() == pytest.approx(2.0)
