"""The Preferences dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.settings import ONLINE_BASEMAP, Settings


class PreferencesDialog(QDialog):
    """Options the user changes rarely; today the online basemap."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences-dialog")
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.online_basemap = QCheckBox("Show an online basemap (OpenStreetMap tiles)")
        self.online_basemap.setChecked(settings.get(ONLINE_BASEMAP))
        note = QLabel(
            "Off by default: Frontline Atlas then makes no network request at all. "
            "When on, map tiles are downloaded from OpenStreetMap's servers."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.online_basemap)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Store the choices and close."""
        self._settings.set(ONLINE_BASEMAP, self.online_basemap.isChecked())
        super().accept()
