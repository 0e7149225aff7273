"""The Changes panel: settlements and km² that changed hands between two dates, gains per period.

It shows what :mod:`geodata.history.transfers` and :mod:`geodata.history.rates`
compute (the history controller runs them off the GUI thread); it orders and
formats, and says which place to fly to when a row is clicked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
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
from desktop.i18n import (
    current_language,
    date_field_format,
    date_text,
    number,
    signed,
)
from desktop.statistics.model import NAME_ORDER, names_in_language
from geodata.history.pace_output import change_headline
from geodata.history.rates import DEFAULT_PACE_DAYS, PACE_METHOD
from geodata.history.transfers import DIRECTION_TEXT, DateChanges
from geodata.language import say
from geodata.places import PEOPLE_NOTE


def translated(text: str) -> str:
    """``text``, a literal marked in the "Changes" context, in the language in use."""
    return QCoreApplication.translate("Changes", text)


def core_words(text: str) -> str:
    """A sentence the core wrote (:mod:`geodata.language`) in the language in use."""
    return say(text, current_language())


def oblasts_by_name(areas: pd.DataFrame) -> pd.DataFrame:
    """The per-oblast rows in the order of their names (in the language's alphabet), the
    group rows after them, as the command line lists them (they came in code order)."""
    units = areas[areas["level"] == "unit"]
    order = sorted(range(len(units)), key=lambda row: NAME_ORDER(units["name"].iloc[row]))
    return pd.concat([units.iloc[order], areas[areas["level"] != "unit"]], ignore_index=True)


PLACE_COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("Changes", "Place"), text_cell),
    ("name_uk", QT_TRANSLATE_NOOP("Changes", "Ukrainian"), text_cell),
    ("region", QT_TRANSLATE_NOOP("Changes", "Oblast"), text_cell),
    ("population", QT_TRANSLATE_NOOP("Changes", "People*"), whole_cell),
    ("direction", QT_TRANSLATE_NOOP("Changes", "Change"), lambda v: core_words(DIRECTION_TEXT[v])),
    ("since", QT_TRANSLATE_NOOP("Changes", "Since"), text_cell),
]
AREA_COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("Changes", "Region"), text_cell),
    ("gained_km2", QT_TRANSLATE_NOOP("Changes", "Gained\nkm²"), km2_cell),
    ("regained_km2", QT_TRANSLATE_NOOP("Changes", "Regained\nkm²"), km2_cell),
    # The change in the reconciled border slivers: gained - regained + slivers = net, the
    # change in the figures (without it the columns did not add up).
    ("slivers_km2", QT_TRANSLATE_NOOP("Changes", "Border\nslivers km²"), signed_km2_cell),
    ("net_km2", QT_TRANSLATE_NOOP("Changes", "Net\nkm²"), signed_km2_cell),
    ("places_taken", QT_TRANSLATE_NOOP("Changes", "Places\ntaken"), whole_cell),
    ("places_regained", QT_TRANSLATE_NOOP("Changes", "Places\nregained"), whole_cell),
    ("people_taken", QT_TRANSLATE_NOOP("Changes", "People*\ntaken"), whole_cell),
]
PERIOD_COLUMNS = [
    ("period", QT_TRANSLATE_NOOP("Changes", "Period"), text_cell),
    ("name", QT_TRANSLATE_NOOP("Changes", "Region"), text_cell),
    ("change_km2", QT_TRANSLATE_NOOP("Changes", "Change\nkm²"), signed_km2_cell),
    ("rate_km2_per_day", QT_TRANSLATE_NOOP("Changes", "km² a\nday"), lambda v: signed(v, 2)),
    ("places_taken", QT_TRANSLATE_NOOP("Changes", "Places\ntaken"), whole_cell),
    ("places_regained", QT_TRANSLATE_NOOP("Changes", "Places\nregained"), whole_cell),
    ("people_taken", QT_TRANSLATE_NOOP("Changes", "People*\ntaken"), whole_cell),
    ("held_km2", QT_TRANSLATE_NOOP("Changes", "Held\nkm²"), km2_cell),
]
PACE_COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("Changes", "Region"), text_cell),
    ("held_pct", QT_TRANSLATE_NOOP("Changes", "Held\n%"), lambda v: number(float(v), 2)),
    (
        "rate_km2_per_day",
        QT_TRANSLATE_NOOP("Changes", "km² a day\n(last 90 days)"),
        lambda v: signed(v, 2),
    ),
    (
        "text",
        QT_TRANSLATE_NOOP("Changes", "At this pace"),
        text_cell,
    ),  # in the language: geodata.history.rates.pace
]


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
        self.first.setAccessibleName(QCoreApplication.translate("Changes", "Changes from date"))
        self.second = _date_edit("changes-to")
        self.second.setAccessibleName(QCoreApplication.translate("Changes", "Changes to date"))
        row.addWidget(QLabel(QCoreApplication.translate("Changes", "From")))
        row.addWidget(self.first)
        row.addWidget(QLabel(QCoreApplication.translate("Changes", "to")))
        row.addWidget(self.second)
        row.addStretch(1)
        self.export_button = QPushButton(QCoreApplication.translate("Changes", "Export table…"))
        self.export_button.setObjectName("changes-export")
        row.addWidget(self.export_button)
        column.addLayout(row)
        self.headline = QLabel(
            QCoreApplication.translate("Changes", "Open a history to see what changed hands")
        )
        self.headline.setObjectName("changes-headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        column.addWidget(self.headline)

        self.tabs = QTabWidget()
        self.places = FrameModel(PLACE_COLUMNS, self, context="Changes")
        self.areas = FrameModel(AREA_COLUMNS, self, context="Changes")
        self.periods = FrameModel(PERIOD_COLUMNS, self, context="Changes")
        self.pace = FrameModel(PACE_COLUMNS, self, context="Changes")
        self.place_table = frame_table(
            self.places,
            "changes-places",
            QCoreApplication.translate("Changes", "Settlements that changed hands"),
        )
        # Largest first, as computed: what a briefing names first.
        self.place_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.tabs.addTab(self.place_table, QCoreApplication.translate("Changes", "Places"))
        self.tabs.addTab(
            frame_table(
                self.areas,
                "changes-areas",
                QCoreApplication.translate("Changes", "Change per oblast or group"),
            ),
            QCoreApplication.translate("Changes", "Per oblast"),
        )
        periods = QWidget()
        period_column = QVBoxLayout(periods)
        period_column.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("changes-period")
        self.period.setAccessibleName(
            QCoreApplication.translate("Changes", "Period of the gains table")
        )
        self.period.addItem(QCoreApplication.translate("Changes", "per month"), "month")
        self.period.addItem(QCoreApplication.translate("Changes", "per week"), "week")
        self.level = QComboBox()
        self.level.setObjectName("changes-level")
        self.level.setAccessibleName(QCoreApplication.translate("Changes", "Groups or oblasts"))
        self.level.addItem(QCoreApplication.translate("Changes", "groups"), "group")
        self.level.addItem(QCoreApplication.translate("Changes", "oblasts"), "unit")
        choices.addWidget(QLabel(QCoreApplication.translate("Changes", "Gains")))
        choices.addWidget(self.period)
        choices.addWidget(QLabel(QCoreApplication.translate("Changes", "for")))
        choices.addWidget(self.level)
        choices.addStretch(1)
        column.addLayout(choices)  # under the dates: they set the Per period and Pace tabs
        self._all_periods: pd.DataFrame | None = None
        self._all_pace: pd.DataFrame | None = None
        period_column.addWidget(
            frame_table(
                self.periods,
                "changes-periods",
                QCoreApplication.translate("Changes", "Change per period"),
                sort=False,
            )
        )
        self.tabs.addTab(periods, QCoreApplication.translate("Changes", "Per period"))
        pace = QWidget()
        pace_column = QVBoxLayout(pace)
        pace_column.setContentsMargins(0, 0, 0, 0)
        pace_column.addWidget(
            frame_table(
                self.pace,
                "changes-pace",
                QCoreApplication.translate("Changes", "Pace of change"),
            )
        )
        self.pace_note = QLabel(say(PACE_METHOD, current_language(), days=DEFAULT_PACE_DAYS))
        self.pace_note.setWordWrap(True)
        self.pace_note.setTextFormat(Qt.TextFormat.PlainText)
        pace_column.addWidget(self.pace_note)
        self.tabs.addTab(pace, QCoreApplication.translate("Changes", "Pace"))
        column.addWidget(self.tabs, 1)
        note = QLabel("* " + core_words(PEOPLE_NOTE))
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
            self.headline.setText(
                QCoreApplication.translate("Changes", "Open a history to see what changed hands")
            )
            self.places.set_frame(None)
            self.areas.set_frame(None)
            return
        self.headline.setText(change_headline(changes, current_language()))
        self.places.set_frame(names_in_language(changes.places, "region_code", "region"))
        self.areas.set_frame(oblasts_by_name(names_in_language(changes.areas)))

    def show_periods(
        self, gains: pd.DataFrame | None, pace: pd.DataFrame | None, as_of=None
    ) -> None:
        """Show gains per period and the pace (None: none), the pace as of ``as_of`` (the
        history's last date, whatever dates the panel compares: said above its method)."""
        self._all_periods = gains
        self._all_pace = pace
        method = say(PACE_METHOD, current_language(), days=DEFAULT_PACE_DAYS)
        if as_of is not None:
            method = (
                QCoreApplication.translate(
                    "Changes", "The pace as of {date}, the history's last date."
                ).format(date=date_text(as_of))
                + " "
                + method
            )
        self.pace_note.setText(method)
        self._show_periods()

    def _show_periods(self) -> None:
        gains, pace, level = self._all_periods, self._all_pace, self.level.currentData()
        shown = None if pace is None else pace[pace["level"] == level]
        self.pace.set_frame(names_in_language(shown))
        if gains is None:
            self.periods.set_frame(None)
            return
        shown = gains[gains["level"] == level]
        # Newest period first (what a briefing asks about), regions in their usual order.
        newest = shown.sort_values("start", ascending=False, kind="stable")
        self.periods.set_frame(names_in_language(newest))

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
    edit.setDisplayFormat(date_field_format())
    return edit
