"""Benchmark: the front over time as MP4 and GIF, from the real daily history.

Usage::

    uv run python tools/animation_bench.py [FOLDER] [--store PATH] [--chart] [--keep DIR]

FOLDER defaults to ``../shared/data/deepstate/daily`` beside the repository
(769 daily DeepStateMap files). The history is computed into ``--store``
(by default a store in the system's temporary folder, kept between runs so
that only the first run computes it), then 2025-01-01 … 2026-08-22 is
rendered by week (86 frames) at 1280 × 720 as MP4 and as GIF, and the frames,
seconds and megabytes of each are printed against the targets (MP4 within
60 s, GIF within 20 MB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from geodata.exports.animation import render_animation
from geodata.history.compute import compute_history
from geodata.history.sources import open_history
from geodata.history.store import Store

_SHARED = Path(__file__).resolve().parents[2] / "shared/data/deepstate/daily"
_STORE = Path(tempfile.gettempdir()) / "frontline-atlas-animation-bench" / "store.sqlite"
START, END = dt.date(2025, 1, 1), dt.date(2026, 8, 22)
MP4_TARGET_S, GIF_TARGET_MB = 60.0, 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=_SHARED)
    parser.add_argument("--store", type=Path, default=_STORE, help="history store to use")
    parser.add_argument("--chart", action="store_true", help="add the strip chart")
    parser.add_argument("--keep", type=Path, help="write the files here (default: a temp folder)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2

    args.store.parent.mkdir(parents=True, exist_ok=True)
    store = Store(args.store)
    began = time.perf_counter()
    series = compute_history(open_history(args.folder, store), store)
    print(f"history: {len(series)} dates in {time.perf_counter() - began:.1f} s ({store.path})")

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        failed = False
        for name in ("front.mp4", "front.gif"):
            report = render_animation(folder / name, series, store, START, END, "week",
                                      chart=args.chart, size=(1280, 720))  # fmt: skip
            megabytes = report.bytes / 2**20
            ok = (report.seconds <= MP4_TARGET_S if name.endswith(".mp4")
                  else megabytes <= GIF_TARGET_MB)  # fmt: skip
            failed |= not ok
            verdict = "ok" if ok else "MISSED"
            print(f"{name}: {report.frames} frames ({report.first_date} … {report.last_date}), "
                  f"{report.seconds:.1f} s, {megabytes:.2f} MB  {verdict}")  # fmt: skip
    print(f"targets: MP4 ≤ {MP4_TARGET_S:.0f} s, GIF ≤ {GIF_TARGET_MB:.0f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
