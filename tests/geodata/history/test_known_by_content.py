"""Dates whose content the store already has, met in the middle of a run, change nothing.

A history's worker hashes each file it reads; a file whose content the store
has complete (a copy, a renamed map, another folder's day) is taken from the
store and not measured, and the worker measures the next date against the
last one it measured. Whatever the store holds, the figures, reconciled
additions and place statuses must be those of a history computed from nothing.
"""

from __future__ import annotations

import numpy as np
import orjson
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.history import compute
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store

OCCUPIED = "Окупована /// Occupied /// geojson.status.occupied"

#: Maps a history is drawn from: inland, reaching the eastern border, both, a repeat's
#: neighbour; each always written to the same bytes, so the store knows it by content.
POOL = [
    [shapely.box(37.0, 47.5, 38.2, 48.2)],
    [shapely.box(37.0, 47.5, 38.4, 48.3), shapely.box(38.5, 47.2, 40.3, 49.0)],
    [shapely.box(38.5, 47.3, 40.3, 49.1)],
    [shapely.box(37.0, 47.5, 38.4, 48.3)],
    [shapely.box(37.0, 47.5, 38.2, 48.2), shapely.box(38.6, 47.2, 40.3, 49.0)],
]


def _write(folder, day: int, map_index: int) -> None:
    features = [
        {"type": "Feature", "properties": {"name": OCCUPIED},
         "geometry": shapely.geometry.mapping(geometry)}
        for geometry in POOL[map_index]
    ]  # fmt: skip
    document = {"type": "FeatureCollection", "name": f"map {map_index}", "features": features}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"deepstatemap_data_202411{day:02d}.geojson").write_bytes(orjson.dumps(document))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    days=st.lists(st.integers(0, len(POOL) - 1), min_size=2, max_size=7),
    stored=st.sets(st.integers(0, len(POOL) - 1)),
    runs=st.sampled_from([1, 6]),
)
def test_any_stored_subset_gives_the_figures_of_a_history_from_nothing(
    tmp_path_factory, days, stored, runs
):
    scratch = tmp_path_factory.mktemp("known")
    for day, map_index in enumerate(days, start=1):
        _write(scratch / "history", day, map_index)
    for day, map_index in enumerate(sorted(stored), start=1):
        _write(scratch / "seen", day, map_index)  # other files, other dates, same content
    store = Store(scratch / "store.sqlite")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compute, "RUNS_PER_WORKER", runs)  # one run: skips inside a run
        patch.setattr(compute, "_process_context", lambda *a: None)  # threads
        if stored:
            compute_history(folder_history(scratch / "seen"), store, workers=1)
        mixed = compute_history(folder_history(scratch / "history"), store, workers=1)
    fresh = compute_history(folder_history(scratch / "history"), None, workers=1)
    warm = compute_history(folder_history(scratch / "history"), store)
    for series in (mixed, warm):
        assert series.keys == fresh.keys and series.dates == fresh.dates
        assert np.array_equal(series.controlled_km2, fresh.controlled_km2)
        assert np.array_equal(series.added_km2, fresh.added_km2)
        assert np.array_equal(series.held, fresh.held)
    assert not mixed.skipped and not mixed.notes
