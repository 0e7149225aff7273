"""Anything unexpected ends in the one error dialog and in a log file in the user data folder.

:func:`install` sets ``sys.excepthook`` (which PySide6 also calls for an
exception escaping a slot) and sends the core's and the app's warnings and
errors to :func:`log_path`, at most 1 MB per file and three older files kept.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Callable
from pathlib import Path

from geodata.user_folders import user_data_folder

LOG_NAME = "frontline-atlas.log"
MAX_LOG_BYTES = 1_000_000

log = logging.getLogger("desktop")


def log_path() -> Path:
    """Where the log is written: the user data folder's ``frontline-atlas.log``."""
    return user_data_folder() / LOG_NAME


def install(window: Callable[[], object], path: Path | None = None) -> Path | None:
    """Log to ``path`` (default :func:`log_path`) and show uncaught errors over ``window()``.

    Returns the log file, or None if it cannot be written (the dialog still shows).
    """
    path = path or log_path()
    written: Path | None = path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=3, encoding="utf-8"
        )
    except OSError:
        written = None
    else:
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        for name in ("geodata", "desktop"):
            logging.getLogger(name).addHandler(handler)

    def hook(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        from desktop.error_dialog import show_error

        log.error("uncaught error", exc_info=(kind, error, trace))
        show_error(window(), error.with_traceback(trace), log_file=written)

    sys.excepthook = hook
    return written
