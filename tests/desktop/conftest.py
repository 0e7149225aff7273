"""GUI test set-up: Qt prepared as the app prepares it, settings in a temporary file."""

from __future__ import annotations

import pytest


def pytest_configure(config):
    # The atlas: scheme and Chromium's flags must be in place before pytest-qt
    # creates the QApplication.
    from desktop.qt_setup import prepare_qt

    prepare_qt(headless=True)


@pytest.fixture
def settings(tmp_path):
    """Settings stored in a throw-away file, so tests never touch the user's."""
    from desktop.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture(scope="session", autouse=True)
def _delete_pages_before_the_profile(qapp):
    """Delete left-over widgets (and their web pages) while the web profile still exists."""
    yield
    from PySide6.QtCore import QEvent

    for widget in qapp.topLevelWidgets():
        widget.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def open_window(qtbot, settings, tmp_path):
    """Make a main window (throw-away settings, proposals and store), shown with its map loaded."""
    from desktop.main_window import MainWindow
    from tests.desktop.helpers import PAGE_TIMEOUT_MS

    def make(width: int = 1300, height: int = 850):
        window = MainWindow(settings, proposals_dir=tmp_path / "proposals",
                            store_path=tmp_path / "store.sqlite")  # fmt: skip
        qtbot.addWidget(window)
        window.resize(width, height)
        with qtbot.waitSignal(window.map.page_ready, timeout=PAGE_TIMEOUT_MS):
            window.show()
        return window

    return make
