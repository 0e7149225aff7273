"""Export ▸ Morning Pack: several briefing pages in one PDF, from a template kept for tomorrow."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.error_dialog import show_error
from desktop.exports.briefing_dialog import LANGUAGES, page_names
from desktop.exports.logo import with_png_logo
from desktop.form_widgets import choice_box, tell_window
from desktop.i18n import current_language
from desktop.settings import BRIEFING_TEMPLATE
from desktop.tasks import TaskHandle, TaskRunner
from geodata.exports.pack import (
    PAGE_KINDS,
    BriefingTemplate,
    PackSource,
    load_template,
    save_template,
)
from geodata.language import say

#: The pages' kinds (the template's words) as the dialog names them; translated when shown.
KIND_NAMES = {
    "overview": QT_TRANSLATE_NOOP("Pack", "overview"),
    "sector": QT_TRANSLATE_NOOP("Pack", "sector"),
    "change": QT_TRANSLATE_NOOP("Pack", "change"),
    "table": QT_TRANSLATE_NOOP("Pack", "table"),
    "chart": QT_TRANSLATE_NOOP("Pack", "chart"),
}


def _kind_name(kind: str) -> str:
    """A page kind in the language of the user interface (an unknown one as it is)."""
    return QCoreApplication.translate("Pack", KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def _writing(path: Path) -> str:
    return QCoreApplication.translate("Pack", "Writing {file}").format(file=path.name)


def _templates_filter() -> str:
    return QCoreApplication.translate("Pack", "Briefing templates") + " (*.toml)"


class PackDialog(QDialog):
    """The pack's looks and pages from a template; write the PDF, save the template."""

    def __init__(self, parent: QWidget, source: PackSource, runner: TaskRunner, settings,
                 folder: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("pack-dialog")
        self.setWindowTitle(QCoreApplication.translate("Pack", "Export a morning pack"))
        self.source, self.runner, self.settings, self.folder = source, runner, settings, folder
        self.task: TaskHandle | None = None
        self.template = self._saved_template()
        self.page = choice_box(page_names(), accessible=QCoreApplication.translate("Pack", "Page"))
        self.language = choice_box(
            LANGUAGES, accessible=QCoreApplication.translate("Pack", "Language")
        )
        self.since = QSpinBox()
        self.since.setObjectName("pack-since")
        self.since.setRange(1, 3650)
        self.since.setSuffix(QCoreApplication.translate("Pack", " days before the day"))
        self.sector = QLineEdit()
        self.sector.setObjectName("pack-sector")
        self.sector.setPlaceholderText(
            QCoreApplication.translate(
                "Pack", "Where the front moved (or UA-14, annexed-2022, W,S,E,N)"
            )
        )
        self.author = QLineEdit()
        self.banner = QLineEdit()
        self.pages = QLabel()
        self.pages.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Pack", "Page"), self.page)
        form.addRow(QCoreApplication.translate("Pack", "Language"), self.language)
        form.addRow(QCoreApplication.translate("Pack", "Change since"), self.since)
        form.addRow(QCoreApplication.translate("Pack", "Sector"), self.sector)
        form.addRow(QCoreApplication.translate("Pack", "Author"), self.author)
        form.addRow(QCoreApplication.translate("Pack", "Banner"), self.banner)
        form.addRow(QCoreApplication.translate("Pack", "Pages"), self.pages)
        load = QPushButton(QCoreApplication.translate("Pack", "Load Template…"))
        load.clicked.connect(self._load)
        keep = QPushButton(QCoreApplication.translate("Pack", "Save Template…"))
        keep.clicked.connect(self._keep)
        row = QHBoxLayout()
        row.addWidget(load)
        row.addWidget(keep)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.show_template(self.template)

    def show_template(self, template: BriefingTemplate) -> None:
        """Fill the fields from a template."""
        self.template = template
        self.page.setCurrentIndex(max(0, self.page.findData(template.page)))
        self.language.setCurrentIndex(max(0, self.language.findData(template.language)))
        self.since.setValue(template.since_days)
        self.sector.setText(template.sector or "")
        self.author.setText(template.author or "")
        self.banner.setText(template.banner or "")
        kinds = [page.kind for page in template.pages]
        missing = [k for k in kinds if k in ("change", "chart") and self.source.series is None]
        text = ", ".join(_kind_name(k) for k in kinds)
        if missing:
            names = [_kind_name(k) for k in missing]
            listed = (
                QCoreApplication.translate("Pack", "{first} and {last}").format(
                    first=", ".join(names[:-1]), last=names[-1]
                )
                if len(names) > 1
                else names[0]
            )
            text += " " + QCoreApplication.translate(
                "Pack", "({pages} need a history: left out for a single file)"
            ).format(pages=listed)
        self.pages.setText(text)
        self.pages.setToolTip(
            "\n".join(
                f"{_kind_name(k)}: {say(v, current_language())}" for k, v in PAGE_KINDS.items()
            )
        )

    def chosen(self) -> BriefingTemplate:
        """The template as the fields now say."""
        return dataclasses.replace(
            self.template, page=self.page.currentData(), language=self.language.currentData(),
            since_days=self.since.value(), sector=self.sector.text().strip() or None,
            author=self.author.text().strip() or None, banner=self.banner.text().strip() or None,
        )  # fmt: skip

    def choose_and_save(self) -> None:
        """Ask where, then write the pack (progress and cancel in the status bar)."""
        default = str(Path(self.folder or ".") / "brief.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Pack", "Save the morning pack"),
            default,
            "PDF (*.pdf)",
        )
        if path:
            self.save(Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf"))

    def save(self, path: Path) -> TaskHandle:
        """Write the pack to ``path`` in the background; the template is kept for next time."""
        from geodata.exports.pack import render_pack

        template, source = self.chosen(), self.source
        self._remember(template)
        self.task = self.runner.run(
            lambda progress: render_pack(path, source, with_png_logo(template), progress=progress),
            label=_writing(path),
            on_result=self._written,
            on_error=lambda error: show_error(self, error, _writing(path)),
        )
        return self.task

    def _written(self, report) -> None:
        wrote = QCoreApplication.translate("Pack", "Wrote {path} ({count} pages)")
        text = wrote.format(path=report.path, count=len(report.pages))
        # A page left out, or a change page that starts on another date, is said too.
        said = [*report.left_out, *report.notes]
        tell_window(self, "; ".join([text, *said]), 20000 if said else 10000)
        self.accept()

    def _load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("Pack", "Load a briefing template"),
            self.folder,
            _templates_filter(),
        )
        if not path:
            return
        try:
            self.show_template(load_template(path))
        except Exception as error:  # noqa: BLE001 - one message naming the file; the dialog stays
            show_error(self, error, QCoreApplication.translate("Pack", "Loading the template"))

    def _keep(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Pack", "Save the briefing template"),
            str(Path(self.folder or ".") / "briefing.toml"),
            _templates_filter(),
        )
        if path:
            try:
                save_template(path, self.chosen())
            except Exception as error:  # noqa: BLE001 - one message; nothing else changes
                show_error(self, error, QCoreApplication.translate("Pack", "Saving the template"))

    def _remember(self, template: BriefingTemplate) -> None:
        from geodata.exports.pack import template_to_dict

        self.settings.set(BRIEFING_TEMPLATE, template_to_dict(template))

    def _saved_template(self) -> BriefingTemplate:
        from geodata.exports.pack import template_from_dict

        saved = self.settings.get(BRIEFING_TEMPLATE)
        # A first pack speaks the app's language; a saved template keeps its own.
        fresh = BriefingTemplate(language=current_language())
        try:
            return template_from_dict(saved) if saved else fresh
        except (TypeError, ValueError):
            return fresh  # a template from another version: start afresh
