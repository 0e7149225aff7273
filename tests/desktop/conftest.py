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
