"""Measure date switching in the Timeline (offscreen), and optionally save screenshots.

    uv run python tools/timeline_bench.py FOLDER [--switches 50] [--shots docs] [--settle S]

Opens FOLDER as a history in the main window (with a throw-away store)
``--settle`` seconds after the map shows, as a user would (6 by default: the app
starts the process its history workers fork from in the background meanwhile;
``--settle 0`` opens it at once, with that process still starting), then
switches to N dates spread over the history and, for each, measures the time
from the switch to the map reporting the new control layer drawn, with the
Statistics table and the chart updated before that. Prints the median and
the worst, the process's resident memory, and that of the whole app
(QtWebEngine's helper processes included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop.qt_setup import prepare_qt


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    """All descendants of a process (Linux /proc)."""
    found = []
    for task in Path("/proc").iterdir():
        if task.name.isdigit():
            try:
                stat = (task / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(task.name))
    return found + [c for child in found for c in children(child)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--switches", type=int, default=50)
    parser.add_argument("--shots", type=Path, help="save timeline screenshots in this folder")
    parser.add_argument(
        "--settle", type=float, default=6.0, help="seconds to wait after the map shows (6)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print where the switches' Python time goes"
    )
    parser.add_argument("--sort", default="tottime", help="the profile's order (tottime, cumtime)")
    args = parser.parse_args(argv)

    prepare_qt(headless=True)
    import os

    from PySide6.QtCore import QEvent, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    app = QApplication.instance() or QApplication([])

    def wait(signal=None, ms: int = 60000) -> bool:
        loop = QEventLoop()
        fired = []
        if signal is not None:
            signal.connect(lambda *a: (fired.append(1), loop.quit()))
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        return bool(fired)

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        window = MainWindow(Settings(scratch / "settings.ini"), proposals_dir=scratch / "p",
                            store_path=scratch / "store.sqlite")  # fmt: skip
        window.resize(1500, 1000)
        window.show()
        wait(window.map.page_ready)
        if args.settle:
            wait(ms=round(args.settle * 1000))
        start = time.perf_counter()
        window.history.open_source(args.folder)
        wait(window.map.control_drawn)
        print(
            f"history opened and last date shown: {time.perf_counter() - start:.2f} s (cold store)"
        )
        series = window.history.series
        dock = window.timeline_dock
        rows = [round(i * (len(series) - 1) / (args.switches - 1)) for i in range(args.switches)]
        rows = [r if r != dock.row else max(0, r - 1) for r in rows]
        times = []
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        for row in rows:
            begin = time.perf_counter()
            dock.go_to_row(row)
            if not wait(window.map.control_drawn, 10000):
                print(f"no map update for row {row}", file=sys.stderr)
                return 1
            times.append((time.perf_counter() - begin) * 1000)
        if args.profile:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(30)
        print(f"date switch over {len(times)} switches: median {statistics.median(times):.0f} ms, "
              f"worst {max(times):.0f} ms (map drawn, table and chart updated)")  # fmt: skip
        own = rss_mb(os.getpid())
        helpers = sum(rss_mb(pid) for pid in children(os.getpid()))
        total = own + helpers
        print(
            f"resident memory: app process {own:.0f} MB; with QtWebEngine's helpers {total:.0f} MB"
        )
        if args.shots:
            dock.go_to_row(series.index_of(__import__("datetime").date(2025, 8, 1)))
            wait(window.map.control_drawn, 5000)
            wait(ms=600)
            window.grab().save(str(args.shots / "timeline.png"))
            dock.compare_date.setDate(
                dock.compare_date.date().fromString("2024-11-20", "yyyy-MM-dd")
            )
            dock.compare.setChecked(True)
            wait(window.map.change_drawn, 5000)
            window.map.select(["UA-14"], zoom=True)
            wait(ms=1200)
            window.grab().save(str(args.shots / "timeline-compare.png"))
            print(f"wrote {args.shots / 'timeline.png'} and {args.shots / 'timeline-compare.png'}")
            # The Changes panel on the comparison (2024-11-20 to 2025-08-01) and the
            # chart's 30-day rate for Donetsk oblast.
            window.changes_dock.show()
            window.changes_dock.raise_()
            wait(window.changes.changes_shown, 5000)
            dock.period.setCurrentIndex(dock.period.findData("rate30"))
            window._on_rows_selected(["UA-14"])
            wait(ms=1200)
            window.grab().save(str(args.shots / "changes-panel.png"))
            window.changes_dock.tabs.setCurrentIndex(2)  # per period
            dock.period.setCurrentIndex(dock.period.findData("monthly"))
            wait(ms=600)
            window.grab().save(str(args.shots / "changes-per-month.png"))
            shots = ("changes-panel.png", "changes-per-month.png")
            print(f"wrote {' and '.join(str(args.shots / name) for name in shots)}")
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 0


if __name__ == "__main__":
    sys.exit(main())
