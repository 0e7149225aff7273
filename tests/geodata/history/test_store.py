"""The store: transactions, failures midway, damaged files, rows read back, schema migration.

Faults that are not damage (busy, full, read-only) are in ``test_store_faults.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.boundaries import load_boundaries
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history, store_history
from geodata.history.store import SCHEMA_VERSION, Store, Update
from geodata.importers import read_control_layer
from geodata.places import status_key
from geodata.reconcile import DEFAULT_TOLERANCE_KM, method_key
from geodata.stats import compute_stats, figures_key
from tests.geodata.history.test_history import growing_front

#: The tables as schema version 1 made them (files known by size and mtime only).
VERSION_1_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE snapshots (
    hash TEXT PRIMARY KEY, wkb BLOB NOT NULL, source TEXT NOT NULL, added TEXT NOT NULL);
CREATE TABLE stats (
    hash TEXT NOT NULL, boundary_version TEXT NOT NULL, km2 BLOB NOT NULL,
    PRIMARY KEY (hash, boundary_version));
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE TABLE updates (
    id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, date TEXT NOT NULL,
    description TEXT NOT NULL, hash TEXT NOT NULL);
INSERT INTO meta VALUES ('schema', '1');
"""


def row_counts(path) -> dict:
    """Rows per table; for ``stats``, the snapshots that have figures (of any method)."""
    with sqlite3.connect(path) as connection:
        counts = {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("snapshots", "files", "updates")}  # fmt: skip
        counts["stats"] = connection.execute("SELECT COUNT(DISTINCT hash) FROM stats").fetchone()[0]
        return counts


def version_1_store(path: Path, rows_from: Path, journal: str = "wal") -> Path:
    """A store as schema version 1 made it, holding the rows of the current store ``rows_from``."""
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute(f"PRAGMA journal_mode={journal}")
        connection.executescript(VERSION_1_TABLES)
        connection.execute("ATTACH ? AS current", (str(rows_from),))
        connection.execute("BEGIN")
        for table in ("snapshots", "stats", "updates"):
            connection.execute(f"INSERT INTO {table} SELECT * FROM current.{table}")
        connection.execute("INSERT INTO files SELECT path, size, mtime_ns, hash FROM current.files")
        connection.execute("COMMIT")
        connection.execute("DETACH current")
    return path


def test_a_failure_midway_keeps_whole_dates_only(tmp_path, monkeypatch):
    """Runs computed before a failure are kept, each date whole (its geometry, figures,
    reconciled additions, place statuses and file record in one transaction); nothing of
    the date that failed or after it; the next open computes only what is missing."""
    from geodata.history import compute

    folder = growing_front(tmp_path / "history")
    clean = compute_history(folder_history(folder), Store(tmp_path / "clean.sqlite"))
    store = Store(tmp_path / "store.sqlite")
    before = row_counts(store.path)
    real_read, calls = compute.read_source, []

    def killed_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("killed")
        return real_read(*args, **kwargs)

    monkeypatch.setattr(compute, "read_source", killed_on_the_third)
    with pytest.raises(RuntimeError, match="killed"):
        compute_history(folder_history(folder), store, workers=1)
    after = row_counts(store.path)
    kept = after["snapshots"] - before["snapshots"]
    assert kept == 2 and after["stats"] - before["stats"] == kept  # runs of one date each
    assert after["files"] - before["files"] == kept
    boundaries = load_boundaries()
    figures = store.stats_for(clean.keys, figures_key(boundaries))
    added = store.stats_for(clean.keys, method_key(figures_key(boundaries), DEFAULT_TOLERANCE_KM))
    statuses = store.blobs_for(
        clean.keys, status_key(figures_key(boundaries), DEFAULT_TOLERANCE_KM)
    )
    assert len(figures) == len(added) == len(statuses) == kept
    for row, key in enumerate(clean.keys):
        if key in figures:
            assert np.array_equal(figures[key] + added[key], clean.controlled_km2[row])
    reads = []
    monkeypatch.setattr(compute, "read_source",
                        lambda *a, **k: reads.append(1) or real_read(*a, **k))  # fmt: skip
    series = compute_history(folder_history(folder), store, workers=1)
    assert len(reads) == 4 - kept  # only the dates not kept were read
    assert np.array_equal(series.controlled_km2, clean.controlled_km2)
    assert row_counts(store.path)["stats"] == 4


def test_figures_are_kept_per_reconciliation_tolerance(tmp_path, monkeypatch):
    from geodata.history import compute

    folder = growing_front(tmp_path / "history")
    store = Store(tmp_path / "store.sqlite")
    raw = compute_history(folder_history(folder), store, reconcile_km=0)
    default = compute_history(folder_history(folder), store)
    wider = compute_history(folder_history(folder), store, reconcile_km=4)
    version = figures_key(raw.boundaries)
    for km in (3, 4):
        assert set(store.stats_for(raw.keys, method_key(version, km))) == set(raw.keys)
    assert (raw.added_km2 == 0).all() and default.reconcile_km == 3 and wider.reconcile_km == 4
    assert np.allclose(default.controlled_km2 - default.added_km2, raw.controlled_km2)
    # Switching back needs no computing at all: every figure comes from the store.
    monkeypatch.setattr(compute, "read_source", lambda *a, **k: 1 / 0)
    for km, expected in ((0, raw), (3, default), (4, wider)):
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
    # Typed, for the app: one reason per file left out, without the notes' "left out:" prefix.
    assert len(series.skipped) == 1 and "front_2024-11-22.geojson" in series.skipped[0]
    assert not series.skipped[0].startswith("left out")
    assert series.between(None, None).skipped == series.skipped
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


# -- rows read back ----------------------------------------------------------------------------


def cold_store(tmp_path):
    """A history folder, its store and its figures."""
    folder = growing_front(tmp_path / "history")
    store = Store(tmp_path / "store.sqlite")
    return folder, store, compute_history(folder_history(folder), store)


def overwrite_figures(path, key: str, figure_key: str, value) -> None:
    """Put ``value`` (any SQLite value) where the figures of ``key`` under ``figure_key`` are."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "UPDATE stats SET km2 = ? WHERE hash = ? AND boundary_version = ?",
            (value, key, figure_key),
        )


def shares_pct(series) -> np.ndarray:
    """Every date's held share of every unit, in %."""
    return 100 * series.controlled_km2 / series.boundaries.area_km2


@pytest.mark.parametrize(
    "damage",
    ["short", "long", "not float64s", "nan", "infinite", "negative", "beyond the area", "text"],
)
def test_stored_figures_that_cannot_be_right_are_computed_again(tmp_path, damage, caplog):
    folder, store, cold = cold_store(tmp_path)
    key, version, area = cold.keys[1], figures_key(cold.boundaries), cold.boundaries.area_km2
    good = store.stats_for([key], version)[key].copy()
    donetsk = cold.boundaries.row_of("UA-14")
    bad = {
        "short": good[:-1].tobytes(),
        "long": np.append(good, 1.0).tobytes(),
        "not float64s": good.tobytes()[:-3],
        "nan": np.where(np.arange(len(good)) == donetsk, np.nan, good).tobytes(),
        "infinite": np.where(np.arange(len(good)) == donetsk, np.inf, good).tobytes(),
        "negative": np.where(np.arange(len(good)) == donetsk, -1.0, good).tobytes(),
        "beyond the area": np.where(np.arange(len(good)) == donetsk, area * 1.15, good).tobytes(),
        "text": "1.0, 2.0",
    }[damage]
    overwrite_figures(store.path, key, version, bad)
    assert store.stats_for([key], version, area_km2=area) == {}
    with caplog.at_level(logging.WARNING, logger="geodata.history.store"):
        again = compute_history(folder_history(folder), store)
    assert np.array_equal(again.controlled_km2, cold.controlled_km2)
    assert "store.sqlite: 1 stored rows of figures" in caplog.text
    assert np.array_equal(store.stats_for([key], version, area_km2=area)[key], good)


def test_the_unit_count_comes_from_the_caller(tmp_path):
    _folder, store, cold = cold_store(tmp_path)
    version = figures_key(cold.boundaries)
    assert set(store.stats_for(cold.keys, version, units=27)) == set(cold.keys)
    assert store.stats_for(cold.keys, version, units=26) == {}
    with pytest.raises(ValueError, match="27 unit areas given for 26 units"):
        store.stats_for(cold.keys, version, units=26, area_km2=cold.boundaries.area_km2)


def test_raw_and_added_figures_above_the_unit_together_are_computed_again(tmp_path):
    folder, store, cold = cold_store(tmp_path)
    key, boundaries = cold.keys[2], cold.boundaries
    donetsk = boundaries.row_of("UA-14")
    # Each row alone fits the unit; together they would be a 115 % share.
    added = np.zeros(len(boundaries.codes))
    added[donetsk] = boundaries.area_km2[donetsk] * 1.15 - cold.controlled_km2[2, donetsk]
    assert added[donetsk] < boundaries.area_km2[donetsk]
    overwrite_figures(
        store.path, key, method_key(figures_key(boundaries), cold.reconcile_km), added.tobytes()
    )
    again = compute_history(folder_history(folder), store)
    assert np.array_equal(again.controlled_km2, cold.controlled_km2)
    assert shares_pct(again).max() <= 100.1


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.none()
        | st.binary(max_size=27 * 8 + 9)
        | st.lists(st.floats(width=64), min_size=27, max_size=27).map(
            lambda values: np.array(values, dtype="<f8").tobytes()
        )
        | st.lists(st.floats(0, 3e4), min_size=27, max_size=27).map(
            lambda values: np.array(values, dtype="<f8").tobytes()
        )
        | st.text(max_size=20)
        | st.integers(-(2**63), 2**63 - 1),
        min_size=8,
        max_size=8,
    )
)
def test_whatever_the_stored_figures_the_history_is_sound(tmp_path, values):
    """Random rows (raw and added, for each of four dates): no traceback, no share above 100 %."""
    folder, path, cold = _shared_cold_store(tmp_path)
    example = tmp_path / f"example-{os.urandom(4).hex()}.sqlite"
    shutil.copy(path, example)
    boundaries = cold.boundaries
    figure_keys = (figures_key(boundaries), method_key(figures_key(boundaries), cold.reconcile_km))
    for number, value in enumerate(values):
        if value is not None:
            key = cold.keys[number // 2]
            overwrite_figures(example, key, figure_keys[number % 2], value)
    series = compute_history(folder_history(folder), Store(example), workers=1)
    assert len(series) == 4 and np.isfinite(series.controlled_km2).all()
    assert (series.controlled_km2 >= 0).all() and shares_pct(series).max() <= 100.1
    for row in range(len(series)):
        assert series.stats_at(row).regions["controlled_pct"].max() <= 100.1
    example.unlink()


def _shared_cold_store(tmp_path):
    """One cold store for every example of a property test (they share ``tmp_path``)."""
    folder, path = tmp_path / "cold" / "history", tmp_path / "cold" / "store.sqlite"
    if not path.exists():
        cold_store(tmp_path / "cold")
    return folder, path, compute_history(folder_history(folder), Store(path))


def test_updates_with_impossible_dates_are_left_out(tmp_path, caplog):
    store = Store(tmp_path / "store.sqlite")
    wkb = shapely.to_wkb(shapely.box(37.0, 47.5, 38.0, 48.2))
    day = dt.date(2024, 11, 20)
    store.save_update(Update(1, "2024-11-20T20:00:00Z", day, "fine", "a" * 32), wkb,
                      np.zeros(27), "v1")  # fmt: skip
    impossible = ["2024-13-45", "1999-01-01", "2200-01-01", "soon", "2024-02-30", 7, ""]
    with closing(sqlite3.connect(store.path)) as connection, connection:
        connection.executemany(
            "INSERT INTO updates VALUES (?, '', ?, '', ?)",
            [(2 + i, date, "b" * 32) for i, date in enumerate(impossible)],
        )
    with caplog.at_level(logging.WARNING, logger="geodata.history.store"):
        assert [u.id for u in store.updates()] == [1]
    assert "store.sqlite: update 3 has an impossible date" in caplog.text
    assert [s.date for s in store_history(store).snapshots] == [day]


def test_an_unreadable_stored_geometry_is_none(tmp_path):
    _folder, store, cold = cold_store(tmp_path)
    with closing(sqlite3.connect(store.path)) as connection, connection:
        connection.execute("UPDATE snapshots SET wkb = x'0103' WHERE hash = ?", (cold.keys[0],))
    assert store.geometry_wkb(cold.keys[0]) is None
    assert store.geometry_wkb(cold.keys[1]) is not None
    assert not shapely.is_empty(cold.territory(0, store))  # read from its file instead


# -- schema migration ----------------------------------------------------------------------


def test_an_older_store_is_migrated_in_place_and_keeps_everything(tmp_path, monkeypatch):
    folder, current, cold = cold_store(tmp_path)
    current.save_update(
        Update(9, "", dt.date(2024, 11, 25), "kept", "c" * 32), b"\x01", np.zeros(27), "v1"
    )
    old = version_1_store(tmp_path / "old.sqlite", current.path)
    before = row_counts(old)
    store = Store(old)
    assert store.recovered_from is None and store.read_only_reason is None
    assert not list(tmp_path.glob("*.corrupt-*")) and row_counts(old) == before
    with closing(sqlite3.connect(old)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(files)")]
        schema = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    assert {"ctime_ns", "inode"} <= set(columns) and schema == (str(SCHEMA_VERSION),)
    assert [u.description for u in store.updates()] == ["kept"]
    # Warm: figures from the migrated store; the files are hashed once more, not read as maps.
    monkeypatch.setattr("geodata.history.compute.read_source", lambda *a, **k: 1 / 0)
    warm = compute_history(folder_history(folder), store)
    assert np.array_equal(warm.controlled_km2, cold.controlled_km2)
    assert len(store.files()) == 4 and all(r.ctime_ns for r in store.files().values())


def test_a_store_of_a_newer_version_is_read_not_changed(tmp_path, monkeypatch):
    folder, store, cold = cold_store(tmp_path)
    with closing(sqlite3.connect(store.path)) as connection, connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    newer = Store(store.path)
    assert "newer version" in newer.read_only_reason and newer.recovered_from is None
    monkeypatch.setattr("geodata.history.compute.read_source", lambda *a, **k: 1 / 0)
    warm = compute_history(folder_history(folder), newer)
    assert np.array_equal(warm.controlled_km2, cold.controlled_km2)
    with closing(sqlite3.connect(store.path)) as connection:
        assert connection.execute("SELECT value FROM meta").fetchall() == [("99",)]


# -- files changed in place ----------------------------------------------------------------


def box_geojson(east: float) -> bytes:
    """A held box in Donetsk oblast as GeoJSON, the same size whatever ``east`` (< 100)."""
    ring = [(37.0, 47.5), (east, 47.5), (east, 48.2), (37.0, 48.2), (37.0, 47.5)]
    coordinates = ", ".join(f"[{x:07.4f}, {y:07.4f}]" for x, y in ring)
    geometry = f'{{"type": "Polygon", "coordinates": [[{coordinates}]]}}'
    return (
        '{"type": "FeatureCollection", "features": '
        f'[{{"type": "Feature", "properties": {{}}, "geometry": {geometry}}}]}}'
    ).encode()


def test_a_file_rewritten_in_place_with_its_size_and_time_is_measured_again(tmp_path):
    folder = tmp_path / "history"
    folder.mkdir()
    path = folder / "front_2024-11-20.geojson"
    path.write_bytes(box_geojson(38.0))
    store = Store(tmp_path / "store.sqlite")
    before = compute_history(folder_history(folder), store)
    old = path.stat()
    path.write_bytes(box_geojson(38.5))  # the same file, other content of the same size
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    new = path.stat()
    assert (new.st_size, new.st_mtime_ns, new.st_ino) == (old.st_size, old.st_mtime_ns, old.st_ino)
    after = compute_history(folder_history(folder), store)
    assert after.keys != before.keys
    assert after.controlled_km2.sum() > before.controlled_km2.sum()
    # `history` and `stats` agree on the file as it is now.
    stats = compute_stats(read_control_layer(path)).regions["controlled_km2"].to_numpy()
    assert np.array_equal(after.controlled_km2[0], stats)
    assert compute_history(folder_history(folder), store).keys == after.keys  # and stays known


@pytest.mark.parametrize("damage", ["garbage", "one for all", "empty", "unknown hex"])
def test_file_records_pointing_at_no_stored_figures_are_hashed_again(tmp_path, damage):
    # Each file is read anyway when its figures are missing; what is read decides its key,
    # so damaged records can neither merge dates nor file one date's figures under another.
    folder, store, cold = cold_store(tmp_path)
    value = {"garbage": "x", "one for all": "y" * 32, "empty": "", "unknown hex": "0" * 32}[damage]
    with closing(sqlite3.connect(store.path)) as connection, connection:
        connection.execute("UPDATE files SET hash = ?", (value,))
    again = compute_history(folder_history(folder), store)
    assert np.array_equal(again.controlled_km2, cold.controlled_km2)
    assert again.keys == cold.keys
    assert {record.hash for record in store.files().values()} == set(cold.keys)


def counting_reads(monkeypatch) -> tuple[list, list]:
    """Count the files read (with the bytes they were read into) and the files measured."""
    from geodata.history import compute

    real_file, real_source = compute.read_file, compute.read_source
    read, measured = [], []
    monkeypatch.setattr(compute, "read_file", lambda path: read.append(path) or real_file(path))
    monkeypatch.setattr(compute, "read_source",
                        lambda path, content=None: measured.append(content is not None)
                        or real_source(path, content))  # fmt: skip
    return read, measured


def test_a_cold_history_reads_each_file_once(tmp_path, monkeypatch):
    """The file a worker measures is the one it hashed: read once, not once to hash and once
    to measure; its key and record are those of what was read."""
    folder = growing_front(tmp_path / "history")
    read, measured = counting_reads(monkeypatch)
    store = Store(tmp_path / "store.sqlite")
    cold = compute_history(folder_history(folder), store, workers=1)
    files = sorted(folder.glob("front_*.geojson"))
    assert sorted(read) == files and measured == [True] * len(files)
    alone = [compute_stats(read_control_layer(p)).regions["controlled_km2"] for p in files]
    assert np.array_equal(cold.controlled_km2, np.vstack(alone))
    records = store.files()
    assert [records[str(p.resolve())].hash for p in files] == list(cold.keys)


@pytest.mark.parametrize("workers", [1, 2])
def test_maps_the_store_knows_by_content_are_not_measured_again(tmp_path, monkeypatch, workers):
    """Copies of stored maps in another folder (renamed, one new date among them) are
    recognised by what they hold: only the new date is measured, the others come from
    the store, and the next opening reads nothing (in threads, to count the reads)."""
    from geodata.history import compute

    monkeypatch.setattr(compute, "_process_context", lambda *a: None)
    folder, store, cold = cold_store(tmp_path)
    copies = tmp_path / "copies"
    copies.mkdir()
    for path in sorted(folder.glob("front_*.geojson")):
        shutil.copy(path, copies / path.name.replace("front", "map"))
    shutil.copy(folder / "front_2024-11-21.geojson", copies / "map_2024-11-30.geojson")
    (copies / "map_2024-11-25.geojson").write_bytes(box_geojson(38.3))  # new content
    read, measured = counting_reads(monkeypatch)
    again = compute_history(folder_history(copies), store, workers=workers)
    assert len(read) == 6 and measured == [True]  # all hashed, only the new one measured
    assert again.keys[:4] == cold.keys and again.keys[5] == cold.keys[1]
    assert np.array_equal(again.controlled_km2[:4], cold.controlled_km2)
    assert np.array_equal(again.controlled_km2[5], cold.controlled_km2[1])
    new = compute_stats(read_control_layer(copies / "map_2024-11-25.geojson"))
    assert np.array_equal(again.controlled_km2[4], new.regions["controlled_km2"].to_numpy())
    read.clear()
    warm = compute_history(folder_history(copies), store, workers=workers)
    assert read == [] and np.array_equal(warm.controlled_km2, again.controlled_km2)


def test_stored_figures_of_a_map_known_by_content_that_cannot_be_right_are_computed(
    tmp_path, caplog
):
    """Copies of stored maps whose stored figures are damaged are measured after all."""
    folder, store, cold = cold_store(tmp_path)
    for key in cold.keys[1:3]:
        overwrite_figures(store.path, key, figures_key(cold.boundaries), b"garbage")
    copies = tmp_path / "copies"
    shutil.copytree(folder, copies)
    fractions = []

    class Seen:
        def report(self, fraction, message=""):
            fractions.append(fraction)

        def check(self):
            pass

    with caplog.at_level(logging.WARNING, logger="geodata.history.store"):
        again = compute_history(folder_history(copies), store, progress=Seen())
    assert again.keys == cold.keys and not again.skipped
    assert fractions == sorted(fractions)  # the second pass does not turn the bar back
    assert np.array_equal(again.controlled_km2, cold.controlled_km2)
    version, area = figures_key(cold.boundaries), cold.boundaries.area_km2
    assert len(store.stats_for(cold.keys, version, area_km2=area)) == len(cold.keys)


@pytest.mark.parametrize("becomes", ["folder", "pipe", "empty", "gone"])
def test_a_map_that_cannot_be_read_is_left_out_and_named(tmp_path, becomes):
    """A file that turns into something unreadable after the folder was listed (here: a
    folder, a named pipe, which is never opened, or an empty file) or is deleted is left
    out with its reason; the other dates stand and are kept."""
    folder = growing_front(tmp_path / "history")
    source = folder_history(folder)
    victim = folder / "front_2024-11-22.geojson"
    victim.unlink()
    changes = {"folder": victim.mkdir, "pipe": lambda: os.mkfifo(victim), "empty": victim.touch}
    changes.get(becomes, lambda: None)()
    store = Store(tmp_path / "store.sqlite")
    series = compute_history(source, store)
    assert [d.day for d in series.dates] == [20, 21, 23]
    assert len(series.skipped) == 1 and str(victim) in series.skipped[0]
    assert any(note.startswith("left out:") and str(victim) in note for note in series.notes)
    assert str(victim.resolve()) not in store.files()  # nothing kept for it
    assert row_counts(store.path)["stats"] == 3


def test_maps_gdal_reads_are_keyed_by_their_whole_content(tmp_path, monkeypatch):
    """A GeoPackage history: each file hashed whole (in blocks; GDAL reads it itself), its
    figures those of the file alone, and known warm without reading."""
    from geodata.history import compute
    from geodata.history.store import content_hash
    from tests.geodata.importers.fixtures import control_frame, write_control_file

    folder = tmp_path / "maps"
    folder.mkdir()
    for day in range(3):
        frame = control_frame()
        frame.loc[0, "geometry"] = shapely.box(37.0, 47.5, 38.0 + 0.2 * day, 48.2)
        write_control_file(folder, f"front_2024-11-{20 + day:02d}", ".gpkg", frame)
    store = Store(tmp_path / "store.sqlite")
    cold = compute_history(folder_history(folder), store)
    files = sorted(folder.glob("*.gpkg"))
    assert list(cold.keys) == [content_hash(p.read_bytes()) for p in files]
    alone = [compute_stats(read_control_layer(p)).regions["controlled_km2"] for p in files]
    assert np.array_equal(cold.controlled_km2, np.vstack(alone))
    read, _measured = counting_reads(monkeypatch)
    monkeypatch.setattr(compute, "file_hash", lambda path: read.append(path))
    warm = compute_history(folder_history(folder), store)
    assert read == [] and np.array_equal(warm.controlled_km2, cold.controlled_km2)


def test_two_records_for_one_path_in_a_run_are_saved_as_one(tmp_path):
    """Two dated links to one file, rewritten between their reads: one record is kept for
    the path, not a failure to sort records."""
    from geodata.history.compute import _Keeper
    from geodata.history.store import FileRecord

    boundaries = load_boundaries()
    store = Store(tmp_path / "store.sqlite")
    keeper = _Keeper(store, boundaries, DEFAULT_TOLERANCE_KM)
    zeros, held = np.zeros(len(boundaries.codes)), np.zeros(3, dtype=bool)
    wkb = shapely.box(37, 47, 38, 48).wkb
    path = "/maps/front.geojson"
    rows = [
        (key, wkb, "a map", zeros, zeros, (path, FileRecord(1, 2, 3, 4, key)), held, ())
        for key in ("a" * 32, "b" * 32)
    ]
    keeper.add(rows)
    assert keeper.finish() == ()
    assert store.files()[path].hash == "b" * 32
