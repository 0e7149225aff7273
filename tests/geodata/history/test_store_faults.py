"""Faults are not damage: a busy, full or read-only store is reported and kept, never moved aside.

Each fault is made for real where the machine allows it: another process holds
the lock, a tiny tmpfs is filled to the last byte (in a private mount
namespace), file modes forbid writing (with root's override dropped, as tests
may run as root). ``PRAGMA max_page_count`` makes a full disk anywhere.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np
import pytest
import shapely

from geodata.errors import StoreBusyError, StoreError, StoreReadOnlyError
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import BUSY_TIMEOUT_S, Store, Update, classify_fault
from geodata.stats import figures_key
from tests.geodata.history.test_history import growing_front
from tests.geodata.history.test_store import row_counts, version_1_store
from tests.geodata.importers.fixtures import control_frame, write_control_file

REPO = Path(__file__).resolve().parents[3]
UNITS = 27

LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""

# Opens the store as the app would, reads a warm history, tries to write; prints what happened.
PROBE = """
import datetime as dt, json, shutil, sys
from pathlib import Path
import numpy as np
from geodata.errors import StoreError
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store, Update

store_path, folder, copy_from = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if copy_from:  # into the tmpfs, then fill it to the last byte
    shutil.copy(copy_from, store_path)
    with open(store_path.with_name("filler"), "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(bytes(4096))
        except OSError:
            pass
try:
    store = Store(store_path)
except StoreError as error:
    print(json.dumps({"open_error": str(error)}))
    sys.exit()
series = compute_history(folder_history(folder), store, workers=1)
update = Update(7, "", dt.date(2024, 11, 24), "", "f" * 32)
try:
    store.save_update(update, bytes(100_000), np.zeros(27), "v")
    save_error = None
except StoreError as error:
    save_error = [type(error).__name__, str(error)]
print(json.dumps({
    "read_only_reason": store.read_only_reason,
    "recovered": store.recovered_from is not None,
    "km2": series.controlled_km2.tolist(),
    "notes": list(series.notes),
    "save_error": save_error,
    "listing": sorted(p.name for p in store_path.parent.iterdir()),
}))
"""


@pytest.fixture
def filled(tmp_path):
    """A history folder, its store (computed once, all connections closed) and the figures."""
    folder = growing_front(tmp_path / "history")
    path = tmp_path / "data" / "store.sqlite"
    cold = compute_history(folder_history(folder), Store(path))
    return folder, path, cold


def add_day(folder: Path, day: int = 24, east: float = 38.5) -> None:
    """One more dated file, not yet in the store; a fine circle, so its WKB needs new pages."""
    frame = control_frame()
    frame.loc[0, "geometry"] = shapely.Point(east, 47.9).buffer(0.4, quad_segs=256)
    write_control_file(folder, f"front_2024-11-{day:02d}", ".geojson", frame)


def nothing_moved_aside(path: Path) -> bool:
    """No ``*.corrupt-*`` file beside the store, and the store itself still there."""
    return path.is_file() and not list(path.parent.glob("*.corrupt-*"))


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes: "keep every byte" checked byte for byte."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def an_update(number: int = 1) -> tuple[Update, bytes]:
    """An update and a WKB big enough that storing it needs new pages."""
    day = dt.date(2024, 11, 19 + number)
    update = Update(number, f"{day}T20:00:00Z", day, "test", f"{number:032x}")
    return update, shapely.to_wkb(shapely.Point(37.5, 48.0).buffer(0.5, quad_segs=512))


@contextmanager
def locked_by_another_program(path: Path, seconds: float = 60.0):
    """Another process holds ``BEGIN EXCLUSIVE`` on the store for ``seconds`` or the block."""
    process = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        process.kill()
        process.wait()


# -- what counts as damage -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "fault"),
    [
        ("database is locked", "busy"),
        ("database table is locked", "busy"),
        ("database or disk is full", "full"),
        ("attempt to write a readonly database", "read-only"),
        ("unable to open database file", "cannot-open"),
        ("disk I/O error", "io"),
        ("file is not a database", "damaged"),
        ("database disk image is malformed", "damaged"),
        ("integrity check failed: *** in database main ***", "damaged"),
        ("no such table: stats", "other"),
    ],
)
def test_only_a_failed_integrity_check_counts_as_damage(message, fault):
    assert classify_fault(sqlite3.OperationalError(message)) == fault


def test_real_sqlite_errors_are_told_apart_by_their_codes(tmp_path):
    path = tmp_path / "store.sqlite"
    Store(path)
    reader = closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True))
    with reader as connection, pytest.raises(sqlite3.OperationalError) as readonly:
        connection.execute("INSERT INTO meta VALUES ('x', 'y')")
    assert classify_fault(readonly.value) == "read-only"
    path.with_name("garbage.sqlite").write_bytes(b"not a database" * 500)
    garbage = closing(sqlite3.connect(path.with_name("garbage.sqlite")))
    with garbage as connection, pytest.raises(sqlite3.DatabaseError) as damaged:
        connection.execute("PRAGMA quick_check")
    assert classify_fault(damaged.value) == "damaged"


def test_a_store_failing_its_integrity_check_is_still_moved_aside(filled):
    folder, path, _cold = filled
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = b"\xa5" * page  # page 3, an index's b-tree page: no page type
    path.write_bytes(bytes(data))
    store = Store(path)
    assert store.recovered_from is not None and store.recovered_from.exists()
    assert len(compute_history(folder_history(folder), store)) == 4


def test_a_damaged_store_opened_read_only_is_reported_not_moved(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"store\.sqlite: it is damaged \(file is not a database"):
        Store(path, read_only=True)
    assert nothing_moved_aside(path)


# -- another program's lock ------------------------------------------------------------------


def test_the_default_wait_for_a_lock_is_bounded():
    assert 10 <= BUSY_TIMEOUT_S <= 120


def test_a_locked_store_is_read_and_a_write_waits_then_says_busy(filled, monkeypatch):
    folder, path, cold = filled
    before = row_counts(path)
    with locked_by_another_program(path):
        store = Store(path, busy_timeout_s=1)
        assert store.recovered_from is None and store.read_only_reason is None
        monkeypatch.setattr("geodata.history.compute.read_source", lambda *a, **k: 1 / 0)
        warm = compute_history(folder_history(folder), store)
        assert np.array_equal(warm.controlled_km2, cold.controlled_km2)
        update, wkb = an_update()
        start = time.monotonic()
        with pytest.raises(StoreBusyError) as busy:
            store.save_update(update, wkb, np.zeros(UNITS), figures_key(cold.boundaries))
        assert 0.9 <= time.monotonic() - start < 10
    message = str(busy.value)
    assert str(path) in message and "another program holds it locked" in message
    assert "after 1 s" in message and "nothing was changed" in message
    assert nothing_moved_aside(path) and row_counts(path) == before
    store.save_update(update, wkb, np.zeros(UNITS), figures_key(cold.boundaries))  # free again
    assert [u.id for u in store.updates()] == [1]


def test_a_short_lock_is_waited_out(filled):
    _folder, path, cold = filled
    store = Store(path, busy_timeout_s=30)
    update, wkb = an_update()
    with locked_by_another_program(path, seconds=1.0):
        start = time.monotonic()
        store.save_update(update, wkb, np.zeros(UNITS), figures_key(cold.boundaries))
        waited = time.monotonic() - start
    assert 0.5 < waited < 20 and [u.id for u in store.updates()] == [1]


def test_a_history_computed_while_the_store_is_locked_stands_and_says_so(filled):
    folder, path, _cold = filled
    add_day(folder)
    with locked_by_another_program(path):
        series = compute_history(folder_history(folder), Store(path, busy_timeout_s=0.5))
    assert len(series) == 5
    assert "not kept" in series.notes[0] and "locked" in series.notes[0]
    assert nothing_moved_aside(path) and row_counts(path)["stats"] == 4
    compute_history(folder_history(folder), Store(path))
    assert row_counts(path)["stats"] == 5


def test_an_old_store_locked_during_its_migration_is_read_meanwhile(filled, tmp_path):
    _folder, current, cold = filled
    old = version_1_store(tmp_path / "old.sqlite", current)
    with locked_by_another_program(old):
        store = Store(old, busy_timeout_s=0.5)
        assert "locked" in store.read_only_reason
        assert set(store.stats_for(cold.keys, figures_key(cold.boundaries))) == set(cold.keys)
    assert nothing_moved_aside(old)
    assert Store(old).read_only_reason is None  # migrated, once the lock is gone


def test_a_store_locked_against_reading_too_is_reported_not_moved(filled, tmp_path):
    _folder, current, _cold = filled
    # A rollback-journal store (as another program may leave it): its lock stops readers too.
    old = version_1_store(tmp_path / "old.sqlite", current, journal="delete")
    before = digest(old)
    with locked_by_another_program(old):
        start = time.monotonic()
        with pytest.raises(StoreBusyError, match=r"old\.sqlite: another program holds it locked"):
            Store(old, busy_timeout_s=0.5)
        assert time.monotonic() - start < 5  # waited once, not once per way of opening
    assert nothing_moved_aside(old) and digest(old) == before


# -- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """No store connection may grow its file: a write needing a new page fails (SQLITE_FULL)."""
    real = Store._connect

    def capped(self, wait=True):
        connection = real(self, wait)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return connection

    monkeypatch.setattr(Store, "_connect", capped)


def test_a_full_disk_keeps_the_store_readable_and_says_why_nothing_is_written(filled, full_disk):
    folder, path, cold = filled
    before = row_counts(path)
    store = Store(path)
    assert store.recovered_from is None
    update, wkb = an_update()
    with pytest.raises(StoreReadOnlyError, match=r"store\.sqlite: the disk is full") as full:
        store.save_update(update, wkb, np.zeros(UNITS), figures_key(cold.boundaries))
    assert "can still be read" in str(full.value)
    add_day(folder)
    series = compute_history(folder_history(folder), store)
    assert len(series) == 5 and np.array_equal(series.controlled_km2[:4], cold.controlled_km2)
    assert "not kept" in series.notes[0] and "the disk is full" in series.notes[0]
    assert nothing_moved_aside(path) and row_counts(path) == before


def test_a_really_full_disk(filled, tmp_path):
    folder, path, cold = filled
    add_day(folder)
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = run_in_private_mounts(
        f"mount -t tmpfs -o size=1m none {mount}", mount / "store.sqlite", folder, path
    )
    assert "open_error" not in result, result
    assert result["read_only_reason"].startswith("the disk is full")
    assert not result["recovered"] and not any("corrupt" in n for n in result["listing"])
    assert np.array_equal(np.array(result["km2"])[:4], cold.controlled_km2)
    assert "not kept" in result["notes"][0] and "the disk is full" in result["notes"][0]
    assert result["save_error"][0] == "StoreReadOnlyError"
    assert "the disk is full" in result["save_error"][1]


# -- read-only file or folder ------------------------------------------------------------------


def test_a_store_opened_read_only_reads_and_refuses_writes(filled):
    folder, path, cold = filled
    before = digest(path)
    store = Store(path, read_only=True)
    assert store.read_only_reason == "it was opened read-only"
    add_day(folder)
    series = compute_history(folder_history(folder), store)
    assert np.array_equal(series.controlled_km2[:4], cold.controlled_km2)
    assert "not kept" in series.notes[0] and "read-only" in series.notes[0]
    with pytest.raises(StoreReadOnlyError, match="opened read-only"):
        store.save_update(*an_update(), np.zeros(UNITS), figures_key(cold.boundaries))
    wal = path.with_name("store.sqlite-wal")
    assert digest(path) == before and (not wal.exists() or wal.stat().st_size == 0)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_store_is_read_and_nothing_is_moved(filled, what):
    folder, path, cold = filled
    add_day(folder)
    before = digest(path)
    target = path.parent if what == "folder" else path
    mode = target.stat().st_mode
    target.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        result = run_probe(path, folder)
    finally:
        target.chmod(mode)
    assert "open_error" not in result, result
    assert "read-only" in result["read_only_reason"] and not result["recovered"]
    assert np.array_equal(np.array(result["km2"])[:4], cold.controlled_km2)
    assert "not kept" in result["notes"][0]
    assert result["save_error"][0] == "StoreReadOnlyError"
    assert "nothing new can be written" in result["save_error"][1]
    assert digest(path) == before and nothing_moved_aside(path)


# -- helpers that run the probe in another process ---------------------------------------------


def run_probe(store_path: Path, folder: Path, copy_from: Path | None = None, wrap=()) -> dict:
    """Run :data:`PROBE` in another process; as root, without root's override of file modes.

    Exit status 77 means the fault could not be made on this machine: the test is skipped.
    """
    preexec = None
    if not wrap and os.name == "posix" and os.geteuid() == 0:
        if sys.platform != "linux":
            pytest.skip("running as root, where file modes bind only without CAP_DAC_OVERRIDE")
        preexec = _drop_file_override
    args = [*wrap, sys.executable, "-c", PROBE, str(store_path), str(folder), str(copy_from or "")]
    done = subprocess.run(
        args, capture_output=True, text=True, cwd=REPO, preexec_fn=preexec, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    if done.returncode == 77:
        pytest.skip(f"this machine cannot make the fault: {done.stderr.strip()[-300:]}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_in_private_mounts(mount: str, store_path: Path, folder: Path, copy_from: Path) -> dict:
    """:func:`run_probe` in a private mount namespace set up by the shell command ``mount``."""
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("needs Linux and util-linux unshare to make a private tmpfs")
    shell = f'{mount} || exit 77; exec "$@"'
    wrap = (unshare, "--user", "--map-root-user", "--mount", "sh", "-c", shell, "sh")
    return run_probe(store_path, folder, copy_from, wrap)


def _drop_file_override() -> None:
    """In the child, before exec: drop the capabilities that let root ignore file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            os._exit(77)


def test_waiting_for_another_programs_lock_is_said_once(filled, caplog):
    folder, path, cold = filled
    add_day(folder)
    store = Store(path)
    with (
        locked_by_another_program(path, seconds=2.0),
        caplog.at_level(logging.WARNING, logger="geodata.history.store"),
    ):
        series = compute_history(folder_history(folder), store)
    assert len(series.dates) == len(cold.dates) + 1
    assert not [note for note in series.notes if "not kept" in note]
    waits = [r for r in caplog.records if "or a backup); waiting for it" in r.getMessage()]
    assert len(waits) == 1 and "at most 60 s" in waits[0].getMessage()
