"""The map as the user sees it, as an image: at screen resolution, or at twice it.

At 2× the map is drawn again in a hidden copy of the view whose page is zoomed
by 2 at twice the size: the same extent, the same layers and overlays, twice
the pixels. Nothing is computed again; the copy is fed what the view was fed.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QImage

from desktop.map.view import MapView

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
        _wait(copy.page_ready)
        shown = view.shown
        for name, visible in shown.get("visible", {}).items():
            copy.set_layer_visible(name, visible)
        for name, opacity in shown.get("opacity", {}).items():
            copy.set_layer_opacity(name, opacity)
        if "control" in shown:
            copy.show_control(shown["control"])
            _wait(copy.control_drawn)
        if "proposal" in shown:
            copy.show_proposal(shown["proposal"])
            _wait(copy.proposal_drawn)
        if "change" in shown:
            copy.show_change(*shown["change"])
            _wait(copy.change_drawn)
        if shown.get("selected"):
            copy.select(shown["selected"], zoom=False)
        if state.get("center"):
            copy.set_view(state["center"][0], state["center"][1], state["zoom"])
        _settle(400)
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


def _wait(signal) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()


def _settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
