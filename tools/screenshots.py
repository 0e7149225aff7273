"""Make the README's screenshots of the main window (offscreen, no display needed).

    uv run python tools/screenshots.py CONTROL_FILE [--out docs] [--front FILE]

Writes, at 1400 x 900: ``empty-state.png`` (no control data),
``main-window.png`` (the file loaded), ``statistics-table.png`` (its
Statistics panel), ``method-panel.png`` (the Method panel in front),
``selected-oblast.png`` (Donetsk
selected in the table, the map zoomed to it), ``proposal-<id>.png`` for each
built-in proposal, ``proposal-compare.png`` (two proposals side by side) and
``settlements-pokrovsk.png`` (the ``--front`` file, by default DeepStateMap's of
1 August 2025 from ``../shared/data``, at zoom 9 round Pokrovsk: the Settlements
layer, held places marked).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from desktop.qt_setup import prepare_qt

REPO = Path(__file__).resolve().parents[1]
FRONT_FILE = REPO.parent / "shared/data/deepstate/daily/deepstatemap_data_20250801.geojson"
POKROVSK = (48.28, 37.18)  # lat, lon


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("control_file", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument(
        "--front", type=Path, default=FRONT_FILE,
        help="the control file of the Pokrovsk close-up (skipped if absent)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    prepare_qt(headless=True)
    from PySide6.QtCore import QEvent, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings
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
        # Fresh settings: the default layout, not the one on this machine.
        window = MainWindow(
            Settings(Path(scratch) / "settings.ini"), proposals_dir=Path(scratch) / "proposals"
        )
        window.resize(1400, 900)
        window.show()
        wait(window.map.page_ready)
        wait(ms=400)
        save(window, "empty-state.png")

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
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(f"wrote the screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
