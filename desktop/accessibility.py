"""Accessible names and descriptions: every control, panel, table and the map has one.

Screen readers read a widget's accessible name; Qt leaves it empty unless it is
set. Widgets that matter most get their names where they are made (the map,
the tables, the sliders); :func:`name_widgets` then gives every other control
one from what a sighted user reads beside it: its own text, the label of its
form row, its tooltip, or, for a panel, its title.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollBar,
    QTabBar,
    QWidget,
)

#: The kinds of widget a user acts on, which must each have an accessible name.
INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractSlider,
               QAbstractItemView, QTabBar, QDockWidget)  # fmt: skip


def name_widgets(root: QWidget) -> None:
    """Give every interactive widget under ``root`` without an accessible name a fitting one."""
    labels = _form_labels(root)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) and not _is_web_view(widget):
            continue
        if widget.accessibleName():
            continue
        name = _name_for(widget, labels)
        if name:
            widget.setAccessibleName(name)
        if not widget.accessibleDescription() and widget.toolTip():
            widget.setAccessibleDescription(_plain(widget.toolTip()))


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets under ``root`` still without an accessible name (for tests)."""
    return [
        f"{type(w).__name__} {w.objectName() or '(no object name)'}"
        for w in root.findChildren(QWidget)
        if (isinstance(w, INTERACTIVE) or _is_web_view(w)) and not w.accessibleName().strip()
    ]


def _name_for(widget: QWidget, labels: dict[int, str]) -> str:
    if isinstance(widget, QDockWidget):
        return QCoreApplication.translate("Accessibility", "{title} panel").format(
            title=widget.windowTitle()
        )
    if widget.objectName() in QT_PARTS:
        return _tr(QT_PARTS[widget.objectName()])
    text = widget.text().strip() if isinstance(widget, QAbstractButton) else ""
    if text and any(c.isalpha() for c in text):
        return _plain(text)
    if text and widget.toolTip():  # a glyph (◀ ▶): what it does, from its tooltip
        return _plain(widget.toolTip()).split(". ")[0].split(" (")[0]
    if id(widget) in labels:
        return labels[id(widget)]
    if widget.toolTip():
        return _plain(widget.toolTip()).split(". ")[0]
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    if isinstance(widget, QTabBar):
        return QCoreApplication.translate("Accessibility", "Tabs: {names}").format(
            names=", ".join(_plain(widget.tabText(i)) for i in range(widget.count()))
        )
    own = widget.objectName()
    if own and not own.startswith(("qt_", "Scroll")):
        return own.replace("-", " ").replace("_", " ").strip().capitalize()
    parent = widget.parentWidget()
    while parent is not None:  # a scroll bar or a spin box's line edit: its owner's name
        if parent.accessibleName():
            return QCoreApplication.translate("Accessibility", "{owner}, {part}").format(
                owner=parent.accessibleName(), part=_part(widget)
            )
        parent = parent.parentWidget()
    return own.replace("-", " ").replace("_", " ").strip()


#: Qt's own unnamed helpers, by object name: what they are.
QT_PARTS = {
    "qt_menubar_ext_button": QT_TRANSLATE_NOOP("Accessibility", "More menu items"),
    "qt_toolbar_ext_button": QT_TRANSLATE_NOOP("Accessibility", "More tools"),
    "qt_tableview_cornerbutton": QT_TRANSLATE_NOOP("Accessibility", "Select all"),
    "ScrollLeftButton": QT_TRANSLATE_NOOP("Accessibility", "Scroll the tabs left"),
    "ScrollRightButton": QT_TRANSLATE_NOOP("Accessibility", "Scroll the tabs right"),
}
#: What a part of a control is, by its kind (a combo box's list, a table's scroll bar).
PART_NAMES = (
    (QScrollBar, QT_TRANSLATE_NOOP("Accessibility", "scroll bar")),
    (QHeaderView, QT_TRANSLATE_NOOP("Accessibility", "column headers")),
    (QAbstractItemView, QT_TRANSLATE_NOOP("Accessibility", "list")),
    (QLineEdit, QT_TRANSLATE_NOOP("Accessibility", "text field")),
    (QAbstractButton, QT_TRANSLATE_NOOP("Accessibility", "button")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Accessibility", text)


def _part(widget: QWidget) -> str:
    for kind, name in PART_NAMES:
        if isinstance(widget, kind):
            return _tr(name)
    return type(widget).__name__.removeprefix("Q")


def _form_labels(root: QWidget) -> dict[int, str]:
    """The text of each form row's label, by the id of the field it labels."""
    found: dict[int, str] = {}
    for layout in root.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            text = _plain(label.widget().text()).rstrip(":")
            widgets = [field.widget()] if field.widget() else _layout_widgets(field.layout())
            for widget in widgets:
                if widget is not None and text:
                    found[id(widget)] = text
    return found


def _layout_widgets(layout) -> list:
    if layout is None:
        return []
    return [layout.itemAt(i).widget() for i in range(layout.count()) if layout.itemAt(i).widget()]


def _is_web_view(widget: QWidget) -> bool:
    return type(widget).__name__ in ("MapView", "QWebEngineView")


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "").strip()
