"""The briefing-map dialog: page, extent, texts, branding and format, with a zoomable preview
drawn at the output's own resolution."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
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
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.error_dialog import show_error
from desktop.exports.export import formats_of, shown_name
from desktop.exports.logo import logo_png
from desktop.form_widgets import choice_box, tell_window
from desktop.i18n import current_language, number, place
from desktop.tasks import TaskHandle, TaskRunner
from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.exports.briefing import BriefingOptions, briefing_figure, render_briefing
from geodata.exports.briefing_style import PAGES
from geodata.exports.extents import parse_extent
from geodata.groups import GROUPS
from geodata.palette import current
from geodata.scenarios.engine import ScenarioResult
from geodata.stats import ControlStats

#: Page sizes: value -> what the user reads (in English; :func:`page_names` translates).
PAGE_NAMES = {
    "a4": QT_TRANSLATE_NOOP("Briefing", "A4 landscape"),
    "letter": QT_TRANSLATE_NOOP("Briefing", "Letter landscape"),
    "slide": QT_TRANSLATE_NOOP("Briefing", "Slide 16:9 (1920 × 1080)"),
}
#: The page's language (not the app's): each named in its own language.
LANGUAGES = {"en": "English", "uk": "Українська"}
#: The preview's zoom choices: label -> scale of the output's pixels (None: fit the window).
ZOOMS = {QT_TRANSLATE_NOOP("Briefing", "Fit"): None, "50 %": 0.5, "100 %": 1.0, "200 %": 2.0}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Briefing", text)


def page_names() -> dict[str, str]:
    """:data:`PAGE_NAMES` in the language of the user interface."""
    return {value: _tr(name) for value, name in PAGE_NAMES.items()}


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
        map_view=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("briefing-dialog")
        self.setWindowTitle(QCoreApplication.translate("Briefing", "Export a briefing map"))
        self.layer, self.stats, self.result, self.runner = layer, stats, result, runner
        self.folder = folder
        self.saved: Path | None = None
        self._preview_task: TaskHandle | None = None

        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setObjectName("briefing-title")
        self.title.setPlaceholderText(
            QCoreApplication.translate(
                "Briefing", "Title (by default from the data or the proposal)"
            )
        )
        self.subtitle = QLineEdit()
        self.subtitle.setObjectName("briefing-subtitle")
        self.subtitle.setPlaceholderText(
            QCoreApplication.translate("Briefing", "Subtitle (by default the source and the date)")
        )
        self.author = QLineEdit()
        self.author.setObjectName("briefing-author")
        self.author.setPlaceholderText(
            QCoreApplication.translate("Briefing", "Author or organisation (optional)")
        )
        self.banner = QLineEdit()
        self.banner.setObjectName("briefing-banner")
        self.banner.setPlaceholderText(
            QCoreApplication.translate("Briefing", "Classification or handling banner (optional)")
        )
        self.banner_colour = QLineEdit()
        self.banner_colour.setObjectName("briefing-banner-colour")
        self.banner_colour.setPlaceholderText(
            QCoreApplication.translate("Briefing", "Banner colour: a name or #rrggbb")
        )
        self.logo = QLineEdit()
        self.logo.setObjectName("briefing-logo")
        self.logo.setPlaceholderText(
            QCoreApplication.translate("Briefing", "Logo: a PNG or SVG file (optional)")
        )
        choose_logo = QPushButton(QCoreApplication.translate("Briefing", "Choose…"))
        choose_logo.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose_logo)
        self.language = choice_box(
            LANGUAGES,
            current_language(),  # the app's, unless chosen otherwise
            name="briefing-language",
            accessible=QCoreApplication.translate("Briefing", "Language"),
        )
        self.page = choice_box(
            page_names(), accessible=QCoreApplication.translate("Briefing", "Page")
        )
        self.format = QComboBox()
        for fmt in formats_of("briefing"):
            self.format.addItem(shown_name(fmt.name), fmt.extension)
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 600)
        self.dpi.setValue(200)
        self.dpi.setSuffix(QCoreApplication.translate("Briefing", " dpi"))
        self.statistics = QCheckBox(
            QCoreApplication.translate(
                "Briefing", "Statistics table (the groups and the most affected oblasts)"
            )
        )
        self.statistics.setChecked(True)
        self.extent = QComboBox()
        self.extent.setObjectName("briefing-extent")
        self.extent.addItem(QCoreApplication.translate("Briefing", "All of Ukraine"), None)
        fitted = _fitted_extent(view_extent)
        if fitted is not None:
            self.extent.addItem(
                _bounds_text(
                    QCoreApplication.translate(
                        "Briefing", "The map view ({west} to {east}° E, {south} to {north}° N)"
                    ),
                    fitted,
                ),
                ",".join(f"{v:.4f}" for v in fitted),
            )
        for group in GROUPS:
            if group.id != "ukraine":
                self.extent.addItem(group.title(current_language()), group.id)
        units = load_boundaries().units
        for code, name, name_uk in sorted(zip(units["code"], units["name"], units["name_uk"],
                                              strict=True),
                                          key=lambda unit: place(unit[1], unit[2])):  # fmt: skip
            english = f"{name} oblast" if code not in ("UA-40", "UA-43") else name
            self.extent.addItem(place(english, name_uk), code)
        self.map_view = map_view
        self.draw_box = QPushButton(
            QCoreApplication.translate("Briefing", "Draw a box on the map…")
        )
        self.draw_box.setObjectName("briefing-draw-box")
        self.draw_box.setToolTip(
            QCoreApplication.translate(
                "Briefing", "Click the corners of the area to show, double-click to finish"
            )
        )
        self.draw_box.setEnabled(map_view is not None)
        self.draw_box.clicked.connect(self.start_box)
        extent_row = QHBoxLayout()
        extent_row.addWidget(self.extent, 1)
        extent_row.addWidget(self.draw_box)
        self.claims = QCheckBox(QCoreApplication.translate("Briefing", "Annexation claims"))
        self.proposal = QCheckBox(
            QCoreApplication.translate("Briefing", "Proposal: {name}").format(
                name=result.proposal.title(current_language())
            )
            if result
            else QCoreApplication.translate("Briefing", "Proposal (none chosen)")
        )
        self.proposal.setChecked(result is not None)
        self.proposal.setEnabled(result is not None)
        form.addRow(QCoreApplication.translate("Briefing", "Title"), self.title)
        form.addRow(QCoreApplication.translate("Briefing", "Subtitle"), self.subtitle)
        form.addRow(QCoreApplication.translate("Briefing", "Language"), self.language)
        form.addRow(QCoreApplication.translate("Briefing", "Author"), self.author)
        form.addRow(QCoreApplication.translate("Briefing", "Banner"), self.banner)
        form.addRow(QCoreApplication.translate("Briefing", "Banner colour"), self.banner_colour)
        form.addRow(QCoreApplication.translate("Briefing", "Logo"), logo_row)
        form.addRow(QCoreApplication.translate("Briefing", "Page"), self.page)
        form.addRow(QCoreApplication.translate("Briefing", "Format"), self.format)
        form.addRow(QCoreApplication.translate("Briefing", "Resolution"), self.dpi)
        form.addRow(QCoreApplication.translate("Briefing", "Extent"), extent_row)
        form.addRow("", self.statistics)
        form.addRow("", self.claims)
        form.addRow("", self.proposal)

        self.preview = QLabel(QCoreApplication.translate("Briefing", "Drawing the preview…"))
        self.preview.setObjectName("briefing-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # What it says may name a file: plain text, wrapped to the area, never rich text.
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(f"background: {current().preview_background};")
        self.preview_area = QScrollArea()
        self.preview_area.setObjectName("briefing-preview-area")
        self.preview_area.setWidget(self.preview)
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_area.setMinimumSize(560, 400)
        self.zoom = QComboBox()
        self.zoom.setObjectName("briefing-zoom")
        for label, value in ZOOMS.items():
            self.zoom.addItem(_tr(label), value)
        self.zoom.setToolTip(
            QCoreApplication.translate(
                "Briefing",
                "The preview is drawn at the output's resolution: 100 % shows its pixels as they "
                "are, to proofread small text",
            )
        )
        self.zoom.currentIndexChanged.connect(self._show_zoom)
        self._pixmap: QPixmap | None = None
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
        right.addWidget(self.preview_area, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(QCoreApplication.translate("Briefing", "Zoom")))
        bottom.addWidget(self.zoom)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        right.addLayout(bottom)
        row.addLayout(right, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh_preview)
        changes = (self.title.textChanged, self.page.currentIndexChanged, self.statistics.toggled,
                   self.claims.toggled, self.proposal.toggled, self.extent.currentIndexChanged,
                   self.subtitle.textChanged, self.author.textChanged, self.banner.textChanged,
                   self.banner_colour.textChanged, self.logo.textChanged,
                   self.language.currentIndexChanged, self.dpi.valueChanged,
                   self.format.currentIndexChanged)  # fmt: skip
        for signal in changes:
            signal.connect(self._debounce.start)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.refresh_preview()

    def options(self) -> BriefingOptions:
        """The options as chosen."""
        page = self.page.currentData()
        extent = parse_extent(self.extent.currentData())
        return BriefingOptions(
            title=self.title.text().strip() or None,
            subtitle=self.subtitle.text().strip() or None,
            page=page,
            dpi=self.dpi.value() if page != "slide" else PAGES["slide"].dpi,
            statistics=self.statistics.isChecked(),
            claims=self.claims.isChecked(),
            extent=extent.bounds,
            extent_name=extent.label(self.language.currentData()) if extent.bounds else None,
            language=self.language.currentData(),
            banner=self.banner.text().strip() or None,
            banner_colour=self.banner_colour.text().strip() or None,
            logo=logo_png(self.logo.text().strip() or None),
            author=self.author.text().strip() or None,
        )

    def preview_dpi(self) -> int:
        """The preview's resolution: the PNG's own, or the page preset's for PDF and SVG."""
        page = PAGES[self.page.currentData()]
        if self.format.currentData() == ".png" and page.name != "slide":
            return self.dpi.value()
        return page.dpi

    def start_box(self) -> None:
        """Hide the dialog while the user draws the extent's box on the map."""
        if self.map_view is None:
            return
        self.hide()
        self.map_view.box_drawn.connect(self.use_box)
        self.map_view.drawing_cancelled.connect(self._box_cancelled)
        self.map_view.start_drawing("extent")

    def use_box(self, bounds) -> None:
        """Show the box drawn (cut to the briefing data's region) as the extent, and come back."""
        self._stop_listening()
        fitted = _fitted_extent(bounds)
        if fitted is not None:
            self.extent.addItem(
                _bounds_text(
                    QCoreApplication.translate(
                        "Briefing", "The box drawn ({west} to {east}° E, {south} to {north}° N)"
                    ),
                    fitted,
                ),
                ",".join(f"{v:.4f}" for v in fitted),
            )
            self.extent.setCurrentIndex(self.extent.count() - 1)
        self.show()

    def _box_cancelled(self) -> None:
        self._stop_listening()
        self.show()

    def _stop_listening(self) -> None:
        for signal, slot in ((self.map_view.box_drawn, self.use_box),
                             (self.map_view.drawing_cancelled, self._box_cancelled)):  # fmt: skip
            with contextlib.suppress(RuntimeError, TypeError):  # not connected
                signal.disconnect(slot)

    def chosen_result(self) -> ScenarioResult | None:
        """The proposal's result, if it is to be shown."""
        return self.result if self.proposal.isChecked() else None

    def refresh_preview(self) -> TaskHandle:
        """Draw the preview in the background (the newest request wins)."""
        if self._preview_task is not None and self._preview_task.is_running:
            self._preview_task.cancel()
        layer, stats, result = self.layer, self.stats, self.chosen_result()
        dpi = self.preview_dpi()
        try:
            options = self.options()
        except Exception as error:  # noqa: BLE001 - a logo that cannot be read: said, not raised
            self._say(_cannot_draw(error))
            return self.runner.run(
                lambda progress: None,
                label=QCoreApplication.translate("Briefing", "Drawing the preview"),
                on_result=lambda _nothing: None,
            )

        def draw(progress) -> bytes:
            figure = briefing_figure(layer, stats, result, options)
            progress.check()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
            return buffer.getvalue()

        self._preview_task = self.runner.run(
            draw,
            label=QCoreApplication.translate("Briefing", "Drawing the preview"),
            on_result=self._show_preview,
            on_error=lambda error: self._say(_cannot_draw(error)),
        )
        return self._preview_task

    def save(self, path: Path) -> TaskHandle:
        """Write the briefing map to ``path`` in the background."""
        layer, stats, result = self.layer, self.stats, self.chosen_result()
        try:
            options = self.options()
        except Exception as error:  # noqa: BLE001 - one clear message, the dialog stays
            show_error(self, error, _writing(path))
            return self.runner.run(
                lambda progress: None, label=_writing(path), on_result=lambda _nothing: None
            )
        return self.runner.run(
            lambda progress: render_briefing(path, layer, stats, result, options),
            label=_writing(path),
            on_result=self._saved,
            on_error=lambda error: show_error(self, error, _writing(path)),
        )

    def choose_and_save(self) -> None:
        """Ask where, then save."""
        suffix = self.format.currentData()
        name = self.format.currentText()
        default = str(Path(self.folder or ".") / f"briefing{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Briefing", "Save the briefing map"),
            default,
            f"{name} (*{suffix})",
        )
        if path:
            path = Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)
            self.save(path)

    def _saved(self, path: Path) -> None:
        self.saved = path
        tell_window(self, QCoreApplication.translate("Briefing", "Wrote {path}").format(path=path))

    def _say(self, text: str) -> None:
        """Show ``text`` where the preview goes, wrapped to the area's width."""
        self._pixmap = None
        self.preview_area.setWidgetResizable(True)
        self.preview.setText(text)

    def _show_preview(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self._pixmap = pixmap
        self._show_zoom()

    def _show_zoom(self, *_args) -> None:
        """Show the preview fitted to the window, or at a share of the output's pixels."""
        if self._pixmap is None:
            return
        zoom = self.zoom.currentData()
        smooth = Qt.TransformationMode.SmoothTransformation
        if zoom is None:
            self.preview_area.setWidgetResizable(True)
            size = self.preview_area.viewport().size()
            shown = self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, smooth)
        else:
            self.preview_area.setWidgetResizable(False)
            shown = self._pixmap if zoom == 1.0 else self._pixmap.scaled(
                self._pixmap.size() * zoom, Qt.AspectRatioMode.KeepAspectRatio, smooth
            )  # fmt: skip
        self.preview.setPixmap(shown)
        if zoom is not None:
            self.preview.resize(shown.size())

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("Briefing", "Choose a logo"),
            self.folder or "",
            QCoreApplication.translate("Briefing", "Images") + " (*.png *.svg)",
        )
        if path:
            self.logo.setText(path)

    def _format_changed(self, *_args) -> None:
        self.dpi.setEnabled(self.format.currentData() == ".png")


def _bounds_text(text: str, bounds) -> str:
    """``text`` (translated) with the box's west, east, south and north filled in."""
    west, south, east, north = (number(v, 1) for v in bounds)
    return text.format(west=west, east=east, south=south, north=north)


def _writing(path: Path) -> str:
    return QCoreApplication.translate("Briefing", "Writing {file}").format(file=path.name)


def _cannot_draw(error) -> str:
    return QCoreApplication.translate("Briefing", "Cannot draw the preview: {error}").format(
        error=error
    )


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
