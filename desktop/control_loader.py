"""Opening a control file for the app: read, compute, prepare the map data (off the GUI thread)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.map.page import control_payload
from desktop.tasks import Progress
from geodata.control import ControlLayer
from geodata.importers import read_control_layer
from geodata.reconcile import DEFAULT_TOLERANCE_KM
from geodata.stats import ControlStats, compute_stats


@dataclass(frozen=True, eq=False)
class LoadedControl:
    """A control file ready to show: the layer, its statistics and the map page's payload."""

    path: Path
    layer: ControlLayer
    stats: ControlStats
    map_payload: tuple[dict, dict, dict]


def load_control_file(
    path: Path,
    progress: Progress,
    date: dt.date | None = None,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
) -> LoadedControl:
    """Read a control file and compute all the window shows; checks for cancel between steps."""
    progress.report(None, f"Reading {path.name}…")
    layer = read_control_layer(path, date=date)
    progress.check()
    progress.report(0.5, "Computing statistics…")
    stats = compute_stats(layer, reconcile_km=reconcile_km)
    progress.check()
    progress.report(0.8, "Preparing the map…")
    payload = control_payload(layer, stats)
    progress.report(1.0, "Done")
    return LoadedControl(Path(path), layer, stats, payload)
