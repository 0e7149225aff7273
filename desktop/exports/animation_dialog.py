"""Export ▸ Animation: the open history's front over time as MP4 or GIF, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.error_dialog import show_error
from desktop.form_widgets import choice_box, tell_window
from desktop.i18n import current_language, date_field_format, number
from desktop.tasks import TaskHandle, TaskRunner
from geodata.exports.animation import ANIMATION_FORMATS, STEPS, frame_dates

FORMAT_NAMES = {
    ".mp4": QT_TRANSLATE_NOOP("Animation", "MP4 video (H.264)"),
    ".gif": QT_TRANSLATE_NOOP("Animation", "Animated GIF"),
}
#: Frame sizes offered, as the combo box's data "WIDTHxHEIGHT" (Qt keeps text, not tuples).
SIZES = {"1280 × 720": "1280x720", "1920 × 1080": "1920x1080", "854 × 480": "854x480"}
STEP_NAMES = {
    "day": QT_TRANSLATE_NOOP("Animation", "A day"),
    "week": QT_TRANSLATE_NOOP("Animation", "A week"),
    "month": QT_TRANSLATE_NOOP("Animation", "A month"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Animation", text)


def _writing(path: Path) -> str:
    return QCoreApplication.translate("Animation", "Writing {file}").format(file=path.name)


class AnimationDialog(QDialog):
    """Choose the dates, step, format and size; write the animation in the background."""

    def __init__(self, parent: QWidget, series, store, runner: TaskRunner, folder: str = ""):
        super().__init__(parent)
        self.setObjectName("animation-dialog")
        self.setWindowTitle(
            QCoreApplication.translate("Animation", "Export an animation of the front")
        )
        self.series, self.store, self.runner, self.folder = series, store, runner, folder
        self.task: TaskHandle | None = None
        first, last = series.dates[0], series.dates[-1]
        self.start = _date_edit(first, first, last, "animation-from")
        self.end = _date_edit(last, first, last, "animation-to")
        self.step = choice_box(
            {key: _tr(STEP_NAMES[key]) for key in STEPS}, "week", "animation-step"
        )
        self.format = choice_box({ext: _tr(FORMAT_NAMES[ext]) for ext in ANIMATION_FORMATS},
                                 name="animation-format")  # fmt: skip
        self.size = QComboBox()
        for name, size in SIZES.items():
            self.size.addItem(name, size)
        self.fps = QDoubleSpinBox()
        self.fps.setRange(0.5, 30)
        self.fps.setValue(4)
        self.fps.setSuffix(QCoreApplication.translate("Animation", " frames a second"))
        self.chart = QCheckBox(
            QCoreApplication.translate("Animation", "Add a chart of the share of Ukraine occupied")
        )
        self.summary = QLabel()
        self.summary.setObjectName("animation-summary")
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Animation", "From"), self.start)
        form.addRow(QCoreApplication.translate("Animation", "To"), self.end)
        form.addRow(QCoreApplication.translate("Animation", "One frame"), self.step)
        form.addRow(QCoreApplication.translate("Animation", "Format"), self.format)
        form.addRow(QCoreApplication.translate("Animation", "Size"), self.size)
        form.addRow(QCoreApplication.translate("Animation", "Speed"), self.fps)
        form.addRow("", self.chart)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        for signal in (self.start.dateChanged, self.end.dateChanged, self.step.currentIndexChanged,
                       self.fps.valueChanged):  # fmt: skip
            signal.connect(self._summarise)
        self._summarise()

    def _summarise(self, *_args) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if start > end:
            self.summary.setText(
                QCoreApplication.translate("Animation", "The first date is after the last.")
            )
            return
        count = len(frame_dates(start, end, self.step.currentData()))
        seconds = count / self.fps.value()
        summary = QCoreApplication.translate(
            "Animation", "{count} frames, {seconds} seconds at this speed."
        )
        self.summary.setText(summary.format(count=count, seconds=number(seconds, 0)))

    def choose_and_save(self) -> None:
        """Ask where, then write (progress and cancel in the window's status bar)."""
        extension = self.format.currentData()
        default = str(Path(self.folder or ".") / f"front{extension}")
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Animation", "Save the animation"),
            default,
            f"{_tr(FORMAT_NAMES[extension])} (*{extension})",
        )
        if path:
            path = Path(path)
            self.save(path if path.suffix.lower() == extension else path.with_suffix(extension))

    def save(self, path: Path) -> TaskHandle:
        """Write the animation to ``path`` in the background."""
        from geodata.exports.animation import render_animation

        series, store = self.series, self.store
        start, end = self.start.date().toPython(), self.end.date().toPython()
        step, chart = self.step.currentData(), self.chart.isChecked()
        width, height = (int(v) for v in self.size.currentData().split("x"))
        size, fps = (width, height), self.fps.value()
        language = current_language()  # the frames speak the app's language
        self.task = self.runner.run(
            lambda progress: render_animation(
                path,
                series,
                store,
                start,
                end,
                step,
                chart=chart,
                size=size,
                fps=fps,
                progress=progress,
                language=language,
            ),
            label=_writing(path),
            on_result=self._saved,
            on_error=lambda error: show_error(self, error, _writing(path)),
        )
        return self.task

    def _saved(self, report) -> None:
        wrote = QCoreApplication.translate("Animation", "Wrote {path} ({frames} frames, {size} MB)")
        tell_window(
            self,
            wrote.format(
                path=report.path, frames=report.frames, size=number(report.bytes / 2**20, 1)
            ),
        )
        self.accept()


def _date_edit(value, first, last, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_field_format())
    edit.setDateRange(
        QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day)
    )
    return edit
