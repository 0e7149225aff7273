"""The Proposals panel: pick a proposal (and one to compare), read what it is, see what it moves."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.literal_text import literal_text
from desktop.proposals.model import ProposalTableModel
from geodata.palette import current
from geodata.scenarios.engine import ScenarioResult
from geodata.scenarios.output import summary_lines
from geodata.scenarios.proposals import Proposal

NO_PROPOSAL = "None"


class ProposalsDock(QDockWidget):
    """Shows proposals and their results; the window runs them (this panel computes nothing)."""

    #: The chosen proposal id and the one to compare with ("" for none).
    selection_changed = Signal(str, str)
    draw_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Proposals", parent)
        self.setObjectName("proposals-dock")
        body = QWidget()
        column = QVBoxLayout(body)
        pickers = QFormLayout()
        self.primary = QComboBox()
        self.primary.setObjectName("proposal-picker")
        self.compare = QComboBox()
        self.compare.setObjectName("proposal-compare")
        pickers.addRow("Proposal", self.primary)
        pickers.addRow("Compare with", self.compare)
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
        self.draw_button = QPushButton("Draw area…")
        self.draw_button.setToolTip(
            "Draw a polygon on the map (click corners, double-click to finish, Esc to cancel); "
            "it becomes a proposal of your own"
        )
        self.import_button = QPushButton("Import area…")
        self.import_button.setToolTip("Make a proposal from a polygon in a file")
        buttons.addWidget(self.draw_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.setWidget(body)

        self._proposals: dict[str, Proposal] = {}
        self.primary.currentIndexChanged.connect(self._emit_selection)
        self.compare.currentIndexChanged.connect(self._emit_selection)
        self.draw_button.clicked.connect(self.draw_requested)
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
            combo.addItem(NO_PROPOSAL, "")
            for proposal in proposals:
                suffix = "" if proposal.builtin else "  (yours)"
                combo.addItem(proposal.name + suffix, proposal.id)
                combo.setItemData(
                    combo.count() - 1,
                    literal_text(proposal.description),
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
        """A listed proposal by id."""
        return self._proposals.get(proposal_id)

    def show_results(self, first: ScenarioResult | None, second: ScenarioResult | None) -> None:
        """Show one result, two side by side, or none."""
        self.model.set_results([r for r in (first, second) if r is not None])
        proposal = self._proposals.get(self.selected_id())
        if proposal is None:
            self.description.setText(
                "Choose a proposal to see what it would change, per oblast and in all."
            )
            self.sources.setText("")
        else:
            self.description.setText(proposal.description)
            self.sources.setText(
                "Sources: " + "; ".join(proposal.sources) if proposal.sources else ""
            )
        self.summary.setText("\n\n".join(_summary(r, len([x for x in (first, second) if x]) > 1, n)
                                         for n, r in enumerate((first, second)) if r))  # fmt: skip

    def show_claims(self, figures: pd.DataFrame | None) -> None:
        """The annexation claims' figures (:func:`geodata.claims.claim_figures`), or nothing."""
        if figures is None or figures.empty:
            self.claims.setText("")
            return
        lines = [
            f"{row.name}: {row.controlled_pct:.2f} % occupied; "
            f"{row.claimed_not_controlled_km2:,.0f} km² claimed, not occupied"
            for row in figures.itertuples()
        ]
        self.claims.setText("Annexation claims\n" + "\n".join(lines))

    def _emit_selection(self, *_args) -> None:
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
    lines = [f"{mark}{result.proposal.name}" if labelled else "", *summary_lines(result)]
    return "\n".join(line for line in lines if line)


def _text_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    # Proposal texts come from files: shown as text, never as HTML.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setMinimumWidth(120)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
