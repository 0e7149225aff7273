"""Benchmark a long history: the store, the analyses and their memory, at ten years of days.

    uv run python tools/synthetic_history.py /tmp/ten          # 3,650 maps, not committed
    uv run python tools/scale_bench.py /tmp/ten
    uv run python tools/timeline_bench.py /tmp/ten             # date switching in the app

In this process, with an empty store in a scratch folder: the whole history
cold (read, measure, reconcile, keep), then warm (from the store), with the
store's size and the process's peak resident memory; then the command line's
``changes`` (a year) and ``rates`` (the whole span) on the same store, each in
a fresh process, with their times and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory so far, in MB, of this process (or of its largest child with
    ``resource.RUSAGE_CHILDREN``); Linux's ru_maxrss is in kB."""
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the measurements; print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_DATA_HOME"] = scratch  # the command line's store goes here too
        from geodata.history.compute import compute_history
        from geodata.history.sources import folder_history
        from geodata.history.store import Store, default_store_path

        store_path = default_store_path()
        source = folder_history(args.folder)
        print(f"history: {len(source.snapshots)} maps in {args.folder} "
              f"({source.snapshots[0].date} … {source.snapshots[-1].date})")  # fmt: skip
        store = Store(store_path)  # one store for cold and warm, as the app keeps it
        started = time.perf_counter()
        cold = compute_history(source, store)
        cold_s = time.perf_counter() - started
        print(f"cold (read, measure, reconcile, keep): {cold_s:.2f} s; "
              f"peak memory {peak_mb():.0f} MB")  # fmt: skip
        started = time.perf_counter()
        warm = compute_history(folder_history(args.folder), store)
        warm_s = time.perf_counter() - started
        same = (warm.controlled_km2 == cold.controlled_km2).all()
        print(f"warm (from the store): {warm_s:.3f} s; figures equal to cold: {same}")
        print(f"store: {store_path.stat().st_size / 1e6:.1f} MB on disk")
        last = cold.dates[-1]
        year_ago = last - dt.timedelta(days=365)  # (a 29 February has no year-ago twin)
        for name, command in (
            ("changes over the last year", ["changes", str(args.folder), "--from",
                                            year_ago.isoformat(), "--to", last.isoformat()]),
            ("rates over the whole span", ["rates", str(args.folder)]),
        ):  # fmt: skip
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "desktop.cli", *command],
                                  capture_output=True, text=True)  # fmt: skip
            took = time.perf_counter() - started
            child = peak_mb(resource.RUSAGE_CHILDREN)
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr}"
            print(f"{name} (command line, a fresh process): {took:.2f} s, "
                  f"peak memory of the largest child so far {child:.0f} MB, {status}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
