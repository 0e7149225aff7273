"""Opening a big control file in a separate process, so the window never stalls.

Parsing a 200 MB GeoJSON file holds Python's interpreter lock for seconds, and
a thread doing it freezes the window however it is scheduled. A child process
(``spawn``, the same on every platform) reads the file, computes the figures and
the map payload, and hands back:

* the geometries as coordinate and offset arrays in ``.npy`` files, which the
  parent loads and rebuilds with shapely's array constructors, neither of which
  holds the lock for more than a few milliseconds (unpickling an 80 MB geometry
  holds it for 150 ms);
* the map payload as JSON text, which goes to the page as it is;
* everything else (statistics, report) pickled: a few kilobytes.

Cancel ends the child at once. Its memory is limited (:data:`MEMORY_LIMIT_BYTES`)
so that a hostile file fails with a message instead of driving the machine into
swap, and all of it is given back when the child ends.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import pickle
import queue
import sys
import tempfile
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication

from desktop.i18n import number
from geodata.categories import DEFAULT_COUNTING, Counting
from geodata.errors import BadInputError, GeodataError

if TYPE_CHECKING:
    from desktop.statistics.control_loader import LoadedControl
    from desktop.tasks import Progress

POLL_S = 0.1


def _memory_limit() -> int:
    """16 GiB, or three quarters of the machine's memory if that is less."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        physical = 16 * 2**30
    return int(min(16 * 2**30, 0.75 * physical))


MEMORY_LIMIT_BYTES = _memory_limit()


class InternalError(RuntimeError):
    """An unexpected error in the reading process; its message holds the child's traceback."""


def load_in_process(
    path: Path,
    progress: Progress,
    date: dt.date | None = None,
    reconcile_km: float = 3.0,
    memory_limit: int = MEMORY_LIMIT_BYTES,
    counting: Counting = DEFAULT_COUNTING,
) -> LoadedControl:
    """:func:`desktop.statistics.control_loader.load_control_file` in a separate process.

    Raises what the child raised (:class:`~geodata.errors.GeodataError` as it
    is), :class:`~desktop.tasks.TaskCancelled` on cancel, and
    :class:`~geodata.errors.BadInputError` if the child dies or runs out of
    ``memory_limit`` bytes of address space.
    """
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="atlas-load-") as scratch:
        messages = context.Queue()
        child = context.Process(
            target=_child,
            args=(str(path), date, reconcile_km, counting, memory_limit, scratch, messages),
            name="atlas-load",
            daemon=True,
        )
        child.start()
        try:
            return _wait(child, messages, Path(path), progress)
        finally:
            if child.is_alive():
                child.kill()
            child.join(5)
            messages.close()
            messages.cancel_join_thread()


def _wait(child, messages, path: Path, progress: Progress) -> LoadedControl:
    while True:
        progress.check()
        try:
            kind, value = messages.get(timeout=POLL_S)
        except queue.Empty:
            if not child.is_alive():
                raise BadInputError(path, _death(child.exitcode)) from None
            continue
        if kind == "progress":
            fraction, message = value
            progress.report(fraction, _in_language(message, path))
        elif kind == "error":
            raise pickle.loads(value)
        elif kind == "memory":
            raise BadInputError(path, _no_memory(value))
        elif kind == "internal":
            raise InternalError(value)
        else:
            return _unpacked(pickle.loads(value))


def _in_language(message: str, path: Path) -> str:
    """A progress message of the child, which speaks English (it has no translator), translated."""
    from desktop.statistics.control_loader import COMPUTING, DONE, PREPARING, READING, step_text

    if message == READING.format(name=path.name):
        return step_text(READING, name=path.name)
    return step_text(message) if message in (COMPUTING, PREPARING, DONE) else message


def _death(exit_code: int | None) -> str:
    if exit_code is not None and exit_code < 0:
        return QCoreApplication.translate(
            "Statistics",
            "reading it was stopped by the system (signal {signal}), most likely "
            "for lack of memory",
        ).format(signal=-exit_code)
    return QCoreApplication.translate(
        "Statistics", "reading it stopped unexpectedly (exit status {status})"
    ).format(status=exit_code)


def _no_memory(memory_limit: int) -> str:
    return QCoreApplication.translate(
        "Statistics", "it needs more than the {gib} GiB of memory a file may use"
    ).format(gib=number(memory_limit / 2**30, 1))


# -- the child ---------------------------------------------------------------------------------


class _QueueProgress:
    """The child's progress: sent to the parent; cancel comes as the end of the process."""

    def __init__(self, messages) -> None:
        self._messages = messages

    def report(self, fraction: float | None, message: str = "") -> None:
        self._messages.put(("progress", (fraction, message)))

    def check(self) -> None:
        """Nothing to do: the parent ends the process to cancel."""


def _child(
    path: str, date, reconcile_km: float, counting, memory_limit: int, scratch: str, messages
):
    """The reading process: load, then send the result (or the error) and end."""
    try:
        from desktop.statistics.control_loader import READING, load_control_file, step_text

        progress = _QueueProgress(messages)
        # In English (no translator here); the parent translates. Starts the queue's thread now.
        progress.report(None, step_text(READING, name=Path(path).name))
        _limit_memory(memory_limit)
        loaded = load_control_file(
            Path(path), progress, date=date, reconcile_km=reconcile_km, counting=counting
        )
        # Pickled here, not in the queue's feeder thread, so that a failure is reported.
        messages.put(("done", pickle.dumps(_packed(loaded, Path(scratch)))))
    except GeodataError as error:
        messages.put(("error", pickle.dumps(error)))
    except Exception as error:  # noqa: BLE001 - out of memory, or a bug: reported to the parent
        if _out_of_memory(error):
            # The parent says it, in the app's language.
            messages.put(("memory", memory_limit))
        else:
            messages.put(("internal", traceback.format_exc()))
    finally:
        messages.close()
        messages.join_thread()


def _out_of_memory(error: BaseException | None) -> bool:
    """True if ``error`` (or one it arose from) says memory ran out, whichever library it came from.

    >>> _out_of_memory(RuntimeError("std::bad_alloc")), _out_of_memory(ValueError("bad ring"))
    (True, False)
    """
    while error is not None:
        text = str(error).lower()
        if isinstance(error, MemoryError) or "bad_alloc" in text or "out of memory" in text:
            return True
        if "cannot allocate memory" in text or "failed to map segment" in text:
            return True
        error = error.__cause__ or error.__context__
    return False


def _limit_memory(memory_limit: int) -> None:
    if sys.platform.startswith("win"):
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_limit if hard == resource.RLIM_INFINITY else min(hard, memory_limit)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# -- geometries as arrays ------------------------------------------------------------------------


def _packed(loaded: LoadedControl, scratch: Path) -> dict:
    layer = loaded.layer
    categories = {
        key: _save_geometry(geometry, scratch / f"category{number}")
        for number, (key, geometry) in enumerate(layer.categories.items())
    }
    bare = dataclasses.replace(layer, controlled=None, categories=dict.fromkeys(layer.categories))
    return {
        "path": str(loaded.path), "layer": bare, "stats": loaded.stats,
        "map_json": loaded.map_json,
        "controlled": _save_geometry(layer.controlled, scratch / "controlled"),
        "categories": categories,
    }  # fmt: skip


def _unpacked(packed: dict) -> LoadedControl:
    from desktop.statistics.control_loader import LoadedControl

    layer = dataclasses.replace(
        packed["layer"],
        controlled=_load_geometry(packed["controlled"]),
        categories={key: _load_geometry(stem) for key, stem in packed["categories"].items()},
    )
    return LoadedControl(Path(packed["path"]), layer, packed["stats"], packed["map_json"])


def _save_geometry(geometry, stem: Path) -> str:
    """Write a polygonal geometry as ``stem.*.npy``; return the stem (as text)."""
    parts = shapely.get_parts(geometry)
    parts = parts[~shapely.is_empty(parts)]
    kind = "polygon" if shapely.get_type_id(geometry) == 3 else "multipolygon"
    np.save(f"{stem}.kind.npy", np.array([kind]))
    if len(parts):
        _type, coords, (rings, polygons) = shapely.to_ragged_array(parts)
        np.save(f"{stem}.coords.npy", coords)
        np.save(f"{stem}.rings.npy", rings)
        np.save(f"{stem}.polygons.npy", polygons)
    return str(stem)


def _load_geometry(stem: str):
    kind = str(np.load(f"{stem}.kind.npy")[0])
    if not os.path.exists(f"{stem}.coords.npy"):
        return shapely.Polygon() if kind == "polygon" else shapely.MultiPolygon()
    offsets = (np.load(f"{stem}.rings.npy"), np.load(f"{stem}.polygons.npy"))
    parts = shapely.from_ragged_array(
        shapely.GeometryType.POLYGON, np.load(f"{stem}.coords.npy"), offsets
    )
    if kind == "polygon" and len(parts) == 1:
        return parts[0]
    return shapely.multipolygons(parts)
