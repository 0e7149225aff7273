"""Screenshots of the offline basemap: Ukraine, Donbas, Pokrovsk, the Dnipro; and a briefing map.

Usage (no network needed; run it inside ``unshare -n`` to prove it)::

    uv run python tools/basemap_shots.py [CONTROL_FILE] [--out docs]

The window opens the control file (default: DeepStateMap's map of 2025-08-01 in
../shared), then saves the map at zoom 6 (Ukraine), 9 (Donbas), 12 (Pokrovsk)
and 8 (the Dnipro from Zaporizhzhia to Kherson), each once its water band is
drawn; and writes the briefing map of the same Donbas extent as PNG.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from desktop.qt_setup import prepare_qt

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO.parent / "shared/data/deepstate/daily/deepstatemap_data_20250801.geojson"
#: name -> (lat, lon, zoom)
VIEWS = {
    "basemap-ukraine-z6": (48.6, 31.4, 6),
    "basemap-donbas-z9": (48.3, 37.6, 9),
    "basemap-pokrovsk-z12": (48.28, 37.18, 12),
    "basemap-dnipro-z8": (47.15, 34.0, 8),
}
DONBAS = (36.5, 47.6, 38.8, 49.2)


def main(argv: list[str] | None = None) -> int:
    """Save the screenshots; print what was written."""
    parser = argparse.ArgumentParser(prog="python tools/basemap_shots.py", description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args(argv)
    prepare_qt(headless=True)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.exports.export import export
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from geodata.exports.briefing import BriefingOptions

    app = QApplication.instance() or QApplication([])

    def wait(signal=None, ms: int = 15000) -> None:
        loop = QEventLoop()
        if signal is not None:
            signal.connect(lambda *_: loop.quit())
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        window = MainWindow(Settings(scratch / "s.ini"), proposals_dir=scratch / "p",
                            store_path=scratch / "store.sqlite")  # fmt: skip
        window.resize(1400, 900)
        window.show()
        wait(window.map.page_ready)
        window.open_file(args.file)
        wait(window.loaded)
        wait(ms=800)
        for name, (lat, lon, zoom) in VIEWS.items():
            window.map.set_view(lat, lon, zoom)
            wait(window.map.hydrography_drawn, 3000)
            wait(ms=1500)
            window.grab().save(str(args.out / f"{name}.png"))
            print(f"wrote {args.out / f'{name}.png'}")
        loaded = window.current
        out = export(args.out / "briefing-donbas.png", loaded.layer, loaded.stats, None,
                     BriefingOptions(extent=DONBAS, dpi=110))  # fmt: skip
        print(f"wrote {out}")
        window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
