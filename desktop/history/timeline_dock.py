"""The Timeline panel: move through a history's dates, play it, chart it, compare two dates."""

from __future__ import annotations

import bisect
import datetime as dt

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import (
    current_language,
    date_field_format,
    date_text,
    number,
    signed,
    typed_date,
)
from geodata.figures import NEGLIGIBLE_KM2
from geodata.history.rates import CHANGE_VIEWS
from geodata.history.series import HistorySeries
from geodata.language import say
from geodata.palette import current

# Keys (the step box's item data) as well as the English the box shows.
STEPS = {
    QT_TRANSLATE_NOOP("Timeline", "Day"): 1,
    QT_TRANSLATE_NOOP("Timeline", "Week"): 7,
    QT_TRANSLATE_NOOP("Timeline", "Month"): 30,
}
PLAY_INTERVAL_MS = 400


def translated(text: str) -> str:
    """``text``, a literal marked in the "Timeline" context, in the language in use."""
    return QCoreApplication.translate("Timeline", text)


class TimelineDock(QDockWidget):
    """Shows a history's dates and chart; says which date (row) to show. It computes nothing."""

    date_changed = Signal(int)  # row of the series
    compare_changed = Signal(int)  # row to compare with, or -1
    open_requested = Signal()
    chart_export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Timeline"), parent)
        self.setObjectName("timeline-dock")
        self.series: HistorySeries | None = None
        self.row = -1
        self._days: list[int] = []  # day offset of each row from the first date
        self.wait_for_map = False  # play steps on only once the date shown has been drawn
        self._shown = -1  # the row last drawn on the map (mark_shown)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.header = QLabel(QCoreApplication.translate("Timeline", "No history open"))
        self.header.setObjectName("timeline-header")
        # It names the history's folder or file: text, never HTML.
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(QCoreApplication.translate("Timeline", "Open History…"))
        self.back = _tool(
            "◀", QCoreApplication.translate("Timeline", "Previous date (by the step)")
        )
        self.play = _tool(
            QCoreApplication.translate("Timeline", "▶ Play"),
            QCoreApplication.translate("Timeline", "Play through the dates"),
        )
        self.play.setCheckable(True)
        self.forward = _tool("▶", QCoreApplication.translate("Timeline", "Next date (by the step)"))
        self.step = QComboBox()
        self.step.setObjectName("timeline-step")
        self.step.setAccessibleName(QCoreApplication.translate("Timeline", "Step between dates"))
        for key in STEPS:
            self.step.addItem(translated(key), key)
        self.date_label = QLabel("—")
        self.date_label.setObjectName("timeline-date")
        self.date_label.setStyleSheet("font-weight: 600;")
        self.compare = QCheckBox(QCoreApplication.translate("Timeline", "Compare with"))
        self.compare.setToolTip(
            QCoreApplication.translate(
                "Timeline", "Compare the date shown with another date (Alt+C)"
            )
        )
        self.compare.setObjectName("timeline-compare")
        self.compare_date = QDateEdit()
        self.compare_date.setObjectName("timeline-compare-date")
        self.compare_date.setAccessibleName(
            QCoreApplication.translate("Timeline", "Date to compare with")
        )
        self.compare_date.setCalendarPopup(True)
        self.compare_date.setDisplayFormat(date_field_format())
        # With no history there is no date to show (not Qt's 2000-01-01): its minimum reads "—".
        self.compare_date.setSpecialValueText("—")
        self.units = QComboBox()
        self.units.setAccessibleName(QCoreApplication.translate("Timeline", "Chart units"))
        self.units.addItem("%", "pct")
        self.units.addItem(QCoreApplication.translate("Timeline", "km²"), "km2")
        self.period = QComboBox()
        self.period.setObjectName("timeline-period")
        self.period.setAccessibleName(
            QCoreApplication.translate("Timeline", "Chart's lower panel: change per period or rate")
        )
        for view, (text, _axis) in CHANGE_VIEWS.items():
            self.period.addItem(say(text, current_language()), view)
        self.goto = QLineEdit()
        self.goto.setObjectName("timeline-goto")
        self.goto.setPlaceholderText(QCoreApplication.translate("Timeline", "Go to date…"))
        self.goto.setAccessibleName(QCoreApplication.translate("Timeline", "Go to date"))
        self._goto_help = QCoreApplication.translate(
            "Timeline", "Type a date (YYYY-MM-DD or DD.MM.YYYY) and press Enter (Ctrl+G)"
        )
        self.goto.setToolTip(self._goto_help)
        self.goto.setMaximumWidth(120)
        self.goto.returnPressed.connect(self._go_to_typed)
        self.export_chart = QPushButton(QCoreApplication.translate("Timeline", "Export chart…"))
        self.export_chart.setObjectName("timeline-export-chart")
        self.export_chart.setToolTip(
            QCoreApplication.translate(
                "Timeline", "Save the chart as PNG or SVG, or its data as CSV"
            )
        )
        for widget in (self.open_button, self.back, self.play, self.forward, self.step,
                       self.date_label, self.compare, self.compare_date):  # fmt: skip
            top.addWidget(widget)
        top.addWidget(self.goto)
        top.addStretch(1)
        top.addWidget(self.units)
        top.addWidget(self.period)
        top.addWidget(self.export_chart)
        column.addLayout(top)
        column.addWidget(self.header)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(QCoreApplication.translate("Timeline", "Date shown"))
        self.slider.setObjectName("timeline-slider")
        self.gaps = _GapStrip(self)
        column.addWidget(self.slider)
        column.addWidget(self.gaps)

        split = self._split = QSplitter(Qt.Orientation.Horizontal)
        # The chart (and matplotlib) are made when a history is first shown: the
        # app's start does not wait for them (see the chart property).
        self._chart = None
        self._state = None
        self._chart_slot = QWidget()
        self._chart_slot.setMinimumHeight(180)
        slot_layout = QVBoxLayout(self._chart_slot)
        slot_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(
            QCoreApplication.translate("Timeline", "Change between the two dates, by oblast")
        )
        self.table.setObjectName("timeline-compare-table")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("Timeline", "Region"),
                QCoreApplication.translate("Timeline", "Held %\nthen"),
                QCoreApplication.translate("Timeline", "Held %\nnow"),
                QCoreApplication.translate("Timeline", "Change\nkm²"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in (1, 2, 3):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setMinimumWidth(340)
        self.table.hide()
        split.addWidget(self._chart_slot)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        column.addWidget(split, 1)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)
        self._timer.timeout.connect(self._play_step)
        self.slider.valueChanged.connect(self._slider_moved)
        self.back.clicked.connect(lambda: self.step_by(-1))
        self.forward.clicked.connect(lambda: self.step_by(1))
        self.play.toggled.connect(self._toggle_play)
        self.compare.toggled.connect(self._emit_compare)
        self.compare_date.dateChanged.connect(self._emit_compare)
        self.open_button.clicked.connect(self.open_requested)
        self.export_chart.clicked.connect(self.chart_export_requested)
        self.units.currentIndexChanged.connect(
            lambda: self._chart is not None and self._chart.set_units(self.units.currentData())
        )
        self.period.currentIndexChanged.connect(
            lambda: self._chart is not None and self._chart.set_period(self.period.currentData())
        )
        self._keys()
        self.set_series(None)

    @property
    def chart(self):
        """The chart of the held share over time, made (matplotlib loaded) when first needed."""
        if self._chart is None:
            from desktop.history.timeline_chart import TimelineChart

            chart = TimelineChart(self._chart_slot)
            self._chart_slot.layout().addWidget(chart)
            chart.installEventFilter(self)  # the timeline's keys work on the chart too
            chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            chart.setAccessibleName(
                QCoreApplication.translate("Timeline", "Chart of the share held over time")
            )
            chart.set_units(self.units.currentData())
            chart.set_period(self.period.currentData())
            # Made late, it would come last in the window's Tab order: put it back in place.
            QWidget.setTabOrder(self.slider, chart)
            QWidget.setTabOrder(chart, self.table)
            self._chart = chart
            if self._state is not None:
                self._chart.follow(self._state)
        return self._chart

    def follow(self, state) -> None:
        """Plot the oblast selected in the shared :class:`~desktop.app_state.AppState`."""
        self._state = state
        if self._chart is not None:
            self._chart.follow(state)

    def _keys(self) -> None:
        """The timeline by keyboard: ←/→ a date, Shift+←/→ a week, Space play or pause (on the
        slider, the chart and the panel's buttons); Ctrl+G types a date, anywhere in the panel."""
        for widget in (self.slider, self.back, self.play, self.forward,
                       self.open_button, self.export_chart, self.compare):  # fmt: skip
            widget.installEventFilter(self)
        goto = QShortcut(QKeySequence("Ctrl+G"), self.widget())
        goto.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        goto.activated.connect(lambda: (self.goto.setFocus(), self.goto.selectAll()))
        compare = QShortcut(QKeySequence("Alt+C"), self.widget())
        compare.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        compare.activated.connect(
            lambda: self.compare.toggle() if self.compare.isEnabled() else None
        )

    def eventFilter(self, watched, event) -> bool:
        """Arrow keys and Space move through the dates wherever the panel has the keyboard."""
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return super().eventFilter(watched, event)
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        actions = {
            (Qt.Key.Key_Left, False): lambda: self.go_to_row(max(0, self.row - 1)),
            (Qt.Key.Key_Right, False): lambda: self.go_to_row(self.row + 1),
            (Qt.Key.Key_Left, True): lambda: self.step_days(-7),
            (Qt.Key.Key_Right, True): lambda: self.step_days(7),
            (Qt.Key.Key_Space, False): lambda: (
                self.play.toggle() if self.play.isEnabled() else None
            ),
        }
        action = actions.get((key, shift))
        if action is None:
            return super().eventFilter(watched, event)
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # these keys are the timeline's here, not a window shortcut's
            return True
        action()
        return True

    def _toggle_play_by_key(self) -> None:
        if self.play.isEnabled():
            self.play.toggle()

    def step_days(self, days: int) -> None:
        """Move ``days`` (a week: 7) from the date shown, to the nearest date with a map."""
        if self.series is None or self.row < 0:
            return
        target = max(0, min(self._days[-1], self._days[self.row] + days))
        row = self._row_at_or_before(target) if days < 0 else self._row_at_or_after(target)
        self.go_to_row(row)

    def _go_to_typed(self) -> None:
        text = self.goto.text().strip()
        date = typed_date(text)
        if date is None:
            self._say_of_goto(
                QCoreApplication.translate(
                    "Timeline", "{text} is not a date: type YYYY-MM-DD or DD.MM.YYYY"
                ).format(text=repr(text))
            )
            self.goto.selectAll()
            return
        self.goto.setToolTip(self._goto_help)
        self.go_to_date(date)
        if self.series is not None and not self.series.dates[0] <= date <= self.series.dates[-1]:
            shown = self.series.dates[self.row]
            if date < shown:
                text = QCoreApplication.translate(
                    "Timeline", "{date} is before the history's first map: {shown} is shown"
                )
            else:
                text = QCoreApplication.translate(
                    "Timeline", "{date} is after the history's last map: {shown} is shown"
                )
            self._say_of_goto(text.format(date=date_text(date), shown=date_text(shown)))
        self.goto.clear()
        self.slider.setFocus()

    def _say_of_goto(self, text: str) -> None:
        """Say it where the eye is (the status bar) and keep it on the field's tooltip."""
        self.goto.setToolTip(text)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 10000)

    # -- what it shows -----------------------------------------------------------------------

    def set_series(self, series: HistorySeries | None) -> None:
        """Show a history (None: none) and go to its last date."""
        self.series = series
        self._timer.stop()
        self.play.setChecked(False)
        has = series is not None and len(series) > 0
        for widget in (self.slider, self.back, self.forward, self.play, self.step, self.compare,
                       self.compare_date):  # fmt: skip
            widget.setEnabled(has)
        if has or self._chart is not None:
            self.chart.set_series(series if has else None)
        if not has:
            self._days, self.row = [], -1
            self.header.setText(
                QCoreApplication.translate(
                    "Timeline",
                    "No history open: open a folder of dated control files "
                    "(File ▸ Open History), or fetch DeepStateMap's updates.",
                )
            )
            self.date_label.setText("—")
            self.gaps.set_days([], 0)
            self.compare_date.blockSignals(True)
            self.compare_date.setMinimumDate(QDate(1752, 9, 14))
            self.compare_date.setDate(self.compare_date.minimumDate())
            self.compare_date.blockSignals(False)
            return
        first = series.dates[0]
        self._days = [(d - first).days for d in series.dates]
        span = self._days[-1]
        missing = span + 1 - len(series)
        header = QCoreApplication.translate(
            "Timeline", "{source}: {n} dates, {first} … {last}"
        ).format(
            source=series.source,
            n=len(series),
            first=date_text(series.dates[0]),
            last=date_text(series.dates[-1]),
        )
        if missing:
            header += " ({})".format(
                QCoreApplication.translate("Timeline", "{n} days without a map, shaded").format(
                    n=missing
                )
            )
        self.header.setText(header)
        self.gaps.set_days(self._days, span)
        self.compare_date.setDateRange(_qdate(series.dates[0]), _qdate(series.dates[-1]))
        self.compare_date.setDate(_qdate(series.dates[0]))
        self.slider.blockSignals(True)
        self.slider.setRange(0, span)
        self.slider.setPageStep(7)
        self.slider.blockSignals(False)
        self.row = -1
        self.go_to_row(len(series) - 1)

    def go_to_row(self, row: int) -> None:
        """Show a date by its row in the series."""
        if self.series is None or not 0 <= row < len(self.series):
            return
        self.slider.blockSignals(True)
        self.slider.setValue(self._days[row])
        self.slider.blockSignals(False)
        self._set_row(row, snapped_from=None)

    def go_to_date(self, date: dt.date) -> None:
        """Show the date, or the last one before it that has a map."""
        if self.series is not None:
            self.go_to_row(self._row_at_or_before((date - self.series.dates[0]).days))

    def step_by(self, direction: int) -> None:
        """Move by the chosen step (a day moves to the next date that has a map)."""
        if self.series is None or self.row < 0:
            return
        size = STEPS[self.step.currentData()]
        if size == 1:
            self.go_to_row(max(0, min(len(self.series) - 1, self.row + direction)))
            return
        target = self._days[self.row] + direction * size
        target = max(0, min(self._days[-1], target))
        row = self._row_at_or_before(target) if direction < 0 else self._row_at_or_after(target)
        self.go_to_row(row)

    def show_comparison(self, table: pd.DataFrame | None, then: dt.date | None = None) -> None:
        """Fill the comparison table (:func:`geodata.history.changes.compare_dates`), or hide it."""
        if table is None:
            self.table.hide()
            return
        changed = table[table["delta_km2"].abs() >= NEGLIGIBLE_KM2].sort_values(
            "delta_km2", key=abs, ascending=False
        )
        self.table.setRowCount(len(changed))
        palette = current()
        boundaries = self.series.boundaries
        for index, row in enumerate(changed.itertuples()):
            earlier, later = row.controlled_pct_before, row.controlled_pct_after
            name = boundaries.name_of(row.code, current_language(), default=row.name)
            cells = (name, number(earlier, 2), number(later, 2), signed(row.delta_km2, 1))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 3:
                    gained = row.delta_km2 > 0
                    colour = palette.gained_edge if gained else palette.regained_edge
                    item.setForeground(QColor(colour))
                self.table.setItem(index, column, item)
        if then is not None:
            self.table.setToolTip(
                QCoreApplication.translate(
                    "Timeline",
                    "Change since {date}, coloured as the map's change layer: "
                    "gained by the occupying side, or regained by Ukraine",
                ).format(date=date_text(then))
            )
        if self.table.isHidden():
            self.table.show()
            # Shown, the table took the width it asks for and left the chart a sliver (about
            # 10 px, its axes collapsed): the chart keeps three quarters.
            total = max(sum(self._split.sizes()), self._split.width())
            self._split.setSizes([total * 3 // 4, total - total * 3 // 4])

    def compare_row(self) -> int:
        """The row to compare with, or -1."""
        if self.series is None or not self.compare.isChecked():
            return -1
        date = self.compare_date.date().toPython()
        return self._row_at_or_before((date - self.series.dates[0]).days)

    # -- internals ---------------------------------------------------------------------------

    def _slider_moved(self, day: int) -> None:
        row = self._row_at_or_before(day)
        snapped = self.series.dates[0] + dt.timedelta(days=day) if self._days[row] != day else None
        self._set_row(row, snapped_from=snapped)

    def _set_row(self, row: int, snapped_from: dt.date | None) -> None:
        date = self.series.dates[row]
        text = date_text(date)
        if snapped_from is not None:
            text += "  ({})".format(
                QCoreApplication.translate(
                    "Timeline", "no map for {date}; showing the day before"
                ).format(date=date_text(snapped_from))
            )
        self.date_label.setText(text)
        if self._chart is not None:
            self._chart.set_cursor(date)
        if row != self.row:
            self.row = row
            self.date_changed.emit(row)

    def _row_at_or_before(self, day: int) -> int:
        return max(0, bisect.bisect_right(self._days, day) - 1)

    def _row_at_or_after(self, day: int) -> int:
        return min(len(self._days) - 1, bisect.bisect_left(self._days, day))

    def _toggle_play(self, playing: bool) -> None:
        self.play.setText(
            QCoreApplication.translate("Timeline", "❚❚ Pause")
            if playing
            else QCoreApplication.translate("Timeline", "▶ Play")
        )
        if playing and self.series is not None and self.row == len(self.series) - 1:
            self.go_to_row(0)  # play from the start when at the end
        self._timer.start() if playing else self._timer.stop()

    def mark_shown(self, row: int) -> None:
        """The map now shows the date of ``row`` (play may step on)."""
        self._shown = row

    def _play_step(self) -> None:
        if self.series is None or self.row >= len(self.series) - 1:
            self.play.setChecked(False)
            return
        if self.wait_for_map and self._shown != self.row:
            return  # the date before is still on its way to the map: the next tick steps
        self.step_by(1)

    def _emit_compare(self, *_args) -> None:
        self.compare_changed.emit(self.compare_row())


class _GapStrip(QWidget):
    """A thin bar under the slider: grey where a date has a map, amber where none exists."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFixedHeight(6)
        self.setToolTip(
            QCoreApplication.translate(
                "Timeline", "Dates with a map (grey) and gaps in the data (amber)"
            )
        )
        self._missing: list[int] = []
        self._span = 0

    def set_days(self, days: list[int], span: int) -> None:
        """The day offsets that have a map, out of ``span`` + 1 days."""
        have = set(days)
        self._missing = [d for d in range(span + 1) if d not in have]
        self._span = span
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(current().track))
        if self._span <= 0:
            return
        # The slider's groove is inset by about half a handle at each end.
        inset = 8
        width = max(1, self.width() - 2 * inset)
        for day in self._missing:
            x = inset + round(day / self._span * width)
            painter.fillRect(x - 1, 0, 3, self.height(), QColor(current().highlight))


def _tool(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)
