"""The local store: snapshots and their computed statistics, so a history reopens at once.

One SQLite file in the user data folder. Rows are keyed by the content hash of
a snapshot and, for statistics, by the boundary set's version, so changed
boundaries are recomputed. Every write is a transaction: a crash or a cancel in
the middle of an import leaves the store as it was before that batch.

A fault is not damage. Only a store that fails its integrity check (``PRAGMA
quick_check``, "file is not a database", "malformed") is moved aside
(``store.sqlite.corrupt-<time>``) and a new one started; :attr:`Store.recovered_from`
says so. Another program's lock is waited for, then reported
(:class:`~geodata.errors.StoreBusyError`). A read-only file or folder or a full
disk leaves what is stored readable: the store opens read-only,
:attr:`Store.read_only_reason` says why, and writes raise
:class:`~geodata.errors.StoreReadOnlyError`. An older schema is migrated in place.
Rows read back are checked as a file's contents would be: figures that cannot
be right and updates with impossible dates are left out (and logged), so the
figures are computed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import shapely

from geodata.errors import BadInputError, StoreBusyError, StoreError, StoreReadOnlyError
from geodata.user_folders import user_data_folder

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
# What this version reads of a store: a newer one must still answer these.
_PROBES = (
    "SELECT hash, wkb, source, added FROM snapshots LIMIT 0",
    "SELECT hash, boundary_version, km2 FROM stats LIMIT 0",
    "SELECT path, size, mtime_ns, ctime_ns, inode, hash FROM files LIMIT 0",
    "SELECT id, created_at, date, description, hash FROM updates LIMIT 0",
)
BUSY_TIMEOUT_S = 60.0  # another program's lock is waited for this long, then reported
AREA_SLACK = 1.001  # stored figures may exceed a unit's area by 0.1 % (float and projection noise)
FULL_DISK_BYTES = 2**20  # less free space than this, and an I/O error is taken as a full disk
UPDATE_YEARS = (2014, 2100)  # an update dated outside these years is not a real one

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS snapshots (
        hash TEXT PRIMARY KEY, wkb BLOB NOT NULL, source TEXT NOT NULL, added TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS stats (
        hash TEXT NOT NULL, boundary_version TEXT NOT NULL, km2 BLOB NOT NULL,
        PRIMARY KEY (hash, boundary_version))""",
    """CREATE TABLE IF NOT EXISTS files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
        hash TEXT NOT NULL, ctime_ns INTEGER NOT NULL DEFAULT 0,
        inode INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS updates (
        id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, date TEXT NOT NULL,
        description TEXT NOT NULL, hash TEXT NOT NULL)""",
)
#: The statements that bring a store of each older schema version to the next.
_MIGRATIONS = {
    # Version 1 knew files by size and mtime only. A change time of 0 matches no
    # real file, so every file is hashed once more, then known by all four.
    1: (
        "ALTER TABLE files ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE files ADD COLUMN inode INTEGER NOT NULL DEFAULT 0",
    ),
}

Fault = Literal["busy", "full", "read-only", "cannot-open", "io", "damaged", "other"]
#: SQLite error names (prefixes) and message phrases of each kind of fault, first match wins.
_FAULTS: tuple[tuple[Fault, tuple[str, ...], tuple[str, ...]], ...] = (
    ("busy", ("SQLITE_BUSY", "SQLITE_LOCKED"), ("database is locked", "table is locked")),
    ("full", ("SQLITE_FULL",), ("database or disk is full",)),
    ("read-only", ("SQLITE_READONLY",), ("readonly database",)),
    ("cannot-open", ("SQLITE_CANTOPEN",), ("unable to open database",)),
    ("io", ("SQLITE_IOERR",), ("disk i/o error",)),
    ("damaged", ("SQLITE_CORRUPT", "SQLITE_NOTADB"),
     ("not a database", "malformed", "integrity check failed")),
)  # fmt: skip
#: What each fault means for the user; ``{detail}`` is SQLite's message.
_FAULT_REASONS: dict[Fault, str] = {
    "busy": "another program holds it locked (perhaps a second Frontline Atlas or a backup "
    "tool) and it was still locked after {timeout:g} s; nothing was changed. Close that "
    "program and try again",
    "full": "the disk is full, so nothing new can be written ({detail}); what it holds is "
    "kept and can still be read. Free some space and try again",
    "read-only": "the file or its folder is read-only, so nothing new can be written "
    "({detail}); what it holds can still be read",
    "cannot-open": "it cannot be opened ({detail}); check that the file and its folder exist "
    "and may be read and written",
    "io": "the disk reported an input/output error ({detail}); nothing was moved or deleted. "
    "Check the disk and try again",
    "damaged": "it is damaged ({detail})",
    "other": "{detail}",
}
_FAULT_ERRORS: dict[Fault, type[StoreError]] = {
    "busy": StoreBusyError,
    "full": StoreReadOnlyError,
    "read-only": StoreReadOnlyError,
}


def default_store_path() -> Path:
    """``store.sqlite`` in the user data folder (platformdirs)."""
    return user_data_folder() / "store.sqlite"


def content_hash(data: bytes) -> str:
    """The key of a snapshot's content (BLAKE2b, 16 bytes, hex).

    >>> content_hash(b"x")
    '442a44457137672b3218c1007dc8f76a'
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_hash(path: Path) -> str:
    """:func:`content_hash` of a file, read in blocks (a GeoPackage may be large).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.gpkg"
    >>> _ = path.write_bytes(b"x")
    >>> file_hash(path) == content_hash(b"x")
    True
    """
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError as error:
        raise BadInputError(path, error.strerror or str(error)) from None


def classify_fault(error: sqlite3.Error) -> Fault:
    """The kind of an SQLite error: only ``"damaged"`` may move a store aside.

    >>> classify_fault(sqlite3.OperationalError("database is locked"))
    'busy'
    >>> classify_fault(sqlite3.OperationalError("database or disk is full"))
    'full'
    >>> classify_fault(sqlite3.DatabaseError("file is not a database"))
    'damaged'
    """
    name = getattr(error, "sqlite_errorname", None)
    text = str(error).lower()
    for fault, names, phrases in _FAULTS:
        if name.startswith(names) if name else any(p in text for p in phrases):
            return fault
    return "other"


@dataclass(frozen=True)
class FileRecord:
    """What the store remembers of a file: its size, times and inode, and its content's hash.

    The change time moves on every write, even when the modification time is
    set back (``os.utime``), and the inode on every replacement: a file is taken
    as unchanged only when all four match.
    """

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    hash: str

    @classmethod
    def of(cls, stat: os.stat_result, content: str) -> FileRecord:
        """The record of a file as ``stat`` describes it, whose content hashes to ``content``."""
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, content)

    def describes(self, stat: os.stat_result) -> bool:
        """Whether the file is, by all signs, still the one recorded."""
        now = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode) == now


@dataclass(frozen=True)
class Update:
    """One DeepStateMap update kept in the store."""

    id: int
    created_at: str
    date: dt.date
    description: str
    hash: str


def storable(text: str) -> str:
    r"""A file's path or name as text SQLite can hold, each name still its own.

    A name that is not valid UTF-8 (Cyrillic cp1251 names unzipped on Linux)
    reaches Python with its bad bytes as lone surrogates, which SQLite refuses:
    they are kept as ``\xNN`` escapes instead.

    >>> storable("map\udcff_20240709.geojson"), storable("карта.geojson")
    ('map\\xff_20240709.geojson', 'карта.geojson')
    """
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name holds
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


class Store:
    """The SQLite store. Safe to use from several threads (one connection per call).

    Parameters
    ----------
    path : Path, optional
        The store file; :func:`default_store_path` by default.
    read_only : bool
        Only read: never create, migrate or write the file.
    busy_timeout_s : float
        How long a call waits for another program's lock before it raises
        :class:`~geodata.errors.StoreBusyError`.

    Attributes
    ----------
    recovered_from : Path or None
        Where a damaged store was moved aside to, if it was.
    recovery_reason : str
        What was wrong with it (SQLite's message or the failed check).
    read_only_reason : str or None
        Why nothing new can be written, if so (read-only file or folder, full
        disk, a newer schema, ``read_only=True``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = Store(Path(folder) / "store.sqlite")
    ...     reader = Store(store.path, read_only=True)
    ...     store.read_only_reason, reader.read_only_reason, reader.updates()
    (None, 'it was opened read-only', [])
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        read_only: bool = False,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
    ) -> None:
        self.path = Path(path) if path else default_store_path()
        self.busy_timeout_s = busy_timeout_s
        self.recovered_from: Path | None = None
        self.recovery_reason = ""
        self.read_only_reason: str | None = None
        self._mode: Literal["rw", "ro", "immutable"] = "rw"
        self._schema = SCHEMA_VERSION
        self._said_waiting = False
        self._lock = threading.Lock()
        if read_only:
            self._open_read_only("it was opened read-only")
        else:
            self._open_or_recover()

    # -- snapshots and statistics ------------------------------------------------------------

    def stats_for(
        self,
        hashes: Iterable[str],
        boundary_version: str,
        *,
        units: int | None = None,
        area_km2: np.ndarray | None = None,
    ) -> dict[str, np.ndarray]:
        """Stored per-unit figures for these content hashes (those it has, and that can be right).

        ``boundary_version`` is the key the figures were saved under: a boundary
        set's version for the raw controlled km², or a method key such as
        :func:`geodata.reconcile.method_key` for what a method added. A row that
        is not ``units`` float64s (``len(area_km2)`` by default), or holds a value
        that is not finite, negative or above the unit's area (``area_km2``, 0.1 %
        slack), is left out as if never stored, so it is computed again.
        """
        if units is None and area_km2 is not None:
            units = len(area_km2)
        if area_km2 is not None and len(area_km2) != units:
            raise ValueError(f"{len(area_km2)} unit areas given for {units} units")
        limit = None if area_km2 is None else np.asarray(area_km2, dtype=float) * AREA_SLACK
        wanted = set(hashes)
        rows = self._query(
            "SELECT hash, km2 FROM stats WHERE boundary_version = ?", (boundary_version,)
        )
        figures, invalid = {}, 0
        for content, blob in rows:
            if content in wanted:
                values = _valid_figures(blob, units, limit)
                if values is None:
                    invalid += 1
                else:
                    figures[content] = values
        if invalid:
            log.warning(
                "history store %s: %d stored rows of figures under %s cannot be right; "
                "they are computed again",
                self.path,
                invalid,
                boundary_version,
            )
        return figures

    def blobs_for(self, hashes: Iterable[str], key: str) -> dict[str, bytes]:
        """Stored bytes (saved with :meth:`save`'s ``blobs``) under ``key`` for these hashes.

        The caller checks what it gets: a value that cannot be right is left out
        there and computed again.
        """
        wanted = set(hashes)
        rows = self._query("SELECT hash, km2 FROM stats WHERE boundary_version = ?", (key,))
        return {
            content: blob for content, blob in rows if content in wanted and isinstance(blob, bytes)
        }

    def hashes_with(self, key: str) -> set[str]:
        """The content hashes that have something stored under ``key`` (unchecked).

        >>> import tempfile, pathlib
        >>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite")
        >>> store.save("v1", [("ab", b"", "a file", np.zeros(2))])
        >>> store.hashes_with("v1"), store.hashes_with("v2")
        ({'ab'}, set())
        """
        rows = self._query("SELECT hash FROM stats WHERE boundary_version = ?", (key,))
        return {content for (content,) in rows if isinstance(content, str)}

    def geometry_wkb(self, content: str) -> bytes | None:
        """A stored snapshot's controlled territory (WKB, WGS84), or None (also if unreadable)."""
        rows = self._query("SELECT wkb FROM snapshots WHERE hash = ?", (content,))
        if not rows:
            return None
        wkb = rows[0][0]
        if not isinstance(wkb, bytes) or shapely.from_wkb(wkb, on_invalid="ignore") is None:
            log.warning("history store %s: the stored geometry of %s is unreadable; left out",
                        self.path, content)  # fmt: skip
            return None
        return wkb

    def files(self) -> dict[str, FileRecord]:
        """Every file the store has seen: path -> size, times, inode and hash."""
        if self._schema < 2:
            return {}  # read-only, not migrated: records without change times cannot be trusted
        rows = self._query("SELECT path, size, mtime_ns, ctime_ns, inode, hash FROM files")
        # A record of the wrong types is no record: that file is hashed again.
        return {
            path: FileRecord(*numbers, content)
            for path, *numbers, content in rows
            if isinstance(path, str) and isinstance(content, str)
            if all(isinstance(number, int) for number in numbers)
        }

    def save(
        self,
        boundary_version: str,
        snapshots: Iterable[tuple[str, bytes, str, np.ndarray]],
        files: Iterable[tuple[str, FileRecord]] = (),
        extra: dict[str, Iterable[tuple[str, np.ndarray]]] | None = None,
        blobs: dict[str, Iterable[tuple[str, bytes]]] | None = None,
    ) -> None:
        """Add snapshots ``(hash, wkb, source, km2)`` and file records, in one transaction.

        ``extra`` maps further figure keys (a method and its settings, e.g.
        :func:`geodata.reconcile.method_key`) to ``(hash, per-unit figures)``;
        ``blobs`` maps keys to ``(hash, bytes)`` kept as they are (read back with
        :meth:`blobs_for`).
        """
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        snapshot_rows, stats_rows = [], []
        for content, wkb, source, km2 in snapshots:
            snapshot_rows.append((content, wkb, storable(source), now))
            stats_rows.append((content, boundary_version, np.asarray(km2, dtype="<f8").tobytes()))
        for key, figures in (extra or {}).items():
            stats_rows += [
                (content, key, np.asarray(values, dtype="<f8").tobytes())
                for content, values in figures
            ]
        for key, values in (blobs or {}).items():
            stats_rows += [(content, key, bytes(blob)) for content, blob in values]
        file_rows = [
            (storable(path), r.size, r.mtime_ns, r.ctime_ns, r.inode, r.hash) for path, r in files
        ]
        with self._write() as connection:
            connection.executemany(
                "INSERT OR IGNORE INTO snapshots VALUES (?, ?, ?, ?)", snapshot_rows
            )
            connection.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?)", stats_rows)
            connection.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, ctime_ns, inode, hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                file_rows,
            )

    # -- DeepStateMap updates ----------------------------------------------------------------

    def updates(self) -> list[Update]:
        """The DeepStateMap updates in the store, oldest first (those with a possible date)."""
        rows = self._query(
            "SELECT id, created_at, date, description, hash FROM updates ORDER BY id"
        )
        updates = []
        for row in rows:
            update = _valid_update(row)
            if update is None:
                log.warning("history store %s: update %r has an impossible date or fields "
                            "(%r); left out", self.path, row[0], row[2])  # fmt: skip
            else:
                updates.append(update)
        return updates

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

    # -- opening -----------------------------------------------------------------------------

    def _open_or_recover(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(self.path, f"cannot create its folder ({error.strerror})") from None
        if self.path.is_file() and not os.access(self.path, os.W_OK):
            self._open_read_only(_FAULT_REASONS["read-only"].format(detail="no write permission"))
            return
        try:
            self._open_writable()
            return
        except sqlite3.Error as error:
            fault, detail, failure = classify_fault(error), str(error), self._failure(error)
        if fault == "other":
            raise failure
        if fault != "damaged":  # a lock, a full disk, a read-only file or folder, an I/O error
            try:
                # What is there can still be read; after a lock, only if reading is not blocked too.
                self._open_read_only(failure.reason, wait=fault != "busy")
            except StoreError as unreadable:
                raise (failure if fault == "busy" else unreadable) from None
            return
        self._move_aside(detail)
        try:
            self._open_writable()
        except sqlite3.Error as error:
            raise self._failure(error) from None

    def _open_writable(self) -> None:
        self._mode = "rw"
        with closing(self._connect()) as connection:
            _check_integrity(connection)
            version = _schema_version(connection)
            if version is None or version < SCHEMA_VERSION:
                version = _create_or_migrate(connection)
        self._schema = version
        if version > SCHEMA_VERSION:
            self._check_readable(version)
            self._open_read_only(
                f"it was written by a newer version of Frontline Atlas (store schema {version}, "
                f"this version knows {SCHEMA_VERSION}), so nothing new is written to it"
            )

    def _check_readable(self, version: int) -> None:
        """Refuse a newer version's store whose tables this version cannot read as they are."""
        try:
            with closing(self._connect()) as connection:
                for sql in _PROBES:
                    connection.execute(sql).fetchall()
        except sqlite3.Error:
            raise StoreError(self.path, f"it was written by a newer version of Frontline Atlas "
                             f"(store schema {version}) in a form this version cannot read; "
                             "it is left as it is") from None  # fmt: skip

    def _open_read_only(self, because: str, wait: bool = True) -> None:
        if not self.path.is_file():
            raise StoreError(self.path, f"{because}; and there is no store there yet to read")
        # A WAL store whose -shm cannot be made (read-only folder, full disk) opens only as
        # immutable, which cannot see changes still in the -wal file: said so below.
        for mode in ("ro", "immutable"):
            self._mode = mode
            try:
                with closing(self._connect(wait)) as connection:
                    _check_integrity(connection)
                    version = _schema_version(connection)
                break
            except sqlite3.Error as error:
                failure = self._failure(error)
                if mode == "immutable" or classify_fault(error) in ("busy", "damaged", "other"):
                    raise type(failure)(self.path, f"{failure.reason}; and {because}") from None
        if version is None:
            raise StoreError(self.path, f"{because}; and it holds nothing yet")
        wal = self.path.with_name(self.path.name + "-wal")
        if self._mode == "immutable" and wal.is_file() and wal.stat().st_size:
            because += f" (the latest changes, kept in {wal.name}, show once it can be written)"
        self._schema = version
        self.read_only_reason = because

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
        log.warning("history store %s: damaged (%s); moved aside to %s", self.path, reason, aside)
        self.recovered_from = aside
        self.recovery_reason = reason

    # -- connections -------------------------------------------------------------------------

    def _connect(self, wait: bool = True) -> sqlite3.Connection:
        """A connection in the store's mode, waiting for locks unless told not to.

        Transactions are begun explicitly (``isolation_level=None``).
        """
        if self._mode == "rw":
            target, uri = str(self.path), False
        else:
            query = "mode=ro" if self._mode == "ro" else "mode=ro&immutable=1"
            target, uri = f"{self.path.absolute().as_uri()}?{query}", True
        connection = sqlite3.connect(
            target, timeout=self.busy_timeout_s if wait else 0, isolation_level=None, uri=uri
        )
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        try:
            try:
                with closing(self._connect(wait=False)) as connection:
                    return connection.execute(sql, parameters).fetchall()
            except sqlite3.OperationalError as error:
                if classify_fault(error) != "busy":
                    raise
            self._say_waiting()
            with closing(self._connect()) as connection:
                return connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise self._failure(error) from None

    def _say_waiting(self) -> None:
        """Tell the user why nothing happens for a while (once per store)."""
        if not self._said_waiting:
            self._said_waiting = True
            # Not always another program: the app's own history may be saving (a checkpoint
            # of the write-ahead log holds readers back a moment).
            log.warning("history store %s: busy (being written, by this app's history, another "
                        "Frontline Atlas or a backup); waiting for it (at most %.0f s)",
                        self.path, self.busy_timeout_s)  # fmt: skip

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """``with store._write() as connection``: commit on success, roll back on any error."""
        if self.read_only_reason is not None:
            raise StoreReadOnlyError(self.path, self.read_only_reason)
        with self._lock:
            try:
                connection = self._connect()
            except sqlite3.Error as error:
                raise self._failure(error) from None
            try:
                _begin_immediate(connection, self._say_waiting, self.busy_timeout_s)
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                _roll_back(connection)
                raise self._failure(error) from None
            except BaseException:
                _roll_back(connection)
                raise
            finally:
                connection.close()

    def _failure(self, error: sqlite3.Error) -> StoreError:
        """The :class:`~geodata.errors.StoreError` that tells the user what ``error`` means."""
        fault, detail = classify_fault(error), str(error)
        if fault == "io" and _disk_is_full(self.path.parent):
            # SQLite reports a full disk met while sizing its -shm file as an I/O error.
            fault, detail = "full", f"{error}, with less than {FULL_DISK_BYTES >> 20} MiB free"
        reason = _FAULT_REASONS[fault].format(detail=detail, timeout=self.busy_timeout_s)
        return _FAULT_ERRORS.get(fault, StoreError)(self.path, reason)


def _disk_is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < FULL_DISK_BYTES
    except OSError:
        return False


def _check_integrity(connection: sqlite3.Connection) -> None:
    check = connection.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {check}")


def _schema_version(connection: sqlite3.Connection) -> int | None:
    """The store's schema version; None for a new store. Text that is no number counts as newer."""
    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        return None
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        return SCHEMA_VERSION + 1  # only read, never rewritten: it is not ours to change


def _create_or_migrate(connection: sqlite3.Connection) -> int:
    """Make the tables of a new store, or migrate an older one in place; the version now."""
    connection.execute("PRAGMA journal_mode=WAL")  # kept in the file: set once
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _schema_version(connection)  # again: another program may have done it
        if version is None:
            for statement in _TABLES:
                connection.execute(statement)
        elif version < SCHEMA_VERSION:
            for old in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[old]:
                    connection.execute(statement)
        if version is None or version < SCHEMA_VERSION:
            connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )
            version = SCHEMA_VERSION
        connection.execute("COMMIT")
    except BaseException:
        _roll_back(connection)
        raise
    return version


def _begin_immediate(connection: sqlite3.Connection, say_waiting, timeout_s: float) -> None:
    """``BEGIN IMMEDIATE``; if another program holds the lock, say so, then wait for it."""
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as error:
        if classify_fault(error) != "busy":
            raise
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
    say_waiting()
    connection.execute("BEGIN IMMEDIATE")


def _roll_back(connection: sqlite3.Connection) -> None:
    # After a full disk or an I/O error SQLite has rolled back already; that error is reported.
    with suppress(sqlite3.Error):
        connection.rollback()


def _valid_figures(blob, units: int | None, limit: np.ndarray | None) -> np.ndarray | None:
    """A stored row of per-unit km², or None where it cannot be right."""
    if (
        not isinstance(blob, bytes)
        or len(blob) % 8
        or (units is not None and len(blob) != 8 * units)
    ):
        return None
    values = np.frombuffer(blob, dtype="<f8")
    if not np.isfinite(values).all() or (values < 0).any():
        return None
    if limit is not None and (values > limit).any():
        return None
    return values


def _valid_update(row: tuple) -> Update | None:
    """A stored update, or None where its date is impossible or a field is of the wrong type."""
    number, created_at, date, description, content = row
    if not (isinstance(number, int) and isinstance(date, str) and isinstance(content, str)):
        return None
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return None
    if not UPDATE_YEARS[0] <= day.year <= UPDATE_YEARS[1]:
        return None
    return Update(number, str(created_at), day, str(description), content)
