"""Make the README's screenshots of the main window (offscreen, no display needed).

    uv run python tools/screenshots.py CONTROL_FILE [--out docs] [--front FILE]
    uv run python tools/screenshots.py --only first-run [--out docs]

Writes, at 1400 x 900: ``first-run.png`` (no control data: the welcome panel),
``fetch-in-progress.png`` (the whole history being fetched from a slow local
server on 127.0.0.1, its progress in the status bar; nothing goes online),
``main-window.png`` (the file loaded), ``statistics-table.png`` (its
Statistics panel), ``method-panel.png`` (the Method panel in front),
``selected-oblast.png`` (Donetsk
selected in the table, the map zoomed to it), ``proposal-<id>.png`` for each
built-in proposal, ``proposal-compare.png`` (two proposals side by side) and
``settlements-pokrovsk.png`` (the ``--front`` file, by default DeepStateMap's of
1 August 2025 from ``../shared/data``, at zoom 9 round Pokrovsk: the Settlements
layer, held places marked). ``--only first-run`` makes the first two alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from desktop.qt_setup import prepare_qt
from geodata.history.deepstate_online import BASE_URL_VARIABLE

REPO = Path(__file__).resolve().parents[1]
FRONT_FILE = REPO.parent / "shared/data/deepstate/daily/deepstatemap_data_20250801.geojson"
POKROVSK = (48.28, 37.18)  # lat, lon
FETCHED_UPDATES = 30  # the local server's list: one update a day up to 2024-11-20
SECONDS_PER_MAP = 0.8  # the local server's pace: slow enough to catch the fetch running


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("control_file", type=Path, nargs="?")
    parser.add_argument(
        "--only", choices=("all", "first-run"), default="all",
        help="first-run: only first-run.png and fetch-in-progress.png (no control file needed)",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument(
        "--front", type=Path, default=FRONT_FILE,
        help="the control file of the Pokrovsk close-up (skipped if absent)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.control_file is None and args.only == "all":
        parser.error("a control file is needed (or --only first-run)")

    args.out.mkdir(parents=True, exist_ok=True)
    prepare_qt(headless=True)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import ONLINE_CONSENTED, Settings
    from desktop.statistics.model import KEY_ROLE
    from geodata.scenarios.proposals import builtin_proposals

    app = QApplication.instance() or QApplication([])

    def save(window, name: str) -> None:
        if not window.grab().save(str(args.out / name)):
            raise SystemExit(f"could not write {args.out / name}")

    def wait(signal=None, ms: int = 30000) -> None:
        loop = QEventLoop()
        if signal is not None:
            signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory() as scratch:
        # Fresh settings and store: the default layout, not the one on this machine.
        settings = Settings(Path(scratch) / "settings.ini")
        window = MainWindow(
            settings, proposals_dir=Path(scratch) / "proposals",
            store_path=Path(scratch) / "store.sqlite",
        )  # fmt: skip
        window.resize(1400, 900)
        window.show()
        wait(window.map.page_ready)
        wait(ms=400)
        save(window, "first-run.png")

        # The whole history being fetched, from a slow server on this machine.
        settings.set(ONLINE_CONSENTED, True)  # as after the one question
        with slow_update_server() as server:
            os.environ[BASE_URL_VARIABLE] = server.url
            try:
                window.welcome.buttons["fetch_updates"].click()
                status = window.statusBar()
                started = time.monotonic()
                while "update 4 of" not in status.currentMessage():
                    wait(ms=100)
                    if time.monotonic() - started > 60:
                        raise SystemExit("the fetch from the local server did not progress")
                wait(ms=300)
                save(window, "fetch-in-progress.png")
            finally:
                window.runner.cancel_all()
                window.runner.wait_for_done()
                del os.environ[BASE_URL_VARIABLE]
        if args.only == "first-run":
            return finish(app, window, args.out)

        window.open_file(args.control_file)
        wait(window.map.control_drawn)
        wait(ms=400)
        save(window, "main-window.png")
        if not window.stats_dock.grab().save(str(args.out / "statistics-table.png")):
            raise SystemExit(f"could not write {args.out / 'statistics-table.png'}")
        window.method_dock.raise_()
        wait(ms=300)
        save(window, "method-panel.png")
        window.info_dock.raise_()
        # Select Donetsk as a user does, by clicking its row: the map follows.
        table = window.stats_dock.table
        donetsk = table.model().match(table.model().index(0, 0), KEY_ROLE, "UA-14")[0]
        table.selectRow(donetsk.row())
        wait(ms=1200)  # the map zooms to the selection
        save(window, "selected-oblast.png")

        # Each built-in proposal, with the Proposals panel in front.
        window.clear_selection()
        window.map.zoom_to_ukraine()
        window.proposals_dock.raise_()
        for proposal in builtin_proposals():
            # The ceasefire shows the annexation claims too (their layer starts hidden).
            window.layers_dock.checks["claims"].setChecked(proposal.id == "freeze")
            window.proposals_dock.select(proposal.id)
            wait(window.map.proposal_drawn)
            wait(ms=500)
            save(window, f"proposal-{proposal.id}.png")
        window.proposals_dock.select("june-2024-demand", "nov-2024-offer")
        wait(window.proposals.results_shown)
        wait(window.map.proposal_drawn)
        wait(ms=500)
        save(window, "proposal-compare.png")

        # The front round Pokrovsk, close up: settlements, those held marked.
        if args.front.is_file():
            window.proposals_dock.select("")
            window.layers_dock.checks["claims"].setChecked(False)
            window.info_dock.raise_()
            window.stats_dock.raise_()
            window.open_file(args.front)
            wait(window.map.control_drawn)
            window.map.set_view(*POKROVSK, 9)
            wait(ms=800)
            save(window, "settlements-pokrovsk.png")
            # Two sources side by side: the --front map against the control file given
            # (two DeepStateMap dates standing in for two sources).
            window.compare.compare_with(args.control_file)
            wait(window.compare.compared)
            wait(window.map.change_drawn, 5000)
            window.compare_dock.raise_()
            window.map.set_view(48.3, 37.6, 8)
            wait(ms=1200)
            save(window, "compare-sources.png")
            window.compare.clear()
        else:
            print(f"skipped settlements-pokrovsk.png: no {args.front}")
        return finish(app, window, args.out)


def finish(app, window, out: Path) -> int:
    """Close the window (its page before the web profile) and say where the shots are."""
    from PySide6.QtCore import QEvent

    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(f"wrote the screenshots in {out}")
    return 0


def slow_update_server():
    """A DeepStateMap stand-in on 127.0.0.1 (the hostile set's): a list of updates, maps slowly."""
    sys.path.insert(0, str(REPO / "tools"))
    from hostile.server import Server, good_map

    last = dt.datetime(2024, 11, 20, 12, tzinfo=dt.UTC)
    entries = [
        {"id": int((last - dt.timedelta(days=n)).timestamp()),
         "createdAt": (last - dt.timedelta(days=n)).isoformat().replace("+00:00", "Z"),
         "description": "…", "descriptionEn": "Map updated."}
        for n in range(FETCHED_UPDATES - 1, -1, -1)
    ]  # fmt: skip

    def slowly(handler, stop):
        stop.wait(SECONDS_PER_MAP)
        body = json.dumps(good_map()).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return Server(list_answer=entries, map_answer=slowly)


if __name__ == "__main__":
    sys.exit(main())
