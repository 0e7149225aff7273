"""Store faults (kind 1): busy, full, read-only, damaged rows, kill -9; the store is never lost.

"Lost" means: a healthy store moved aside, or stored rows gone. Only a store
that fails SQLite's integrity check may be moved aside.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import files
import numpy as np
from lab import APP, Case, Failure, Lab, refused, succeeded

LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


class Unavailable(Exception):
    """This fault cannot be made on this machine (it needs root for a mount)."""


def dated_folder(lab: Lab, days: int = 10, name: str = "dated") -> Path:
    """A history folder: ``days`` dated GeoJSON files, the front moving a little each day."""
    folder = lab.path(name)
    folder.mkdir()
    for day in range(days):
        east = 38.0 + 0.05 * day
        files.geojson(
            folder / f"areas_202411{day + 1:02d}.geojson",
            [files.box(37.0, 47.5, east, 48.2), files.box(38.8, 48.6, 39.6, 49.2)],
        )
    return folder


def store_path(lab: Lab) -> Path:
    """Where the app keeps the lab's store."""
    return lab.data / "store.sqlite"


def history(lab: Lab, folder: Path, **kwargs):
    """``history folder --format csv``."""
    return lab.cli("history", folder, "--format", "csv", **kwargs)


def figures_of(result) -> list[str]:
    """The data rows of a CSV history (without the comment lines)."""
    return [line for line in result.out.splitlines() if line and not line.startswith("#")]


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table in a store (read-only)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in tables
        }


def digest(path: Path) -> str:
    """The store file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def not_moved_aside(lab: Lab) -> None:
    """A ``lost`` failure if any store was moved aside."""
    aside = sorted(p.name for p in lab.data.glob("store.sqlite.corrupt-*"))
    if aside:
        raise Failure("lost", f"a healthy store was moved aside: {aside}")


def rows_kept(lab: Lab, before: dict[str, int]) -> None:
    """A ``lost`` failure if any table has fewer rows than before."""
    after = row_counts(store_path(lab))
    lost = {t: (n, after.get(t, 0)) for t, n in before.items() if after.get(t, 0) < n}
    if lost:
        raise Failure("lost", f"rows lost (before, after): {lost}")


@contextlib.contextmanager
def locked(path: Path, seconds: float):
    """Another process holds an exclusive lock on the store for ``seconds``."""
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        if holder.stdout.readline().strip() != "locked":
            raise Failure("other", "could not lock the store for the test")
        yield
    finally:
        holder.kill()
        holder.wait()


@contextlib.contextmanager
def mounted(lab: Lab, options: str):
    """The lab's data folder on a fresh tmpfs (``size=…``) or read-only bind mount (``ro``)."""
    if os.geteuid() != 0:
        raise Unavailable("needs root to mount")
    target = lab.data
    target.mkdir(parents=True, exist_ok=True)
    if options == "ro":
        commands = [
            ["mount", "--bind", str(target), str(target)],
            ["mount", "-o", "remount,ro,bind", str(target)],
        ]
    else:
        commands = [["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)]]
    for command in commands:
        if subprocess.run(command, capture_output=True).returncode:
            subprocess.run(["umount", str(target)], capture_output=True)
            raise Unavailable(f"{' '.join(command)} failed")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def fill(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    for name, block in (("filler", b"\0" * 4096), ("filler-small", b"\0")):
        with open(folder / name, "wb", buffering=0) as handle, contextlib.suppress(OSError):
            while True:
                handle.write(block)


def warm(lab: Lab, days: int = 10):
    """A folder, its history computed once (the store now holds it); (folder, rows, figures)."""
    folder = dated_folder(lab, days)
    first = succeeded(history(lab, folder))
    return folder, row_counts(store_path(lab)), figures_of(first)


# -- the cases ------------------------------------------------------------------------------------


def _busy(seconds: float):
    def run(lab: Lab):
        _folder, rows, figures = warm(lab)
        more = dated_folder(lab, 12, "more")
        with locked(store_path(lab), seconds):
            result = history(lab, more, timeout=seconds + 120)
        not_moved_aside(lab)
        rows_kept(lab, rows)
        if result.code == 0:
            if figures_of(result)[: len(figures)] != figures[: len(figures)]:
                raise Failure("wrong", "figures differ after waiting for the lock")
        else:
            refused(result, "busy")

    return run


def _full_disk(lab: Lab):
    with mounted(lab, "size=400k"):
        _folder, rows, figures = warm(lab, 4)
        before = digest(store_path(lab))
        fill(lab.data)
        more = dated_folder(lab, 10, "more")
        result = history(lab, more)
        not_moved_aside(lab)
        if digest(store_path(lab)) != before:
            rows_kept(lab, rows)
        if result.code != 0:
            raise Failure("other", f"exit {result.code} on a full disk: {result.err.strip()[:200]}")
        if "full" not in result.err.lower():
            raise Failure("other", f"no word that the disk is full: {result.err.strip()[:200]!r}")
        if len(figures_of(result)) <= len(figures):
            raise Failure("wrong", "the new dates were not computed")


def _read_only(cold: bool):
    def run(lab: Lab):
        folder, _rows, figures = warm(lab, 6)
        before = digest(store_path(lab))
        with mounted(lab, "ro"):
            target = dated_folder(lab, 9, "more") if cold else folder
            result = succeeded(history(lab, target))
        not_moved_aside(lab)
        if digest(store_path(lab)) != before:
            raise Failure("lost", "the read-only store changed")
        if figures_of(result)[: len(figures)] != figures:
            raise Failure("wrong", "figures differ from the read-only store")
        if cold and "read-only" not in result.err.lower() and "read only" not in result.err.lower():
            raise Failure(
                "other", f"no word that nothing can be written: {result.err.strip()[:200]!r}"
            )

    return run


def _damaged(how: str):
    def run(lab: Lab):
        folder, _rows, figures = warm(lab, 6)
        path = store_path(lab)
        if how == "garbage":
            path.write_bytes(os.urandom(path.stat().st_size))
        elif how == "truncated":
            with open(path, "r+b") as handle:
                handle.truncate(path.stat().st_size // 2)
        elif how == "empty":
            path.write_bytes(b"")
        elif how == "directory":
            path.unlink()
            path.mkdir()
        result = history(lab, folder)
        if result.code == 0:
            if figures_of(result) != figures:
                raise Failure("wrong", "figures differ after the store was damaged")
        else:
            refused(result, "store")

    return run


def _bad_rows(sql: str, parameters_of=None):
    def run(lab: Lab):
        folder, _rows, figures = warm(lab, 6)
        with contextlib.closing(sqlite3.connect(store_path(lab))) as connection:
            parameters = parameters_of(connection) if parameters_of else ()
            connection.execute(sql, parameters)
            connection.commit()
        result = succeeded(history(lab, folder))
        not_moved_aside(lab)
        if figures_of(result) != figures:
            raise Failure("wrong", "a damaged row changed the figures")

    return run


def _doubled(connection):
    blob = connection.execute("SELECT km2 FROM stats LIMIT 1").fetchone()[0]
    return ((np.frombuffer(blob, dtype="<f8") * 2 + 1e5).astype("<f8").tobytes(),)


def _kill(after: float):
    def run(lab: Lab):
        folder = dated_folder(lab, 40)
        clean = figures_of(
            succeeded(
                lab.cli(
                    "history",
                    folder,
                    "--format",
                    "csv",
                    env={**lab.env, "XDG_DATA_HOME": str(lab.path("clean"))},
                )
            )
        )
        process = subprocess.Popen(
            [str(APP), "history", str(folder), "--format", "csv"],
            env=lab.env,
            cwd=lab.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(after)
        process.send_signal(signal.SIGKILL)
        process.wait()
        result = succeeded(history(lab, folder))
        not_moved_aside(lab)
        if figures_of(result) != clean:
            raise Failure(
                "wrong", f"after kill -9 at {after} s the figures differ from a clean run"
            )

    return run


def _future_schema(lab: Lab):
    warm(lab, 4)
    with contextlib.closing(sqlite3.connect(store_path(lab))) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
        connection.commit()
    before = digest(store_path(lab))
    result = succeeded(history(lab, dated_folder(lab, 6, "more")))
    not_moved_aside(lab)
    if digest(store_path(lab)) != before:
        raise Failure("lost", "a newer store was written to")
    if len(figures_of(result)) == 0:
        raise Failure("wrong", "no figures")


def _stdout_full(lab: Lab):
    folder, rows, _figures = warm(lab, 4)
    with open("/dev/full", "w") as full:
        result = lab.cli("history", folder, "--format", "csv", stdout=full)
    if result.code == 0:
        raise Failure("wrong", "exit 0 although nothing could be written")
    rows_kept(lab, rows)
    not_moved_aside(lab)


CASES = [
    Case(1, "store locked by another process for 8 s", _busy(8)),
    Case(1, "store locked by another process for 40 s", _busy(40), big=True),
    Case(1, "store locked for longer than the app waits (75 s)", _busy(75), big=True),
    Case(1, "full disk under the store", _full_disk),
    Case(1, "read-only data folder, warm history", _read_only(cold=False)),
    Case(1, "read-only data folder, new dates", _read_only(cold=True)),
    Case(1, "store overwritten with garbage", _damaged("garbage")),
    Case(1, "store cut in half", _damaged("truncated")),
    Case(1, "store emptied", _damaged("empty")),
    Case(1, "store replaced by a folder", _damaged("directory")),
    Case(1, "stored figures of the wrong length", _bad_rows("UPDATE stats SET km2 = x'0102'")),
    Case(
        1, "stored figures beyond the unit's area", _bad_rows("UPDATE stats SET km2 = ?", _doubled)
    ),
    Case(
        1,
        "stored figures negative",
        _bad_rows(
            "UPDATE stats SET km2 = ?", lambda c: ((np.full(27, -5.0)).astype("<f8").tobytes(),)
        ),
    ),
    Case(
        1,
        "stored figures NaN",
        _bad_rows(
            "UPDATE stats SET km2 = ?", lambda c: ((np.full(27, np.nan)).astype("<f8").tobytes(),)
        ),
    ),
    Case(1, "stored geometry garbage", _bad_rows("UPDATE snapshots SET wkb = x'00ff00ff'")),
    Case(1, "stored file record of another content", _bad_rows("UPDATE files SET hash = 'x'")),
    Case(1, "store of a newer schema", _future_schema),
    Case(1, "history to a full standard output", _stdout_full),
    *[
        Case(1, f"kill -9 after {t} s of a history", _kill(t))
        for t in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)
    ],
]
