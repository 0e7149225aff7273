"""Anything unexpected: the one error dialog, and the traceback in the log file."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import crash_log


def test_an_uncaught_error_shows_the_dialog_and_is_logged(qtbot, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    handlers = {name: list(logging.getLogger(name).handlers) for name in ("geodata", "desktop")}
    try:
        log = crash_log.install(lambda: parent, tmp_path / "logs" / "frontline-atlas.log")
        try:
            raise RuntimeError("a bug in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        assert shown and "RuntimeError: a bug in a slot" in shown[0].informativeText()
        assert str(log) in shown[0].informativeText()
        for handler in logging.getLogger("desktop").handlers:
            handler.flush()
        text = log.read_text(encoding="utf-8")
        assert "uncaught error" in text and "Traceback" in text and "a bug in a slot" in text
    finally:
        for name, kept in handlers.items():
            for handler in logging.getLogger(name).handlers:
                if handler not in kept:
                    logging.getLogger(name).removeHandler(handler)
                    handler.close()


def test_the_log_lives_in_the_user_data_folder():
    assert crash_log.log_path().parent.name == "frontline-atlas"
    assert crash_log.log_path().name == "frontline-atlas.log"
