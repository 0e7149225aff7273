"""Render the app's map page offscreen to a PNG: ``frontline-atlas snapshot``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geodata.errors import ExportError

DEFAULT_SIZE = (1600, 1000)
PAGE_TIMEOUT_S = 60


def render_snapshot(
    control_file: Path | None,
    out: Path,
    width: int = DEFAULT_SIZE[0],
    height: int = DEFAULT_SIZE[1],
    date: dt.date | None = None,
    scenario: str | None = None,
    reconcile_km: float | None = None,
    counting=None,
    language: str = "en",
) -> Path:
    """Draw the map exactly as the app does (same page, same code) and save it as a PNG.

    Parameters
    ----------
    control_file : Path, optional
        A control-area file to draw; without it, the basemap alone.
    out : Path
        Where to write the PNG; written to a temporary file first and renamed,
        so a failure leaves any previous file untouched.
    width, height : int
        Size of the map in pixels.
    date : datetime.date, optional
        The control file's date, if its metadata and name do not give it.
    scenario : str, optional
        A proposal (id or ``.toml`` file) to draw over the control layer.
    reconcile_km : float, optional
        Border and coast reconciliation tolerance of the figures (default 3 km).
    counting : geodata.categories.Counting, optional
        Which categories count as occupied (default: contested land does not).
    language : str
        Place names on the map: ``en`` or ``uk``.

    Raises
    ------
    BadInputError
        The control file cannot be read.
    ExportError
        The page did not draw in time, or the PNG cannot be written.
    """
    from desktop.waiting import IMAGE_FORMATS

    if Path(out).suffix.lower() not in IMAGE_FORMATS:  # say so before the page is drawn
        raise ExportError(out, f"an image is written as {', '.join(IMAGE_FORMATS)}; "
                          "choose one of these")  # fmt: skip
    from desktop.qt_setup import prepare_qt

    prepare_qt(headless=True)
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.map.page import control_payload, proposal_payload
    from desktop.map.view import MapView
    from geodata.importers import read_control_layer
    from geodata.reconcile import DEFAULT_TOLERANCE_KM
    from geodata.scenarios.engine import run_proposal
    from geodata.scenarios.proposals import find_proposal
    from geodata.stats import compute_stats

    payload = overlay = None
    proposal = find_proposal(scenario) if scenario else None
    if control_file is not None:
        layer = read_control_layer(control_file, date=date)
        if counting is not None:
            layer = layer.with_counting(counting)
        km = DEFAULT_TOLERANCE_KM if reconcile_km is None else reconcile_km
        payload = control_payload(layer, compute_stats(layer, reconcile_km=km))
        if proposal is not None:
            overlay = proposal_payload(run_proposal(proposal, layer, reconcile_km=km))

    app = QApplication.instance() or QApplication([])
    view = MapView(language=language)
    view.resize(width, height)
    view.show()
    try:
        _wait_for(view.page_ready, "the map page did not load", out)
        if payload is not None:
            view.show_control(payload)
            _wait_for(view.control_drawn, "the map page did not draw the control layer", out)
        if overlay is not None:
            view.show_proposal(overlay)
            _wait_for(view.proposal_drawn, "the map page did not draw the proposal", out)
        image = view.grab_image()
    finally:
        view.close()
        view.deleteLater()
        # Delete the page now, before the web profile goes with the application.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    from desktop.waiting import save_image

    save_image(image, out)
    return out


def _wait_for(signal, failure: str, out: Path) -> None:
    from desktop.waiting import pause, wait_for

    if not wait_for(signal, PAGE_TIMEOUT_S * 1000):
        raise ExportError(out, f"{failure} within {PAGE_TIMEOUT_S} s")
    pause(250)  # let the compositor hand the new frame to the widget before it is grabbed
