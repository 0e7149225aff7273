"""The Method panel: how the figures on screen were made, and what reconciliation added.

Everything here comes from :class:`geodata.method.MethodNote` and the
statistics; the panel only lays it out, as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from geodata.stats import ADDED, ControlStats

#: Units whose reconciled km² round to less than this are not listed.
LISTED_KM2 = 0.05


class MethodDock(QDockWidget):
    """Method and caveats of the figures shown: sources, projection, reconciliation, denominator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Method", parent)
        self.setObjectName("method-dock")
        body = QWidget()
        column = QVBoxLayout(body)
        self.intro = _text_label("method-intro")
        column.addWidget(self.intro)
        self.form = QFormLayout()
        column.addLayout(self.form)
        self.fields: dict[str, QLabel] = {}
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.show_stats(None)

    def show_stats(self, stats: ControlStats | None) -> None:
        """Explain these statistics (None: nothing loaded)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        if stats is None:
            self.intro.setText("Open control-area data to see how its figures are made.")
            return
        self.intro.setText(
            "How the figures in the tables, tooltips, proposals and exports are made. "
            "The same text goes into every data export."
        )
        rows = stats.method.lines()
        rows.insert(4, ("Added per unit", _added_per_unit(stats)))
        for title, text in rows:
            label = _text_label(f"method-{title.lower().replace(' ', '-')}")
            label.setText(text)
            self.form.addRow(_text_label(None, title), label)
            self.fields[title] = label


def _added_per_unit(stats: ControlStats) -> str:
    regions = stats.regions[stats.regions[ADDED] >= LISTED_KM2].sort_values(ADDED, ascending=False)
    if regions.empty:
        return "none"
    return "\n".join(f"{row['name']}: +{row[ADDED]:,.1f} km²" for row in regions.to_dict("records"))


def _text_label(name: str | None, text: str = "") -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    # Names come from files: shown as text, never as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label
