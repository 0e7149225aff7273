"""Histories: sources, statistics over time (cold, warm, incremental) and the real 769 days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.errors import BadInputError
from geodata.history.compute import IncrementalStats, compute_history
from geodata.history.sources import folder_history, open_history
from geodata.history.store import Store
from geodata.importers import read_control_layer
from geodata.stats import compute_stats, controlled_area_by_region, figures_key
from tests.geodata.importers.fixtures import AREAS, control_frame, write_control_file
from tests.helpers import DAILY, require_shared


def growing_front(folder, days=4):
    """Snapshots where the held area grows a little each day (and one undated file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for day in range(days):
        frame = control_frame()
        frame.loc[0, "geometry"] = shapely.box(37.0, 47.5, 38.0 + 0.1 * day, 48.2)
        write_control_file(folder, f"front_2024-11-{20 + day:02d}", ".geojson", frame)
    write_control_file(folder, "notes", ".geojson")
    return folder


def test_folder_history_sorts_by_date_and_notes_undated_files(tmp_path):
    source = folder_history(growing_front(tmp_path))
    assert [s.date.day for s in source.snapshots] == [20, 21, 22, 23]
    assert any("notes.geojson: no date" in note for note in source.notes)


def test_history_figures_equal_single_file_statistics(tmp_path):
    folder = growing_front(tmp_path)
    series = compute_history(folder_history(folder), Store(tmp_path / "store.sqlite"))
    for row, snapshot in enumerate(folder_history(folder).snapshots):
        expected = compute_stats(read_control_layer(snapshot.path)).regions["controlled_km2"]
        assert np.array_equal(series.controlled_km2[row], expected.to_numpy())
    donetsk = series.boundaries.row_of("UA-14")
    assert (np.diff(series.controlled_km2[:, donetsk]) > 0).all()


def test_warm_history_reads_no_file(tmp_path, monkeypatch):
    folder = growing_front(tmp_path)
    cold = compute_history(folder_history(folder), Store(tmp_path / "store.sqlite"))

    def no_reading(*args, **kwargs):
        raise AssertionError("a warm history must come from the store")

    monkeypatch.setattr("geodata.history.compute.read_source", no_reading)
    warm = compute_history(folder_history(folder), Store(tmp_path / "store.sqlite"))
    assert np.array_equal(warm.controlled_km2, cold.controlled_km2)


def test_changed_file_or_boundaries_are_recomputed(tmp_path):
    folder = growing_front(tmp_path)
    store = Store(tmp_path / "store.sqlite")
    compute_history(folder_history(folder), store)
    frame = control_frame()
    frame.loc[0, "geometry"] = shapely.box(36.0, 47.5, 38.0, 48.2)
    (folder / "front_2024-11-20.geojson").unlink()
    write_control_file(folder, "front_2024-11-20", ".geojson", frame)
    again = compute_history(folder_history(folder), store)
    assert again.controlled_km2[0].sum() > again.controlled_km2[1].sum()
    other = dataclasses.replace(load_boundaries(), version="another-boundary-set")
    assert store.stats_for(again.keys, figures_key(other)) == {}
    compute_history(folder_history(folder), store, other)
    assert set(store.stats_for(again.keys, figures_key(other))) == set(again.keys)


def test_figures_measured_the_old_way_are_not_served(tmp_path, monkeypatch):
    """Raising the measurement version makes stored raw figures unknown, so they are recomputed."""
    folder = growing_front(tmp_path)
    store = Store(tmp_path / "store.sqlite")
    cold = compute_history(folder_history(folder), store)
    monkeypatch.setattr("geodata.stats.MEASURE_VERSION", 999)
    assert store.stats_for(cold.keys, figures_key(cold.boundaries)) == {}
    again = compute_history(folder_history(folder), store)
    assert np.array_equal(again.controlled_km2, cold.controlled_km2)
    assert set(store.stats_for(cold.keys, figures_key(cold.boundaries))) == set(cold.keys)


def test_incremental_figures_equal_full_overlays():
    require_shared(DAILY)
    boundaries = load_boundaries()
    stats = IncrementalStats(boundaries)
    for path in sorted(DAILY.glob("*.geojson"))[100:160]:
        territory = read_control_layer(path).controlled
        full = controlled_area_by_region(territory, boundaries)["controlled_km2"].to_numpy()
        assert np.array_equal(stats(territory), full)
    assert stats.reused > 100  # most units do not change from one day to the next


def test_one_file_with_a_date_column(tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "date": ["2024-11-20", "2024-11-20", "2024-11-21"],
            "geometry": [AREAS[0], AREAS[2], AREAS[1]],
        },
        crs="EPSG:4326",
    )
    path = tmp_path / "history.gpkg"
    frame.to_file(path)
    source = open_history(path)
    assert [s.date for s in source.snapshots] == [dt.date(2024, 11, 20), dt.date(2024, 11, 21)]
    series = compute_history(source, Store(tmp_path / "store.sqlite"))
    luhansk = series.boundaries.row_of("UA-09")
    assert series.controlled_km2[0, luhansk] > 0 and series.controlled_km2[1, luhansk] == 0
    frame["date"] = ["2024-11-20", "soon", "2024-11-21"]
    frame.to_file(tmp_path / "bad.gpkg")
    with pytest.raises(BadInputError, match=r"bad\.gpkg.*'soon', which is not a date"):
        open_history(tmp_path / "bad.gpkg")


def test_unusable_sources_are_clear_errors(tmp_path):
    with pytest.raises(BadInputError, match="no such file or folder"):
        open_history(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BadInputError, match="no dated control files"):
        open_history(tmp_path / "empty")
    with pytest.raises(BadInputError, match="no DeepStateMap updates in the store"):
        open_history("deepstate", Store(tmp_path / "store.sqlite"))


def test_csv_and_json_follow_stats(tmp_path):
    series = compute_history(folder_history(growing_front(tmp_path)))
    lines = series.to_csv().splitlines()
    assert lines[0].startswith("# Control areas:")
    lines = [line for line in lines if not line.startswith("#")]
    assert lines[0] == (
        "date,level,code,name,area_km2,controlled_km2,controlled_pct,added_by_reconciliation_km2"
    )
    assert len(lines) == 1 + 4 * 30 and lines[1].startswith("2024-11-20,group,annexed-2022,")
    data = __import__("json").loads(series.to_json())
    assert [d["date"] for d in data["dates"]] == [
        "2024-11-20",
        "2024-11-21",
        "2024-11-22",
        "2024-11-23",
    ]
    assert set(data["dates"][0]) >= {"date", "source", "regions", "groups"}
    assert data["metadata"]["reconcile_km"] == 3.0
    assert len(series.between(dt.date(2024, 11, 21), dt.date(2024, 11, 22))) == 2


def test_the_shared_history_has_769_dates(tmp_path):
    require_shared(DAILY)
    series = compute_history(folder_history(DAILY), Store(tmp_path / "store.sqlite"))
    assert len(series) == 769
    assert (series.dates[0], series.dates[-1]) == (dt.date(2024, 7, 8), dt.date(2026, 8, 22))
    row = series.index_of(dt.date(2024, 11, 20))
    groups = series.stats_at(row).groups.set_index("id")["controlled_pct"]
    assert groups["annexed-2022"] == pytest.approx(77.3, abs=0.3)  # reconciled (raw: 76.8)


def _with_a_thread_running():
    """Start a thread that lives for the test: the process is then not safe to fork (the app)."""
    import threading

    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()
    return stop


def test_a_process_with_threads_computes_a_long_history_in_fresh_processes(tmp_path, monkeypatch):
    """The app has threads: a long history is computed in fresh workers, with the same figures."""
    from geodata.history import compute

    folder = growing_front(tmp_path / "maps", days=6)
    alone = compute_history(folder_history(folder), workers=1)
    stop = _with_a_thread_running()
    try:
        monkeypatch.setattr(compute, "FRESH_PROCESS_MIN", 4)
        chosen = []
        original = compute._process_context
        monkeypatch.setattr(compute, "_process_context",
                            lambda *a: chosen.append(original(*a)) or chosen[-1])  # fmt: skip
        series = compute_history(folder_history(folder), Store(tmp_path / "s.sqlite"), workers=2)
    finally:
        stop.set()
    fresh = "forkserver" if sys.platform == "linux" else "spawn"
    assert chosen[0] is not None and chosen[0].get_start_method() == fresh
    assert np.array_equal(series.controlled_km2, alone.controlled_km2)
    assert np.array_equal(series.held, alone.held)


@pytest.mark.skipif(sys.platform != "linux", reason="a fork server only on Linux")
def test_the_fork_server_starts_ahead_with_what_workers_need():
    """The app starts it once its window is up; it has loaded the workers' data itself."""
    from multiprocessing import forkserver

    from geodata.history import compute

    compute.start_worker_server()
    compute.start_worker_server()  # once is enough: the same server
    server = forkserver._forkserver
    assert server._forkserver_pid is not None and server._preload_modules == [
        compute.WORKER_PRELOAD
    ]
    pid = server._forkserver_pid
    compute.start_worker_server()
    assert server._forkserver_pid == pid


def test_workers_that_cannot_start_leave_the_work_to_threads(tmp_path, monkeypatch):
    import multiprocessing
    import os

    from geodata.history import compute

    folder = growing_front(tmp_path / "maps", days=5)
    alone = compute_history(folder_history(folder), workers=1)
    monkeypatch.setattr(compute, "_process_context",
                        lambda *a: multiprocessing.get_context("fork"))  # fmt: skip
    monkeypatch.setattr(compute, "prepare_worker", lambda _km: os._exit(3))
    series = compute_history(folder_history(folder), Store(tmp_path / "s.sqlite"), workers=2)
    assert np.array_equal(series.controlled_km2, alone.controlled_km2)


def test_files_reached_through_links_are_known_warm(tmp_path, monkeypatch):
    """A folder reached through a linked folder, and a map that is itself a link: the
    store knows them by their real paths, so a warm history reads no file."""
    maps = growing_front(tmp_path / "real", days=3)
    linked = tmp_path / "linked"
    linked.mkdir()
    for path in sorted(maps.glob("front_*.geojson")):
        (linked / path.name).symlink_to(path)
    (tmp_path / "via").symlink_to(maps, target_is_directory=True)
    store = Store(tmp_path / "store.sqlite")
    cold = [compute_history(folder_history(f), store) for f in (linked, tmp_path / "via")]

    def no_reading(*args, **kwargs):
        raise AssertionError("a warm history must come from the store")

    monkeypatch.setattr("geodata.history.compute.read_source", no_reading)
    monkeypatch.setattr("geodata.history.compute.read_file", no_reading)
    for folder, before in zip((linked, tmp_path / "via", maps), cold + cold[:1], strict=True):
        warm = compute_history(folder_history(folder), store)
        assert np.array_equal(warm.controlled_km2, before.controlled_km2)


def test_a_cancel_returns_at_once_while_runs_are_still_going(tmp_path, monkeypatch):
    """Cancelling does not wait for the runs the workers have started: the window's task
    ends at once, and what was computed before is kept."""
    import time

    from geodata.history import compute

    folder = growing_front(tmp_path / "maps", days=6)
    real_run = compute._compute_run

    def slow_after_the_first(job):
        if job[0][0][2].date.day != 20:
            time.sleep(3.0)
        return real_run(job)

    class Cancelled(Exception):
        pass

    class CancelAtFirstReport:
        said = False

        def report(self, fraction, message=""):
            self.said = self.said or message.startswith("Computed")

        def check(self):
            if self.said:
                raise Cancelled

    monkeypatch.setattr(compute, "_compute_run", slow_after_the_first)
    monkeypatch.setattr(compute, "_process_context", lambda *a: None)  # threads
    store = Store(tmp_path / "s.sqlite")
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        compute_history(folder_history(folder), store, progress=CancelAtFirstReport(), workers=2)
    assert time.perf_counter() - started < 2.0
    time.sleep(3.5)  # the started runs end on their own; nothing more is kept
    monkeypatch.setattr(compute, "_compute_run", real_run)
    real_read, reads = compute.read_source, []
    monkeypatch.setattr(compute, "read_source",
                        lambda *a, **k: reads.append(1) or real_read(*a, **k))  # fmt: skip
    assert len(compute_history(folder_history(folder), store)) == 6
    assert len(reads) == 5  # the first date, computed before the cancel, was kept


def test_a_one_file_history_groups_interleaved_dates_and_keeps_the_size_limit(
    tmp_path, monkeypatch
):
    """Features of one date scattered through the file make that date's territory
    together; a file over the size limit of a control file is refused unread."""
    frame = gpd.GeoDataFrame(
        {
            "date": ["2024-11-21", "2024-11-20", "2024-11-21", "2024-11-20", None],
            "geometry": [AREAS[0], AREAS[2], AREAS[2], AREAS[1], AREAS[0]],
        },
        crs="EPSG:4326",
    )
    path = tmp_path / "history.gpkg"
    frame.to_file(path)
    source = open_history(path)
    series = compute_history(source, None)
    for row, rows in enumerate(([1, 3], [0, 2])):
        alone = tmp_path / f"alone{row}.gpkg"
        frame.iloc[rows].to_file(alone)
        expected = compute_stats(read_control_layer(alone)).regions["controlled_km2"]
        assert np.array_equal(series.controlled_km2[row], expected.to_numpy())
    monkeypatch.setattr("geodata.importers.MAX_FILE_BYTES", 1000)
    with pytest.raises(BadInputError, match=r"history\.gpkg.*too big to read"):
        open_history(path)


def test_what_the_importer_says_of_a_history_s_files_is_said_cold_and_warm(tmp_path):
    # A history said nothing of its files: one shifted outside Ukraine read as a 0 % day,
    # and swapped axes, repairs and features left out went unmentioned.
    import shapely.affinity

    folder = tmp_path / "daily"
    folder.mkdir()
    box = shapely.box(37.0, 47.5, 37.6, 48.2)
    for date, geometry in (("20250101", box),
                           ("20250102", shapely.transform(box, lambda c: c[:, ::-1])),
                           ("20250103", shapely.affinity.translate(box, 60.0, 0.0)),
                           ("20250104", box)):  # fmt: skip
        frame = control_frame().iloc[:1].copy()
        frame.loc[0, "geometry"] = geometry
        write_control_file(folder, f"front_{date}", ".geojson", frame)
    store = Store(tmp_path / "store.sqlite")
    for run in ("cold", "warm"):
        series = compute_history(folder_history(folder), store)
        assert [d.isoformat() for d in series.dates] == ["2025-01-01", "2025-01-02", "2025-01-04"]
        notes = "\n".join(series.notes)
        assert "front_20250102.geojson: coordinates were in latitude/longitude order" in notes, run
        assert "left out: front_20250103.geojson: the layer lies entirely outside Ukraine" in notes
        assert (series.controlled_km2.sum(axis=1) > 0).all()
