"""Places and pace on the real daily history in ../shared (skipped when it is absent)."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.history.compute import compute_history
from geodata.history.rates import period_gains
from geodata.history.sources import folder_history
from geodata.history.store import Store
from geodata.history.transfers import TO_OCCUPIER, changes_between, row_at_or_before
from tests.helpers import DAILY, require_shared


@pytest.fixture(scope="module")
def daily(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("store") / "store.sqlite")
    return compute_history(folder_history(require_shared(DAILY)), store), store


def taken(series, store, first: str, second: str) -> set[str]:
    rows = [row_at_or_before(series, dt.date.fromisoformat(d)) for d in (first, second)]
    places = changes_between(series, *rows, store).places
    return set(places.loc[places["direction"] == TO_OCCUPIER, "name"])


def test_the_towns_taken_in_2025_and_2026_are_named(daily):
    series, store = daily
    assert {"Pokrovsk", "Myrnohrad", "Siversk", "Huliaipole", "Vovchansk"} <= taken(
        series, store, "2025-08-01", "2026-08-22"
    )
    assert {"Kurakhove", "Chasiv Yar", "Velyka Novosilka"} <= taken(
        series, store, "2024-11-20", "2025-08-01"
    )


def test_monthly_gains_cover_every_month_and_equal_month_end_differences(daily):
    series, _store = daily
    gains = period_gains(series, "month")
    months = list(dict.fromkeys(gains["period"]))
    expected = [f"{y}-{m:02d}" for y in (2024, 2025, 2026) for m in range(1, 13)]
    assert set(expected[expected.index("2024-08") : expected.index("2026-07") + 1]) <= set(months)
    km2 = series.group_km2()
    by_month = km2.groupby([d.strftime("%Y-%m") for d in km2.index]).last()
    for group in ("ukraine", "annexed-2022"):
        rows = gains[gains["code"] == group].set_index("period")["change_km2"]
        differences = by_month[group].diff().dropna()
        assert rows.loc[differences.index].to_numpy() == pytest.approx(differences.to_numpy())


def test_history_statuses_equal_those_of_each_file_alone(daily):
    """The history's incremental path (workers, reused border cells) gives each file's statuses."""
    import numpy as np

    from geodata.importers import read_control_layer
    from geodata.stats import compute_stats

    series, _store = daily
    for row in range(0, len(series), 150):
        alone = compute_stats(read_control_layer(series.paths[row], date=series.dates[row])).held
        assert np.array_equal(series.held[row], alone), series.dates[row]
