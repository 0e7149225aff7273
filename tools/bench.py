"""Benchmark: loading the boundaries, and one snapshot's statistics (load and compute).

Usage::

    uv run python tools/bench.py [SNAPSHOT] [--repeat N]

SNAPSHOT defaults to the 2024-11-20 DeepStateMap snapshot when the shared test
data sits beside the repository (``../shared/data/deepstate/daily``), else to a
synthetic control layer. Times are the median of N runs after one warm-up run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geodata.boundaries import UNITS_FILE, _load_boundaries, load_boundaries
from geodata.importers import read_control_layer
from geodata.resources import resource_path
from geodata.stats import compute_stats

_SHARED_SNAPSHOT = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/data/deepstate/daily/deepstatemap_data_20241120.geojson"
)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``action`` in milliseconds, after one warm-up call."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(prog="python tools/bench.py", description=__doc__)
    parser.add_argument("snapshot", nargs="?", type=Path, help="a control file to measure")
    parser.add_argument("--repeat", type=int, default=30, help="runs per measurement (default 30)")
    args = parser.parse_args(argv)

    boundary_file = resource_path(*UNITS_FILE)
    start = time.perf_counter()
    boundaries = load_boundaries()
    first_load_ms = 1000 * (time.perf_counter() - start)
    reload_ms = median_ms(lambda: _load_boundaries.__wrapped__(boundary_file), args.repeat)

    with tempfile.TemporaryDirectory() as folder:
        snapshot = args.snapshot or (_SHARED_SNAPSHOT if _SHARED_SNAPSHOT.exists() else None)
        if snapshot is None:
            snapshot = _synthetic_snapshot(Path(folder), boundaries)
        stats_ms = median_ms(
            lambda: compute_stats(read_control_layer(snapshot), boundaries), args.repeat
        )
        load_only_ms = median_ms(lambda: read_control_layer(snapshot), args.repeat)

    print(f"boundaries: {len(boundaries.units)} units from {boundary_file.name}")
    print(f"  fresh process, imports + first load:        {_fresh_process_ms():7.1f} ms")
    print(
        f"  first load in this process (read + project): {first_load_ms:7.1f} ms  (target <= 150)"
    )
    print(f"  reload, median of {args.repeat}:                {reload_ms:7.1f} ms")
    print(f"snapshot: {snapshot.name}")
    print(f"  load only, median of {args.repeat}:             {load_only_ms:7.1f} ms")
    print(f"  load + statistics, median of {args.repeat}:     {stats_ms:7.1f} ms  (target <= 50)")
    return 0


def _fresh_process_ms() -> float:
    code = (
        "import time; t = time.perf_counter();"
        "from geodata.boundaries import load_boundaries; load_boundaries();"
        "print(1000 * (time.perf_counter() - t))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def _synthetic_snapshot(folder: Path, boundaries) -> Path:
    import shapely

    # The four annexed regions, less a strip along their western edge: a front of realistic size.
    annexed = shapely.union_all(boundaries.units.geometry[boundaries.units["code"].isin(
        ["UA-14", "UA-09", "UA-23", "UA-65"])].to_numpy())  # fmt: skip
    control = shapely.difference(annexed, shapely.box(30, 44, 36.5, 53))
    path = folder / "synthetic_20241120.geojson"
    path.write_text(shapely.to_geojson(control))
    return path


if __name__ == "__main__":
    sys.exit(main())
