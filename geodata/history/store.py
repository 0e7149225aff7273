"""The local store: snapshots and their computed statistics, so a history reopens at once.

One SQLite file in the user data folder. Rows are keyed by the content hash of
a snapshot and, for statistics, by the boundary set's version, so changed
boundaries are recomputed. Every write is a transaction: a crash or a cancel in
the middle of an import leaves the store as it was before that batch. A store
that cannot be read is moved aside (``store.sqlite.corrupt-<time>``) and a new
one started; :attr:`Store.recovered_from` says so, for the app to tell the user.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from geodata.errors import StoreError

APP_DIR_NAME = "frontline-atlas"
SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS snapshots (
    hash TEXT PRIMARY KEY, wkb BLOB NOT NULL, source TEXT NOT NULL, added TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stats (
    hash TEXT NOT NULL, boundary_version TEXT NOT NULL, km2 BLOB NOT NULL,
    PRIMARY KEY (hash, boundary_version));
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS updates (
    id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, date TEXT NOT NULL,
    description TEXT NOT NULL, hash TEXT NOT NULL);
"""


def default_store_path() -> Path:
    """``store.sqlite`` in the user data folder (platformdirs)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "store.sqlite"


def content_hash(data: bytes) -> str:
    """The key of a snapshot's content (BLAKE2b, 16 bytes, hex).

    >>> content_hash(b"x")
    '442a44457137672b3218c1007dc8f76a'
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class FileRecord:
    """What the store remembers of a file: its size and time, and its content's hash."""

    size: int
    mtime_ns: int
    hash: str


@dataclass(frozen=True)
class Update:
    """One DeepStateMap update kept in the store."""

    id: int
    created_at: str
    date: dt.date
    description: str
    hash: str


class Store:
    """The SQLite store. Safe to use from several threads (one connection per call)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_store_path()
        self.recovered_from: Path | None = None
        self._lock = threading.Lock()
        self._open_or_recover()

    # -- snapshots and statistics ------------------------------------------------------------

    def stats_for(self, hashes: Iterable[str], boundary_version: str) -> dict[str, np.ndarray]:
        """Stored per-unit figures for these content hashes (those it has).

        ``boundary_version`` is the key the figures were saved under: a boundary
        set's version for the raw controlled km², or a method key such as
        :func:`geodata.reconcile.method_key` for what a method added.
        """
        wanted = set(hashes)
        rows = self._query(
            "SELECT hash, km2 FROM stats WHERE boundary_version = ?", (boundary_version,)
        )
        return {h: np.frombuffer(blob, dtype="<f8") for h, blob in rows if h in wanted}

    def geometry_wkb(self, content: str) -> bytes | None:
        """A stored snapshot's controlled territory (WKB, WGS84), or None."""
        rows = self._query("SELECT wkb FROM snapshots WHERE hash = ?", (content,))
        return rows[0][0] if rows else None

    def files(self) -> dict[str, FileRecord]:
        """Every file the store has seen: path -> size, time and hash."""
        rows = self._query("SELECT path, size, mtime_ns, hash FROM files")
        return {path: FileRecord(size, mtime, h) for path, size, mtime, h in rows}

    def save(
        self,
        boundary_version: str,
        snapshots: Iterable[tuple[str, bytes, str, np.ndarray]],
        files: Iterable[tuple[str, FileRecord]] = (),
        extra: dict[str, Iterable[tuple[str, np.ndarray]]] | None = None,
    ) -> None:
        """Add snapshots ``(hash, wkb, source, km2)`` and file records, in one transaction.

        ``extra`` maps further figure keys (a method and its settings, e.g.
        :func:`geodata.reconcile.method_key`) to ``(hash, per-unit figures)``.
        """
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        snapshot_rows, stats_rows = [], []
        for content, wkb, source, km2 in snapshots:
            snapshot_rows.append((content, wkb, source, now))
            stats_rows.append((content, boundary_version, np.asarray(km2, dtype="<f8").tobytes()))
        for key, figures in (extra or {}).items():
            stats_rows += [
                (content, key, np.asarray(values, dtype="<f8").tobytes())
                for content, values in figures
            ]
        file_rows = [(path, r.size, r.mtime_ns, r.hash) for path, r in files]
        with self._write() as connection:
            connection.executemany(
                "INSERT OR IGNORE INTO snapshots VALUES (?, ?, ?, ?)", snapshot_rows
            )
            connection.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?)", stats_rows)
            connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", file_rows)

    # -- DeepStateMap updates ----------------------------------------------------------------

    def updates(self) -> list[Update]:
        """The DeepStateMap updates in the store, oldest first."""
        rows = self._query(
            "SELECT id, created_at, date, description, hash FROM updates ORDER BY id"
        )
        return [Update(i, c, dt.date.fromisoformat(d), text, h) for i, c, d, text, h in rows]

    def save_update(
        self, update: Update, wkb: bytes, km2: np.ndarray, boundary_version: str
    ) -> None:
        """Add one update with its snapshot and statistics, in one transaction."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._write() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO snapshots VALUES (?, ?, ?, ?)",
                (update.hash, wkb, f"DeepStateMap update {update.id}", now),
            )
            connection.execute(
                "INSERT OR REPLACE INTO stats VALUES (?, ?, ?)",
                (update.hash, boundary_version, np.asarray(km2, dtype="<f8").tobytes()),
            )
            connection.execute(
                "INSERT OR REPLACE INTO updates VALUES (?, ?, ?, ?, ?)",
                (
                    update.id,
                    update.created_at,
                    update.date.isoformat(),
                    update.description,
                    update.hash,
                ),
            )

    # -- internals ---------------------------------------------------------------------------

    def _open_or_recover(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(self.path, f"cannot create its folder ({error.strerror})") from None
        try:
            self._initialise()
        except sqlite3.DatabaseError as error:
            self._move_aside(str(error))
            self._initialise()

    def _initialise(self) -> None:
        with closing(self._connect()) as connection:
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            with connection:
                connection.executescript(_SCHEMA)
                row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                elif row[0] != SCHEMA_VERSION:
                    raise sqlite3.DatabaseError(
                        f"schema version {row[0]}, expected {SCHEMA_VERSION}"
                    )

    def _move_aside(self, reason: str) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm", "-journal"):
                leftover = self.path.with_name(self.path.name + suffix)
                if leftover.exists():
                    leftover.replace(aside.with_name(aside.name + suffix))
        except OSError as error:
            raise StoreError(self.path, f"it is damaged ({reason}) and cannot be moved aside "
                             f"({error.strerror})") from None  # fmt: skip
        self.recovered_from = aside
        self.recovery_reason = reason

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        try:
            with closing(self._connect()) as connection:
                return connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise StoreError(self.path, str(error)) from None

    def _write(self):
        return _Transaction(self)


class _Transaction:
    """``with store._write() as connection``: commit on success, roll back on any error."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __enter__(self) -> sqlite3.Connection:
        self._store._lock.acquire()
        try:
            self._connection = self._store._connect()
            self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            self._store._lock.release()
            raise StoreError(self._store.path, str(error)) from None
        return self._connection

    def __exit__(self, kind, error, traceback) -> bool:
        try:
            if kind is None:
                self._connection.commit()
            else:
                self._connection.rollback()
        except sqlite3.DatabaseError as failure:
            raise StoreError(self._store.path, str(failure)) from None
        finally:
            self._connection.close()
            self._store._lock.release()
        if isinstance(error, sqlite3.DatabaseError):
            raise StoreError(self._store.path, str(error)) from None
        return False
