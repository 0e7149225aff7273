"""Help ▸ User Manual (F1): the manual, offline and searchable, in a window of its own.

The manual is ``resources/help/manual.md`` (built from the README by
``tools/build_manual.py``), shown as rich text; a search box finds words in it
(Enter: the next one) and the Method panel's "?" opens it at the method.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from geodata.resources import resources_dir

#: The manual's section on how the figures are made (the Method panel's "?"); the manual
#: is in English, so this heading, looked up in it, stays as it is.
METHOD_SECTION = "Method: how the figures are made"


def manual_markdown() -> str:
    """The manual's text (Markdown)."""
    return (resources_dir() / "help" / "manual.md").read_text(encoding="utf-8")


class ManualWindow(QDialog):
    """The user manual with a search box; not modal, so the app stays usable beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manual-window")
        self.setWindowTitle(QCoreApplication.translate("Help", "Frontline Atlas — User Manual"))
        self.setModal(False)
        self.resize(900, 760)
        self.search = QLineEdit()
        self.search.setObjectName("manual-search")
        self.search.setPlaceholderText(
            QCoreApplication.translate("Help", "Search the manual (Enter: next)")
        )
        self.search.setAccessibleName(QCoreApplication.translate("Help", "Search the manual"))
        self.search.setClearButtonEnabled(True)
        self.found = QLabel()
        self.found.setObjectName("manual-found")
        self.text = QTextBrowser()
        self.text.setObjectName("manual-text")
        self.text.setAccessibleName(QCoreApplication.translate("Help", "User manual"))
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(False)  # links to the web are not followed from here (offline)
        self.text.setMarkdown(manual_markdown())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.found)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(self._search_from_top)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

    def find_next(self) -> bool:
        """Select the next place the search words occur (from the top again at the end)."""
        words = self.search.text().strip()
        if not words:
            self.found.setText("")
            return False
        hit = self.text.find(words)
        if not hit:
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
            hit = self.text.find(words)
        self.found.setText("" if hit else QCoreApplication.translate("Help", "not found"))
        return hit

    def show_section(self, title: str) -> bool:
        """Scroll to the section whose heading is ``title``; False if the manual has none."""
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
        found = self.text.find(
            re.sub(r"\s+", " ", title), QTextDocument.FindFlag.FindCaseSensitively
        )
        if found:
            self.text.ensureCursorVisible()
        return found

    def _search_from_top(self, _text: str) -> None:
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
        self.find_next()


def show_manual(parent: QWidget, section: str | None = None) -> ManualWindow:
    """Open (or bring forward) the manual, at ``section`` if given."""
    window = parent.findChild(ManualWindow)
    if window is None:
        window = ManualWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    if section:
        window.show_section(section)
    window.search.setFocus(Qt.FocusReason.OtherFocusReason)
    return window
