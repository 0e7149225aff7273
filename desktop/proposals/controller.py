"""Runs the chosen proposals on the loaded data and keeps the map and the Proposals panel in step.

Also turns drawn or imported areas into proposals of the user's own, saved as
TOML in the user data folder.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from desktop.app_state import AppState
from desktop.error_dialog import show_error
from desktop.map.page import proposal_payload
from desktop.map.view import MapView
from desktop.proposals.area_dialog import AreaProposalDialog
from desktop.proposals.dock import ProposalsDock
from desktop.tasks import TaskHandle, TaskRunner
from geodata.claims import claim_figures
from geodata.figures import is_negligible
from geodata.importers import SUPPORTED_FORMATS, read_control_layer
from geodata.reconcile import DEFAULT_TOLERANCE_KM
from geodata.scenarios.drawn import (
    area_in_ukraine_km2,
    area_proposal,
    changing_hands_km2,
    editable_corners,
    polygon_from_corners,
    with_corners,
)
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import (
    builtin_proposals,
    user_proposals,
    user_proposals_dir,
    write_proposal,
)


class ProposalsController(QObject):
    """Keeps proposals, their results, the map overlay and the Proposals panel together."""

    #: Emitted when the shown results change: (result or None, result or None).
    results_shown = Signal(object, object)
    #: Emitted after a new proposal of the user's own is saved (its id).
    proposal_saved = Signal(str)

    def __init__(
        self,
        state: AppState,
        dock: ProposalsDock,
        map_view: MapView,
        runner: TaskRunner,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``parent``: the window its dialogs belong to."""
        super().__init__(parent)
        self._parent, self._dock, self._map, self._runner = parent, dock, map_view, runner
        self.folder = folder or user_proposals_dir()
        self._layer = None
        self._stats = None
        self._task: TaskHandle | None = None
        self._state = state
        state.control_changed.connect(self._control_changed)
        dock.selection_changed.connect(lambda *_: self._run())
        dock.map_choice_changed.connect(self._show_chosen_on_map)
        dock.draw_requested.connect(self.draw_area)
        dock.import_requested.connect(self.import_area)
        dock.rename_requested.connect(self.ask_rename)
        dock.edit_requested.connect(self.edit_corners)
        map_view.polygon_edited.connect(self._on_polygon_edited)
        map_view.editing_progress.connect(
            lambda corners: self._status(
                QCoreApplication.translate(
                    "Proposals",
                    "Editing the area: {corners} corners — drag one to move it, right-click one "
                    "to delete it; Enter finishes, Esc cancels",
                ).format(corners=corners)
            )
        )
        dock.delete_requested.connect(self.ask_delete)
        map_view.polygon_drawn.connect(self._on_polygon_drawn)
        map_view.drawing_cancelled.connect(self._drawing_ended)
        map_view.drawing_progress.connect(self._drawing_progress)

    def reload(self, select: str | None = None) -> list[str]:
        """Re-read the built-in and saved proposals; return messages for files that failed."""
        saved, errors = user_proposals(self.folder)
        self._dock.set_proposals(list(builtin_proposals()) + saved, select=select)
        return [str(error) for error in errors]

    def _control_changed(self, loaded) -> None:
        if loaded is None:
            self.data_changed(None, None)
        else:
            self.data_changed(loaded.layer, loaded.stats)

    def data_changed(self, layer, stats) -> None:
        """New control data (or None): update the claims' figures and rerun the proposals."""
        self._layer, self._stats = layer, stats
        self._dock.show_claims(claim_figures(stats) if stats is not None else None)
        self._run()

    # -- running -----------------------------------------------------------------------------

    def _run(self) -> None:
        if self._task is not None and self._task.is_running:
            self._task.cancel()
        first = self._dock.proposal(self._dock.selected_id())
        second = self._dock.proposal(self._dock.compare_id())
        if self._layer is None or first is None:
            self._show(None, None, None)
            return
        layer = self._layer

        # The proposals start from the occupied territory as the table counts it.
        km = self._stats.reconcile_km if self._stats is not None else DEFAULT_TOLERANCE_KM

        applying = QCoreApplication.translate("Proposals", "Applying “{name}”…").format(
            name=first.name
        )

        def work(progress):
            progress.report(None, applying)
            a = run_proposal(first, layer, reconcile_km=km)
            progress.check()
            b = run_proposal(second, layer, reconcile_km=km) if second is not None else None
            progress.check()
            return a, b, (proposal_payload(a), proposal_payload(b) if b is not None else None)

        self._task = self._runner.run(
            work,
            label=QCoreApplication.translate("Proposals", "Applying the proposal"),
            on_result=lambda r: self._show(*r),
        )

    @property
    def results(self) -> tuple:
        """The proposals' results on the current data (the shared state's)."""
        return self._state.results

    def _show(self, first, second, payloads) -> None:
        self._state.set_results(first, second)
        self._dock.show_results(first, second)
        self._payloads = payloads or (None, None)
        self._show_chosen_on_map()
        self.results_shown.emit(first, second)

    def _show_chosen_on_map(self) -> None:
        """The map shows the first proposal, or the one compared with (the panel's choice)."""
        first, second = getattr(self, "_payloads", (None, None))
        payload = second if self._dock.shows_compared() and second is not None else first
        if payload is None:
            self._map.clear_proposal()
        else:
            self._map.show_proposal(payload)

    # -- areas of the user's own -------------------------------------------------------------

    def draw_area(self) -> None:
        """Let the user draw the area of a new proposal on the map (again: stop drawing)."""
        if self._map.is_drawing:
            self._map.cancel_drawing()
            return
        self._map.start_drawing()
        self._dock.set_drawing(True)
        self._drawing_progress(0)

    def _drawing_progress(self, corners: int) -> None:
        # Said for as long as the drawing lasts: never silently in draw mode.
        finish = (
            QCoreApplication.translate("Proposals", "double-click or Enter to finish")
            if corners >= 3
            else QCoreApplication.translate("Proposals", "{count} more to make an area").format(
                count=3 - corners
            )
        )
        if corners == 1:
            text = QCoreApplication.translate(
                "Proposals",
                "Drawing an area: {corners} corner — click to add, {finish}; Backspace takes "
                "one back, Esc cancels",
            )
        else:
            text = QCoreApplication.translate(
                "Proposals",
                "Drawing an area: {corners} corners — click to add, {finish}; Backspace takes "
                "one back, Esc cancels",
            )
        self._status(text.format(corners=corners, finish=finish))

    def _drawing_ended(self) -> None:
        self._dock.set_drawing(False)
        self._status(QCoreApplication.translate("Proposals", "Drawing cancelled"), 4000)

    def import_area(self) -> None:
        """Pick a file whose polygons become the area of a new proposal."""
        patterns = " ".join(f"*{ext}" for ext in SUPPORTED_FORMATS)
        geodata_files, all_files = (
            QCoreApplication.translate("Proposals", "Geodata files"),
            QCoreApplication.translate("Proposals", "All files"),
        )
        filters = f"{geodata_files} ({patterns});;{all_files} (*)"
        path, _ = QFileDialog.getOpenFileName(
            self._parent, QCoreApplication.translate("Proposals", "Import an area"), "", filters
        )
        if path:
            self.import_area_from(Path(path))

    def import_area_from(self, path: Path) -> TaskHandle:
        """Read a file's polygons (off the GUI thread) and offer them as a new proposal."""
        return self._runner.run(
            lambda progress: read_control_layer(path).controlled,
            label=QCoreApplication.translate("Proposals", "Reading {file}").format(file=path.name),
            on_result=lambda area: self.propose_area(area, path.stem),
            on_error=lambda error: show_error(
                self._parent,
                error,
                QCoreApplication.translate("Proposals", "Importing {file}").format(file=path.name),
            ),
        )

    def propose_area(self, area, default_name: str, dialog: AreaProposalDialog | None = None):
        """Ask how the area should pass and save it as a proposal; return it, or None."""
        area_km2 = area_in_ukraine_km2(area)
        if is_negligible(area_km2):
            self._status(
                QCoreApplication.translate(
                    "Proposals",
                    "The area lies outside Ukraine (or is too small to count); nothing to propose",
                ),
                6000,
            )
            return None
        loaded = self._state.control
        controlled = loaded.layer.controlled if loaded is not None else None
        passing = (
            {side: changing_hands_km2(area, side, controlled) for side in ("ukraine", "occupier")}
            if controlled is not None
            else None
        )
        dialog = dialog or AreaProposalDialog(area_km2, default_name, self._parent, passing)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name, side, description = dialog.values()
        proposal = area_proposal(area, name, side, description, self._taken_ids(), controlled)
        try:
            write_proposal(proposal, self.folder / f"{proposal.id}.toml")
        except Exception as error:  # noqa: BLE001 - one message (too long a text, a full disk)
            action = QCoreApplication.translate("Proposals", "Saving {file}")
            show_error(self._parent, error, action.format(file=f"{proposal.id}.toml"))
            return None
        self.reload(select=proposal.id)
        self.proposal_saved.emit(proposal.id)
        self._status(
            QCoreApplication.translate(
                "Proposals", "Saved the proposal “{name}” in {folder}"
            ).format(name=name, folder=self.folder),
            8000,
        )
        return proposal

    def _on_polygon_drawn(self, corners: list) -> None:
        self._dock.set_drawing(False)
        self._status("")
        polygon = polygon_from_corners(corners)
        name = QCoreApplication.translate("Proposals", "Drawn area {number}")
        self.propose_area(polygon, name.format(number=self._count_drawn() + 1))

    def _count_drawn(self) -> int:
        return sum(1 for path in self.folder.glob("*.toml")) if self.folder.is_dir() else 0

    # -- renaming and deleting one's own ------------------------------------------------------

    def edit_corners(self, proposal_id: str) -> None:
        """Show the corners of one's own drawn area on the map, to move or delete."""
        proposal = self._dock.listed(proposal_id)
        corners = editable_corners(proposal) if proposal is not None else None
        if proposal is None or proposal.builtin or corners is None:
            return
        self._editing = proposal_id
        self._map.edit_polygon(corners)

    def _on_polygon_edited(self, corners: list) -> None:
        proposal_id, self._editing = getattr(self, "_editing", None), None
        proposal = self._dock.listed(proposal_id) if proposal_id else None
        if proposal is None:
            return
        loaded = self._state.control
        controlled = loaded.layer.controlled if loaded is not None else None
        path = self.folder / f"{proposal_id}.toml"
        try:
            write_proposal(with_corners(proposal, corners, controlled), path)
        except Exception as error:  # noqa: BLE001 - one message; the saved file stays whole
            action = QCoreApplication.translate("Proposals", "Saving {file}")
            show_error(self._parent, error, action.format(file=path.name))
            return
        self.reload(select=proposal_id)
        saved = QCoreApplication.translate("Proposals", "Saved the new corners of “{name}”")
        self._status(saved.format(name=proposal.name), 6000)

    def ask_rename(self, proposal_id: str) -> None:
        """Ask for a new name for a proposal of one's own."""
        proposal = self._dock.proposal(proposal_id)
        if proposal is None or proposal.builtin:
            return
        name, ok = QInputDialog.getText(
            self._parent,
            QCoreApplication.translate("Proposals", "Rename the proposal"),
            QCoreApplication.translate("Proposals", "Name"),
            text=proposal.name,
        )
        if ok and name.strip():
            self.rename(proposal_id, name.strip())

    def rename(self, proposal_id: str, name: str) -> None:
        """Give a proposal of one's own a new name (its file and id stay)."""
        path = self.folder / f"{proposal_id}.toml"
        proposal = self._dock.listed(proposal_id)
        if proposal is None or proposal.builtin or not path.is_file():
            return
        try:
            write_proposal(dataclasses.replace(proposal, name=name), path)
        except Exception as error:  # noqa: BLE001 - one message; the file stays as it was
            action = QCoreApplication.translate("Proposals", "Renaming {file}")
            show_error(self._parent, error, action.format(file=path.name))
            return
        self.reload(select=proposal_id)
        renamed = QCoreApplication.translate("Proposals", "Renamed the proposal to “{name}”")
        self._status(renamed.format(name=name), 6000)

    def ask_delete(self, proposal_id: str) -> None:
        """Delete a proposal of one's own, once the user confirms."""
        proposal = self._dock.proposal(proposal_id)
        if proposal is None or proposal.builtin:
            return
        question = QCoreApplication.translate(
            "Proposals", "Delete the proposal “{name}”? Its file {file} is removed."
        )
        answer = QMessageBox.question(
            self._parent,
            QCoreApplication.translate("Proposals", "Delete the proposal"),
            question.format(name=proposal.name, file=f"{proposal_id}.toml"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(proposal_id)

    def delete(self, proposal_id: str) -> None:
        """Remove a proposal of one's own (its file) and show the list without it."""
        path = self.folder / f"{proposal_id}.toml"
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            action = QCoreApplication.translate("Proposals", "Deleting {file}")
            show_error(self._parent, error, action.format(file=path.name))
            return
        self.reload(select="")
        deleted = QCoreApplication.translate("Proposals", "Deleted the proposal {id}")
        self._status(deleted.format(id=proposal_id), 6000)

    def _taken_ids(self) -> set[str]:
        saved = (
            {path.stem for path in self.folder.glob("*.toml")} if self.folder.is_dir() else set()
        )
        return saved | {p.id for p in builtin_proposals()}

    def _status(self, text: str, timeout: int = 0) -> None:
        self._state.say(text, timeout)
