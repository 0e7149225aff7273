"""The map page's HTML: offline, data as JSON, nothing from files pasted into code."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import shapely

from desktop.map.page import TileSource, build_map_page, control_payload
from geodata.control import ControlLayer
from geodata.resources import resource_path
from geodata.stats import compute_stats

ROOT = Path(__file__).resolve().parents[3]


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_page_refers_to_no_remote_asset():
    html = build_map_page()
    assert not re.search(r"(src|href)=\"https?://", html)
    assert "http://" not in html and "https://" not in html
    assert 'src="atlas://app/leaflet/leaflet.js"' in html
    assert 'src="qrc:///qtwebchannel/qwebchannel.js"' in html
    assert "connect-src 'none'" in html


def basemap_data() -> dict:
    """The prebuilt basemap (resources/web/basemap.js) as data."""
    text = resource_path("web", "basemap.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def test_the_prebuilt_page_and_basemap_are_current():
    """tools/build_map_page.py writes what is committed: the folium skeleton, the basemap."""
    spec = importlib.util.spec_from_file_location(
        "build_map_page", ROOT / "tools/build_map_page.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run tools/build_map_page.py"


def test_the_first_paint_loads_neither_folium_nor_matplotlib():
    script = (
        "import sys; import desktop.main_window; "
        "print(sorted(m for m in ('folium', 'matplotlib', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_page_carries_the_basemap_as_data():
    data = {**basemap_data(), **page_data(build_map_page())}
    assert 'src="atlas://app/web/basemap.js"' in build_map_page()
    assert len(data["regions"]["features"]) == 27
    assert len(data["neighbours"]["features"]) == 7
    assert len(data["cities"]["features"]) >= 40
    assert data["tiles"] is None
    assert "Natural Earth" in data["credits"]
    assert len(data["settlements"]["name"]) == len(data["settlements"]["city"]) == 5488


def test_the_control_payload_names_the_held_places_by_index():
    layer = ControlLayer(shapely.box(37.4, 48.0, 37.9, 48.3), None, "x", "GeoJSON")
    geojson, figures, info, held = control_payload(layer, compute_stats(layer))
    assert held and all(type(index) is int for index in held)
    data = page_data(build_map_page(initial=(geojson, figures, info, held), with_bridge=False))
    assert data["initial"]["held"] == held
    names = [basemap_data()["settlements"]["name"][index] for index in held]
    assert "Ocheretyne" in names


def test_inline_page_is_self_contained():
    html = build_map_page(inline_assets=True, with_bridge=False)
    # Leaflet's code mentions its home page in a string; no element loads anything.
    assert not re.search(r'<(script|link|img)[^>]*(src|href)="(atlas|qrc|https?):', html)
    assert not re.search(r"url\(['\"]?https?:", html)
    assert "L.map" in html and "Atlas.start" in html


def test_text_from_files_cannot_close_the_data_block():
    hostile = '</script><img src=x onerror="alert(1)">'
    layer = ControlLayer(
        shapely.box(37, 47, 38, 48), None, hostile, "GeoJSON", feature_names=(hostile,)
    )
    html = build_map_page(initial=control_payload(layer, compute_stats(layer)), with_bridge=False)
    assert "<img src=x" not in html
    assert page_data(html)["initial"]["info"]["names"] == [hostile]


def test_online_tiles_are_opt_in_and_named_in_the_policy():
    tiles = TileSource.openstreetmap()
    html = build_map_page(tiles=tiles)
    assert page_data(html)["tiles"]["url"] == tiles.url
    assert tiles.origin in html  # allowed by the Content-Security-Policy
    assert "OpenStreetMap" in tiles.credits
