"""Exports: briefing maps (pages, DPI, text), tables, geodata, and writing safely."""

from __future__ import annotations

import errno
import json
import re

import numpy as np
import openpyxl
import pyogrio
import pytest
from matplotlib.image import imread
from pypdf import PdfReader

from geodata.errors import ExportError
from geodata.exports.atomic import write_atomically
from geodata.exports.briefing import BriefingOptions, render_briefing
from geodata.exports.geo import write_geodata
from geodata.exports.tables import write_table
from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import find_proposal
from geodata.stats import compute_stats
from tests.geodata.importers.fixtures import write_control_file
from tests.helpers import SNAPSHOT_20241120, csv_header, require_shared


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("control")
    layer = read_control_layer(write_control_file(folder, "front_20241120", ".geojson"))
    return layer, compute_stats(layer), run_proposal(find_proposal("june-2024-demand"), layer)


@pytest.mark.parametrize(
    ("page", "points"), [("a4", (842, 595)), ("letter", (792, 612)), ("slide", (960, 540))]
)
def test_pdf_pages_are_landscape_presets_with_text(data, tmp_path, page, points):
    layer, stats, result = data
    out = render_briefing(tmp_path / "brief.pdf", layer, stats, result,
                          BriefingOptions(page=page, title="Morning brief"))  # fmt: skip
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    text = reader.pages[0].extract_text()
    expected_texts = (
        "Morning brief", "Legend", "Occupied territory, 20 November 2024", "To the occupying side",
        "Line of contact after", "Boundaries: Natural Earth", "Control areas:",
        "Four regions annexed 2022",
    )  # fmt: skip
    for expected in expected_texts:
        assert expected in text, expected


def test_png_size_follows_page_and_dpi_and_is_not_blank(data, tmp_path):
    layer, stats, _result = data
    out = render_briefing(tmp_path / "brief.png", layer, stats, None, BriefingOptions(dpi=100))
    image = imread(out)
    assert image.shape[:2] == (int(210 / 25.4 * 100), int(297 / 25.4 * 100))  # 826 × 1169
    assert image[..., :3].std() > 0.05  # not a blank page
    slide = render_briefing(
        tmp_path / "slide.png", layer, stats, None, BriefingOptions(page="slide")
    )
    assert imread(slide).shape[:2] == (1080, 1920)
    red = image[..., 0] - image[..., 2]
    assert (red > 0.25).sum() > 500  # the occupied territory's dark red is there


def test_svg_is_vector_with_text(data, tmp_path):
    layer, stats, result = data
    svg = render_briefing(tmp_path / "brief.svg", layer, stats, result).read_text()
    assert "<text" in svg and "June 2024 demand" in svg and "<image" not in svg


def test_tables_hold_the_same_numbers(data, tmp_path):
    _layer, stats, result = data
    json_data = json.loads(write_table(tmp_path / "s.json", stats).read_text())
    book = openpyxl.load_workbook(write_table(tmp_path / "s.xlsx", stats, credit="DeepStateMap"))
    assert book.sheetnames == ["Groups", "Regions", "About"]
    rows = list(book["Regions"].iter_rows(values_only=True))
    header, records = rows[0], rows[1:]
    assert len(records) == 27
    assert header[:3] == ("Code", "Name", "Area km²") and "Occupied km²" in header
    fields = list(json_data["regions"][0])
    as_dicts = [dict(zip(fields, r, strict=True)) for r in records]
    assert as_dicts == json_data["regions"]
    groups = [
        dict(zip(rows[0], r, strict=True))
        for r in list(book["Groups"].iter_rows(values_only=True))[:1]
    ]
    assert groups  # header present
    csv_text = write_table(tmp_path / "s.csv", stats).read_text()
    assert csv_header(csv_text).startswith(
        "date,level,code,name,area_km2,controlled_km2,controlled_pct"
    )
    assert "# Border and coast reconciliation: 3 km" in csv_text
    scenario = json.loads(write_table(tmp_path / "p.json", stats, result).read_text())
    assert scenario["scenario"]["id"] == "june-2024-demand"
    scenario_book = openpyxl.load_workbook(write_table(tmp_path / "p.xlsx", stats, result))
    about = dict(scenario_book["About"].iter_rows(values_only=True))
    assert about["To the occupying side, km²"] == scenario["to_occupier_km2"]
    assert about["Border and coast reconciliation"].startswith("3 km")
    assert "603,628" in about["Denominator"] and scenario["metadata"]["reconcile_km"] == 3.0


def test_geodata_exports(data, tmp_path):
    layer, _stats, result = data
    geojson = json.loads(write_geodata(tmp_path / "c.geojson", layer).read_text())
    assert [f["properties"]["kind"] for f in geojson["features"]] == ["control"]
    package = write_geodata(tmp_path / "p.gpkg", layer, result, "GPKG", one_table_per_kind=True)
    names = [name for name, _kind in pyogrio.list_layers(package)]
    assert {"control", "control_after", "to_occupier", "contact_line_after"} <= set(names)


def test_a_proposal_export_sets_like_beside_like(tmp_path):
    # control_before and control_after are the territory as the figures count it, with
    # the reconciled border slivers that control (the areas as read) lacks: after a
    # freeze they are the same land, where control and control_after once differed.
    import geopandas as gpd

    from geodata.stats import controlled_area_by_region

    layer = read_control_layer(require_shared(SNAPSHOT_20241120))
    stats = compute_stats(layer)
    freeze = run_proposal(find_proposal("freeze"), layer)
    package = write_geodata(tmp_path / "f.gpkg", layer, freeze, "GPKG", one_table_per_kind=True)

    def km2(table):
        geometry = gpd.read_file(package, layer=table).geometry.iloc[0]
        return controlled_area_by_region(geometry)["controlled_km2"].to_numpy()

    before, after, read = km2("control_before"), km2("control_after"), km2("control")
    assert np.abs(before - after).max() < 1e-6
    counted = stats.regions["controlled_km2"].to_numpy()
    assert np.abs(before - counted).max() < 0.01  # the figures, slivers and all
    assert (counted - read).max() > 1  # what reconciliation adds is not in "control"


def test_standalone_html_has_no_remote_assets(data, tmp_path):
    from desktop.map.page import write_standalone_map

    layer, stats, result = data
    html = write_standalone_map(tmp_path / "map.html", layer, stats, result).read_text()
    # What a browser would fetch: script and image sources, stylesheets, CSS url().
    sources = re.findall(r"""\bsrc\s*=\s*["']([^"']+)""", html)
    sheets = re.findall(r"""<link[^>]+href\s*=\s*["']([^"']+)""", html)
    references = sources + sheets + re.findall(r"url\(([^)]+)\)", html)
    assert not [r for r in references if r.strip("'\" ").startswith(("http://", "https://", "//"))]
    assert "L.map" in html or "L.map(" in html.replace(" ", "")
    assert '"proposal"' in html  # the proposal's overlay is drawn too


def test_a_failed_export_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "brief.csv"
    target.write_text("old")

    def full_disk(path):
        path.write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="the disk is full"):
        write_atomically(target, full_disk)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.csv"]  # no temporary left

    def refused(*args):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("os.replace", refused)
    with pytest.raises(ExportError, match="permission denied"):
        write_atomically(target, lambda p: p.write_text("new"))
    assert target.read_text() == "old"
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "x.csv", lambda p: p.write_text("x"))


def test_new_exports_get_ordinary_permissions(tmp_path):
    out = write_atomically(tmp_path / "x.csv", lambda p: p.write_text("x"))
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_unknown_formats_are_refused(data, tmp_path):
    layer, stats, _result = data
    with pytest.raises(ValueError, match="unknown briefing format"):
        render_briefing(tmp_path / "x.bmp", layer, stats)
    with pytest.raises(ValueError, match="unknown page"):
        render_briefing(tmp_path / "x.pdf", layer, stats, None, BriefingOptions(page="a3"))
    assert np  # numpy used above for image checks


def test_a_zones_figures_reach_the_csv_and_the_spreadsheet(data, tmp_path):
    """A 15 km zone's area, its sides and its regions were in the JSON and the terminal
    only: the CSV and the spreadsheet said 0 km² to either side and nothing else."""
    from geodata.scenarios.engine import run_proposal
    from geodata.scenarios.proposals import find_proposal

    layer, stats, _result = data
    result = run_proposal(find_proposal("dmz-15km"), layer)
    zone = json.loads(write_table(tmp_path / "z.json", stats, result).read_text())
    (figures,) = zone["demilitarized_zones"]
    csv_text = write_table(tmp_path / "z.csv", stats, result).read_text()
    line = next(row for row in csv_text.splitlines() if row.startswith("# Demilitarized zone"))
    assert f"{figures['area_km2']:,.1f} km²" in line
    assert f"{figures['occupier_side_km2']:,.1f} km² on the occupied side" in line
    book = openpyxl.load_workbook(write_table(tmp_path / "z.xlsx", stats, result))
    assert book.sheetnames == ["Groups", "Regions", "About", "Zone"]
    rows = list(book["Zone"].iter_rows(values_only=True))
    assert rows[0][2:] == ("Zone on the occupied side km²", "Zone on the Ukrainian side km²")
    assert {row[0] for row in rows[1:]} == {r["code"] for r in figures["regions"]}
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Demilitarized zone"] == line.removeprefix("# ")
