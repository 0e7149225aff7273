"""Small form pieces the dialogs share: a combo box of named choices, a word to the window."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QWidget


def choice_box(
    choices: Mapping[str, str], current: str | None = None, name: str = "", accessible: str = ""
) -> QComboBox:
    """A combo box of ``choices`` (value -> what the user reads), ``current`` chosen."""
    box = QComboBox()
    if name:
        box.setObjectName(name)
    if accessible:
        box.setAccessibleName(accessible)
    for value, text in choices.items():
        box.addItem(text, value)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def tell_window(widget: QWidget, text: str, timeout_ms: int = 10000) -> None:
    """Say ``text`` in the status bar of the window that opened ``widget`` (a dialog)."""
    parent = widget.parent()
    if parent is not None and hasattr(parent, "statusBar"):
        parent.statusBar().showMessage(text, timeout_ms)
