"""Measure the longest stall of the app's GUI thread while it opens a control file.

    uv run python tools/gui_stall.py FILE [--timeout 600]

Opens the main window offscreen, starts a 10 ms timer on the GUI thread, opens
FILE and waits until the map has drawn it (or the load failed). Prints the
time to draw and the longest gap between two timer ticks: how long the window
could not repaint or react.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from desktop.qt_setup import prepare_qt


def main(argv: list[str] | None = None) -> int:
    """Open the file and print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--timeout", type=float, default=600.0, help="give up after (s)")
    args = parser.parse_args(argv)
    prepare_qt(headless=True)
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        window = MainWindow(
            Settings(folder / "settings.ini"), proposals_dir=folder / "p", store_path=folder / "s"
        )
        window.resize(1400, 900)
        window.show()
        loop = QEventLoop()
        window.map.page_ready.connect(loop.quit)
        loop.exec()
        clock, gaps = QElapsedTimer(), []
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        done = QEventLoop()
        outcome = {}
        window.map.control_drawn.connect(
            lambda *_: (outcome.setdefault("drawn", True), done.quit())
        )
        window.runner.error.connect(lambda e: (outcome.setdefault("error", str(e)), done.quit()))
        QTimer.singleShot(int(args.timeout * 1000), done.quit)
        started = time.perf_counter()
        timer.start()
        window.open_file(args.file)
        done.exec()
        timer.stop()
        elapsed = time.perf_counter() - started
        longest = max(gaps) if gaps else 0
        state = "drawn" if "drawn" in outcome else outcome.get("error", "timed out")
        print(f"{args.file.name}: {state} after {elapsed:.2f} s; longest GUI-thread stall "
              f"{longest} ms (timer every 10 ms, {len(gaps)} ticks)")  # fmt: skip
        window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
