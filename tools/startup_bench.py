"""Benchmark: launch to map shown, as a user starts the app with a file.

Usage::

    uv run python tools/startup_bench.py [FILE] [--repeat 5] [--baseline REV]

Each run starts a fresh process, ``python -m desktop.cli FILE`` offscreen with
``FRONTLINE_ATLAS_REPORT_STARTUP=quit`` and throw-away user folders, and takes
the wall time from launching the process to the app's start-up report: the map
page shown, and the file's control layer drawn on it. It also reports what the
process had imported when the map was shown (matplotlib, openpyxl, the export
stack must not be among them). With ``--baseline REV`` the same launch is timed
on a worktree of that revision, alternating with this tree, in this Python.
FILE defaults to the shared 2024-11-20 DeepStateMap file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from worktrees import REPO, trees

DEFAULT_FILE = REPO.parent / "shared/data/deepstate/daily/deepstatemap_data_20241120.geojson"
LAUNCH_LIMIT_S = 120.0  # a launch not done by then is killed
#: Modules the first paint must not need (reported when they were imported by then).
HEAVY = ("matplotlib", "openpyxl", "geodata.exports.briefing", "imageio", "PIL", "pandas")


def launch(tree: Path, file: Path) -> dict:
    """Start the app from ``tree`` with ``file``; the seconds to map shown and to data drawn."""
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "FRONTLINE_ATLAS_REPORT_STARTUP": "quit",
            "FRONTLINE_ATLAS_REPORT_MODULES": ",".join(HEAVY),
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_CACHE_HOME": f"{home}/cache",
            "PYTHONPATH": str(tree),
        }
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "desktop.cli", str(file)], cwd=tree,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True)  # fmt: skip
        times, loaded = {}, ""
        # A launch that hangs is killed after LAUNCH_LIMIT_S (reading its output would
        # otherwise wait for ever); it then counts as a run without figures.
        limit = threading.Timer(LAUNCH_LIMIT_S, process.kill)
        limit.start()
        for line in process.stdout:
            now = time.perf_counter() - start
            if line.startswith("map shown"):
                times["map"] = now
            elif line.startswith("control layer drawn"):
                times["data"] = now
            elif line.startswith("imported by then:"):
                loaded = line.split(":", 1)[1].strip()
        limit.cancel()
        process.wait()
    return {**times, "imported": loaded}


def main(argv: list[str] | None = None) -> int:
    """Time the launches; print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", help="a git revision to time the same launch at")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"startup_bench: no such file: {args.file}", file=sys.stderr)
        return 2
    with trees(args.baseline) as compared:
        for tree in compared.values():  # once each, untimed: the file cache warm for both
            launch(tree, args.file)
        runs = {name: [] for name in compared}
        for _ in range(args.repeat):
            for name, tree in compared.items():
                runs[name].append(launch(tree, args.file))
    for name, results in runs.items():
        maps = [r["map"] for r in results if "map" in r]
        data = [r["data"] for r in results if "data" in r]
        if not maps or not data:
            print(f"{name}: {len(results) - len(data)} of {len(results)} launches never "
                  "drew the file (hung, or failed)")  # fmt: skip
            continue
        print(f"{name}: launch to map shown, median of {len(maps)}: "
              f"{statistics.median(maps):.2f} s ({', '.join(f'{t:.2f}' for t in maps)}); "
              f"to the file's data drawn: {statistics.median(data):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in data)})")  # fmt: skip
        if results[-1]["imported"]:
            print(f"  imported when the map was shown: {results[-1]['imported']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
