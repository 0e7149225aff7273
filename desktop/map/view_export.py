"""The map as the user sees it, as an image: at screen resolution, or at twice it.

At 2× the map is drawn again in a hidden copy of the view whose page is zoomed
by 2 at twice the size: the same extent, the same layers and overlays, twice
the pixels. Nothing is computed again; the copy is fed what the view was fed.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QImage

from desktop.map.view import MapView
from desktop.waiting import pause, wait_for

WAIT_MS = 30_000


def view_image(view: MapView, scale: int = 1) -> QImage:
    """The map view as an image at ``scale`` × its size in pixels (1 or 2)."""
    if scale == 1:
        return view.grab_image()
    state = _wait_for_state(view)
    copy = MapView(tiles=view._tiles)
    try:
        copy.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        copy.resize(view.width() * scale, view.height() * scale)
        copy.page().setZoomFactor(scale)
        copy.show()
        wait_for(copy.page_ready, WAIT_MS)
        shown = view.shown
        for name, visible in shown.get("visible", {}).items():
            copy.set_layer_visible(name, visible)
        for name, opacity in shown.get("opacity", {}).items():
            copy.set_layer_opacity(name, opacity)
        if "control" in shown:
            copy.show_control(shown["control"])
            wait_for(copy.control_drawn, WAIT_MS)
        if "proposal" in shown:
            copy.show_proposal(shown["proposal"])
            wait_for(copy.proposal_drawn, WAIT_MS)
        if "change" in shown:
            copy.show_change(*shown["change"])
            wait_for(copy.change_drawn, WAIT_MS)
        if shown.get("selected"):
            copy.select(shown["selected"], zoom=False)
        if state.get("center"):
            copy.set_view(state["center"][0], state["center"][1], state["zoom"])
        pause(400)
        return copy.grab_image()
    finally:
        copy.close()
        copy.deleteLater()


def _wait_for_state(view: MapView) -> dict:
    result: dict = {}
    loop = QEventLoop()

    def got(state: dict) -> None:
        result.update(state)
        loop.quit()

    view.page_state(got)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    return result
