"""The store: transactions, failures midway, and damaged files."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store
from tests.geodata.history.test_history import growing_front


def row_counts(path) -> dict:
    """Rows per table; for ``stats``, the snapshots that have figures (of any method)."""
    with sqlite3.connect(path) as connection:
        counts = {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("snapshots", "files", "updates")}  # fmt: skip
        counts["stats"] = connection.execute("SELECT COUNT(DISTINCT hash) FROM stats").fetchone()[0]
        return counts


def test_a_failure_midway_leaves_the_store_unchanged(tmp_path, monkeypatch):
    folder = growing_front(tmp_path / "history")
    store = Store(tmp_path / "store.sqlite")
    before = row_counts(store.path)
    # The import is killed while reading the third day: nothing half-done is kept.
    from geodata.history import compute

    real_read, calls = compute.read_control_layer, []

    def killed_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("killed")
        return real_read(*args, **kwargs)

    monkeypatch.setattr(compute, "read_control_layer", killed_on_the_third)
    with pytest.raises(RuntimeError, match="killed"):
        compute_history(folder_history(folder), store, workers=1)
    assert row_counts(store.path) == before
    monkeypatch.setattr(compute, "read_control_layer", real_read)
    series = compute_history(folder_history(folder), store)
    assert len(series) == 4 and row_counts(store.path)["stats"] == 4


def test_figures_are_kept_per_reconciliation_tolerance(tmp_path, monkeypatch):
    from geodata.history import compute
    from geodata.reconcile import method_key

    folder = growing_front(tmp_path / "history")
    store = Store(tmp_path / "store.sqlite")
    raw = compute_history(folder_history(folder), store, reconcile_km=0)
    default = compute_history(folder_history(folder), store)
    wider = compute_history(folder_history(folder), store, reconcile_km=5)
    version = raw.boundaries.version
    for km in (3, 5):
        assert set(store.stats_for(raw.keys, method_key(version, km))) == set(raw.keys)
    assert (raw.added_km2 == 0).all() and default.reconcile_km == 3 and wider.reconcile_km == 5
    assert np.allclose(default.controlled_km2 - default.added_km2, raw.controlled_km2)
    # Switching back needs no computing at all: every figure comes from the store.
    monkeypatch.setattr(compute, "read_control_layer", lambda *a, **k: 1 / 0)
    for km, expected in ((0, raw), (3, default), (5, wider)):
        again = compute_history(folder_history(folder), store, reconcile_km=km)
        assert np.array_equal(again.controlled_km2, expected.controlled_km2)
        assert np.array_equal(again.added_km2, expected.added_km2)


def test_a_damaged_file_is_left_out_and_named(tmp_path):
    folder = growing_front(tmp_path / "history")
    store = Store(tmp_path / "store.sqlite")
    (folder / "front_2024-11-22.geojson").write_text('{"type": "FeatureCollection", "feat')
    series = compute_history(folder_history(folder), store)
    assert [d.day for d in series.dates] == [20, 21, 23]
    assert any(
        "front_2024-11-22.geojson" in note and "not valid JSON" in note for note in series.notes
    )
    assert row_counts(store.path)["stats"] == 3


def test_a_failing_write_rolls_back(tmp_path):
    store = Store(tmp_path / "store.sqlite")

    class Broken:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("disk trouble")

    rows = [("a" * 32, b"wkb", "one", np.zeros(27)), ("b" * 32, b"wkb", "two", Broken())]
    with pytest.raises(RuntimeError, match="disk trouble"):
        store.save("v1", rows)
    assert row_counts(store.path)["snapshots"] == 0


def test_a_cancelled_import_keeps_the_store_consistent(tmp_path):
    folder = growing_front(tmp_path / "history")
    store = Store(tmp_path / "store.sqlite")

    class Cancelled(Exception):
        pass

    class CancelAfterTwo:
        reports = 0

        def report(self, fraction, message=""):
            self.reports += 1

        def check(self):
            if self.reports > 2:
                raise Cancelled

    with pytest.raises(Cancelled):
        compute_history(folder_history(folder), store, progress=CancelAfterTwo(), workers=1)
    counts = row_counts(store.path)
    assert counts["snapshots"] == counts["stats"] == counts["files"] < 4
    assert len(compute_history(folder_history(folder), store)) == 4


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_store_is_moved_aside_and_rebuilt(tmp_path, damage):
    folder = growing_front(tmp_path / "history")
    path = tmp_path / "store.sqlite"
    compute_history(folder_history(folder), Store(path))
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        data = path.read_bytes() if path.stat().st_size > 4096 else b""
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + b"\0" * 100)
    store = Store(path)
    assert store.recovered_from is not None and store.recovered_from.exists()
    assert "corrupt" in store.recovered_from.name
    series = compute_history(folder_history(folder), store)
    assert len(series) == 4 and row_counts(path)["stats"] == 4
