"""Benchmark the map page: launch to map shown, a zoom step over Donbas, the renderer's memory.

Usage::

    uv run python tools/basemap_bench.py [--baseline REV] [--repeat 5]

Each measurement runs in a fresh process (offscreen Qt, a throw-away settings
file): the main window is built and shown, and the time until the map page says
it is ready (basemap drawn) is taken. With ``--baseline REV`` (a git revision,
e.g. the commit before a change), the same launch is measured in a worktree of
that revision, alternating with this tree, so both are "in the same run".

Then, in this tree only, with every layer on: the map goes to Donbas at zoom 9.5
and steps to zoom 10 (and back), and the time until the page is idle again is
taken (its water band loaded, labels placed, two animation frames later); and
the resident memory of QtWebEngine's renderer process is read after that.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter, in whichever tree is measured: prints one JSON line.
LAUNCH = r"""
import json, os, sys, tempfile, time
start = time.perf_counter()
from desktop.qt_setup import prepare_qt
prepare_qt(headless=True)
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication.instance() or QApplication([])
from desktop.main_window import MainWindow
from desktop.settings import Settings
scratch = tempfile.mkdtemp()
window = MainWindow(Settings(os.path.join(scratch, "s.ini")),
                    proposals_dir=os.path.join(scratch, "p"),
                    store_path=os.path.join(scratch, "store.sqlite"))
window.resize(1400, 900)
window.show()
loop = QEventLoop()
window.map.page_ready.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
loop.exec()
shown = time.perf_counter() - start
result = {"launch_s": shown}
if "--steps" in sys.argv:
    def js(script):
        out = []
        loop = QEventLoop()
        window.map.page().runJavaScript(script, 0, lambda value: (out.append(value), loop.quit()))
        QTimer.singleShot(10000, loop.quit)
        loop.exec()
        return out[0] if out else None
    def wait_ms(ms):
        loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()
    def idle_after(script):
        # Until the map settles, its water band is drawn, and two animation frames pass.
        begin = time.perf_counter()
        js(script + "; 1")
        for _ in range(2000):
            state = json.loads(js("JSON.stringify(Atlas.state())") or "{}")
            water = state.get("water")
            if water is None or water.get("shown"):
                break
            wait_ms(2)
        js("window.__idle = false; requestAnimationFrame(function () {"
           " requestAnimationFrame(function () { window.__idle = true; }); }); 1")
        while not js("window.__idle"):
            wait_ms(1)
        return time.perf_counter() - begin
    idle_after("Atlas.setView(48.2, 37.6, 9.5)")
    steps = []
    for zoom in (10, 9.5, 10, 9.5, 10, 9.5, 10):
        steps.append(idle_after(f"Atlas.setView(48.2, 37.6, {zoom})"))
    result["zoom_step_s"] = steps
    sys.path.insert(0, os.path.join(os.getcwd(), "tools"))
    from timeline_bench import children, rss_mb
    renderers = []
    for pid in children(os.getpid()):
        try:
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "--type=renderer" in cmdline:
            renderers.append(round(rss_mb(pid)))
    result["renderer_mb"] = renderers
print(json.dumps(result))
window.close()
"""


def _launch(tree: Path, steps: bool = False) -> dict:
    command = ["uv", "run", "--project", str(tree), "python", "-c", LAUNCH]
    if steps:
        command.append("--steps")
    env = {"QT_QPA_PLATFORM": "offscreen"}
    import os

    out = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=True,
                         env={**os.environ, **env})  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(prog="python tools/basemap_bench.py", description=__doc__)
    parser.add_argument("--baseline", help="a git revision to compare the launch with")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        baseline = None
        if args.baseline:
            baseline = Path(scratch) / "baseline"
            subprocess.run(["git", "worktree", "add", "--detach", str(baseline), args.baseline],
                           cwd=REPO, check=True, capture_output=True)  # fmt: skip
        try:
            _launch(REPO)  # warm the file cache and uv's environment
            if baseline:
                _launch(baseline)
            now, before = [], []
            for _ in range(args.repeat):
                now.append(_launch(REPO)["launch_s"])
                if baseline:
                    before.append(_launch(baseline)["launch_s"])
            line = f"launch to map shown, median of {args.repeat}: {statistics.median(now):.2f} s"
            if baseline:
                ratio = statistics.median(now) / statistics.median(before)
                line += (f"; at {args.baseline}: {statistics.median(before):.2f} s "
                         f"({(ratio - 1) * 100:+.1f} %)")  # fmt: skip
            print(line)
            steps = _launch(REPO, steps=True)
            zooms = steps["zoom_step_s"]
            print(f"zoom step 9.5 <-> 10 over Donbas, every layer on, until idle: median "
                  f"{statistics.median(zooms) * 1000:.0f} ms, worst {max(zooms) * 1000:.0f} ms "
                  f"({len(zooms)} steps)")  # fmt: skip
            print(f"renderer process memory after that: {steps['renderer_mb']} MB")
        finally:
            if baseline:
                subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=REPO,
                               capture_output=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
