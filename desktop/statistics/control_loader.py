"""Opening a control file for the app: read, compute, prepare the map data (off the GUI thread).

A file bigger than :data:`ISOLATE_ABOVE_BYTES` is opened in a separate process
(:mod:`desktop.statistics.isolated_load`): parsing it holds Python's interpreter lock for
seconds, which in a thread would freeze the window; a process also gives its
memory back when it ends and is cancelled at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.map.page import control_payload, payload_json
from geodata.categories import DEFAULT_COUNTING, Counting
from geodata.control import ControlLayer
from geodata.importers import read_control_layer
from geodata.reconcile import DEFAULT_TOLERANCE_KM
from geodata.stats import ControlStats, compute_stats

if TYPE_CHECKING:
    from desktop.tasks import Progress

# Up to this size a file is read in a thread: its longest hold of the interpreter lock
# stays under about 100 ms. Archives (.zip, .kmz) unpack to several times their size.
ISOLATE_ABOVE_BYTES = 2 * 2**20
_PACKED_SUFFIXES = {".zip", ".kmz"}
#: What the progress bar says at each step (English; translated where reported).
READING = QT_TRANSLATE_NOOP("Statistics", "Reading {name}…")
COMPUTING = QT_TRANSLATE_NOOP("Statistics", "Computing statistics…")
PREPARING = QT_TRANSLATE_NOOP("Statistics", "Preparing the map…")
DONE = QT_TRANSLATE_NOOP("Statistics", "Done")


def step_text(text: str, **values) -> str:
    """A progress step (:data:`READING` …) in the language in use, its values filled in."""
    return QCoreApplication.translate("Statistics", text).format(**values)


@dataclass(frozen=True, eq=False)
class LoadedControl:
    """A control file ready to show: the layer, its statistics and the map page's payload.

    ``map_json`` is the payload as the page takes it (JSON text, made off the GUI thread).
    """

    path: Path
    layer: ControlLayer
    stats: ControlStats
    map_json: str

    @functools.cached_property
    def map_payload(self) -> tuple[dict, dict, dict, list[int]]:
        """The payload as Python data (:func:`desktop.map.page.control_payload`)."""
        return tuple(json.loads(self.map_json))


def loaded_control(path: Path, layer: ControlLayer, stats: ControlStats) -> LoadedControl:
    """A :class:`LoadedControl` for a layer and its statistics (builds the map payload)."""
    return LoadedControl(Path(path), layer, stats, payload_json(control_payload(layer, stats)))


def is_big(path: Path) -> bool:
    """True for a file opened in a separate process (:data:`ISOLATE_ABOVE_BYTES`)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return False  # the reader names the problem
    packed = Path(path).suffix.lower() in _PACKED_SUFFIXES
    return size > ISOLATE_ABOVE_BYTES // (8 if packed else 1)


def open_control_file(
    path: Path,
    progress: Progress,
    date: dt.date | None = None,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
    counting: Counting = DEFAULT_COUNTING,
) -> LoadedControl:
    """Load a control file for the app: in this thread, or in a separate process if it is big."""
    if is_big(path):
        from desktop.statistics.isolated_load import load_in_process

        return load_in_process(
            path, progress, date=date, reconcile_km=reconcile_km, counting=counting
        )
    return load_control_file(
        path, progress, date=date, reconcile_km=reconcile_km, counting=counting
    )


def load_control_file(
    path: Path,
    progress: Progress,
    date: dt.date | None = None,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
    counting: Counting = DEFAULT_COUNTING,
) -> LoadedControl:
    """Read a control file and compute all the window shows; checks for cancel between steps."""
    progress.report(None, step_text(READING, name=path.name))
    layer = read_control_layer(path, date=date, counting=counting)
    progress.check()
    progress.report(0.5, step_text(COMPUTING))
    stats = compute_stats(layer, reconcile_km=reconcile_km)
    progress.check()
    progress.report(0.8, step_text(PREPARING))
    loaded = loaded_control(path, layer, stats)
    progress.report(1.0, step_text(DONE))
    return loaded
