"""The Proposals panel: pick a proposal (and one to compare), read what it is, see what it moves."""

from __future__ import annotations

import dataclasses

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import current_language, number
from desktop.literal_text import literal_text
from desktop.proposals.model import ProposalTableModel
from geodata.claims import load_claims
from geodata.palette import current
from geodata.scenarios.drawn import editable_corners
from geodata.scenarios.engine import ScenarioResult
from geodata.scenarios.operations import MAX_DMZ_WIDTH_KM, with_zone_width, zone_width_km
from geodata.scenarios.output import summary_lines
from geodata.scenarios.proposals import Proposal

NO_PROPOSAL = QT_TRANSLATE_NOOP("Proposals", "None")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Proposals", text)


class ProposalsDock(QDockWidget):
    """Shows proposals and their results; the window runs them (this panel computes nothing)."""

    #: The chosen proposal id and the one to compare with ("" for none).
    selection_changed = Signal(str, str)
    map_choice_changed = Signal()  # which of two compared proposals the map shows
    draw_requested = Signal()
    import_requested = Signal()
    rename_requested = Signal(str)  # a proposal of one's own, by id
    edit_requested = Signal(str)  # move or delete the corners of one's own drawn area
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Proposals"), parent)
        self.setObjectName("proposals-dock")
        body = QWidget()
        column = QVBoxLayout(body)
        pickers = QFormLayout()
        self.primary = QComboBox()
        self.primary.setObjectName("proposal-picker")
        self.compare = QComboBox()
        self.compare.setObjectName("proposal-compare")
        self.zone_width = QDoubleSpinBox()
        self.zone_width.setObjectName("proposal-zone-width")
        self.zone_width.setRange(0.0, MAX_DMZ_WIDTH_KM)
        self.zone_width.setSpecialValueText(
            QCoreApplication.translate("Proposals", "no zone")
        )  # 0: the proposal has none
        self.zone_width.setSingleStep(5.0)
        self.zone_width.setDecimals(0)
        self.zone_width.setSuffix(QCoreApplication.translate("Proposals", " km each side"))
        self.zone_width.setAccessibleName(
            QCoreApplication.translate("Proposals", "Demilitarized zone width")
        )
        self.zone_width.setToolTip(
            QCoreApplication.translate(
                "Proposals", "The width of the proposal's demilitarized zone"
            )
        )
        self.zone_width.setKeyboardTracking(False)  # applied when typing ends, not per digit
        self.map_shows = QComboBox()
        self.map_shows.setObjectName("proposal-map-shows")
        self.map_shows.setAccessibleName(
            QCoreApplication.translate("Proposals", "Proposal shown on the map")
        )
        self.map_shows.addItem(QCoreApplication.translate("Proposals", "The proposal"), 0)
        self.map_shows.addItem(QCoreApplication.translate("Proposals", "The one compared with"), 1)
        pickers.addRow(QCoreApplication.translate("Proposals", "Proposal"), self.primary)
        pickers.addRow(QCoreApplication.translate("Proposals", "Compare with"), self.compare)
        pickers.addRow(QCoreApplication.translate("Proposals", "Zone width"), self.zone_width)
        pickers.addRow(QCoreApplication.translate("Proposals", "Map shows"), self.map_shows)
        column.addLayout(pickers)

        self.description = _text_label("proposal-description")
        self.sources = _text_label("proposal-sources")
        self.sources.setStyleSheet(f"color: {current().muted_text};")
        self.summary = _text_label("proposal-summary")
        self.claims = _text_label("claims-figures")
        for label in (self.description, self.sources, self.summary):
            column.addWidget(label)

        self.model = ProposalTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(
            QCoreApplication.translate("Proposals", "The proposal's figures by oblast and group")
        )
        self.table.setObjectName("proposal-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.model.modelReset.connect(self._fit_columns)
        column.addWidget(self.table, 1)
        column.addWidget(self.claims)

        buttons = QHBoxLayout()
        self.draw_button = QPushButton(QCoreApplication.translate("Proposals", "Draw area…"))
        self.draw_button.setToolTip(
            QCoreApplication.translate(
                "Proposals",
                "Draw a polygon on the map (click corners, double-click to finish, Esc to "
                "cancel); it becomes a proposal of your own",
            )
        )
        self.import_button = QPushButton(QCoreApplication.translate("Proposals", "Import area…"))
        self.import_button.setToolTip(
            QCoreApplication.translate("Proposals", "Make a proposal from a polygon in a file")
        )
        self.edit_button = QPushButton(QCoreApplication.translate("Proposals", "Edit corners…"))
        self.edit_button.setObjectName("proposal-edit-corners")
        self.edit_button.setToolTip(
            QCoreApplication.translate(
                "Proposals",
                "Move the corners of your drawn area on the map: drag a corner, right-click one "
                "to delete it, Enter to finish, Esc to cancel",
            )
        )
        self.rename_button = QPushButton(QCoreApplication.translate("Proposals", "Rename…"))
        self.rename_button.setObjectName("proposal-rename")
        self.rename_button.setToolTip(
            QCoreApplication.translate("Proposals", "Rename the chosen proposal of your own")
        )
        self.delete_button = QPushButton(QCoreApplication.translate("Proposals", "Delete…"))
        self.delete_button.setObjectName("proposal-delete")
        self.delete_button.setToolTip(
            QCoreApplication.translate("Proposals", "Delete the chosen proposal of your own")
        )
        buttons.addWidget(self.draw_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.setWidget(body)

        self._proposals: dict[str, Proposal] = {}
        self.primary.currentIndexChanged.connect(self._emit_selection)
        self.compare.currentIndexChanged.connect(self._emit_selection)
        self.zone_width.valueChanged.connect(lambda *_: self.selection_changed.emit(
            self.selected_id(), self.compare_id()))  # fmt: skip
        self.map_shows.currentIndexChanged.connect(lambda *_: self.map_choice_changed.emit())
        self.draw_button.clicked.connect(self.draw_requested)
        self.rename_button.clicked.connect(lambda: self.rename_requested.emit(self.selected_id()))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.selected_id()))
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.selected_id()))
        self.import_button.clicked.connect(self.import_requested)
        self.show_results(None, None)
        self.show_claims(None)

    def set_proposals(self, proposals: list[Proposal], select: str | None = None) -> None:
        """Fill both pickers (built-ins first, then the user's), keeping or setting the choice."""
        keep = select or self.selected_id()
        keep_compare = self.compare_id()
        self._proposals = {p.id: p for p in proposals}
        for combo, chosen in ((self.primary, keep), (self.compare, keep_compare)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_tr(NO_PROPOSAL), "")
            for proposal in proposals:
                title = proposal.title(current_language())
                shown = (
                    title
                    if proposal.builtin
                    else QCoreApplication.translate("Proposals", "{name}  (yours)").format(
                        name=title
                    )
                )
                combo.addItem(shown, proposal.id)
                combo.setItemData(
                    combo.count() - 1,
                    literal_text(proposal.about(current_language())),
                    Qt.ItemDataRole.ToolTipRole,
                )
            combo.setCurrentIndex(max(0, combo.findData(chosen or "")))
            combo.blockSignals(False)
        self._emit_selection()

    def select(self, proposal_id: str, compare_id: str = "") -> None:
        """Choose proposals by id ("" for none); the choice is announced once."""
        for combo, wanted in ((self.primary, proposal_id), (self.compare, compare_id)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.blockSignals(False)
        self._emit_selection()

    def selected_id(self) -> str:
        """The chosen proposal's id, or ""."""
        return self.primary.currentData() or ""

    def compare_id(self) -> str:
        """The id of the proposal to compare with, or ""."""
        return self.compare.currentData() or ""

    def proposal(self, proposal_id: str) -> Proposal | None:
        """A listed proposal by id; the first one with the zone width chosen here."""
        proposal = self._proposals.get(proposal_id)
        width = self.zone_width.value()
        if proposal is None or proposal_id != self.selected_id() or not self.zone_width.isEnabled():
            return proposal
        if width <= 0:
            return proposal
        operations = with_zone_width(proposal.operations, width)
        return dataclasses.replace(proposal, operations=operations)

    def listed(self, proposal_id: str) -> Proposal | None:
        """A listed proposal by id, as read (without this panel's zone width)."""
        return self._proposals.get(proposal_id)

    def set_drawing(self, drawing: bool) -> None:
        """While an area is drawn, the Draw button stops the drawing."""
        self.draw_button.setText(
            QCoreApplication.translate("Proposals", "Stop drawing")
            if drawing
            else QCoreApplication.translate("Proposals", "Draw area…")
        )

    def shows_compared(self) -> bool:
        """True when the map is to show the proposal compared with, not the first."""
        return self.map_shows.isEnabled() and self.map_shows.currentData() == 1

    def show_results(self, first: ScenarioResult | None, second: ScenarioResult | None) -> None:
        """Show one result, two side by side, or none."""
        self.model.set_results([r for r in (first, second) if r is not None])
        proposal = self._proposals.get(self.selected_id())
        if proposal is None:
            self.description.setText(
                QCoreApplication.translate(
                    "Proposals",
                    "Choose a proposal to see what it would change, per oblast and in all.",
                )
            )
            self.sources.setText("")
        else:
            self.description.setText(proposal.about(current_language()))
            self.sources.setText(
                QCoreApplication.translate("Proposals", "Sources: {sources}").format(
                    sources="; ".join(proposal.sources)
                )
                if proposal.sources
                else ""
            )
        self.summary.setText("\n\n".join(_summary(r, len([x for x in (first, second) if x]) > 1, n)
                                         for n, r in enumerate((first, second)) if r))  # fmt: skip

    def show_claims(self, figures: pd.DataFrame | None) -> None:
        """The annexation claims' figures (:func:`geodata.claims.claim_figures`), or nothing."""
        if figures is None or figures.empty:
            self.claims.setText("")
            return
        line = QCoreApplication.translate(
            "Proposals", "{name}: {pct} % occupied; {km2} km² claimed, not occupied"
        )
        lines = [
            line.format(
                name=claim_name(row.id, row.name),
                pct=number(row.controlled_pct, 2),
                km2=number(row.claimed_not_controlled_km2, 0),
            )
            for row in figures.itertuples()
        ]
        heading = QCoreApplication.translate("Proposals", "Annexation claims")
        self.claims.setText(heading + "\n" + "\n".join(lines))

    def _emit_selection(self, *_args) -> None:
        # The zone width is the chosen proposal's own until changed here.
        chosen = self._proposals.get(self.selected_id())
        width = zone_width_km(chosen.operations) if chosen is not None else None
        self.zone_width.blockSignals(True)
        self.zone_width.setEnabled(width is not None)
        self.zone_width.setValue(width if width is not None else 0.0)
        self.zone_width.blockSignals(False)
        self.map_shows.setEnabled(bool(self.compare_id()))
        own = chosen is not None and not chosen.builtin
        self.rename_button.setEnabled(own)
        self.edit_button.setEnabled(own and editable_corners(chosen) is not None)
        self.delete_button.setEnabled(own)
        if not self.compare_id():
            self.map_shows.blockSignals(True)
            self.map_shows.setCurrentIndex(0)
            self.map_shows.blockSignals(False)
        self.selection_changed.emit(self.selected_id(), self.compare_id())

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        if self.model.columnCount() == 0:
            return
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _summary(result: ScenarioResult, labelled: bool, number: int) -> str:
    mark = f"({'AB'[number]}) " if labelled else ""
    lines = [
        f"{mark}{result.proposal.title(current_language())}" if labelled else "",
        *summary_lines(result, language=current_language()),
    ]
    return "\n".join(line for line in lines if line)


def claim_name(claim_id: str, english: str) -> str:
    """An annexation claim's name in the language in use."""
    claims = {claim.id: claim for claim in load_claims()}
    return claims[claim_id].title(current_language()) if claim_id in claims else english


def _text_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    # Proposal texts come from files: shown as text, never as HTML.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setMinimumWidth(120)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
