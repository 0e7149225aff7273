"""Benchmark the map page: launch to map shown, a zoom step over Donbas, the renderer's memory.

Usage::

    uv run python tools/basemap_bench.py [--baseline REV] [--repeat 5]

Each measurement runs in a fresh process (offscreen Qt, a throw-away settings
file): the main window is built and shown, and the time until the map page says
it is ready (basemap drawn) is taken, and until its first water band is drawn.
With ``--baseline REV`` (a git revision, e.g. the commit before a change), the
same launch is measured on a worktree of that revision, alternating with this
tree, in this same Python environment, so both are "in the same run".

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
from pathlib import Path
scratch = Path(tempfile.mkdtemp())
window = MainWindow(Settings(scratch / "s.ini"), proposals_dir=scratch / "p",
                    store_path=scratch / "store.sqlite")
window.resize(1400, 900)
window.show()
loop = QEventLoop()
window.map.page_ready.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
loop.exec()
shown = time.perf_counter() - start
result = {"launch_s": shown}
if hasattr(window.map, "hydrography_drawn"):  # trees before the water layer have none
    loop = QEventLoop()
    window.map.hydrography_drawn.connect(loop.quit)
    QTimer.singleShot(10000, loop.quit)
    loop.exec()
    result["water_s"] = time.perf_counter() - start
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
    # Chromium forks renderers from its zygote: they keep its command line, so a
    # renderer is a QtWebEngineProcess whose parent is one too.
    def cmdline(pid):
        try:
            return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
        except OSError:
            return ""
    def parent(pid):
        return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
    renderers = []
    for pid in children(os.getpid()):
        if "QtWebEngineProcess" in cmdline(pid) and "QtWebEngineProcess" in cmdline(parent(pid)):
            renderers.append(round(rss_mb(pid)))
    renderers = [max(renderers)] if renderers else []  # the zygote's other children are small
    result["renderer_mb"] = renderers
print(json.dumps(result))
window.close()
"""


def _launch(tree: Path, steps: bool = False) -> dict:
    # One interpreter and environment (this one) for both trees: only the code differs.
    import os

    command = [sys.executable, "-c", LAUNCH] + (["--steps"] if steps else [])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree)}
    out = subprocess.run(command, cwd=tree, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"the launch failed in {tree}:\n{out.stderr[-2000:]}")
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
            now, before, water = [], [], []
            for _ in range(args.repeat):
                run = _launch(REPO)
                now.append(run["launch_s"])
                if "water_s" in run:
                    water.append(run["water_s"])
                if baseline:
                    before.append(_launch(baseline)["launch_s"])
            line = f"launch to map shown, median of {args.repeat}: {statistics.median(now):.2f} s"
            if water:
                line += f" (its water drawn: {statistics.median(water):.2f} s)"
            if baseline:
                ratio = statistics.median(now) / statistics.median(before)
                line += (f"; at {args.baseline}: {statistics.median(before):.2f} s "
                         f"({(ratio - 1) * 100:+.1f} %)")  # fmt: skip
            print(line)
            steps = _launch(REPO, steps=True)
            zooms = steps["zoom_step_s"]
            print(f"zoom step 9.5 <-> 10 over Donbas, every layer on, until idle: median "
                  f"{statistics.median(zooms) * 1000:.0f} ms, worst {max(zooms) * 1000:.0f} ms "
                  f"(the first, which loads the detailed band; {len(zooms)} steps)")  # fmt: skip
            memory = f"renderer process memory after that: {steps['renderer_mb'][0]} MB"
            if baseline:
                then = _launch(baseline, steps=True)
                memory += f"; at {args.baseline}, the same steps: {then['renderer_mb'][0]} MB"
            print(memory)
        finally:
            if baseline:
                subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=REPO,
                               capture_output=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
