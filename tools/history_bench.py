"""Benchmark: a whole history's statistics, the notebook way and Frontline Atlas's way.

Usage::

    uv run python tools/history_bench.py [FOLDER] [--naive-limit N] [--repeat N]
    uv run python tools/history_bench.py [FOLDER] --baseline REV [--repeat N]

FOLDER defaults to ``../shared/data/deepstate/daily`` beside the repository.
In one process, on the same files, it runs

1. the naive loop an analyst would write in a notebook: for each snapshot,
   ``geopandas.read_file``, project, ``geopandas.overlay`` with the oblasts,
   sum the areas;
2. the project's method (:func:`geodata.history.compute.compute_history`) with
   an empty store (cold: read and compute everything, and fill the store);
   both as the raw intersection (``--reconcile-km 0``) and with the default
   border and coast reconciliation, each into an empty store, in turn,
   ``--repeat`` times (the medians are compared);
3. the reconciled history again (warm: from the store);

and prints the times, the cost of the reconciliation, the naive/cold ratio
and the largest difference in any oblast's share between the naive loop and
the project's raw figures, in percentage points.

With ``--baseline REV`` it compares builds instead: the reconciled history
cold, each run a fresh process with an empty store, alternating between a
worktree of REV and this tree (``--repeat`` each), and prints both medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
from worktrees import trees

from geodata.boundaries import load_boundaries
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store
from geodata.projection import EQUAL_AREA_CRS
from geodata.reconcile import clear_caches

_SHARED = Path(__file__).resolve().parents[2] / "shared/data/deepstate/daily"


def naive_history(paths: list[Path]) -> np.ndarray:
    """Controlled km² per unit for each file, computed the straightforward way."""
    boundaries = load_boundaries()
    units = boundaries.units[["code", "geometry"]].to_crs(EQUAL_AREA_CRS)
    rows = []
    for path in paths:
        occupied = gpd.read_file(path).to_crs(EQUAL_AREA_CRS)
        pieces = gpd.overlay(units, occupied[["geometry"]], how="intersection")
        km2 = pieces.area.groupby(pieces["code"]).sum() / 1e6
        rows.append(km2.reindex(boundaries.codes, fill_value=0.0).to_numpy())
    return np.vstack(rows)


# One cold, reconciled history in a fresh process: its seconds on stdout.
_COLD_RUN = """
import sys, tempfile, time
from pathlib import Path
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store
if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        compute_history(folder_history(Path(sys.argv[1])), Store(Path(scratch) / "s.sqlite"))
        print(time.perf_counter() - start)
"""


def compare_builds(folder: Path, baseline: str, repeat: int) -> int:
    """Time the cold reconciled history at ``baseline`` and in this tree, alternating."""
    times: dict[str, list[float]] = {}
    with trees(baseline) as compared, tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "cold_run.py"
        script.write_text(_COLD_RUN)
        for _ in range(repeat):
            for name, tree in compared.items():
                env = {**os.environ, "PYTHONPATH": str(tree)}
                done = subprocess.run([sys.executable, str(script), str(folder.resolve())],
                                      cwd=tree, env=env, capture_output=True, text=True,
                                      check=True)  # fmt: skip
                times.setdefault(name, []).append(float(done.stdout.strip().splitlines()[-1]))
    for name, runs in times.items():
        each = ", ".join(f"{t:.2f}" for t in runs)
        print(f"{name}: cold history (reconciled, fresh process), median of {len(runs)}: "
              f"{statistics.median(runs):.2f} s ({each})")  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its lines."""
    parser = argparse.ArgumentParser(prog="tools/history_bench.py", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=_SHARED)
    parser.add_argument(
        "--naive-limit", type=int, help="time the naive loop on the first N files only"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="cold runs of each kind, in turn (median; 3)"
    )
    parser.add_argument("--baseline", help="a git revision to compare the cold history with")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    if args.baseline:
        return compare_builds(args.folder, args.baseline, args.repeat)
    source = folder_history(args.folder)
    paths = [s.path for s in source.snapshots]
    boundaries = load_boundaries()
    print(f"history: {len(paths)} snapshots in {args.folder} ({source.snapshots[0].date} … "
          f"{source.snapshots[-1].date})")  # fmt: skip

    naive_paths = paths[: args.naive_limit] if args.naive_limit else paths
    start = time.perf_counter()
    naive = naive_history(naive_paths)
    naive_s = time.perf_counter() - start
    scale = len(paths) / len(naive_paths)
    note = "" if scale == 1 else f" ({len(naive_paths)} files, scaled ×{scale:.1f})"
    print(
        f"naive loop (geopandas read_file + overlay per snapshot): {naive_s * scale:8.2f} s{note}"
    )

    with tempfile.TemporaryDirectory() as folder:
        # Raw and reconciled, cold, taken in turn and repeated: the median of each
        # is compared, so a passing hiccup of the machine does not decide.
        raw_times, cold_times = [], []
        for attempt in range(args.repeat):
            clear_caches()  # each run starts cold: no border cell computed before
            start = time.perf_counter()
            raw = compute_history(
                folder_history(args.folder), Store(Path(folder) / f"raw{attempt}.sqlite"),
                boundaries, reconcile_km=0,
            )  # fmt: skip
            raw_times.append(time.perf_counter() - start)
            clear_caches()
            start = time.perf_counter()
            cold = compute_history(
                folder_history(args.folder), Store(Path(folder) / f"cold{attempt}.sqlite"),
                boundaries,
            )  # fmt: skip
            cold_times.append(time.perf_counter() - start)
        raw_s, cold_s = statistics.median(raw_times), statistics.median(cold_times)
        runs = f"(median of {args.repeat}: " if args.repeat > 1 else "("
        print(f"Frontline Atlas, cold, raw intersection (--reconcile-km 0): {raw_s:5.2f} s "
              f"{runs}{', '.join(f'{t:.2f}' for t in raw_times)})")  # fmt: skip
        print(f"Frontline Atlas, cold, reconciled at {cold.reconcile_km:g} km (the default): "
              f"{cold_s:5.2f} s {runs}{', '.join(f'{t:.2f}' for t in cold_times)})")  # fmt: skip
        print(f"reconciliation's cost: {100 * (cold_s / raw_s - 1):+.0f} %")
        start = time.perf_counter()
        warm = compute_history(
            folder_history(args.folder), Store(Path(folder) / "cold0.sqlite"), boundaries
        )
        warm_s = time.perf_counter() - start
        print(f"Frontline Atlas, warm (from the store):                  {warm_s:8.2f} s")

    print(f"speed-up, cold vs naive: {naive_s * scale / raw_s:.1f}× (raw), "
          f"{naive_s * scale / cold_s:.1f}× (reconciled)")  # fmt: skip
    areas = boundaries.area_km2
    naive_pct = 100 * naive / areas
    ours_pct = 100 * raw.controlled_km2[: len(naive_paths)] / areas
    worst = np.unravel_index(np.argmax(np.abs(naive_pct - ours_pct)), naive_pct.shape)
    where = f"{boundaries.codes[worst[1]]} on {cold.dates[worst[0]]}"
    largest = abs(naive_pct - ours_pct).max()
    print(f"largest difference in an oblast's share: {largest:.6f} percentage points ({where})")
    print(f"warm equals cold: {bool(np.array_equal(warm.controlled_km2, cold.controlled_km2))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
