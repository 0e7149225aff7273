"""A whole history's statistics: from the store when known, else computed in parallel.

Method
------
* Each snapshot is keyed by its content hash; the store keeps its per-unit
  controlled km² under :func:`~geodata.stats.figures_key` (boundaries and
  measurement version), so a history reopens without reading any geometry.
  Files are recognised by path, size, modification and change time and
  inode before they are even read (a file rewritten in place with its
  modification time set back has a new change time). Any other file is hashed
  by the worker that measures it: a JSON file is read once, and keyed by the
  hash of the bytes it parses (a format GDAL reads, by a hash taken just
  before); if the store knows that content (a copied or renamed map), the
  date's figures come from the store instead. Stored figures
  that cannot be right (wrong length, beyond a unit's area) are computed again;
  a store that cannot take new figures (busy, full, read-only) is named in the
  notes and the figures computed now stand. Each run's dates are kept as they
  come, whole dates in each transaction: a cancel or a failure loses nothing
  computed, and the next opening computes only the rest.
* Snapshots not in the store are split into runs of consecutive dates, computed
  by worker processes: forked on the command line (Linux), freshly started in
  the app when there are many maps to compute, whose start costs a second or
  two; a few new dates, and a fresh process that cannot start, are computed in
  threads (shapely and pyproj work without the GIL, JSON parsing does not). Within
  a run, day-to-day changes are small: the control geometry clipped to a unit's
  bounding box is compared with the day before's (``equals_exact``, a
  coordinate comparison) and, where it has not changed, that unit's figure is
  reused instead of intersecting again; where it has, only the cells of the
  unit's grid whose clip changed are measured again
  (:mod:`geodata.unit_measure`). The figures are exactly those of
  :func:`geodata.stats.controlled_area_by_region`. A file whose features are
  exactly those of the day before (:func:`~geodata.importers.assemble.same_source`;
  about one day in seven of DeepStateMap's repeats the map) takes the day
  before's row and is not cleaned or measured at all.
* What changed from one date to the next is also found from the geometry's
  edges (:class:`~geodata.reconcile.edges.EdgeDiff`): outside the box of the
  edges that appeared or went, every point is inside on both dates or on
  neither, so places are tested again only inside it, and a day whose changed
  edges stay away from the border hands the reconciliation nothing to do.
* Border and coast reconciliation (:mod:`geodata.reconcile`) is kept in the
  store apart from the raw figures, keyed by its tolerance and method: a
  changed tolerance recomputes it, and switching back finds it again. It runs
  in the calling thread, in date order, as the workers' results come in, and
  recomputes only the border cells a day's changed edges touch.
* Each date also records which settlements of the gazetteer are held
  (:mod:`geodata.places`): the workers test the points against the raw
  territory, the reconciliation adds those in its slivers. The store keeps one
  bit a place, keyed by gazetteer, boundaries and method.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from stat import S_ISLNK

import numpy as np
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.errors import BadInputError, StoreError
from geodata.exports.text import shown
from geodata.geometry import clip_by_rects, geometry_array
from geodata.history.series import HistorySeries
from geodata.history.sources import HistorySource, Snapshot
from geodata.history.store import (
    AREA_SLACK,
    FileRecord,
    Store,
    content_hash,
    file_hash,
    storable,
)
from geodata.importers import read_file, read_source
from geodata.importers.assemble import OUTSIDE_UKRAINE, assemble_layer, same_source
from geodata.language import language_of, say
from geodata.places import HeldRawTracker, SliverTest, pack, place_points, status_key, unpack
from geodata.projection import to_equal_area
from geodata.reconcile import (
    DEFAULT_TOLERANCE_KM,
    UNCHANGED,
    BorderWatch,
    IncrementalReconciler,
    border_mask,
    check_tolerance,
    method_key,
)
from geodata.reconcile.edges import EdgeDiff
from geodata.stats import figures_key
from geodata.unit_measure import measure_unit, unit_cells

DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
# Snapshots per store transaction: each closes its connection with a checkpoint of the
# write-ahead log, so fewer, larger ones (about 13 MB of geometry) cost less.
SAVE_BATCH = 256
#: The store's key for what the importer said of each file (repairs, conversions, features
#: left out, a map lying outside Ukraine): said again when its figures come from the store.
IMPORT_NOTES_KEY = "import-notes/v1"
# Runs of consecutive dates per worker: progress and cancel are seen between runs, and
# the work stays balanced.
RUNS_PER_WORKER = 6
# Fresh worker processes are started for at least this many maps to compute (see
# _process_context): their start costs about what threads lose on 500 maps.
FRESH_PROCESS_MIN = 500


class NoProgress:
    """Progress reporting that goes nowhere (the app passes its own, with cancel)."""

    def report(self, fraction: float | None, message: str = "") -> None:
        """Ignore a progress report."""

    def check(self) -> None:
        """Never cancelled."""


def compute_history(
    source: HistorySource,
    store: Store | None = None,
    boundaries: BoundarySet | None = None,
    progress=None,
    workers: int = DEFAULT_WORKERS,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
) -> HistorySeries:
    """Per-unit controlled km² for every date of a history.

    Parameters
    ----------
    source : HistorySource
        From :func:`geodata.history.sources.open_history`.
    store : Store, optional
        Where known results are found and new ones kept; without it, everything
        is computed and nothing kept.
    progress : object, optional
        Has ``report(fraction, message)`` and ``check()`` (which raises to cancel).
    workers : int
        Threads or processes computing at once.
    reconcile_km : float
        Border and coast reconciliation tolerance (:mod:`geodata.reconcile`); 0
        for the raw intersection.
    """
    boundaries = boundaries or load_boundaries()
    reconcile_km = check_tolerance(reconcile_km)
    progress = progress or NoProgress()
    snapshots = list(source.snapshots)
    progress.report(0.0, say("Looking up {count} snapshots…", language_of(progress),
                             count=len(snapshots)))  # fmt: skip
    keys, paths = _recorded_keys(snapshots, store)
    known, known_added, known_held = _known_figures(
        store, [key for key in keys if key is not None], boundaries, reconcile_km
    )
    unusable = set()  # keys whose stored figures are missing or cannot be right
    for i, key in enumerate(keys):
        # A file whose figures the store lacks is read anyway, and kept under the key
        # of what is read: a stored record may be wrong (damaged, or another store's).
        if snapshots[i].key is None and not _complete(key, known, known_added, known_held):
            if key is not None:
                unusable.add(key)
            keys[i] = None
    missing = [
        i for i, key in enumerate(keys)
        if key is None or not _complete(key, known, known_added, known_held)
    ]  # fmt: skip
    file_notes: dict[str, tuple[str, ...]] = {}
    results: dict[str, np.ndarray] = dict(known)
    added: dict[str, np.ndarray] = dict(known_added)
    held: dict[str, np.ndarray] = dict(known_held)
    skipped: dict[int, str] = {}
    keeper = _Keeper(store, boundaries, reconcile_km)
    # Files read now may hold content the store knows (copied, renamed): the workers
    # recognise it by its hash, and those dates are taken from the store.
    stored = frozenset()
    if None in keys:
        stored = _stored_keys(store, boundaries, reconcile_km) - unusable
    shown = progress
    while missing:
        rows, recognised, failed = _compute_missing(
            snapshots, keys, paths, missing, boundaries, shown, workers, reconcile_km,
            keeper, stored,
        )  # fmt: skip
        shown = _CancelOnly(progress)  # a second pass is short: the bar does not go back
        results.update({row[0]: row[3] for row in rows})
        added.update({row[0]: row[4] for row in rows})
        held.update({row[0]: row[6] for row in rows})
        file_notes.update({row[0]: row[7] for row in rows})
        skipped.update(failed)
        del rows
        if not recognised:
            break
        found = _known_figures(store, [keys[i] for i in recognised], boundaries, reconcile_km)
        for into, figures in zip((results, added, held), found, strict=True):
            into.update(figures)
        # Stored figures that cannot be right are computed after all, from the file
        # as it is now (hashed again).
        missing = [i for i in recognised if not _complete(keys[i], results, added, held)]
        for i in missing:
            keys[i] = None
        stored = frozenset()
    progress.report(0.97, say("Saving to the store…", language_of(progress)))
    store_notes = keeper.finish()
    _give_back_memory()
    progress.report(1.0, say("Done", language_of(progress)))
    # A file that cannot be read is left out, and said so; the other dates stand.
    left_out = tuple(f"left out: {reason}" for reason in skipped.values())
    kept = [i for i in range(len(keys)) if i not in skipped]
    snapshots = [snapshots[i] for i in kept]
    keys = [keys[i] for i in kept]
    import_notes = _import_notes(snapshots, keys, file_notes, store)
    empty = np.zeros((0, len(boundaries.codes)))
    raw = np.vstack([results[key] for key in keys]) if keys else empty
    reconciled = np.vstack([added[key] for key in keys]) if keys else empty
    places = len(place_points()[0])
    statuses = np.vstack([held[key] for key in keys]) if keys else np.zeros((0, places), bool)
    return HistorySeries(
        source=source.name,
        dates=tuple(s.date for s in snapshots),
        keys=tuple(keys),
        labels=tuple(s.label for s in snapshots),
        controlled_km2=raw + reconciled,
        added_km2=reconciled,
        reconcile_km=reconcile_km,
        boundaries=boundaries,
        notes=store_notes + import_notes + source.notes + left_out,
        paths=tuple(s.path for s in snapshots),
        skipped=tuple(skipped.values()),
        held=statuses,
    )


def _import_notes(snapshots, keys, computed: dict, store: Store | None) -> tuple[str, ...]:
    """What the importer said of the dates' files, each thing once, naming the maps."""
    said = dict(computed)
    if store is not None:
        unknown = [key for key in keys if key not in said]
        for key, blob in store.blobs_for(unknown, IMPORT_NOTES_KEY).items():
            said[key] = tuple(blob.decode("utf-8", "replace").split("\n")) if blob else ()
    maps: dict[str, list[str]] = {}
    for snapshot, key in zip(snapshots, keys, strict=True):
        for message in said.get(key, ()):
            maps.setdefault(message, []).append(snapshot.label)
    return tuple(
        f"{labels[0]}: {message}" if len(labels) == 1
        else f"{len(labels)} maps ({labels[0]} … {labels[-1]}): {message}"
        for message, labels in maps.items()
    )  # fmt: skip


class _CancelOnly:
    """Progress that still sees a cancel but reports nothing (see :func:`compute_history`)."""

    def __init__(self, progress) -> None:
        self._progress = progress

    def report(self, fraction: float | None, message: str = "") -> None:
        """Say nothing."""

    def check(self) -> None:
        """Raise if the wrapped progress is cancelled."""
        self._progress.check()


def _complete(key: str, known: dict, added: dict, held: dict) -> bool:
    """True when the store has everything a date needs: figures, additions and place statuses."""
    return key in known and key in added and key in held


class IncrementalStats:
    """Per-unit controlled km² of successive snapshots, reusing units whose clip has not changed.

    >>> from geodata.control import ControlLayer
    >>> b = load_boundaries()
    >>> luhansk = b.units.geometry[b.row_of("UA-09")]
    >>> stats = IncrementalStats(b)
    >>> first = stats(luhansk)
    >>> again = stats(luhansk)   # nothing changed: every figure reused
    >>> bool((first == again).all()), stats.reused > 0
    (True, True)
    """

    def __init__(self, boundaries: BoundarySet) -> None:
        self._boundaries = boundaries
        self._bounds = shapely.bounds(boundaries.geometry_equal_area)
        self._previous: dict[int, tuple[shapely.Geometry, float, list]] = {}
        self.reused = 0

    def __call__(self, controlled) -> np.ndarray:
        """Controlled km² of each unit, as :func:`geodata.stats.controlled_area_by_region`."""
        if controlled is None or shapely.is_empty(controlled):
            return self.measure_projected(None)
        return self.measure_projected(to_equal_area(controlled))

    def measure_projected(self, projected) -> np.ndarray:
        """:meth:`__call__` for a geometry already in the equal-area projection."""
        result = np.zeros(len(self._bounds))
        if projected is None or shapely.is_empty(projected):
            self._previous = {}
            return result
        # Units whose bounding box meets the geometry's: one that does not touch
        # it clips to nothing, or to land outside it (0 km² either way), and a
        # box test costs nothing where preparing the geometry costs a validity
        # check's worth each day.
        xmin, ymin, xmax, ymax = shapely.bounds(projected)
        box = self._bounds
        touching = np.flatnonzero(
            (box[:, 0] <= xmax) & (box[:, 2] >= xmin) & (box[:, 1] <= ymax) & (box[:, 3] >= ymin)
        )
        clips = clip_by_rects(projected, box[touching])
        before = geometry_array(self._previous.get(i, (None,))[0] for i in touching)
        known = ~shapely.is_missing(before)
        same = np.zeros(len(touching), dtype=bool)
        same[known] = shapely.equals_exact(before[known], clips[known], tolerance=0.0)
        current = {}
        for index, clipped, unchanged in zip(touching, clips, same, strict=True):
            if unchanged:
                _clip, km2, cells = self._previous[index]
                self.reused += 1
            else:
                # Changed: measured again, only in the cells where it changed.
                memo = self._previous[index][2] if index in self._previous else None
                km2, cells = measure_unit(unit_cells(self._boundaries, index), clipped, memo)
            result[index] = km2
            current[index] = (clipped, km2, cells)
        self._previous = current
        return result


def _recorded_keys(
    snapshots: list[Snapshot], store: Store | None
) -> tuple[list[str | None], dict[int, str]]:
    """Each snapshot's content key as far as known without reading, and its file's path.

    A file's key comes from the store's record of it only when its size, both
    times and inode match; else it is None, and the file is hashed as it is
    read (:func:`_compute_run`). The paths (resolved, as the store records
    them) are given by snapshot index.
    """
    files = store.files() if store else {}
    keys: list[str | None] = []
    paths: dict[int, str] = {}
    folders: dict[Path, str] = {}  # each folder resolved once (thousands of files share one)
    for index, snapshot in enumerate(snapshots):
        if snapshot.key is not None:
            keys.append(snapshot.key)
            continue
        try:
            path, stat = _resolved(snapshot.path, folders)
        except OSError:
            # Gone (or unreachable) since the folder was listed: the worker that
            # reads it says why, and that date alone is left out.
            paths[index] = str(snapshot.path)
            keys.append(None)
            continue
        paths[index] = path = storable(path)
        record = files.get(path)
        keys.append(record.hash if record is not None and record.describes(stat) else None)
    return keys, paths


def _resolved(path: Path, folders: dict[Path, str]) -> tuple[str, os.stat_result]:
    """``str(path.resolve())`` and the file's stat, with its folder resolved only once.

    A file that is itself a symbolic link is resolved whole, as before. Raises
    OSError for a file that cannot be reached.
    """
    stat = path.lstat()
    if S_ISLNK(stat.st_mode):
        return str(path.resolve()), path.stat()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = str(path.parent.resolve())
    return os.path.join(folder, path.name), stat


def _known_figures(
    store: Store | None, keys: list[str], boundaries: BoundarySet, reconcile_km: float
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The raw figures, reconciled additions and place statuses the store holds, by key, checked.

    Each stored row is checked on its own (:meth:`Store.stats_for`); a raw row
    and an addition that each fit a unit but together exceed it are both left
    out, so that snapshot is computed again rather than shown above 100 %.
    """
    if store is None:
        return {}, {}, {}
    area = boundaries.area_km2
    known = store.stats_for(keys, figures_key(boundaries), area_km2=area)
    held = _known_statuses(store, keys, boundaries, reconcile_km)
    if not reconcile_km:
        return known, {key: np.zeros(len(area)) for key in known}, held
    added = store.stats_for(keys, method_key(figures_key(boundaries), reconcile_km), area_km2=area)
    limit = area * AREA_SLACK
    over = [key for key in known.keys() & added.keys() if (known[key] + added[key] > limit).any()]
    for key in over:
        del known[key], added[key]
    return known, added, held


def _known_statuses(store: Store, keys, boundaries: BoundarySet, reconcile_km: float) -> dict:
    """The stored place statuses (held or not, one bit a place) of these snapshots."""
    count = len(place_points()[0])
    blobs = store.blobs_for(keys, status_key(figures_key(boundaries), reconcile_km))
    statuses = {key: unpack(blob, count) for key, blob in blobs.items()}
    return {key: status for key, status in statuses.items() if status is not None}


def _stored_keys(store: Store | None, boundaries: BoundarySet, reconcile_km: float) -> frozenset:
    """The content keys the store has everything for (raw figures, additions, statuses),
    unchecked: what a worker finds among them is taken from the store, checked there."""
    if store is None:
        return frozenset()
    figures = figures_key(boundaries)
    keys = store.hashes_with(figures) & store.hashes_with(status_key(figures, reconcile_km))
    if reconcile_km:
        keys &= store.hashes_with(method_key(figures, reconcile_km))
    return frozenset(keys)


def _compute_missing(
    snapshots, keys, paths, missing, boundaries, progress, workers, reconcile_km, keeper, stored
) -> tuple[list, list[int], dict[int, str]]:
    """Compute what the store lacks, handing each run's rows to ``keeper`` as they come.

    ``keys`` is completed in place: a file read now is kept under the hash of
    what was read. Returns the rows ``(key, None, label, km2, added, None,
    held)`` (the geometry is in the store, or nowhere: hundreds of MB for a
    long history), the indices of snapshots whose content the store has
    (among ``stored``: not computed) and the reasons by skipped index.
    """
    # Runs of consecutive dates: several per worker, so the work stays balanced
    # and progress and cancel are seen between runs.
    parts = max(1, min(len(missing), workers * RUNS_PER_WORKER))
    runs = [run.tolist() for run in np.array_split(np.array(missing), parts) if len(run)]
    jobs = [([(i, keys[i], snapshots[i]) for i in run], reconcile_km, stored) for run in runs]
    paths_only = all(s.path is not None for job, *_rest in jobs for _i, _key, s in job)
    context = _process_context(len(missing), workers, paths_only)
    # Reconciliation runs here, in date order, while the workers read and
    # measure: one cache of border cells serves the whole history.
    reconciler = IncrementalReconciler(boundaries, reconcile_km)
    slivers = SliverTest(boundaries)
    if reconcile_km:
        border_mask(boundaries, reconcile_km)  # made once, before the worker processes fork
    place_points()  # likewise the gazetteer, projected
    rows: list = []
    recognised: list[int] = []
    skipped: dict[int, str] = {}
    finished = 0  # jobs whose results are in
    while finished < len(jobs):
        if context is not None:
            pool = ProcessPoolExecutor(
                max_workers=min(workers, len(jobs) - finished), mp_context=context,
                initializer=prepare_worker, initargs=(reconcile_km,),
            )  # fmt: skip
        else:
            pool = ThreadPoolExecutor(max_workers=min(workers, len(jobs) - finished))
        futures = []
        try:
            futures += [pool.submit(_compute_run, job) for job in jobs[finished:]]
            for future in futures:
                done, known, failed, said = future.result()
                run = []
                for index, key, record, wkb, km2, change, raw_held in done:
                    keys[index] = key
                    reconciliation = reconciler.apply(change)
                    file = (paths[index], record) if record is not None else None
                    run.append((key, wkb, snapshots[index].label, km2,
                                reconciliation.added_km2, file,
                                slivers(raw_held, reconciliation),
                                said.get(index, ())))  # fmt: skip
                for index, key, record in known:
                    keys[index] = key
                    keeper.remember(paths[index], record)
                    recognised.append(index)
                keeper.add(run)  # kept now: a cancel later loses nothing computed
                rows += [(key, None, label, km2, added, None, held, notes)
                         for key, _wkb, label, km2, added, _file, held, notes in run]  # fmt: skip
                skipped.update(failed)
                finished += 1
                done_count = len(rows) + len(recognised) + len(skipped)
                message = say("Computed {done} of {total} snapshots", language_of(progress),
                              done=done_count, total=len(missing))  # fmt: skip
                progress.report(0.05 + 0.9 * done_count / len(missing), message)
                progress.check()
        except BrokenProcessPool:
            # A worker process could not start or died (a bundle without a
            # working multiprocessing, memory): the rest is computed in threads.
            pool.shutdown(wait=False, cancel_futures=True)
            if context is None:
                raise
            context = None
        except BaseException:
            # Cancelled (or failed): return at once; runs already started finish
            # on their own and their results are dropped.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        else:
            pool.shutdown(wait=True)
    return rows, recognised, skipped


class _Keeper:
    """Saves computed rows and new file records in the store, run by run.

    The figures are computed and stand whatever the store does: one that is
    busy, full or read-only means they are computed again next time, and a note
    says why (:meth:`finish`).
    """

    def __init__(self, store, boundaries, reconcile_km) -> None:
        self._store = store
        self._pending: dict[str, FileRecord] = {}  # records of files the store knew by content
        self._figures = figures_key(boundaries)
        self._added = method_key(self._figures, reconcile_km) if reconcile_km else None
        self._places = status_key(self._figures, reconcile_km)
        self._note: str | None = None

    def _can_write(self) -> bool:
        if self._store is None or self._note is not None:
            return False
        if self._store.read_only_reason is not None:
            self._note = (f"the figures computed now are not kept: history store "
                          f"{self._store.path}: {self._store.read_only_reason}")  # fmt: skip
            return False
        return True

    def add(self, rows: list) -> None:
        """Save rows ``(key, wkb, label, km2, added, file, held, notes)``, ``file`` being the
        ``(path, record)`` of the file read, or None, each date whole in one transaction."""
        if not rows or not self._can_write():
            return
        try:
            for start in range(0, len(rows), SAVE_BATCH):
                chunk = rows[start : start + SAVE_BATCH]
                self._store.save(
                    self._figures,
                    [(key, wkb, label, km2) for key, wkb, label, km2, *_rest in chunk],
                    sorted(dict(row[5] for row in chunk if row[5] is not None).items()),
                    extra={self._added: [(row[0], row[4]) for row in chunk]}
                    if self._added
                    else None,
                    blobs={
                        self._places: [(row[0], pack(row[6])) for row in chunk],
                        IMPORT_NOTES_KEY: [(row[0], "\n".join(row[7]).encode()) for row in chunk],
                    },
                )
                for row in chunk:
                    if row[5] is not None:  # the record saved with its figures stands
                        self._pending.pop(row[5][0], None)
        except StoreError as error:
            self._note = f"the figures computed now are not kept: {error}"

    def remember(self, path: str, record: FileRecord) -> None:
        """Keep the record of a file whose figures the store had (saved by :meth:`finish`)."""
        self._pending[path] = record

    def finish(self) -> tuple[str, ...]:
        """Save the records of files read now whose figures the store already had;
        returns the notes on what was not kept."""
        pending = sorted(self._pending.items())
        if pending and self._can_write():
            try:
                self._store.save(self._figures, [], pending)
            except StoreError as error:
                self._note = f"the figures computed now are not kept: {error}"
        return (self._note,) if self._note else ()


def _compute_run(job: tuple) -> tuple[list, list, dict[int, str], dict[int, tuple]]:
    """Read and measure a run of consecutive snapshots (in a worker thread or process).

    ``job`` is ``(items, reconcile_km, stored)``: items ``(index, key, snapshot)``
    in date order, the key None for a file to hash as it is read, and the keys
    whose figures the store has. Returns

    * the rows ``(index, key, record, wkb, km2, change, held)``: ``record`` the
      file's :class:`FileRecord` when it was hashed here, ``change`` what the
      reconciliation needs (:class:`~geodata.reconcile.BorderWatch`), ``held``
      the places inside the raw territory;
    * ``(index, key, record)`` of files whose content is among ``stored``,
      not computed: the dates on either side are measured as if it were not
      there (each day is compared with the last one measured);
    * for files that cannot be read, their reasons by index;
    * what the importer said of each file read (repairs, features left out …), by index.
    """
    items, reconcile_km, stored = job
    boundaries = load_boundaries()
    stats = IncrementalStats(boundaries)
    watch = BorderWatch(boundaries, reconcile_km)
    diff, places = EdgeDiff(), HeldRawTracker()
    out, known, failed, said = [], [], {}, {}
    before = None  # the date before: (what its file held, its row's figures, its notes)
    for index, key, snapshot in items:
        record = None
        try:
            found = None
            if snapshot.path is not None:
                content = None
                if key is None:
                    # Described as it was before it was read: a change made while it
                    # is read is seen next time.
                    stat = _stat(snapshot.path)
                    content = read_file(snapshot.path)  # None: GDAL reads the path itself
                    digest = file_hash(snapshot.path) if content is None else content_hash(content)
                    record = FileRecord.of(stat, digest)
                    key = record.hash
                    if key in stored:
                        known.append((index, key, record))
                        continue
                found = read_source(snapshot.path, content)
                del content
            if found is not None and before is not None and same_source(found, before[0]):
                # The day before's map again: its figures, and an unchanged border.
                wkb, km2, border, held = before[1]
                border = border if border is not UNCHANGED and border[0] is None else UNCHANGED
                out.append((index, key, record, wkb, km2, border, held))
                said[index] = before[2]
                before = (found, (wkb, km2, border, held), before[2])
                continue
            messages = ()
            if found is not None:
                layer = assemble_layer(found, snapshot.path, date=snapshot.date)
                territory, messages = layer.controlled, tuple(layer.report.messages())
                if OUTSIDE_UKRAINE in messages:  # a shifted or mis-projected day, not 0 %
                    failed[index] = f"{shown(snapshot.path.name)}: {OUTSIDE_UKRAINE}"
                    before = None
                    continue
            else:
                territory = snapshot.load()
        except BadInputError as error:
            failed[index] = str(error)
            before = None
            continue
        projected = None if shapely.is_empty(territory) else to_equal_area(territory)
        km2 = stats.measure_projected(projected)
        change = diff(projected)
        row = (shapely.to_wkb(territory), km2, watch(projected, change), places(projected, change))
        out.append((index, key, record, *row))
        said[index] = messages
        before = (found, row, messages) if found is not None else None
    return out, known, failed, said


def _give_back_memory() -> None:
    """Return freed heap memory to the system (glibc keeps it otherwise: an app that
    computed ten years of maps would hold their geometry's memory for the session)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl): nothing to do
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _process_context(missing: int, workers: int, paths_only: bool):
    """The multiprocessing context to compute in, or None for threads.

    Worker processes read JSON and run numpy in parallel; threads share one
    interpreter lock for that part (a history computes about 1.6 times as fast
    in processes). Forking is only safe from a single-threaded process on Linux
    (the command line). A process with threads (the app) starts its workers
    afresh (:func:`fresh_context`), which costs up to a second or two: worth it
    for a long history (:data:`FRESH_PROCESS_MIN` maps or more), not for a few
    new dates. Snapshots with no file (rows of one file) are computed in threads.
    """
    if workers < 2 or not paths_only:
        return None
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if missing >= FRESH_PROCESS_MIN:
        return fresh_context()
    return None


#: What the fork server imports before it forks any worker (see :func:`fresh_context`).
WORKER_PRELOAD = "geodata.history.worker_preload"


def fresh_context():
    """The context that starts fresh workers for a process with threads (the app).

    On Linux a fork server: a single-threaded process started afresh, which
    loads once what every worker needs (:data:`WORKER_PRELOAD`) and forks the
    workers from itself, so they start with it: started beforehand
    (:func:`start_worker_server`), its workers' first results come about half a
    second sooner than spawned workers' (the README has the measurements).
    Elsewhere (macOS, whose system libraries are not safe to fork; Windows,
    which cannot) each worker is a new interpreter.
    """
    if sys.platform == "linux" and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([WORKER_PRELOAD])
        return context
    return multiprocessing.get_context("spawn")


def start_worker_server() -> None:
    """Start the process a long history's workers are forked from, if there is one.

    Returns at once: the server loads what the workers need in its own
    process, meanwhile. The app calls this once its window is up, so that the
    first long history it opens does not wait for it; without a fork server
    (see :func:`fresh_context`) it does nothing.
    """
    if fresh_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def prepare_worker(reconcile_km: float) -> None:
    """Load what every run needs once in a worker process (a forked one has it already)."""
    _end_with_parent()
    boundaries = load_boundaries()
    boundaries.prepared_equal_area()
    place_points()
    if reconcile_km:
        border_mask(boundaries, reconcile_km)


def _end_with_parent() -> None:
    """Have Linux end this worker when the process that started it ends (killed, say):
    left to itself it would sleep on under init, holding its memory, for good."""
    if not sys.platform.startswith("linux"):
        return  # elsewhere the pool's own watch ends workers whose parent is gone
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the parent ended before the call
            os._exit(1)


def _stat(path: Path):
    try:
        return path.stat()
    except OSError as error:
        raise BadInputError(path, error.strerror or str(error)) from None
