"""The timeline by keyboard alone: open, go to the timeline, step, play, compare."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.desktop.helpers import PAGE_TIMEOUT_MS
from tests.geodata.history.test_history import growing_front

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def key(widget, key, modifiers=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(QApplication.focusWidget() or widget, key, modifiers)


def test_open_step_play_and_compare_by_keyboard_alone(open_window, qtbot, tmp_path, monkeypatch):
    window = open_window(1400, 950)
    window.activateWindow()
    folder = growing_front(tmp_path / "daily", days=10)
    # The folder dialog is the system's; choosing the folder in it is the one non-key step.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        QTest.keyClick(window, Qt.Key.Key_O, CTRL | SHIFT)  # File ▸ Open History Folder
    dock = window.timeline_dock
    last = len(dock.series) - 1
    assert dock.row == last

    QTest.keyClick(window, Qt.Key.Key_T, CTRL)  # View ▸ Timeline
    qtbot.waitUntil(lambda: dock.isAncestorOf(QApplication.focusWidget()), timeout=5000)
    key(window, Qt.Key.Key_Left)  # a date back
    assert dock.row == last - 1
    key(window, Qt.Key.Key_Left, SHIFT)  # a week back
    assert (
        dock.series.dates[dock.row]
        == dock.series.dates[last - 1] - (dock.series.dates[1] - dock.series.dates[0]) * 7
    )
    key(window, Qt.Key.Key_Right)
    assert dock.row == last - 7  # a date on

    key(window, Qt.Key.Key_Space)  # play
    assert dock.play.isChecked()
    qtbot.waitUntil(lambda: dock.row > last - 7, timeout=10000)
    key(window, Qt.Key.Key_Space)  # pause
    assert not dock.play.isChecked()

    key(window, Qt.Key.Key_G, CTRL)  # type a date
    assert QApplication.focusWidget() is dock.goto
    QTest.keyClicks(dock.goto, dock.series.dates[2].isoformat())
    QTest.keyClick(dock.goto, Qt.Key.Key_Return)
    assert dock.row == 2

    with qtbot.waitSignal(window.history.date_shown, timeout=PAGE_TIMEOUT_MS):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dock.compare.isChecked()
    qtbot.waitUntil(lambda: dock.table.isVisible(), timeout=PAGE_TIMEOUT_MS)
