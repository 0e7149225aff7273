"""The Method panel: how the figures on screen were made, and what reconciliation added.

Everything here comes from :class:`geodata.method.MethodNote` and the
statistics; the panel only lays it out, as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.app_state import AppState
from desktop.i18n import current_language, number
from desktop.map.info_dock import breakable
from desktop.statistics.model import unit_name
from geodata.figures import NEGLIGIBLE_KM2
from geodata.stats import ADDED, ControlStats

#: Units whose reconciled km² round to less than this are not listed.


class MethodDock(QDockWidget):
    """Method and caveats of the figures shown: sources, projection, reconciliation, denominator."""

    def __init__(self, parent: QWidget | None = None, state: AppState | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Method"), parent)
        self.setObjectName("method-dock")
        body = QWidget()
        column = QVBoxLayout(body)
        self.intro = _text_label("method-intro")
        column.addWidget(self.intro)
        # One title and its text under it, each in turn: the panel is narrow.
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        column.addLayout(self.rows)
        self.fields: dict[str, QLabel] = {}
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.show_stats(None)
        if state is not None:
            state.control_changed.connect(self._show_control)

    def _clear(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.fields = {}

    def _show_control(self, loaded) -> None:
        self.show_stats(loaded.stats if loaded is not None else None)

    def show_stats(self, stats: ControlStats | None) -> None:
        """Explain these statistics (None: nothing loaded)."""
        if stats is None:
            self._clear()
            self.intro.setText(
                QCoreApplication.translate(
                    "Method", "Open control-area data to see how its figures are made."
                )
            )
            return
        self.intro.setText(
            QCoreApplication.translate(
                "Method",
                "How the figures in the tables, tooltips, proposals and exports are made. "
                "The same text goes into every data export.",
            )
        )
        # Keyed by the English titles (object names, tests); shown in the app's language.
        keys = [title for title, _ in stats.method.lines()]
        rows = stats.method.lines(current_language())
        after = keys.index("Added by reconciliation")
        keys.insert(after, "Added per unit")
        rows.insert(after, (QCoreApplication.translate("Method", "Added per unit"),
                            _added_per_unit(stats)))  # fmt: skip
        if list(self.fields) == keys:  # another date of the same source: new texts only
            for key, (_title, text) in zip(keys, rows, strict=True):
                self.fields[key].setText(_shown(key, text))
            return
        self._clear()
        for key, (title, text) in zip(keys, rows, strict=True):
            heading = _text_label(None, title)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            label = _text_label(f"method-{key.lower().replace(' ', '-')}", _shown(key, text))
            label.setContentsMargins(0, 0, 0, 6)
            self.rows.addWidget(heading)
            self.rows.addWidget(label)
            self.fields[key] = label


def _added_per_unit(stats: ControlStats) -> str:
    regions = stats.regions[stats.regions[ADDED] >= NEGLIGIBLE_KM2].sort_values(
        ADDED, ascending=False
    )
    if regions.empty:
        return QCoreApplication.translate("Method", "none")
    return "\n".join(
        f"{unit_name(row['code'], row['name'])}: +{number(row[ADDED], 1)} "
        + QCoreApplication.translate("Method", "km²")
        for row in regions.to_dict("records")
    )


def _text_label(name: str | None, text: str = "") -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    # Names come from files: shown as text, never as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    # Wrap to the panel's width rather than widen it.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(60)
    return label


def _shown(key: str, text: str) -> str:
    """A row's text as shown: a file name has no spaces to wrap at, so the source's may
    wrap after _ - and . too."""
    return breakable(text) if key == "Control areas" else text
