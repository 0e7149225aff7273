"""The Compare panel: the data on screen (A) against a second source (B), per oblast and place.

It shows what :func:`geodata.compare.compare_layers` computes: per oblast and group
the occupied km² and % in each source and B - A, the km² held only in one, and the
settlements held in one source only. It orders and formats; it computes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.frame_model import (
    FrameModel,
    frame_table,
    km2_cell,
    text_cell,
    whole_cell,
)
from desktop.i18n import current_language, date_text, number, signed
from desktop.statistics.model import names_in_language
from geodata.compare import Comparison
from geodata.figures import NEGLIGIBLE_KM2


def _pct(value) -> str:
    return number(value, 2)


def _signed(value) -> str:
    return signed(float(value) + 0.0, 1)


# Titles are translated by FrameModel, in the "Tables" context.
ROW_COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("Tables", "Region"), text_cell),
    ("a_km2", QT_TRANSLATE_NOOP("Tables", "A km²"), km2_cell),
    ("a_pct", QT_TRANSLATE_NOOP("Tables", "A %"), _pct),
    ("b_km2", QT_TRANSLATE_NOOP("Tables", "B km²"), km2_cell),
    ("b_pct", QT_TRANSLATE_NOOP("Tables", "B %"), _pct),
    ("difference_km2", QT_TRANSLATE_NOOP("Tables", "B - A\nkm²"), _signed),
    ("only_a_km2", QT_TRANSLATE_NOOP("Tables", "Only in A\nkm²"), km2_cell),
    ("only_b_km2", QT_TRANSLATE_NOOP("Tables", "Only in B\nkm²"), km2_cell),
]  # fmt: skip
PLACE_COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("Tables", "Place"), text_cell),
    ("name_uk", QT_TRANSLATE_NOOP("Tables", "Ukrainian"), text_cell),
    ("region", QT_TRANSLATE_NOOP("Tables", "Oblast"), text_cell),
    ("population", QT_TRANSLATE_NOOP("Tables", "People*"), whole_cell),
    ("held_in", QT_TRANSLATE_NOOP("Tables", "Held in"), text_cell),
]  # fmt: skip


class CompareDock(QDockWidget):
    """A second source beside the data on screen; says when to pick one or to stop comparing."""

    choose_requested = Signal()
    clear_requested = Signal()
    export_requested = Signal(object, str)  # (FrameModel, what it is)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Compare"), parent)
        self.setObjectName("compare-dock")
        self.comparison: Comparison | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        self.choose = QPushButton(QCoreApplication.translate("Compare", "Compare with a file…"))
        self.choose.setObjectName("compare-choose")
        self.clear = QPushButton(QCoreApplication.translate("Compare", "Stop comparing"))
        self.clear.setObjectName("compare-clear")
        self.export_button = QPushButton(QCoreApplication.translate("Compare", "Export table…"))
        for button in (self.choose, self.clear):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        column.addLayout(row)
        self.headline = QLabel()
        self.headline.setObjectName("compare-headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        column.addWidget(self.headline)
        self.rows = FrameModel(ROW_COLUMNS, self)
        self.places = FrameModel(PLACE_COLUMNS, self)
        self.tabs = QTabWidget()
        rows_name = QCoreApplication.translate("Compare", "Compare rows")
        places_name = QCoreApplication.translate("Compare", "Compare places")
        self.tabs.addTab(
            frame_table(self.rows, "compare-rows", sort=False, accessible_name=rows_name),
            QCoreApplication.translate("Compare", "Per oblast"),
        )
        self.tabs.addTab(
            frame_table(self.places, "compare-places", accessible_name=places_name),
            QCoreApplication.translate("Compare", "Settlements"),
        )
        column.addWidget(self.tabs, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.note)
        self.setWidget(body)
        self.choose.clicked.connect(self.choose_requested)
        self.clear.clicked.connect(self.clear_requested)
        self.export_button.clicked.connect(self._export)
        self.show_comparison(None)

    def show_comparison(self, comparison: Comparison | None) -> None:
        """Show a comparison, or how to start one (None)."""
        self.comparison = comparison
        self.clear.setEnabled(comparison is not None)
        self.export_button.setEnabled(comparison is not None)
        if comparison is None:
            self.headline.setText(
                QCoreApplication.translate(
                    "Compare",
                    "Compare the data on screen (A) with a second source (B) for the same or a "
                    "near date: another DeepStateMap day, an export of the ISW/CTP map, a "
                    "colleague's KML. The map shows what only one of them holds.",
                )
            )
            self.rows.set_frame(None)
            self.places.set_frame(None)
            self.note.setText("")
            return
        a, b = comparison.a, comparison.b
        gap = comparison.date_gap_days
        if gap is None:
            when = ""
        elif gap == 0:
            when = QCoreApplication.translate("Compare", " — same date")
        else:
            when = QCoreApplication.translate("Compare", " — {days} days apart").format(
                days=abs(gap)
            )
        self.headline.setText(
            QCoreApplication.translate("Compare", "A: {source} ({date})").format(
                source=a.source, date=_date(a)
            )
            + "\n"
            + QCoreApplication.translate("Compare", "B: {source} ({date})").format(
                source=b.source, date=_date(b)
            )
            + when
        )
        table = comparison.table
        # The groups first, then the oblasts where either source holds anything.
        numbers = table[["a_km2", "b_km2", "only_a_km2", "only_b_km2"]].abs()
        shown = (table["level"] == "group") | ~(numbers < NEGLIGIBLE_KM2).all(axis=1)
        self.rows.set_frame(names_in_language(table[shown].sort_values("level", kind="stable")))
        self.places.set_frame(names_in_language(comparison.places, "region_code", "region"))
        self.note.setText(comparison.method_in(current_language()))

    def _export(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.export_requested.emit(self.rows, "per-oblast")
        else:
            self.export_requested.emit(self.places, "settlements")


def _date(layer) -> str:
    return (
        date_text(layer.date)
        if layer.date
        else QCoreApplication.translate("Compare", "date unknown")
    )
