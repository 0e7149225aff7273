"""Prebuild the map page: its HTML skeleton (with folium) and its basemap data.

    uv run python tools/build_map_page.py          # write both
    uv run python tools/build_map_page.py --check  # exit 1 if either is stale

Writes, under ``resources/web/``:

* ``page.html``: the Leaflet map folium lays out (map options, sizes, the start
  call), with two marks the app fills when it opens: ``<!--atlas:head-->`` (the
  Content-Security-Policy and the asset tags) and ``<!--atlas:data-->`` (the
  page's own data: palette, language, what is loaded). The app never imports
  folium, so opening it costs no page build.
* ``basemap.js``: the basemap as data, ``window.ATLAS_BASEMAP = {...}`` — the
  oblasts, neighbours, cities, seas, claims (:func:`geodata.map_layers.basemap_layers`),
  the settlements, the water bands' list, Ukraine's extent and the water names in
  Ukrainian. It is derived from the bundled resources only; the app serves it as
  an asset, so the first paint needs neither GDAL nor pandas.

A test fails when either file is not what this script writes now.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.map.page import BASEMAP_FILE, DATA_MARK, HEAD_MARK, PAGE_FILE, script_json

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "resources" / "web"
PAGE = WEB / PAGE_FILE
BASEMAP = WEB / BASEMAP_FILE
MAP_NAME = "atlas_map"
# Centre and zoom before the page fits Ukraine to the window.
START_CENTER = (48.6, 31.2)
START_ZOOM = 6


def page_skeleton() -> str:
    """The page's HTML from folium, with the marks the app fills."""
    import folium

    figure = folium.Map(location=START_CENTER, zoom_start=START_ZOOM, tiles=None,
                        min_zoom=4, max_zoom=12, zoom_snap=0.25, zoom_delta=0.5,
                        control_scale=False)  # fmt: skip
    # folium's own asset lists point to CDNs; the app adds its own assets.
    figure.default_js = []
    figure.default_css = []
    root = figure.get_root()
    root.header.add_child(folium.Element(HEAD_MARK))
    root.html.add_child(folium.Element(DATA_MARK))
    start = 'window.addEventListener("DOMContentLoaded", function () { Atlas.start(MAP); });'
    root.script.add_child(folium.Element(start.replace("MAP", figure.get_name())))
    html = root.render().replace(figure.get_name(), MAP_NAME)
    # One line each: the file changes only when folium's layout does.
    return "\n".join(line.rstrip() for line in html.splitlines() if line.strip()) + "\n"


def basemap_script() -> str:
    """``window.ATLAS_BASEMAP = {...};``: the basemap layers as data, from the resources."""
    from geodata.boundaries import UKRAINE_EXTENT
    from geodata.hydrography import CLASS_MIN_ZOOM, hydrography_bands
    from geodata.language import WATER_NAMES_UK
    from geodata.map_layers import basemap_layers, settlement_points

    data = dict(basemap_layers())
    data["settlements"] = settlement_points()
    data["hydrography"] = {"bands": hydrography_bands(), "class_min_zoom": CLASS_MIN_ZOOM}
    data["ukraine_extent"] = list(UKRAINE_EXTENT)
    data["water_names_uk"] = WATER_NAMES_UK
    text = script_json(data)  # data, not code: nothing in it can close a script element
    return (
        "/* The basemap as data, derived from the bundled resources by "
        "tools/build_map_page.py: do not edit. */\n"
        f"window.ATLAS_BASEMAP = {text};\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the two files, or with ``--check`` say whether they are current."""
    argv = sys.argv[1:] if argv is None else argv
    wanted = {PAGE: page_skeleton(), BASEMAP: basemap_script()}
    if "--check" in argv:
        stale = [p.name for p, text in wanted.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]  # fmt: skip
        print(f"stale: {', '.join(stale)}: run tools/build_map_page.py" if stale else "up to date")
        return 1 if stale else 0
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode()) / 1e3:.0f} kB)",
              file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
