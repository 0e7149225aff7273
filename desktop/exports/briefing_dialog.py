"""The briefing-map dialog: page, title, contents and format, with a live preview."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.error_dialog import show_error
from desktop.exports.export import formats_of
from desktop.tasks import TaskHandle, TaskRunner
from geodata.control import ControlLayer
from geodata.exports.briefing import PAGES, BriefingOptions, briefing_figure, render_briefing
from geodata.palette import current
from geodata.scenarios.engine import ScenarioResult
from geodata.stats import ControlStats

PAGE_NAMES = {
    "a4": "A4 landscape",
    "letter": "Letter landscape",
    "slide": "Slide 16:9 (1920 × 1080)",
}
PREVIEW_DPI = 60


class BriefingDialog(QDialog):
    """Choose what the briefing map shows, see it, and save it."""

    def __init__(
        self,
        parent: QWidget,
        layer: ControlLayer,
        stats: ControlStats,
        result: ScenarioResult | None,
        runner: TaskRunner,
        folder: str = "",
        view_extent: tuple[float, float, float, float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("briefing-dialog")
        self.setWindowTitle("Export a briefing map")
        self.layer, self.stats, self.result, self.runner = layer, stats, result, runner
        self.folder = folder
        self.saved: Path | None = None
        self._preview_task: TaskHandle | None = None

        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setObjectName("briefing-title")
        self.title.setPlaceholderText("Title (by default from the data or the proposal)")
        self.page = QComboBox()
        for key, name in PAGE_NAMES.items():
            self.page.addItem(name, key)
        self.format = QComboBox()
        for fmt in formats_of("briefing"):
            self.format.addItem(fmt.name, fmt.extension)
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 600)
        self.dpi.setValue(200)
        self.dpi.setSuffix(" dpi")
        self.statistics = QCheckBox("Statistics table (the groups and the most affected oblasts)")
        self.statistics.setChecked(True)
        self.extent = QComboBox()
        self.extent.setObjectName("briefing-extent")
        self.extent.addItem("All of Ukraine", None)
        fitted = _fitted_extent(view_extent)
        if fitted is not None:
            west, south, east, north = fitted
            self.extent.addItem(
                f"The map view ({west:.1f} to {east:.1f}° E, {south:.1f} to {north:.1f}° N)", fitted
            )
        self.claims = QCheckBox("Annexation claims")
        self.proposal = QCheckBox(
            f"Proposal: {result.proposal.name}" if result else "Proposal (none chosen)"
        )
        self.proposal.setChecked(result is not None)
        self.proposal.setEnabled(result is not None)
        form.addRow("Title", self.title)
        form.addRow("Page", self.page)
        form.addRow("Format", self.format)
        form.addRow("Resolution", self.dpi)
        form.addRow("Extent", self.extent)
        form.addRow("", self.statistics)
        form.addRow("", self.claims)
        form.addRow("", self.proposal)

        self.preview = QLabel("Drawing the preview…")
        self.preview.setObjectName("briefing-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(560, 400)
        self.preview.setStyleSheet(f"background: {current().preview_background};")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(buttons)
        row.addLayout(right, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh_preview)
        changes = (self.title.textChanged, self.page.currentIndexChanged, self.statistics.toggled,
                   self.claims.toggled, self.proposal.toggled,
                   self.extent.currentIndexChanged)  # fmt: skip
        for signal in changes:
            signal.connect(self._debounce.start)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.refresh_preview()

    def options(self) -> BriefingOptions:
        """The options as chosen."""
        page = self.page.currentData()
        return BriefingOptions(
            title=self.title.text().strip() or None,
            page=page,
            dpi=self.dpi.value() if page != "slide" else PAGES["slide"][2],
            statistics=self.statistics.isChecked(),
            claims=self.claims.isChecked(),
            extent=self.extent.currentData(),
        )

    def chosen_result(self) -> ScenarioResult | None:
        """The proposal's result, if it is to be shown."""
        return self.result if self.proposal.isChecked() else None

    def refresh_preview(self) -> TaskHandle:
        """Draw the preview in the background (the newest request wins)."""
        if self._preview_task is not None and self._preview_task.is_running:
            self._preview_task.cancel()
        layer, stats, result, options = self.layer, self.stats, self.chosen_result(), self.options()

        def draw(progress) -> bytes:
            figure = briefing_figure(layer, stats, result, options)
            progress.check()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=PREVIEW_DPI, facecolor="white")
            return buffer.getvalue()

        self._preview_task = self.runner.run(
            draw, label="Drawing the preview", on_result=self._show_preview
        )
        return self._preview_task

    def save(self, path: Path) -> TaskHandle:
        """Write the briefing map to ``path`` in the background."""
        layer, stats, result, options = self.layer, self.stats, self.chosen_result(), self.options()
        return self.runner.run(
            lambda progress: render_briefing(path, layer, stats, result, options),
            label=f"Writing {path.name}",
            on_result=self._saved,
            on_error=lambda error: show_error(self, error, f"Writing {path.name}"),
        )

    def choose_and_save(self) -> None:
        """Ask where, then save."""
        suffix = self.format.currentData()
        name = self.format.currentText()
        default = str(Path(self.folder or ".") / f"briefing{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the briefing map", default, f"{name} (*{suffix})"
        )
        if path:
            path = Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)
            self.save(path)

    def _saved(self, path: Path) -> None:
        self.saved = path
        parent = self.parent()
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(f"Wrote {path}", 10000)

    def _show_preview(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        fit = Qt.AspectRatioMode.KeepAspectRatio
        smooth = Qt.TransformationMode.SmoothTransformation
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), fit, smooth))

    def _format_changed(self, *_args) -> None:
        self.dpi.setEnabled(self.format.currentData() == ".png")


def _fitted_extent(bounds) -> tuple[float, float, float, float] | None:
    """The map view's extent, cut to the region the briefing data covers (None if outside)."""
    from geodata.hydrography import REGION

    if bounds is None:
        return None
    west, south = max(bounds[0], REGION[0]), max(bounds[1], REGION[1])
    east, north = min(bounds[2], REGION[2]), min(bounds[3], REGION[3])
    if east - west < 0.1 or north - south < 0.1:
        return None
    return west, south, east, north
