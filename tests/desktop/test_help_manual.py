"""F1 opens the manual offline and searchable; the figures' "?" opens it at the method."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.help_manual import ManualWindow

ROOT = Path(__file__).resolve().parents[2]


def test_the_manual_is_built_from_the_current_readme():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_manual", ROOT / "tools" / "build_manual.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.manual_text((ROOT / "README.md").read_text(encoding="utf-8"))
    shipped = (ROOT / "resources" / "help" / "manual.md").read_text(encoding="utf-8")
    assert shipped == built, "run `uv run python tools/build_manual.py`"
    assert "## Development" not in shipped and "![" not in shipped


def test_f1_opens_the_manual_and_search_finds_words(open_window, qtbot):
    window = open_window()
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    manual = window.findChild(ManualWindow)
    assert manual is not None and manual.isVisible()
    assert "Frontline Atlas" in manual.text.toPlainText()
    manual.search.setText("reconciliation")
    assert manual.text.textCursor().selectedText().lower() == "reconciliation"
    manual.search.setText("no such words anywhere")
    assert manual.found.text() == "not found"


def test_the_figures_question_mark_opens_the_method(open_window, qtbot):
    window = open_window()
    window.stats_dock.help.click()
    manual = window.findChild(ManualWindow)
    assert manual.isVisible()
    assert manual.text.textCursor().selectedText() == "Method: how the figures are made"
