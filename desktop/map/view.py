"""The map widget: a locked-down QWebEngineView showing the folium page, driven by the bridge."""

from __future__ import annotations

import itertools
import json
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from desktop.map.bridge import MapBridge
from desktop.map.interceptor import OfflineInterceptor
from desktop.map.page import TileSource, build_map_page, payload_json
from desktop.map.scheme import SCHEME, AtlasSchemeHandler
from desktop.theme import system_font_scale
from geodata.hydrography import BAND_NAMES, hydrography_file

log = logging.getLogger(__name__)

#: Layers the page can show, hide and fade, with their names in the Layers panel.
MAP_LAYERS = {
    "change": QT_TRANSLATE_NOOP("Layers", "Change between dates"),
    "proposal": QT_TRANSLATE_NOOP("Layers", "Proposal"),
    "claims": QT_TRANSLATE_NOOP("Layers", "Annexation claims"),
    "control": QT_TRANSLATE_NOOP("Layers", "Control areas"),
    "regions": QT_TRANSLATE_NOOP("Layers", "Oblasts"),
    "region-labels": QT_TRANSLATE_NOOP("Layers", "Place names"),
    "cities": QT_TRANSLATE_NOOP("Layers", "Cities"),
    "settlements": QT_TRANSLATE_NOOP("Layers", "Settlements"),
    "water": QT_TRANSLATE_NOOP("Layers", "Rivers and lakes"),
    "neighbours": QT_TRANSLATE_NOOP("Layers", "Neighbouring countries"),
}
#: Layers that start hidden until the user switches them on.
HIDDEN_BY_DEFAULT = frozenset({"claims"})
_page_numbers = itertools.count(1)


def atlas_profile() -> QWebEngineProfile:
    """The app's one web profile: off the record, with the atlas: scheme and the interceptor."""
    app = QApplication.instance()
    profile = getattr(app, "_atlas_profile", None)
    if profile is None:
        # An unnamed profile keeps nothing on disk: no cache, cookies or history.
        profile = QWebEngineProfile(app)
        handler = AtlasSchemeHandler(profile)
        profile.installUrlSchemeHandler(SCHEME, handler)
        interceptor = OfflineInterceptor(profile)
        profile.setUrlRequestInterceptor(interceptor)
        profile.atlas_handler = handler
        profile.atlas_interceptor = interceptor
        app._atlas_profile = profile
    return profile


class AtlasPage(QWebEnginePage):
    """A page that stays on the map: no navigation elsewhere, no pop-ups."""

    def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:
        if not is_main_frame:
            return True
        return url.scheme() == SCHEME.decode()

    def createWindow(self, kind):
        return None

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:
        log.debug("map page: %s (%s:%d)", message, source, line)


class _RefuseDrops(QObject):
    """Keeps drops off the widgets QWebEngineView creates inside itself.

    Chromium's drawing widget accepts drops and is created when the page loads;
    refusing them there lets Qt hand the drop to the nearest ancestor that takes it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            event.child().setAcceptDrops(False)
            event.child().installEventFilter(self)
        return False


class MapView(QWebEngineView):
    """The map: signals report what happens on the page, methods change what it shows."""

    page_ready = Signal()
    region_clicked = Signal(str)
    control_drawn = Signal(int)
    proposal_drawn = Signal(int)
    change_drawn = Signal(int)
    polygon_drawn = Signal(list)  # [[lon, lat], ...], the corners the user clicked
    drawing_cancelled = Signal()
    box_drawn = Signal(object)  # (west, south, east, north) of a box drawn for an extent
    drawing_progress = Signal(int)  # corners placed so far
    polygon_edited = Signal(list)  # [[lon, lat], ...]: a drawn area's corners after editing
    editing_progress = Signal(int)  # corners of the area being edited
    hydrography_drawn = Signal(str)  # a zoom band of water is on the page

    def __init__(
        self,
        parent: QWidget | None = None,
        tiles: TileSource | None = None,
        language: str = "en",
        dark: bool = False,
    ) -> None:
        super().__init__(parent)
        self._dark = dark
        self.setAccessibleName(QCoreApplication.translate("Map", "Map of Ukraine"))
        self.setAccessibleDescription(
            QCoreApplication.translate(
                "Map",
                "The interactive map: control areas, oblasts, places and water. Click an oblast "
                "to select it; its figures are in the Statistics panel.",
            )
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches the map
        self._profile = atlas_profile()
        page = AtlasPage(self._profile, self)
        self.setPage(page)
        self._lock_down(page.settings())
        # Files dropped on the map go to the window, not the page (which would navigate).
        self.setAcceptDrops(False)
        self._drop_refuser = _RefuseDrops(self)
        self.installEventFilter(self._drop_refuser)
        self.page_loads = 0
        self.bridge = MapBridge(page, self)
        self.bridge.ready.connect(self.page_ready)
        self.bridge.on("select", self._on_select)
        self.bridge.on(
            "control_drawn", lambda args: self.control_drawn.emit(int(args.get("features", 0)))
        )
        self.bridge.on("js_error", lambda args: self._on_js_error(args))
        self.bridge.on(
            "proposal_drawn", lambda args: self.proposal_drawn.emit(int(args.get("features", 0)))
        )
        self.bridge.on(
            "change_drawn", lambda args: self.change_drawn.emit(int(args.get("features", 0)))
        )
        self.bridge.on("polygon_drawn", self._on_polygon_drawn)
        self.bridge.on("need_hydrography", self._send_hydrography)
        self.bridge.on("view_changed", self._on_view_changed)
        self.bridge.on(
            "hydrography_drawn", lambda args: self.hydrography_drawn.emit(str(args.get("band", "")))
        )
        self.bridge.on("drawing_cancelled", self._on_drawing_cancelled)
        self.bridge.on("drawing_progress", self._on_drawing_progress)
        self.bridge.on("polygon_edited", self._on_polygon_edited)
        self.bridge.on(
            "editing_progress",
            lambda args: self.editing_progress.emit(int(args.get("corners", 0)))
            if isinstance(args, dict) and isinstance(args.get("corners"), int) else None,
        )  # fmt: skip
        self.is_drawing = False
        self.drawing_purpose = "proposal"
        #: The extent the map shows (west, south, east, north in degrees), once it says so.
        self.bounds: tuple[float, float, float, float] | None = None
        # What Python asked the page to show, so a copy of the view can be rebuilt.
        self.shown: dict = {}
        page.loadStarted.connect(self._on_load_started)
        self._tiles = tiles
        self._language = language
        self._load_page()

    # -- what the page shows ---------------------------------------------------------------

    def show_control(self, payload: str | tuple[dict, dict, dict, list[int]]) -> None:
        """Draw a control layer, without reloading: :func:`desktop.map.page.control_payload`,
        or the same as JSON text (:func:`desktop.map.page.payload_json`, made off the GUI thread).
        """
        self.shown["control"] = payload
        self.bridge.call_js_json(
            "setControl", payload if isinstance(payload, str) else payload_json(payload)
        )

    def clear_control(self) -> None:
        """Remove the control layer."""
        self.shown.pop("control", None)
        self.bridge.call_js("clearControl")

    def show_proposal(self, payload: tuple[dict, dict]) -> None:
        """Draw a proposal's result (:func:`desktop.map.page.proposal_payload`)."""
        self.shown["proposal"] = payload
        self.bridge.call_js("setProposal", *payload)

    def clear_proposal(self) -> None:
        """Remove the proposal overlay."""
        self.shown.pop("proposal", None)
        self.bridge.call_js("clearProposal")

    def show_change(self, collection: dict, since: str) -> None:
        """Draw the areas gained and lost since a date (:func:`desktop.map.page.change_payload`)."""
        self.shown["change"] = (collection, since)
        self.bridge.call_js("setChange", collection, {"since": since})

    def show_difference(self, collection: dict, gained_text: str, lost_text: str) -> None:
        """The change layer for two sources: ``gained`` and ``lost`` named by these texts."""
        self.bridge.call_js("setChange", collection, {"labels": {"gained": gained_text,
                                                                  "lost": lost_text}})  # fmt: skip

    def clear_change(self) -> None:
        """Remove the change overlay."""
        self.shown.pop("change", None)
        self.bridge.call_js("clearChange")

    def start_drawing(self, purpose: str = "proposal") -> None:
        """Let the user draw a polygon: click for corners, double-click to finish, Esc to cancel.

        ``purpose`` ``"proposal"`` ends in :attr:`polygon_drawn` (a proposal's area),
        ``"extent"`` in :attr:`box_drawn` (the corners' bounds, a briefing map's extent).
        """
        self.drawing_purpose = purpose
        self.is_drawing = True
        self.bridge.call_js("startDrawing")
        self.setFocus()

    def cancel_drawing(self) -> None:
        """Stop drawing without a polygon."""
        self.bridge.call_js("cancelDrawing")

    def select(self, codes: list[str], zoom: bool = True) -> None:
        """Highlight these regions (ISO codes); zoom to them unless ``zoom`` is False."""
        self.shown["selected"] = list(codes)
        self.bridge.call_js("select", list(codes), zoom)

    def set_view(self, lat: float, lon: float, zoom: float) -> None:
        """Centre the map on a place at a zoom level."""
        self.bridge.call_js("setView", float(lat), float(lon), float(zoom))

    def fly_to(self, lat: float, lon: float, zoom: int = 11, name: str = "") -> None:
        """Fly to a place and ring it until the next fly-to.

        A settlement there is drawn and named first whatever the zoom; ``name``
        labels a point that is no settlement (shown as text).
        """
        self.bridge.call_js("flyTo", float(lat), float(lon), float(zoom), str(name))

    def page_state(self, callback) -> None:
        """Call ``callback(dict)`` with what the page shows (zoom, centre, legend…)."""
        script = "JSON.stringify(Atlas.state())"
        self.page().runJavaScript(script, 0, lambda text: callback(json.loads(text or "{}")))

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        """Show or hide one of :data:`MAP_LAYERS`."""
        self.shown.setdefault("visible", {})[layer] = bool(visible)
        self.bridge.call_js("setLayerVisible", layer, bool(visible))

    def set_layer_opacity(self, layer: str, opacity: float) -> None:
        """Fade one of :data:`MAP_LAYERS` (0 transparent … 1 opaque)."""
        opacity = max(0.0, min(1.0, float(opacity)))
        self.shown.setdefault("opacity", {})[layer] = opacity
        self.bridge.call_js("setLayerOpacity", layer, opacity)

    def zoom_to_ukraine(self) -> None:
        """Fit the whole of Ukraine in the view."""
        self.bridge.call_js("zoomToUkraine")

    def set_online_tiles(self, tiles: TileSource | None) -> None:
        """Switch the online basemap on (a tile source) or off (None); the page is rebuilt."""
        if tiles == self._tiles:
            return
        self._tiles = tiles
        self._load_page()

    def set_language(self, language: str) -> None:
        """Show place names in this language (``en`` or ``uk``); the page is rebuilt."""
        if language == self._language:
            return
        self._language = language
        self._load_page()

    def grab_image(self) -> QImage:
        """The map as it is drawn now."""
        return self.grab().toImage()

    @property
    def interceptor(self) -> OfflineInterceptor:
        """The request interceptor of the map's profile."""
        return self._profile.atlas_interceptor

    # -- internals -------------------------------------------------------------------------

    def _on_view_changed(self, args: dict) -> None:
        bounds = args.get("bounds") if isinstance(args, dict) else None
        if (
            isinstance(bounds, list) and len(bounds) == 4
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in bounds)
        ):  # fmt: skip
            self.bounds = tuple(float(v) for v in bounds)

    def _send_hydrography(self, args: dict) -> None:
        # The page asks by name; only a known band's file is read (it is JSON already).
        band = args.get("band") if isinstance(args, dict) else None
        if band not in BAND_NAMES:
            return
        text = hydrography_file(band).read_text(encoding="utf-8")
        self.bridge.call_js_json("addHydrography", f'["{band}",{text}]')

    def edit_polygon(self, corners: list) -> None:
        """Show a drawn area's corners as handles to drag (right-click one to delete it)."""
        self.is_drawing = True
        self.bridge.call_js("editPolygon", [[float(x), float(y)] for x, y in corners])
        self.setFocus()

    def finish_editing(self) -> None:
        """Report the edited corners (:attr:`polygon_edited`)."""
        self.bridge.call_js("finishEditing")

    def _on_polygon_edited(self, args: dict) -> None:
        self.is_drawing = False
        corners = _corners(args)
        if len(corners) >= 3:
            self.polygon_edited.emit(corners)

    def undo_corner(self) -> None:
        """Take back the last corner of the polygon being drawn."""
        self.bridge.call_js("undoCorner")

    def finish_drawing(self) -> None:
        """Finish the polygon being drawn (if it has three corners)."""
        self.bridge.call_js("finishDrawing")

    def _on_drawing_progress(self, args: dict) -> None:
        corners = args.get("corners") if isinstance(args, dict) else None
        if isinstance(corners, int) and not isinstance(corners, bool):
            self.drawing_progress.emit(max(0, min(corners, 10_000)))

    def _on_drawing_cancelled(self, _args: dict) -> None:
        self.is_drawing = False
        self.drawing_cancelled.emit()

    def _on_polygon_drawn(self, args: dict) -> None:
        self.is_drawing = False
        corners = _corners(args)
        if len(corners) < 3:
            return
        if getattr(self, "drawing_purpose", "proposal") == "extent":
            lons, lats = [c[0] for c in corners], [c[1] for c in corners]
            self.box_drawn.emit((min(lons), min(lats), max(lons), max(lats)))
        else:
            self.polygon_drawn.emit(corners)

    def _load_page(self) -> None:
        settings = self.page().settings()
        online = self._tiles is not None
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, online
        )
        host = QUrl(self._tiles.origin).host() if online else None
        self.interceptor.allowed_hosts = frozenset({host} if host else ())
        html = build_map_page(tiles=self._tiles, language=self._language, dark=self._dark,
                              font_scale=system_font_scale())  # fmt: skip
        url = self._profile.atlas_handler.publish_page(f"map-{next(_page_numbers)}.html", html)
        self.load(QUrl(url))

    def _on_load_started(self) -> None:
        self.page_loads += 1
        self.bridge.page_reloading()

    def _on_select(self, args: dict) -> None:
        code = args.get("code")
        if isinstance(code, str) and len(code) <= 8:
            self.region_clicked.emit(code)

    def _on_js_error(self, args: dict) -> None:
        message = str(args.get("message", ""))[:500]
        log.error("map page error: %s", message)  # in the log file (desktop.crash_log)

    @staticmethod
    def _lock_down(settings: QWebEngineSettings) -> None:
        attribute = QWebEngineSettings.WebAttribute
        for name, value in (
            (attribute.LocalContentCanAccessRemoteUrls, False),
            (attribute.LocalContentCanAccessFileUrls, False),
            (attribute.JavascriptCanOpenWindows, False),
            (attribute.JavascriptCanAccessClipboard, False),
            (attribute.PluginsEnabled, False),
            (attribute.PdfViewerEnabled, False),
            (attribute.NavigateOnDropEnabled, False),
            (attribute.AutoLoadIconsForPage, False),
        ):
            settings.setAttribute(name, value)


def _corners(args) -> list[list[float]]:
    """The page is untrusted as far as data goes: keep only well-formed pairs of numbers."""
    corners = []
    for point in args.get("coordinates", []) if isinstance(args, dict) else []:
        if (
            isinstance(point, list) and len(point) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
        ):  # fmt: skip
            corners.append([float(point[0]), float(point[1])])
    return corners[:10_000]
