"""Start the desktop app."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from desktop import STARTED
from desktop.qt_setup import APP_NAME, has_display, missing_display_libraries, prepare_qt
from geodata.resources import bundled_history_folder, newest_bundled_file, resource_path

REPORT_STARTUP = "FRONTLINE_ATLAS_REPORT_STARTUP"
REPORT_MODULES = "FRONTLINE_ATLAS_REPORT_MODULES"

NO_DISPLAY = (
    "frontline-atlas: no display found (DISPLAY is not set). Run it on a desktop, under "
    "Xvfb (xvfb-run frontline-atlas), or headless with QT_QPA_PLATFORM=offscreen; "
    "`frontline-atlas snapshot` renders the map without a display."
)


def run_app(file: Path | None = None) -> int:
    """Open the main window (and ``file``, if given); return the exit status."""
    if not has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    missing = missing_display_libraries()
    if missing:
        print(
            "frontline-atlas: Qt cannot open a window on this X11 display: system libraries are "
            f"missing. Install them (Debian/Ubuntu: sudo apt-get install {' '.join(missing)}), "
            "or run headless with QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 2
    prepare_qt()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop import crash_log
    from desktop.i18n import install_translator
    from desktop.main_window import MainWindow
    from desktop.settings import PALETTE, THEME, UI_LANGUAGE, Settings
    from desktop.theme import apply_theme
    from geodata.palette import use_palette

    app = QApplication.instance() or QApplication([sys.argv[0], *_qt_arguments()])
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "frontline-atlas.svg"))))
    settings = Settings()
    use_palette(settings.get(PALETTE))  # before any colour is drawn
    apply_theme(app, settings.get(THEME))
    install_translator(app, settings.get(UI_LANGUAGE))  # before any text is made
    window = MainWindow(settings)
    crash_log.install(lambda: window)
    window.show()
    opened = open_startup_data(window, file)
    _report_startup(window, os.environ.get(REPORT_STARTUP, ""), quit_when_shown=opened is None)
    status = app.exec()
    # Delete the window (and its web page) before the web profile goes with the app.
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return status


def open_startup_data(window, file: Path | None = None) -> Path | None:
    """Open what the window starts with; return it (None: nothing, the welcome panel shows).

    ``file`` from the command line, if given. Otherwise an installation that
    carries control data (:func:`~geodata.resources.bundled_data_dir`) opens it
    offline: on the first start (no recent files, no history opened before) the
    bundled folder as a history, with its timeline, when it holds two dates or
    more; later, or with one file, its newest map.
    """
    from desktop.settings import LAST_HISTORY, RECENT_FILES

    if file is not None:
        window.open_file(file)
        return file
    settings = window.settings
    first_start = not settings.get(RECENT_FILES) and not settings.get(LAST_HISTORY)
    folder = bundled_history_folder() if first_start else None
    if folder is not None:
        window.history.open_source(folder)
        return folder
    newest = newest_bundled_file()
    if newest is not None:
        window.open_file(newest)
    return newest


def _report_startup(window, mode: str, quit_when_shown: bool) -> None:
    """For measuring start-up: print when the map and the data are on screen.

    ``FRONTLINE_ATLAS_REPORT_STARTUP=1`` prints the times; ``=quit`` also closes
    the window once everything asked for is drawn.
    """
    if not mode:
        return

    def report(what: str, last: bool) -> None:
        print(f"{what} after {time.perf_counter() - STARTED:.2f} s", flush=True)
        if last and mode == "quit":
            window.close()

    def map_shown() -> None:
        # Which of these modules the first paint pulled in (tools/startup_bench.py asks).
        asked = [m for m in os.environ.get(REPORT_MODULES, "").split(",") if m]
        if asked:
            loaded = [m for m in asked if m in sys.modules]
            print(f"imported by then: {', '.join(loaded) or 'none of them'}", flush=True)
        report("map shown", quit_when_shown)

    window.map.page_ready.connect(map_shown)
    window.map.control_drawn.connect(lambda n: report(f"control layer drawn ({n} features)", True))


def _qt_arguments() -> list[str]:
    # Qt's own options (e.g. -platform) are not passed through: argparse owns the command line.
    return []
