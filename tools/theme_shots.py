"""Screenshots of the dark theme and the colour-blind-safe palette (offscreen).

    uv run python tools/theme_shots.py CONTROL_FILE --theme dark --out docs/dark-theme.png
    uv run python tools/theme_shots.py CONTROL_FILE --palette colour-blind \
        --scenario june-2024-demand --out docs/colour-blind.png
    uv run python tools/theme_shots.py CONTROL_FILE --language uk --out docs/ukrainian.png

Each run opens the main window at 1400 x 900 with fresh settings, the file
loaded (and optionally a proposal chosen), and saves the window.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from desktop.qt_setup import prepare_qt


def main(argv: list[str] | None = None) -> int:
    """Make one screenshot; exit 0 when written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("control_file", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--palette", default="default")
    parser.add_argument("--scenario", default="")
    parser.add_argument("--language", choices=("en", "uk"), default="en")
    args = parser.parse_args(argv)
    prepare_qt(headless=True)
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translator
    from desktop.main_window import MainWindow
    from desktop.settings import PALETTE, THEME, Settings
    from desktop.theme import apply_theme
    from desktop.waiting import pause, wait_for
    from geodata.palette import use_palette

    app = QApplication.instance() or QApplication([])
    install_translator(app, args.language)

    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(Path(scratch) / "settings.ini")
        settings.set(THEME, args.theme)
        settings.set(PALETTE, args.palette)
        use_palette(args.palette)
        apply_theme(app, args.theme)
        window = MainWindow(settings, proposals_dir=Path(scratch) / "proposals",
                            store_path=Path(scratch) / "store.sqlite")  # fmt: skip
        window.resize(1400, 900)
        window.show()
        wait_for(window.map.page_ready, 30000)
        window.open_file(args.control_file)
        wait_for(window.map.control_drawn, 30000)
        if args.scenario:
            window.proposals_dock.show()
            window.proposals_dock.raise_()
            window.proposals_dock.select(args.scenario)
            wait_for(window.map.proposal_drawn, 30000)
        pause(800)
        if not window.grab().save(str(args.out)):
            raise SystemExit(f"could not write {args.out}")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
