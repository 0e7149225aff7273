"""Big control files opened in a separate process: same result, errors named, cancel at once."""

from __future__ import annotations

import multiprocessing
import pickle
import time

import pytest
import shapely

from desktop.statistics import control_loader, isolated_load
from desktop.statistics.control_loader import is_big, load_control_file
from desktop.statistics.isolated_load import load_in_process
from desktop.tasks import Progress, TaskCancelled
from geodata.errors import BadInputError
from tests.desktop.test_main_window import open_and_wait
from tests.geodata.importers.fixtures import write_control_file


def quiet_progress(reports=None) -> Progress:
    return Progress(lambda fraction, message: reports is not None and reports.append(message))


def test_a_file_read_in_a_process_equals_one_read_in_a_thread(tmp_path):
    path = write_control_file(tmp_path, "areas", ".geojson")
    reports = []
    isolated = load_in_process(path, quiet_progress(reports))
    threaded = load_control_file(path, quiet_progress())
    assert shapely.equals_exact(isolated.layer.controlled, threaded.layer.controlled, 0)
    assert isolated.layer.categories.keys() == threaded.layer.categories.keys()
    assert isolated.layer.source == threaded.layer.source
    assert isolated.stats.to_dict() == threaded.stats.to_dict()
    assert isolated.map_json == threaded.map_json
    assert "Done" in reports  # the child's progress reached the parent
    assert multiprocessing.active_children() == []


def test_a_bad_file_read_in_a_process_is_named(tmp_path):
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(BadInputError, match=r"broken\.geojson.*not valid JSON"):
        load_in_process(bad, quiet_progress())


def test_cancel_ends_the_reading_process_at_once(tmp_path):
    path = write_control_file(tmp_path, "areas", ".geojson")
    progress = quiet_progress()
    progress._request_cancel()
    started = time.monotonic()
    with pytest.raises(TaskCancelled):
        load_in_process(path, progress)
    assert time.monotonic() - started < 5
    assert multiprocessing.active_children() == []


def test_a_file_too_big_for_the_memory_limit_is_refused_with_its_name(tmp_path):
    # A limit below what the reading process already holds: its next allocation fails.
    path = write_control_file(tmp_path, "areas", ".geojson")
    with pytest.raises(BadInputError, match=r"areas\.geojson.*memory"):
        load_in_process(path, quiet_progress(), memory_limit=64 * 2**20)
    assert multiprocessing.active_children() == []


def test_only_big_files_go_to_a_process(tmp_path, monkeypatch):
    small = write_control_file(tmp_path, "areas", ".geojson")
    assert not is_big(small) and not is_big(tmp_path / "missing.geojson")
    monkeypatch.setattr(control_loader, "ISOLATE_ABOVE_BYTES", small.stat().st_size - 1)
    assert is_big(small)


def test_errors_cross_processes_intact(tmp_path):
    error = pickle.loads(pickle.dumps(BadInputError(tmp_path / "x.kml", "no polygons")))
    assert isinstance(error, BadInputError) and str(error).endswith("x.kml: no polygons")


def test_the_window_opens_a_big_file_through_a_process(open_window, qtbot, tmp_path, monkeypatch):
    window = open_window()
    path = write_control_file(tmp_path, "areas", ".geojson")
    monkeypatch.setattr(control_loader, "ISOLATE_ABOVE_BYTES", 0)
    calls = []
    original = isolated_load.load_in_process

    def recorded(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(isolated_load, "load_in_process", recorded)
    features = open_and_wait(qtbot, window, path)
    assert calls and features == 1
    assert window.current.path == path
    assert window.stats_dock.table.model().rowCount() == 30
