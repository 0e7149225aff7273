"""Benchmark: what settlement statuses add to a cold history, and ``changes`` from a warm store.

Usage::

    uv run python tools/places_bench.py [FOLDER] [--repeat N]

FOLDER defaults to ``../shared/data/deepstate/daily`` beside the repository.
In one process, on the same files, each into its own empty store and in turn
(``--repeat`` times, medians compared), it computes the whole history

1. as the app does (figures, reconciliation and the held status of every
   gazetteer place on every date);
2. the same with the status test switched off (patched out: every place "not
   held"), which is what the history cost before settlements;

then times the work of ``frontline-atlas changes FOLDER --from 2025-08-01 --to
2026-08-22`` from the warm store (opening the history from the store, the two
dates' geometry, the changes, the text), without the interpreter's start-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np

from geodata.history import compute
from geodata.history.compute import compute_history
from geodata.history.pace_output import format_changes
from geodata.history.sources import folder_history
from geodata.history.store import Store
from geodata.history.transfers import changes_between, row_at_or_before
from geodata.places import place_points
from geodata.reconcile.reconciler import clear_caches

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared/data/deepstate/daily"


def _cold(folder: Path, with_places: bool) -> float:
    clear_caches()  # cold: no border cell known from the run before
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store.sqlite")
        start = time.perf_counter()
        if with_places:
            compute_history(folder_history(folder), store)
        else:
            count = len(place_points()[0])
            with (
                mock.patch.object(
                    compute.HeldRawTracker,
                    "__call__",
                    lambda _self, _p, _c: np.zeros(count, dtype=bool),
                ),
                mock.patch.object(compute.SliverTest, "__call__", lambda _self, raw, _r: raw),
            ):
                compute_history(folder_history(folder), store)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(prog="python tools/places_bench.py", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = len(list(args.folder.glob("*.geojson")))
    place_points()  # the gazetteer loaded once, as the app has it by then
    with_places, without = [], []
    for _ in range(args.repeat):
        without.append(_cold(args.folder, False))
        with_places.append(_cold(args.folder, True))
    a, b = statistics.median(with_places), statistics.median(without)
    runs = ", ".join(f"{x:.2f}/{y:.2f}" for x, y in zip(with_places, without, strict=True))
    print(
        f"cold history of {files} files, median of {args.repeat}: {a:.2f} s with settlement "
        f"statuses, {b:.2f} s without: {a - b:+.2f} s (runs with/without: {runs} s)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store.sqlite")
        compute_history(folder_history(args.folder), store)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            series = compute_history(folder_history(args.folder), store)
            first = row_at_or_before(series, dt.date(2025, 8, 1))
            second = row_at_or_before(series, dt.date(2026, 8, 22))
            text = format_changes(changes_between(series, first, second, store))
            times.append(time.perf_counter() - start)
        each = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(f"changes 2025-08-01 to 2026-08-22 from the warm store: median "
              f"{statistics.median(times) * 1000:.0f} ms of work (5 runs: {each} ms); "
              f"{text.count(chr(10))} lines of output")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
