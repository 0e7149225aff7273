"""Build the map page, fully offline, and what it draws. This module does not import Qt.

The page is prebuilt (``tools/build_map_page.py``): an HTML skeleton folium lays
out (``resources/web/page.html``) and the basemap as data
(``resources/web/basemap.js``). Opening the app only fills the skeleton with the
asset tags and a small ``<script type="application/json">`` block (palette,
language, what is loaded), so the first paint needs neither folium nor GDAL.
Leaflet comes from the ``xstatic-leaflet`` package, the drawing code from
``resources/web/atlas.js`` (and ``settlements.js``, ``hydrography.js``). The app
serves the assets through its ``atlas:`` URL scheme; a standalone export inlines them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import xstatic.pkg.leaflet as xstatic_leaflet

from desktop.i18n import current_language
from desktop.map.page_words import page_locale, page_words
from geodata.credits import credit_line
from geodata.palette import css_variables, current, dark_variant
from geodata.resources import resource_path

if TYPE_CHECKING:  # the data's types; their modules load with the data, not with the page
    from geodata.control import ControlLayer
    from geodata.scenarios.engine import ScenarioResult
    from geodata.stats import ControlStats

#: Base URL of the app's own scheme (see desktop/map/scheme.py).
APP_BASE = "atlas://app/"
LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
LEAFLET_VERSION = xstatic_leaflet.VERSION
WEB_DIR_PARTS = ("web",)

CREDITS = credit_line(map_by="Leaflet")
#: The prebuilt page and basemap (tools/build_map_page.py), and the skeleton's marks.
PAGE_FILE = "page.html"
BASEMAP_FILE = "basemap.js"
HEAD_MARK = "<!--atlas:head-->"
DATA_MARK = "<!--atlas:data-->"


@dataclass(frozen=True)
class TileSource:
    """An online basemap (only used when the user switches it on)."""

    url: str
    credits: str
    max_zoom: int
    origin: str  # scheme://host, for the page's Content-Security-Policy

    @classmethod
    def openstreetmap(cls) -> TileSource:
        """OpenStreetMap's standard tiles, as described by xyzservices."""
        import xyzservices.providers as providers

        provider = providers.OpenStreetMap.Mapnik
        url = provider.build_url()
        origin = "/".join(url.split("/")[:3])
        return cls(url, f"{CREDITS} · Tiles: {provider.attribution}", provider.max_zoom, origin)


def page_info(layer: ControlLayer) -> dict:
    """What the page shows about a control layer besides its geometry (text only)."""
    return {
        "date": layer.date.isoformat() if layer.date else None,
        "credit": layer.credit,
        "source": layer.source,
        "names": list(layer.feature_names),
    }


def control_payload(layer: ControlLayer, stats: ControlStats) -> tuple[dict, dict, dict, list[int]]:
    """The arguments of the page's ``Atlas.setControl``: GeoJSON, per-region figures, info,
    and the held places (indices into the page's settlements, :func:`held_place_rows`)."""
    from geodata.map_layers import control_layer_geojson, held_place_rows, region_figures

    return (
        control_layer_geojson(layer), region_figures(stats), page_info(layer),
        held_place_rows(stats),
    )  # fmt: skip


def payload_json(payload: tuple) -> str:
    """A payload's arguments as one JSON array, for :meth:`MapBridge.call_js_json`.

    >>> payload_json(({"type": "FeatureCollection", "features": []}, {}, {}, [3, 17]))
    '[{"type": "FeatureCollection", "features": []}, {}, {}, [3, 17]]'
    """
    return json.dumps(list(payload), allow_nan=False)


def proposal_payload(result: ScenarioResult, language: str | None = None) -> tuple[dict, dict]:
    """The arguments of the page's ``Atlas.setProposal``: GeoJSON and a summary (its name
    in ``language``, the app's by default)."""
    from geodata.map_layers import proposal_overlay_geojson, proposal_summary

    summary = proposal_summary(result)
    summary["name"] = result.proposal.title(language or current_language())
    return proposal_overlay_geojson(result), summary


#: The languages place names can be shown in on the map: code -> what Preferences calls it.
LABEL_LANGUAGES = {"en": "English", "uk": "Ukrainian (українською)"}
#: Preferences' choices for the map's place names: the app's language, or one of the above.
LABEL_CHOICES = {"app": "Same as the app", **LABEL_LANGUAGES}


def build_map_page(
    *,
    inline_assets: bool = False,
    with_bridge: bool = True,
    tiles: TileSource | None = None,
    initial: tuple[dict, dict, dict, list[int]] | None = None,
    initial_proposal: tuple[dict, dict] | None = None,
    language: str = "en",
    dark: bool = False,
    font_scale: float = 1.0,
    words_language: str | None = None,
) -> str:
    """Return the HTML of the map page.

    Parameters
    ----------
    inline_assets : bool
        Put Leaflet and the project's JS/CSS inside the page (a standalone file)
        instead of referring to the app's ``atlas:`` scheme.
    with_bridge : bool
        Load Qt's ``qwebchannel.js`` so the page can talk to the app.
    tiles : TileSource, optional
        An online basemap; none by default, and then the page makes no request
        beyond its own assets.
    initial : tuple, optional
        A control layer to draw at once (:func:`control_payload`), for exports.
    initial_proposal : tuple, optional
        A proposal's result to draw with it (:func:`proposal_payload`).
    language : str
        Place names on the map: ``en`` (English, the modern romanization) or ``uk``
        (Ukrainian) — one of :data:`LABEL_LANGUAGES`.
    dark : bool
        Draw the page for a dark screen (:func:`geodata.palette.dark_variant`).
    font_scale : float
        The page's text size against the default: the system's font size follows
        (0.8 to 2).
    words_language : str, optional
        The language of the page's own words, numbers and dates (legend, tooltips,
        credits): the app's by default, another for an export in that language.

    Examples
    --------
    >>> html = build_map_page()
    >>> "http://" in html or "https://" in html
    False
    >>> 'id="atlas-data"' in html and "atlas://app/leaflet/leaflet.js" in html
    True
    """
    data = {}
    if inline_assets:
        # A file on its own has no app to ask for water: it carries the coarsest band.
        from geodata.hydrography import BAND_NAMES, hydrography_file

        low = BAND_NAMES[0]
        data["hydrography_inline"] = {low: json.loads(hydrography_file(low).read_text("utf-8"))}
    words_language = words_language or current_language()
    data["credits"] = credit_line(map_by="Leaflet", language=words_language)
    data["words"] = page_words(words_language)
    data["locale"] = page_locale(words_language)
    palette = dark_variant(current()) if dark else current()
    data["palette"] = palette.roles()
    data["css_variables"] = css_variables(palette)
    data["theme"] = "dark" if dark else "light"
    data["css_variables"]["--atlas-font-scale"] = f"{min(2.0, max(0.8, font_scale)):.3f}"
    data["language"] = language if language in LABEL_LANGUAGES else "en"
    data["tiles"] = None if tiles is None else {
        "url": tiles.url, "credits": tiles.credits, "max_zoom": tiles.max_zoom
    }  # fmt: skip
    if initial is not None:
        control, figures, info, held = initial
        data["initial"] = {"control": control, "figures": figures, "info": info, "held": held}
        if initial_proposal is not None:
            data["initial"]["proposal"] = list(initial_proposal)
    head = "\n".join([_content_security_policy(inline_assets, tiles),
                      *_asset_tags(inline_assets, with_bridge)])  # fmt: skip
    skeleton = resource_path(*WEB_DIR_PARTS, PAGE_FILE).read_text(encoding="utf-8")
    # Filled in one pass, so that no text from the data is ever taken for a mark.
    head_at, data_at = skeleton.index(HEAD_MARK), skeleton.index(DATA_MARK)
    return (skeleton[:head_at] + head + skeleton[head_at + len(HEAD_MARK) : data_at]
            + _json_script("atlas-data", data) + skeleton[data_at + len(DATA_MARK) :])  # fmt: skip


def write_standalone_map(
    path: Path,
    layer: ControlLayer,
    stats: ControlStats,
    result: ScenarioResult | None = None,
    language: str | None = None,
) -> Path:
    """Write the interactive map as one HTML file that works offline (Leaflet and data inside).

    ``language`` (``en`` or ``uk``) is the page's, words and place names; by
    default its words are in the app's language and its place names English.
    """
    from geodata.exports.atomic import write_atomically

    html = build_map_page(
        inline_assets=True,
        with_bridge=False,
        initial=control_payload(layer, stats),
        initial_proposal=proposal_payload(result, language) if result is not None else None,
        language=language or "en",
        words_language=language,
    )
    return write_atomically(path, lambda p: p.write_text(html, encoding="utf-8"))


def _asset_tags(inline: bool, with_bridge: bool) -> list[str]:
    web = resource_path(*WEB_DIR_PARTS)
    files = [
        ("css", LEAFLET_DIR / "leaflet.css", "leaflet/leaflet.css"),
        ("js", LEAFLET_DIR / "leaflet.js", "leaflet/leaflet.js"),
        ("css", web / "atlas.css", "web/atlas.css"),
        ("js", web / BASEMAP_FILE, f"web/{BASEMAP_FILE}"),
        ("js", web / "settlements.js", "web/settlements.js"),
        ("js", web / "hydrography.js", "web/hydrography.js"),
        ("js", web / "atlas.js", "web/atlas.js"),
    ]
    tags = []
    if with_bridge:
        tags.append('<script src="qrc:///qtwebchannel/qwebchannel.js"></script>')
    for kind, path, url in files:
        if inline:
            text = path.read_text(encoding="utf-8")
            closing = "</style" if kind == "css" else "</script"
            if closing in text.lower():
                raise ValueError(f"{path.name} cannot be inlined: it contains {closing}")
            tags.append(f"<style>{text}</style>" if kind == "css" else f"<script>{text}</script>")
        elif kind == "css":
            tags.append(f'<link rel="stylesheet" href="{APP_BASE}{url}"/>')
        else:
            tags.append(f'<script src="{APP_BASE}{url}"></script>')
    return tags


def _content_security_policy(inline: bool, tiles: TileSource | None) -> str:
    # A second wall behind the app's request interceptor: the page may load its
    # own assets and, if switched on, tiles; nothing else, and never connect out.
    local = "" if inline else " atlas: qrc:"
    images = f"{local} data:" + (f" {tiles.origin}" if tiles else "")
    policy = (
        f"default-src 'none'; script-src{local} 'unsafe-inline'; style-src{local} 'unsafe-inline'; "
        f"img-src{images}; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def script_json(data) -> str:
    """``data`` as JSON text safe inside a page's script element.

    JSON is data, not code; escaping <, > and & keeps any text in it (a file's
    feature names, say) from closing the script element. Letters stay letters (the
    page is UTF-8): \\u escapes would triple the settlements' Ukrainian names.

    >>> script_json({"name": "</script>"})
    '{"name":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, separators=(",", ":"), allow_nan=False, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json_script(element_id: str, data: dict) -> str:
    return f'<script type="application/json" id="{element_id}">{script_json(data)}</script>'
