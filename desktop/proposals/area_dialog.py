"""The dialog that turns a drawn or imported area into a proposal of the user's own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import number
from geodata.scenarios.operations import Side


class AreaProposalDialog(QDialog):
    """Asks for a name, which side the area passes to, and an optional description."""

    def __init__(
        self,
        area_km2: float,
        default_name: str,
        parent: QWidget | None = None,
        passing_km2: dict | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("area-proposal-dialog")
        self.setWindowTitle(QCoreApplication.translate("Proposals", "New proposal from an area"))
        self._area_km2 = area_km2
        self._passing = passing_km2 or {}  # side -> km² that change hands on the map shown
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setObjectName("area-info")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        form = QFormLayout()
        self.name = QLineEdit(default_name)
        self.name.setMaxLength(200)  # what a proposal file may hold (geodata.scenarios.proposals)
        self.name.setObjectName("area-name")
        form.addRow(QCoreApplication.translate("Proposals", "Name"), self.name)
        self.to_ukraine = QRadioButton(QCoreApplication.translate("Proposals", "passes to Ukraine"))
        self.to_ukraine.setObjectName("area-to-ukraine")
        self.to_occupier = QRadioButton(
            QCoreApplication.translate("Proposals", "passes to the occupying side")
        )
        self.to_occupier.setObjectName("area-to-occupier")
        self.to_ukraine.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_ukraine)
        group.addButton(self.to_occupier)
        self.to_ukraine.toggled.connect(self._say_what_changes)
        direction = QVBoxLayout()
        direction.addWidget(self.to_ukraine)
        direction.addWidget(self.to_occupier)
        form.addRow(QCoreApplication.translate("Proposals", "The area"), direction)
        self.description = QPlainTextEdit()
        self.description.setObjectName("area-description")
        self.description.setPlaceholderText(
            QCoreApplication.translate(
                "Proposals", "What this proposal is, and where it comes from"
            )
        )
        self.description.setMaximumHeight(90)
        form.addRow(QCoreApplication.translate("Proposals", "Description"), self.description)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._say_what_changes()

    def _say_what_changes(self, *_args) -> None:
        passing = self._passing.get(self.side())
        text = QCoreApplication.translate(
            "Proposals", "The area covers {area} km² inside Ukraine."
        ).format(area=number(self._area_km2, 0))
        if passing is not None:
            text += " " + QCoreApplication.translate(
                "Proposals", "Of it, {area} km² changes hands on the map shown."
            ).format(area=number(passing, 0))
        self.info.setText(text)

    def side(self) -> Side:
        """Which side the area passes to."""
        return "occupier" if self.to_occupier.isChecked() else "ukraine"

    def values(self) -> tuple[str, Side, str]:
        """Name, side and description as entered."""
        return self.name.text().strip(), self.side(), self.description.toPlainText().strip()

    def _accept_if_named(self) -> None:
        if self.name.text().strip():
            self.accept()
        else:
            self.name.setFocus()
