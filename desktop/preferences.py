"""The Preferences dialog."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.form_widgets import choice_box
from desktop.i18n import UI_LANGUAGES
from desktop.map.page import LABEL_CHOICES
from desktop.online_consent import host_list
from desktop.settings import (
    COUNT_CONTESTED,
    LABEL_LANGUAGE,
    ONLINE_BASEMAP,
    ONLINE_CONSENTED,
    PALETTE,
    RECONCILE_KM,
    THEME,
    UI_LANGUAGE,
    Settings,
)
from desktop.theme import THEMES
from geodata.palette import PALETTES, palette_named
from geodata.reconcile import MAX_TOLERANCE_KM

# What the choices read, from the tables that hold them (desktop.theme's THEMES,
# desktop.map.page's LABEL_CHOICES, geodata.palette's PALETTES, and the one entry
# of desktop.i18n's UI_LANGUAGES that is not a language naming itself): marked here
# for the catalogue and translated where Preferences shows them. A table's text
# not listed here is shown as it is.
CHOICE_TEXTS = (
    QT_TRANSLATE_NOOP("Preferences", "Follow the system"),
    QT_TRANSLATE_NOOP("Preferences", "Same as the app"),
    QT_TRANSLATE_NOOP("Preferences", "Light"),
    QT_TRANSLATE_NOOP("Preferences", "Dark"),
    QT_TRANSLATE_NOOP("Preferences", "English"),
    QT_TRANSLATE_NOOP("Preferences", "Ukrainian (українською)"),
    QT_TRANSLATE_NOOP("Preferences", "Standard"),
    QT_TRANSLATE_NOOP("Preferences", "Colour-blind safe"),
)


def _tr(text: str) -> str:
    """``text`` in the app's language (the catalogue's "Preferences" context)."""
    return QCoreApplication.translate("Preferences", text)


def _translated(choices: Mapping[str, str], only: tuple[str, ...] | None = None) -> dict[str, str]:
    """``choices`` (value -> text) with the texts translated (for ``only`` these values)."""
    return {
        value: _tr(text) if only is None or value in only else text
        for value, text in choices.items()
    }


class PreferencesDialog(QDialog):
    """Options the user changes rarely: how figures are made, online data and the basemap."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences-dialog")
        self.setWindowTitle(QCoreApplication.translate("Preferences", "Preferences"))
        self._settings = settings
        self.online_basemap = QCheckBox(
            QCoreApplication.translate(
                "Preferences", "Show an online basemap (OpenStreetMap tiles)"
            )
        )
        self.online_basemap.setChecked(settings.get(ONLINE_BASEMAP))
        note = QLabel(
            QCoreApplication.translate(
                "Preferences",
                "Off by default: the map then needs no network. When on, map tiles are "
                "downloaded from OpenStreetMap's servers.",
            )
        )
        note.setWordWrap(True)
        self.online_data = QCheckBox(
            QCoreApplication.translate(
                "Preferences", "Allow fetching control data online (asked once)"
            )
        )
        self.online_data.setObjectName("preferences-online-data")
        self.online_data.setChecked(settings.get(ONLINE_CONSENTED))
        online_data_note = QLabel(
            QCoreApplication.translate(
                "Preferences",
                "Fetching control data contacts {hosts}, only when you ask for data. "
                "Unticked, Frontline Atlas asks before it next goes online.",
            ).format(hosts=host_list())
        )
        online_data_note.setWordWrap(True)
        self.reconcile_km = QDoubleSpinBox()
        self.reconcile_km.setObjectName("preferences-reconcile-km")
        self.reconcile_km.setRange(0.0, MAX_TOLERANCE_KM)
        self.reconcile_km.setSingleStep(0.5)
        self.reconcile_km.setDecimals(1)
        self.reconcile_km.setSuffix(QCoreApplication.translate("Preferences", " km"))
        self.reconcile_km.setValue(settings.get(RECONCILE_KM))
        self.reconcile_km.setAccessibleName(
            QCoreApplication.translate("Preferences", "Border and coast reconciliation tolerance")
        )
        self.count_contested = QCheckBox(
            QCoreApplication.translate(
                "Preferences", "Count contested (grey zone) areas as occupied"
            )
        )
        self.count_contested.setObjectName("preferences-count-contested")
        self.count_contested.setChecked(settings.get(COUNT_CONTESTED))
        self.count_contested.setToolTip(
            QCoreApplication.translate(
                "Preferences",
                "Where a source marks contested land (DeepStateMap's grey zone), it is shown and "
                "measured on its own and not counted as occupied unless this is ticked. A "
                "history never counts it, so that its dates compare. The Method panel says which.",
            )
        )
        self.palette = QComboBox()
        self.palette.setObjectName("preferences-palette")
        for palette in PALETTES.values():
            self.palette.addItem(_tr(palette.label), palette.name)
        self.palette.setCurrentIndex(
            self.palette.findData(palette_named(settings.get(PALETTE)).name)
        )
        self.palette.setAccessibleName(QCoreApplication.translate("Preferences", "Colour palette"))
        self.palette.setToolTip(
            QCoreApplication.translate("Preferences", "Applies when Frontline Atlas starts next")
        )
        # Each language names itself; only "Follow the system" is translated.
        self.ui_language = choice_box(
            _translated(UI_LANGUAGES, only=("system",)),
            settings.get(UI_LANGUAGE),
            "preferences-ui-language",
            QCoreApplication.translate("Preferences", "The app's language"),
        )
        self.ui_language.setToolTip(
            QCoreApplication.translate(
                "Preferences",
                "Applies when Frontline Atlas starts next (the translation is under way: menus "
                "and panels first)",
            )
        )
        self.theme = choice_box(
            _translated(THEMES),
            settings.get(THEME),
            "preferences-theme",
            QCoreApplication.translate("Preferences", "Light or dark theme"),
        )
        self.theme.setToolTip(
            QCoreApplication.translate(
                "Preferences", "Applies when Frontline Atlas starts next; briefing maps stay light"
            )
        )
        self.language = choice_box(
            _translated(LABEL_CHOICES), settings.get(LABEL_LANGUAGE), "preferences-language",
            QCoreApplication.translate("Preferences", "Language of place names on the map"),
        )  # fmt: skip
        figures = QFormLayout()
        figures.addRow(
            QCoreApplication.translate("Preferences", "Border and coast reconciliation:"),
            self.reconcile_km,
        )
        figures.addRow("", self.count_contested)
        figures.addRow(
            QCoreApplication.translate("Preferences", "Colours (from the next start):"),
            self.palette,
        )
        figures.addRow(
            QCoreApplication.translate("Preferences", "Theme (from the next start):"), self.theme
        )
        figures.addRow(
            QCoreApplication.translate("Preferences", "Language (from the next start):"),
            self.ui_language,
        )
        figures.addRow(
            QCoreApplication.translate("Preferences", "Place names on the map:"), self.language
        )
        reconcile_note = QLabel(
            QCoreApplication.translate(
                "Preferences",
                "Not-held slivers narrower than this between occupied land and Ukraine's state "
                "border or coast count as occupied: they come from the boundaries and the "
                "control data drawing the border at different scales. 0 gives the raw "
                "intersection. The Method panel says what it added.",
            )
        )
        reconcile_note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addWidget(reconcile_note)
        layout.addWidget(self.online_data)
        layout.addWidget(online_data_note)
        layout.addWidget(self.online_basemap)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Store the choices and close."""
        self._settings.set(ONLINE_BASEMAP, self.online_basemap.isChecked())
        self._settings.set(ONLINE_CONSENTED, self.online_data.isChecked())
        self._settings.set(RECONCILE_KM, self.reconcile_km.value())
        self._settings.set(COUNT_CONTESTED, self.count_contested.isChecked())
        self._settings.set(PALETTE, self.palette.currentData())
        self._settings.set(THEME, self.theme.currentData())
        self._settings.set(UI_LANGUAGE, self.ui_language.currentData())
        self._settings.set(LABEL_LANGUAGE, self.language.currentData())
        super().accept()
