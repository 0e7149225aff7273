"""The Changes panel: settlements and km² that changed hands between two dates, gains per period.

It shows what :mod:`geodata.history.transfers` and :mod:`geodata.history.rates`
compute (the history controller runs them off the GUI thread); it orders and
formats, and says which place to fly to when a row is clicked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
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
    signed_km2_cell,
    text_cell,
    whole_cell,
)
from geodata.history.pace_output import change_headline
from geodata.history.rates import PACE_METHOD
from geodata.history.transfers import DIRECTION_TEXT, DateChanges
from geodata.places import PEOPLE_NOTE

PLACE_COLUMNS = [
    ("name", "Place", text_cell), ("name_uk", "Ukrainian", text_cell),
    ("region", "Oblast", text_cell),
    ("population", "People*", whole_cell), ("direction", "Change", lambda v: DIRECTION_TEXT[v]),
    ("since", "Since", text_cell),
]  # fmt: skip
AREA_COLUMNS = [
    ("name", "Region", text_cell), ("gained_km2", "Gained\nkm²", km2_cell),
    ("regained_km2", "Regained\nkm²", km2_cell), ("net_km2", "Net\nkm²", signed_km2_cell),
    ("places_taken", "Places\ntaken", whole_cell),
    ("places_regained", "Places\nregained", whole_cell),
    ("people_taken", "People*\ntaken", whole_cell),
]  # fmt: skip
PERIOD_COLUMNS = [
    ("period", "Period", text_cell), ("name", "Region", text_cell),
    ("change_km2", "Change\nkm²", signed_km2_cell),
    ("rate_km2_per_day", "km² a\nday", lambda v: f"{float(v):+,.2f}"),
    ("places_taken", "Places\ntaken", whole_cell),
    ("places_regained", "Places\nregained", whole_cell),
    ("people_taken", "People*\ntaken", whole_cell), ("held_km2", "Held\nkm²", km2_cell),
]  # fmt: skip
PACE_COLUMNS = [
    ("name", "Region", text_cell), ("held_pct", "Held\n%", lambda v: f"{float(v):.2f}"),
    ("rate_km2_per_day", "km² a day\n(last 90 days)", lambda v: f"{float(v):+,.2f}"),
    ("text", "At this pace", text_cell),
]  # fmt: skip


class ChangesDock(QDockWidget):
    """Two dates (or the Timeline's comparison) → the places, oblasts and periods that changed."""

    dates_changed = Signal(object, object)  # first, second (datetime.date)
    period_changed = Signal(str)  # "month" or "week"
    place_chosen = Signal(float, float, str)  # lat, lon, name: fly the map there
    export_requested = Signal(object, str)  # (FrameModel, what it is) to write as CSV or XLSX

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Changes"), parent)
        self.setObjectName("changes-dock")
        self.changes: DateChanges | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        self.first = _date_edit("changes-from")
        self.first.setAccessibleName("Changes from date")
        self.second = _date_edit("changes-to")
        self.second.setAccessibleName("Changes to date")
        row.addWidget(QLabel("From"))
        row.addWidget(self.first)
        row.addWidget(QLabel("to"))
        row.addWidget(self.second)
        row.addStretch(1)
        self.export_button = QPushButton("Export table…")
        self.export_button.setObjectName("changes-export")
        row.addWidget(self.export_button)
        column.addLayout(row)
        self.headline = QLabel("Open a history to see what changed hands")
        self.headline.setObjectName("changes-headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        column.addWidget(self.headline)

        self.tabs = QTabWidget()
        self.places = FrameModel(PLACE_COLUMNS, self)
        self.areas = FrameModel(AREA_COLUMNS, self)
        self.periods = FrameModel(PERIOD_COLUMNS, self)
        self.pace = FrameModel(PACE_COLUMNS, self)
        self.place_table = frame_table(self.places, "changes-places")
        # Largest first, as computed: what a briefing names first.
        self.place_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.tabs.addTab(self.place_table, "Places")
        self.tabs.addTab(frame_table(self.areas, "changes-areas"), "Per oblast")
        periods = QWidget()
        period_column = QVBoxLayout(periods)
        period_column.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("changes-period")
        self.period.setAccessibleName("Period of the gains table")
        self.period.addItem("per month", "month")
        self.period.addItem("per week", "week")
        self.level = QComboBox()
        self.level.setObjectName("changes-level")
        self.level.setAccessibleName("Groups or oblasts")
        self.level.addItem("groups", "group")
        self.level.addItem("oblasts", "unit")
        choices.addWidget(QLabel("Gains"))
        choices.addWidget(self.period)
        choices.addWidget(QLabel("for"))
        choices.addWidget(self.level)
        choices.addStretch(1)
        column.addLayout(choices)  # under the dates: they set the Per period and Pace tabs
        self._all_periods: pd.DataFrame | None = None
        self._all_pace: pd.DataFrame | None = None
        period_column.addWidget(frame_table(self.periods, "changes-periods", sort=False))
        self.tabs.addTab(periods, "Per period")
        pace = QWidget()
        pace_column = QVBoxLayout(pace)
        pace_column.setContentsMargins(0, 0, 0, 0)
        pace_column.addWidget(frame_table(self.pace, "changes-pace"))
        self.pace_note = QLabel(PACE_METHOD.format(days=90))
        self.pace_note.setWordWrap(True)
        self.pace_note.setTextFormat(Qt.TextFormat.PlainText)
        pace_column.addWidget(self.pace_note)
        self.tabs.addTab(pace, "Pace")
        column.addWidget(self.tabs, 1)
        note = QLabel("* " + PEOPLE_NOTE)
        note.setObjectName("changes-people-note")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(note)
        self.setWidget(body)

        self.first.dateChanged.connect(self._emit_dates)
        self.second.dateChanged.connect(self._emit_dates)
        self.period.currentIndexChanged.connect(
            lambda: self.period_changed.emit(self.period.currentData())
        )
        self.level.currentIndexChanged.connect(self._show_periods)
        self.place_table.activated.connect(self._place_activated)
        self.place_table.clicked.connect(self._place_activated)
        self.export_button.clicked.connect(self._export)
        self._quiet = False

    # -- input -------------------------------------------------------------------------------

    def set_range(self, first: dt.date, last: dt.date) -> None:
        """The dates a history spans: both date boxes are limited to them."""
        self._quiet = True
        for edit in (self.first, self.second):
            edit.setDateRange(QDate(first), QDate(last))
        self._quiet = False

    def set_dates(self, first: dt.date, second: dt.date) -> None:
        """Show these two dates (the Timeline's comparison), without asking again."""
        self._quiet = True
        self.first.setDate(QDate(first))
        self.second.setDate(QDate(second))
        self._quiet = False

    def dates(self) -> tuple[dt.date, dt.date]:
        """The two dates chosen (earlier first)."""
        a, b = self.first.date().toPython(), self.second.date().toPython()
        return (a, b) if a <= b else (b, a)

    def _emit_dates(self) -> None:
        if not self._quiet:
            self.dates_changed.emit(*self.dates())

    # -- output ------------------------------------------------------------------------------

    def show_changes(self, changes: DateChanges | None) -> None:
        """Show what changed between two dates (None: nothing open)."""
        self.changes = changes
        if changes is None:
            self.headline.setText("Open a history to see what changed hands")
            self.places.set_frame(None)
            self.areas.set_frame(None)
            return
        self.headline.setText(change_headline(changes))
        self.places.set_frame(changes.places)
        self.areas.set_frame(changes.areas)

    def show_periods(self, gains: pd.DataFrame | None, pace: pd.DataFrame | None) -> None:
        """Show gains per period and the pace (None: none)."""
        self._all_periods = gains
        self._all_pace = pace
        self._show_periods()

    def _show_periods(self) -> None:
        gains, pace, level = self._all_periods, self._all_pace, self.level.currentData()
        self.pace.set_frame(None if pace is None else pace[pace["level"] == level])
        if gains is None:
            self.periods.set_frame(None)
            return
        shown = gains[gains["level"] == level]
        # Newest period first (what a briefing asks about), regions in their usual order.
        self.periods.set_frame(shown.sort_values("start", ascending=False, kind="stable"))

    def _place_activated(self, index: QModelIndex) -> None:
        proxy = index.model()
        row = proxy.mapToSource(index).row() if hasattr(proxy, "mapToSource") else index.row()
        place = self.places.frame.iloc[row]
        self.place_chosen.emit(float(place["lat"]), float(place["lon"]), str(place["name"]))

    def _export(self) -> None:
        page = self.tabs.currentIndex()
        model, what = [
            (self.places, "places"), (self.areas, "per-oblast"),
            (self.periods, "per-period"), (self.pace, "pace"),
        ][page]  # fmt: skip
        self.export_requested.emit(model, what)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit
