"""The briefing studio: type sizes per page, human subtitles, extents and locator, branding,
language, metadata, the change, table and chart pages, the morning pack and its template."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import shapely
from matplotlib.image import imsave
from pypdf import PdfReader

from geodata.errors import BadInputError
from geodata.exports.briefing import BriefingOptions, briefing_figure, render_briefing
from geodata.exports.briefing_pages import change_figure, chart_figure, table_figure
from geodata.exports.briefing_style import PAGES
from geodata.exports.extents import UKRAINE, parse_extent
from geodata.exports.pack import (
    MAX_TEMPLATE_BYTES,
    BriefingTemplate,
    PackPage,
    PackSource,
    load_template,
    render_pack,
    save_template,
)
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store
from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import find_proposal
from geodata.stats import compute_stats
from tests.geodata.importers.fixtures import control_frame, write_control_file
from tests.unreadable import KINDS, unreadable_text_file

DATES = (dt.date(2025, 1, 1), dt.date(2025, 1, 8), dt.date(2025, 1, 20))
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("studio")
    layer = read_control_layer(write_control_file(folder, "deepstatemap_data_20241120", ".geojson"))
    return layer, compute_stats(layer), run_proposal(find_proposal("june-2024-demand"), layer)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Three dates of a box in Donetsk oblast growing east, as DeepStateMap daily files."""
    folder = tmp_path_factory.mktemp("studio-history") / "daily"
    folder.mkdir()
    for day, date in enumerate(DATES):
        frame = control_frame().iloc[:1].copy()
        frame.loc[0, "geometry"] = shapely.box(37.0, 47.5, 37.6 + 0.25 * day, 48.2)
        write_control_file(folder, f"deepstatemap_data_{date:%Y%m%d}", ".geojson", frame)
    store = Store(folder.parent / "store.sqlite")
    return compute_history(folder_history(folder), store), store


def svg_texts(path) -> list[tuple[str, float]]:
    """(text, font size in the SVG's units, which are points) of every <text>."""
    root = ET.parse(path).getroot()
    found = []
    for element in root.iter(f"{SVG}text"):
        style = element.get("style", "")
        size = re.search(r"font:[^;]*?([\d.]+)px", style) or re.search(
            r"font-size:\s*([\d.]+)", style
        )
        found.append(("".join(element.itertext()), float(size.group(1)) if size else 0.0))
    return found


# -- type sizes ---------------------------------------------------------------------------------


def test_slide_text_is_readable_when_projected(data, tmp_path):
    """At 1920 × 1080, body text (panel, legend, footer) is at least 24 px, the title 48 px:
    measured in the SVG, whose units are points (960 × 540 pt = 1920 × 1080 px, 2 px a pt)."""
    layer, stats, result = data
    out = render_briefing(
        tmp_path / "slide.svg", layer, stats, result, BriefingOptions(page="slide")
    )
    root = ET.parse(out).getroot()
    assert root.get("width") == "960pt" and root.get("height") == "540pt"
    texts = dict(svg_texts(out))
    px = {text: size * 2 for text, size in texts.items()}
    assert px[result.proposal.name] >= 48  # the title
    for body in ("Legend", "Proposal", "Four regions annexed 2022", "Oblast"):
        assert px[next(t for t in px if t.startswith(body))] >= 24, body
    footer = next(t for t in px if t.startswith("Boundaries: Natural Earth"))
    assert px[footer] >= 24
    # Every text outside the map (whose place names are labels, not body text) is ≥ 24 px.
    figure = briefing_figure(layer, stats, result, BriefingOptions(page="slide"))
    map_axes = figure.axes[0]
    artists = [*figure.texts]
    for axes in figure.axes[1:]:
        if axes is not map_axes and axes.get_position().x0 > 0.5:
            artists += axes.texts
            legend = axes.get_legend()
            if legend is not None:
                artists += legend.get_texts()
    sizes = [a.get_fontsize() * PAGES["slide"].dpi / 72 for a in artists if a.get_text()]
    assert sizes and min(sizes) >= 24


def test_a4_sizes_are_print_sizes(data):
    layer, stats, _ = data
    figure = briefing_figure(layer, stats, None, BriefingOptions(page="a4"))
    sizes = {round(t.get_fontsize(), 1) for t in figure.texts if t.get_text()}
    assert max(sizes) == PAGES["a4"].title and min(sizes) >= 6


# -- texts --------------------------------------------------------------------------------------


def test_the_default_subtitle_is_human(data, tmp_path):
    layer, stats, result = data
    out = render_briefing(tmp_path / "b.svg", layer, stats, result)
    texts = [t for t, _ in svg_texts(out)]
    assert result.proposal.name in texts and "DeepStateMap, 20 November 2024" in texts
    # With a title of one's own, the subtitle names the proposal.
    out = render_briefing(tmp_path / "c.svg", layer, stats, result, BriefingOptions(title="Brief"))
    subtitle = "DeepStateMap, 20 November 2024 · Proposal: " + result.proposal.name
    assert subtitle in [t for t, _ in svg_texts(out)]
    assert not any("deepstatemap_data_" in t or "june-2024-demand" in t for t in texts[:3])


def test_ukrainian_pages(data, tmp_path):
    layer, stats, _ = data
    out = render_briefing(tmp_path / "uk.svg", layer, stats, None, BriefingOptions(language="uk"))
    texts = [t for t, _ in svg_texts(out)]
    for expected in ("Окупована територія України, 20 листопада 2024", "Умовні позначення",
                     "ДОНЕЦЬКА", "Річка"):  # fmt: skip
        assert any(expected in t for t in texts), expected
    # Nothing English on a Ukrainian page but names: credits, method line, scale, water.
    names = {"DeepStateMap", "Natural", "Earth", "GeoNames", "GSHHG", "Frontline", "Atlas"}
    english = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)} - names
    assert english == set(), english
    donetsk = parse_extent("UA-14").bounds
    out = render_briefing(tmp_path / "uk-sector.svg", layer, stats, None,
                          BriefingOptions(language="uk", extent=donetsk))  # fmt: skip
    texts = [t for t, _ in svg_texts(out)]
    english = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)} - names
    assert english == set(), english
    assert "Сіверський Донець" in texts and any(t.endswith(" км") for t in texts)
    with pytest.raises(ValueError, match="unknown language 'de'"):
        briefing_figure(layer, stats, None, BriefingOptions(language="de"))


def test_a_ukrainian_page_with_a_proposal_is_ukrainian_too(data, tmp_path):
    """The proposal's name, what passes to each side and the places were English on a
    Ukrainian page (the proposal has a Ukrainian name; the texts had their translations)."""
    layer, stats, result = data
    out = render_briefing(tmp_path / "uk.svg", layer, stats, result, BriefingOptions(language="uk"))
    texts = [t for t, _ in svg_texts(out)]
    assert result.proposal.name_uk and any(result.proposal.name_uk in t for t in texts)
    assert any(t.startswith("До окупанта: ") for t in texts)
    names = {"DeepStateMap", "Natural", "Earth", "GeoNames", "GSHHG", "Frontline", "Atlas"}
    english = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)} - names
    assert english == set(), english


def test_banner_logo_and_author(data, tmp_path):
    layer, stats, _ = data
    logo = tmp_path / "logo.png"
    imsave(logo, np.tile(np.linspace(0, 1, 64), (32, 1)), cmap="viridis")
    options = BriefingOptions(banner="Unclassified $x$", banner_colour="#2e7d32", logo=logo,
                              author="Briefing cell {1}")  # fmt: skip
    out = render_briefing(tmp_path / "b.svg", layer, stats, None, options)
    texts = [t for t, _ in svg_texts(out)]
    assert texts.count("UNCLASSIFIED $X$") == 2  # top and bottom, literally
    assert "Briefing cell {1}" in texts
    assert "<image" in out.read_text()  # the logo
    with pytest.raises(ValueError, match="is not a colour"):
        briefing_figure(layer, stats, None, BriefingOptions(banner="x", banner_colour="nope"))
    not_png = tmp_path / "logo.png.txt"
    not_png.write_text("hello")
    with pytest.raises(BadInputError, match=r"logo\.png\.txt"):
        briefing_figure(layer, stats, None, BriefingOptions(logo=not_png))


def test_metadata(data, tmp_path):
    layer, stats, _ = data
    options = BriefingOptions(title="Morning brief", author="J. Analyst")
    info = PdfReader(render_briefing(tmp_path / "b.pdf", layer, stats, None, options)).metadata
    assert info.title == "Morning brief" and info.author == "J. Analyst"
    assert info.subject == "DeepStateMap, 20 November 2024"
    assert info.creator.startswith("Frontline Atlas")
    svg = ET.parse(render_briefing(tmp_path / "b.svg", layer, stats, None, options)).getroot()
    assert svg.find(f"{SVG}title").text == "Morning brief"


# -- extents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [("UA-14", "Donetsk"), ("Donetsk", "Donetsk"), ("донецька область", "Donetsk"),
     ("annexed-2022", "Four regions annexed in 2022"), ("36.5,47.6,38.8,49.2", "36.5–38.8° E, "
     "47.6–49.2° N")],
)  # fmt: skip
def test_extents_by_name_group_or_box(text, name):
    extent = parse_extent(text)
    assert extent.name == name and extent.bounds is not None
    west, south, east, north = extent.bounds
    assert west < east and south < north


@pytest.mark.parametrize(
    "text", ["Atlantis", "1,2,3", "40,50,30,60", "0,0,1,1", "37,48,37.05,48.5"]
)
def test_an_unknown_or_impossible_extent_is_one_clear_error(text):
    with pytest.raises(
        ValueError, match=re.escape(repr(text)) if "," in text else "unknown extent"
    ):
        parse_extent(text)
    assert parse_extent("ukraine") is UKRAINE


def test_a_sector_has_a_locator_inset_and_whole_labels(data):
    layer, stats, _ = data
    sector = briefing_figure(
        layer, stats, None, BriefingOptions(extent=parse_extent("UA-14").bounds)
    )
    whole = briefing_figure(layer, stats, None, BriefingOptions())
    assert len(sector.axes[0].child_axes) == 1 and whole.axes[0].child_axes == []
    # No oblast name runs past the frame: each label's box lies inside the map's.
    renderer = whole.canvas.get_renderer()
    frame = whole.axes[0].get_window_extent(renderer)
    for text in whole.axes[0].texts:
        if text.get_text().isupper() and text.get_visible():
            box = text.get_window_extent(renderer)
            if frame.x0 <= (box.x0 + box.x1) / 2 <= frame.x1:
                assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, text.get_text()


# -- the other pages and the pack ---------------------------------------------------------------


def test_change_table_and_chart_pages(history, tmp_path):
    series, store = history
    change = change_figure(series, 0, 2, store)
    texts = [t.get_text() for axes in change.axes for t in axes.texts] + [
        t.get_text() for t in change.texts
    ]
    assert "Changes of control, 1 January 2025 – 20 January 2025" in texts
    donetsk = next(t for t in texts if t.startswith("Donetsk"))
    assert donetsk  # the oblast that changed is listed with its km²
    table = table_figure(series.stats_at(2))
    assert any(t.get_text() == "Four regions annexed 2022" for a in table.axes for t in a.texts)
    chart = chart_figure(series)
    assert len(chart.axes) >= 2


def test_the_pack_is_one_pdf_with_every_page_and_metadata(history, tmp_path):
    series, store = history
    source = PackSource(series.layer_at(2, store), series.stats_at(2), series, 2, store)
    template = BriefingTemplate(author="Cell", since_days=10)
    report = render_pack(tmp_path / "brief.pdf", source, template)
    reader = PdfReader(report.path)
    assert len(reader.pages) == 5 and report.pages == ("overview", "sector", "change", "table",
                                                        "chart")  # fmt: skip
    assert reader.metadata.author == "Cell" and "overview" in reader.metadata.subject
    assert "Changes of control, 8 January 2025" in reader.pages[2].extract_text()


def test_the_change_pages_start_at_the_edges_of_a_history(history, tmp_path):
    """A start on or after the day is one clear error (it was a traceback); a start with
    no map takes the last date before it, said; the default start before the history's
    first date takes that date, said; with nothing before the day the page is left out."""
    from geodata.errors import GeodataError, NoMapYetError

    series, store = history
    last = len(series) - 1
    source = PackSource(series.layer_at(last, store), series.stats_at(last), series, last, store)
    day = series.dates[last]
    for start in (day, day + dt.timedelta(days=3)):
        with pytest.raises(GeodataError, match="is not before the day shown"):
            render_pack(tmp_path / "a.pdf", source, since=start)
    with pytest.raises(NoMapYetError, match="no map on or before 2020-01-01"):
        render_pack(tmp_path / "a.pdf", source, since=dt.date(2020, 1, 1))
    gap = series.dates[1] + dt.timedelta(days=1)
    report = render_pack(tmp_path / "b.pdf", source, since=gap)
    assert "change" in report.pages
    assert report.notes == (f"no map for {gap}; the change page starts on {series.dates[1]}, "
                            "the last date before it",)  # fmt: skip
    report = render_pack(tmp_path / "c.pdf", source, BriefingTemplate(since_days=400))
    assert "change" in report.pages and "the history's first date" in report.notes[0]
    first = PackSource(series.layer_at(0, store), series.stats_at(0), series, 0, store)
    report = render_pack(tmp_path / "d.pdf", first)
    assert "change" not in report.pages and "has no map before" in report.left_out[-1]
    assert not (tmp_path / "a.pdf").exists()


def test_a_pack_from_one_file_leaves_out_the_history_pages_and_says_so(data, tmp_path):
    layer, stats, _ = data
    report = render_pack(tmp_path / "brief.pdf", PackSource(layer, stats))
    assert report.pages == ("overview", "sector", "table")
    assert len(report.left_out) == 2 and "single file" in report.left_out[0]
    with pytest.raises(ValueError, match="a pack is a PDF"):
        render_pack(tmp_path / "brief.png", PackSource(layer, stats))


def test_a_template_round_trips_and_a_bad_one_is_named(tmp_path):
    template = BriefingTemplate(
        pages=(PackPage("overview"), PackPage("sector", extent="UA-14", title="Donbas")),
        page="slide", language="uk", banner="Official", author="Cell", since_days=3,
    )  # fmt: skip
    path = save_template(tmp_path / "brief.toml", template)
    assert load_template(path) == template
    empty = tmp_path / "empty.toml"
    empty.touch()
    assert load_template(empty) == BriefingTemplate()  # every setting its default
    for text, reason in (
        ('page = "a3"', "'page' must be one of"),
        ("[[pages]]\nkind = 'map'", "page kind 'map'"),
        ("since_days = -1", "since_days"),
        ("colour = 'red'", "unknown key 'colour'"),
        ("[[pages]]\nkind = 'sector'\nextent = 'Atlantis'", "unknown extent"),
        ("this is not toml", "not a TOML briefing template"),
    ):
        bad = tmp_path / "bad.toml"
        bad.write_text(text)
        with pytest.raises(BadInputError, match=reason) as raised:
            load_template(bad)
        assert "bad.toml" in str(raised.value)


def test_a_ukrainian_chart_page_has_no_english_but_names(history, tmp_path):
    """The timeline chart's axes, legend and panel title are the core's words, in Ukrainian."""
    series, _store = history
    out = tmp_path / "chart-uk.svg"
    chart_figure(series, BriefingOptions(language="uk")).savefig(out)
    texts = [t for t, _ in svg_texts(out)]
    names = {"DeepStateMap", "Natural", "Earth", "GeoNames", "GSHHG", "Frontline", "Atlas"}
    english = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)} - names
    assert english == set(), english
    assert "окуповано, %" in texts and any(t.startswith("Уся Україна: ") for t in texts)


@pytest.mark.parametrize("what", KINDS)
def test_a_template_that_is_no_text_file_is_named_never_opened(tmp_path, what):
    """A device, a named pipe or a folder picked as a template is refused without being
    opened (reading /dev/zero or a pipe would never end); a huge or binary file likewise."""
    path = unreadable_text_file(tmp_path / "brief.toml", what, MAX_TEMPLATE_BYTES)
    with pytest.raises(BadInputError) as raised:
        load_template(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("what", ["bomb", "bomb within Pillow's limit", "pipe", "device", "folder"])
def test_a_logo_too_large_or_no_file_is_refused_before_it_is_read(data, tmp_path, what):
    """A 40 kB PNG of 20,000 × 20,000 pixels once took 11 GB and half a minute to draw: its
    size is read from its header and it is refused; a pipe or a device is never opened."""
    import os

    from PIL import Image

    layer, stats, _ = data
    logo = tmp_path / "logo.png"
    if what == "bomb":
        Image.new("1", (20_000, 20_000)).save(logo, optimize=True)
        assert logo.stat().st_size < 100_000
    elif what.startswith("bomb"):
        Image.new("1", (3000, 3000)).save(logo)  # 9 million pixels
    elif what == "pipe":
        os.mkfifo(logo)
    elif what == "device":
        logo = Path("/dev/zero")
    else:
        logo.mkdir()
    reason = "too large for a logo" if what.startswith("bomb") else "not a regular file|a folder"
    with pytest.raises(BadInputError, match=reason) as raised:
        briefing_figure(layer, stats, None, BriefingOptions(logo=logo))
    assert str(logo) in str(raised.value)


def test_a_wide_logo_within_the_limit_is_drawn(data, tmp_path):
    layer, stats, _ = data
    logo = tmp_path / "wide.png"
    imsave(logo, np.tile(np.linspace(0, 1, 4000), (500, 1)), cmap="viridis")  # 2 million pixels
    out = render_briefing(tmp_path / "b.svg", layer, stats, None, BriefingOptions(logo=logo))
    assert "<image" in out.read_text()


def test_a_wordmark_logo_leaves_the_title_its_line(data, tmp_path):
    """A logo twenty times as wide as high is drawn a quarter of the page wide at most, and
    the title stays whole (it was cut to 'Occu…' beside a wordmark filling the header)."""
    from geodata.exports.briefing import MAX_LOGO_WIDTH

    layer, stats, _ = data
    logo = tmp_path / "wordmark.png"
    imsave(logo, np.tile(np.linspace(0, 1, 2000), (100, 1)), cmap="viridis")
    figure = briefing_figure(layer, stats, None, BriefingOptions(logo=logo, title="Occupied"))
    images = [a for a in figure.axes if a.images]
    assert len(images) == 1
    assert images[0].get_position().width <= MAX_LOGO_WIDTH + 1e-9
    assert "Occupied" in [t.get_text() for t in figure.texts]
