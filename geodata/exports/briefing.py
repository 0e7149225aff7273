"""Print-quality briefing maps (PDF, SVG, PNG) drawn with matplotlib, headless.

The page: a title and subtitle (date, source), the map (sea, neighbouring
countries, oblasts, control areas, and a proposal's areas, zone and line when
one is given) with a scale bar and a north arrow, a side panel with the legend,
an optional statistics table and the proposal's summary, and the credits. PDF
and SVG are true vector files whose text stays text. Colours and hatches match
the interactive map.

Text from data (titles, file and source names, proposal, oblast and city names,
credits) is drawn literally: every string goes through
:func:`geodata.exports.text.plain`, by :func:`_text` for text on the page, so a
``$`` is a dollar sign and never starts mathtext.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Literal

import matplotlib
import matplotlib.image
import numpy as np
import PIL.Image
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import is_color_like, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.textpath import text_to_path

import geodata.exports.figure_text  # noqa: F401 (text stays text in PDF and SVG)
from geodata import __version__
from geodata.boundaries import load_boundaries, load_neighbours
from geodata.categories import BY_KEY, label_of
from geodata.cities import load_cities
from geodata.control import ControlLayer
from geodata.credits import credit_line
from geodata.errors import BadInputError
from geodata.exports.atomic import write_atomically
from geodata.exports.briefing_basemap import (
    draw_settlements,
    draw_water,
    legend_handles,
    scale_length_m,
    view_of,
)
from geodata.exports.briefing_style import PageStyle, page_style
from geodata.exports.briefing_text import (
    Language,
    check_language,
    long_date,
    short_group_name,
    word,
)
from geodata.exports.text import clean, plain
from geodata.figures import NEGLIGIBLE_KM2, is_negligible
from geodata.importers import check_readable_file
from geodata.language import format_number
from geodata.map_layers import BOUNDARY_TOLERANCE_DEG, for_display, region_label_points
from geodata.palette import current
from geodata.projection import to_equal_area
from geodata.scenarios.engine import ScenarioResult
from geodata.scenarios.output import place_lines, transfer_texts
from geodata.stats import ControlStats

PageName = Literal["a4", "letter", "slide"]
BRIEFING_FORMATS = (".pdf", ".svg", ".png")

CONTROL_ALPHA = 0.55  # as on the map page
NOT_COUNTED_ALPHA = 0.35  # contested or liberated land, drawn apart (geodata.categories)
MARGIN_IN = 0.28  # the page's margin, inches


@dataclass(frozen=True)
class BriefingOptions:
    """What goes on the page."""

    title: str | None = None  # default: from the data or the proposal
    subtitle: str | None = None  # default: the source and the date, as people say them
    page: PageName = "a4"
    dpi: int | None = None  # PNG only; default from the page preset
    statistics: bool = True
    claims: bool = False
    #: What the map shows: (west, south, east, north) in degrees; None: all of Ukraine.
    extent: tuple[float, float, float, float] | None = None
    extent_name: str | None = None  # the sector's name, added to the default subtitle
    language: Language = "en"
    #: A classification or handling banner, drawn at the top and the bottom of the page.
    banner: str | None = None
    banner_colour: str | None = None  # any matplotlib colour; default the palette's text
    logo: Path | None = None  # a PNG (the app turns an SVG into one first)
    author: str | None = None  # an author or organisation line in the footer


def render_briefing(
    out: str | Path,
    layer: ControlLayer,
    stats: ControlStats,
    result: ScenarioResult | None = None,
    options: BriefingOptions | None = None,
) -> Path:
    """Draw the briefing map and write it as PDF, SVG or PNG (chosen by ``out``'s extension).

    Raises :class:`~geodata.errors.ExportError` when the file cannot be written
    (a previous file stays as it was), ``ValueError`` for an unknown format or page.
    """
    out = Path(out)
    kind = check_format(out)
    options = options or BriefingOptions()
    figure = briefing_figure(layer, stats, result, options)
    return save_figure(figure, out, options, kind, subject=_subject(layer, result, options))


def check_format(out: Path) -> str:
    """The briefing format of ``out`` (``.pdf``, ``.svg``, ``.png``), or ``ValueError``."""
    kind = out.suffix.lower()
    if kind not in BRIEFING_FORMATS:
        raise ValueError(
            f"unknown briefing format {kind!r}; choose one of: {', '.join(BRIEFING_FORMATS)}"
        )
    return kind


def save_figure(figure: Figure, out: Path, options, kind: str, subject: str = "") -> Path:
    """Write a page with its metadata (PDF Title/Author/Subject/Creator, SVG ``<title>``)."""
    dpi = options.dpi or page_style(options.page).dpi
    title = figure.get_label() or "Frontline Atlas briefing"
    metadata = _metadata(kind, title, options.author, subject)

    def write(path: Path) -> None:
        figure.savefig(path, format=kind[1:], dpi=dpi, facecolor="white", metadata=metadata)
        if kind == ".svg":
            add_svg_title(path, title)

    return write_atomically(out, write)


def _metadata(kind: str, title: str, author: str | None, subject: str) -> dict:
    creator = f"Frontline Atlas {__version__}"
    if kind == ".pdf":
        return {"Title": title, "Author": author or "", "Subject": subject, "Creator": creator}
    if kind == ".svg":
        return {"Title": title, "Creator": creator, "Description": subject}
    return {"Title": title, "Author": author or "", "Description": subject, "Software": creator}


def add_svg_title(path: Path, title: str) -> None:
    """Put a ``<title>`` (what browsers and screen readers show) first in an SVG file."""
    text = path.read_text(encoding="utf-8")
    head = text.index("<svg")
    end = text.index(">", head) + 1
    path.write_text(f"{text[:end]}\n <title>{escape(title)}</title>{text[end:]}", encoding="utf-8")


def _subject(layer: ControlLayer, result: ScenarioResult | None, options) -> str:
    text = default_subtitle(layer, result, options.language)
    return clean(text, one_line=True)


def default_title(layer: ControlLayer, result: ScenarioResult | None, language: Language) -> str:
    """The page's title when none is given: the proposal's name, or the date's control."""
    if result is not None:
        return result.proposal.title(language)
    return word("title_control", language, date=long_date(layer.date, language))


def default_subtitle(
    layer: ControlLayer, result: ScenarioResult | None = None, language: Language = "en"
) -> str:
    """``DeepStateMap, 20 November 2024`` — who made the control data, and its date; never a
    file name or an id (the credits line names the file of a source of one's own).

    >>> from shapely import Polygon
    >>> default_subtitle(ControlLayer(Polygon(), dt.date(2024, 11, 20),
    ...                               "deepstatemap_data_20241120.geojson", "GeoJSON"))
    'DeepStateMap, 20 November 2024'
    >>> default_subtitle(ControlLayer(Polygon(), dt.date(2024, 11, 20), "mine.kml", "KML"))
    'Control areas of 20 November 2024'
    """
    date = long_date(layer.date, language)
    text = (
        f"{layer.credit}, {date}"
        if layer.credit != layer.source
        else word("control_areas_of", language, date=date)
    )
    if result is not None:
        text += f" · {word('proposal', language)}: {result.proposal.title(language)}"
    return text


class _Layout:
    """Where things go on the page, in figure fractions, from the page's type sizes."""

    def __init__(self, style: PageStyle, options) -> None:
        height = style.height
        banner = (style.small * 2.0 / 72) if options.banner else 0.0
        top = height - MARGIN_IN * 0.8 - banner
        self.banner_h = banner / height
        self.title_y = top / height
        title_h = style.title * 1.3 / 72
        self.subtitle_y = (top - title_h) / height
        subtitle_h = style.subtitle * 1.5 / 72
        self.header_h = (title_h + subtitle_h) / height
        footer = MARGIN_IN * 0.6 + banner + 2 * style.small * 1.45 / 72
        self.method_y = (MARGIN_IN * 0.6 + banner) / height
        self.credit_y = self.method_y + style.small * 1.45 / 72 / height
        self.map_bottom = (footer + 0.12) / height
        self.map_top = (top - title_h - subtitle_h - 0.08) / height
        self.left = MARGIN_IN / style.width
        self.right = 1 - MARGIN_IN / style.width


def briefing_figure(
    layer: ControlLayer,
    stats: ControlStats,
    result: ScenarioResult | None = None,
    options: BriefingOptions | None = None,
) -> Figure:
    """The briefing page as a matplotlib Figure (for a preview, or to save)."""
    options = options or BriefingOptions()
    language = check_language(options.language)
    style = page_style(options.page)
    figure, layout = page_figure(style, options)
    title = options.title or default_title(layer, result, language)
    # The default title names the proposal already; the subtitle then need not.
    named = result if options.title else None
    subtitle = options.subtitle or default_subtitle(layer, named, language)
    if options.subtitle is None and options.extent_name:
        subtitle += f" · {options.extent_name}"
    page_header(figure, style, layout, title, subtitle, options)

    height = layout.map_top - layout.map_bottom
    map_axes = figure.add_axes((layout.left, layout.map_bottom, 0.64, height))
    _draw_map(map_axes, layer, result, options, style, stats.held)
    panel_left = layout.left + 0.665
    panel = figure.add_axes((panel_left, layout.map_bottom, layout.right - panel_left, height))
    panel.axis("off")
    _draw_panel(panel, layer, stats, result, options, style)
    language = check_language(options.language)
    page_footer(figure, style, layout,
                credit_line(layer.credit, map_by="Frontline Atlas", language=language),
                stats.method.footnote(language), options)  # fmt: skip
    return figure


def page_figure(style: PageStyle, options) -> tuple[Figure, _Layout]:
    """An empty page of the preset's size, drawn by Agg (to measure text), and its layout."""
    figure = Figure(figsize=(style.width, style.height))
    FigureCanvasAgg(figure)
    return figure, _Layout(style, options)


def page_header(figure, style: PageStyle, layout: _Layout, title: str, subtitle: str, options):
    """Title, subtitle, the banner and the logo; the figure's label is the title (metadata)."""
    figure.set_label(clean(title, one_line=True))
    width = layout.right - layout.left
    logo_w = _logo(figure, style, layout, options.logo)
    line_in = (width - logo_w) * style.width
    _text(figure, layout.left, layout.title_y, _fitted(title, style.title, line_in, "bold"),
          fontsize=style.title, fontweight="bold", va="top")  # fmt: skip
    author_in = 0.0
    if options.author:
        author = clean(options.author, one_line=True)
        author = _fitted(author, style.subtitle, line_in / 3)
        right = layout.right - logo_w
        _text(figure, right, layout.subtitle_y, author, fontsize=style.subtitle,
              color=current().subtitle_text, va="top", ha="right")  # fmt: skip
        author_in = _width_in(author, style.subtitle) + 0.3
    _text(figure, layout.left, layout.subtitle_y,
          _fitted(subtitle, style.subtitle, line_in - author_in), fontsize=style.subtitle,
          color=current().subtitle_text, va="top")  # fmt: skip
    if options.banner:
        _banners(figure, style, layout, options)


def page_footer(figure, style: PageStyle, layout: _Layout, credit: str, method: str, options):
    """The credits, the author line and the date made, and the method in one line."""
    line_in = (layout.right - layout.left) * style.width
    made = word("made", options.language, date=long_date(dt.date.today(), options.language))
    made_in = _width_in(made, style.small)
    _text(figure, layout.left, layout.credit_y,
          _fitted(credit, style.small, line_in - made_in - 0.3), fontsize=style.small,
          color=current().muted_text, va="bottom")  # fmt: skip
    _text(figure, layout.right, layout.credit_y, made, fontsize=style.small,
          color=current().muted_text, ha="right", va="bottom")  # fmt: skip
    _text(figure, layout.left, layout.method_y, _fitted(method, style.small, line_in),
          fontsize=style.small, color=current().muted_text, va="bottom")  # fmt: skip


def _banners(figure, style: PageStyle, layout: _Layout, options) -> None:
    colour = options.banner_colour or current().text
    if not is_color_like(colour):
        raise ValueError(f"{options.banner_colour!r} is not a colour (a name or #rrggbb)")
    text = clean(options.banner, one_line=True).upper()
    for y in (1 - layout.banner_h, 0.0):
        figure.add_artist(Rectangle((0, y), 1, layout.banner_h, transform=figure.transFigure,
                                    facecolor=colour, edgecolor="none", zorder=20))  # fmt: skip
        _text(figure, 0.5, y + layout.banner_h / 2, text, fontsize=style.small,
              fontweight="bold", ha="center", va="center", color=_on(colour),
              zorder=21)  # fmt: skip


def _on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    red, green, blue = to_rgb(colour)
    return current().text if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "white"


#: The most pixels a logo may have: it is drawn about an inch high, and a small PNG
#: file can unpack to gigabytes (20,000 × 20,000 pixels from 50 kB).
MAX_LOGO_PIXELS = 2048 * 2048
#: The widest a logo is drawn, as a share of the page's width.
MAX_LOGO_WIDTH = 0.25


def read_logo(path: Path) -> np.ndarray:
    """A logo's pixels; a file that is no image, or too large a one, is named and refused.

    The size is read from the image's header before any pixel is decoded.
    """
    check_readable_file(path)
    side = round(MAX_LOGO_PIXELS**0.5)
    at_most = f"at most {MAX_LOGO_PIXELS / 1e6:.1f} million pixels, {side} × {side}"
    try:
        with warnings.catch_warnings():
            # Pillow warns of a large image on its own; the size is judged just below.
            warnings.simplefilter("ignore", PIL.Image.DecompressionBombWarning)
            with PIL.Image.open(path) as opened:
                width, height = opened.size
    except PIL.Image.DecompressionBombError:  # beyond even Pillow's limit
        beyond = 2 * (PIL.Image.MAX_IMAGE_PIXELS or 0) / 1e6
        raise BadInputError(
            path, f"it is too large for a logo (over {beyond:.0f} million pixels; {at_most})"
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise BadInputError(path, f"it is not a PNG image ({error})") from None
    if width * height > MAX_LOGO_PIXELS:
        raise BadInputError(
            path, f"it is too large for a logo ({width} × {height} pixels; {at_most})"
        )
    try:
        return matplotlib.image.imread(str(path))
    except (OSError, SyntaxError, ValueError) as error:
        raise BadInputError(path, f"it is not a PNG image ({error})") from None


def _logo(figure, style: PageStyle, layout: _Layout, logo: Path | None) -> float:
    """Place the logo at the top right, as tall as the title block; return its width (fraction).

    A wide one (a wordmark) is at most :data:`MAX_LOGO_WIDTH` of the page wide, and
    shorter to keep its shape: the title keeps the rest of the line.
    """
    if logo is None:
        return 0.0
    image = read_logo(Path(logo))
    height = layout.header_h * 0.9
    rows, columns = image.shape[:2]
    width = height * style.height / style.width * columns / rows
    if width > MAX_LOGO_WIDTH:
        width, height = MAX_LOGO_WIDTH, height * MAX_LOGO_WIDTH / width
    axes = figure.add_axes((layout.right - width, layout.title_y - height, width, height))
    axes.imshow(image, interpolation="none")  # PDF and SVG keep the logo's own pixels
    axes.axis("off")
    return width + 0.01


# -- the map ----------------------------------------------------------------------------------


def _draw_map(
    axes,
    layer: ControlLayer,
    result: ScenarioResult | None,
    options,
    style: PageStyle,
    layer_held=None,
    overlays=(),
) -> None:
    """The map: basemap, control (by category), a proposal, ``overlays`` (``(geometry in
    WGS84, face, edge)`` each, e.g. a change's gains), places, labels, scale and north."""
    scale = style.map_label / 5.5  # the basemap's text and marks, relative to A4
    boundaries = load_boundaries()
    units, neighbours, view = _basemap()
    if options.extent is not None:
        view = view_of(options.extent)
    axes.set_facecolor(current().sea)
    axes.set_xticks([])
    axes.set_yticks([])
    view = _fit_view(view, axes)
    axes.set_xlim(view[0], view[2])
    axes.set_ylim(view[1], view[3])
    axes.set_aspect("equal", adjustable="box")
    _fill(axes, neighbours, face=current().land, edge=current().land_edge, lw=0.5)
    _fill(axes, units, face=current().oblast, edge=current().oblast_edge, lw=0.5)
    draw_water(axes, view, scale, _fill, language=options.language)
    if options.claims:
        from geodata.claims import claim_geometry, load_claims

        claims = to_equal_area(np.array([claim_geometry(c) for c in load_claims()], dtype=object))
        _fill(
            axes, claims, face="none", edge=current().claim, lw=1.6, hatch="..", linestyle="--", z=4
        )
    # A proposal is drawn over the current line, as on the interactive map.
    palette = current()
    for key, geometry in layer.categories.items():  # land not counted as occupied, drawn apart
        if not layer.counting.counts(key):
            colour = getattr(palette, BY_KEY[key].role)
            _fill(axes, _projected(geometry), face=colour, edge=colour, lw=0.5,
                  alpha=NOT_COUNTED_ALPHA, linestyle="--", z=3)  # fmt: skip
    _fill(axes, _projected(layer.controlled), face=palette.occupied, edge=palette.occupied_edge,
          lw=0.6, alpha=CONTROL_ALPHA, z=3)  # fmt: skip
    if result is not None:
        _fill(axes, _projected(result.to_occupier), face="none", edge=current().to_occupier, lw=0.8,
              hatch="////", z=5)  # fmt: skip
        _fill(axes, _projected(result.to_ukraine), face="none", edge=current().to_ukraine, lw=0.8,
              hatch="\\\\", z=5)  # fmt: skip
        for zone in result.demilitarized_zones:
            _fill(
                axes,
                _projected(zone.geometry),
                face=current().zone,
                edge="none",
                lw=0,
                alpha=0.35,
                z=5,
            )
        _line(
            axes, _projected(result.contact_line_after), color=current().contact_line, lw=1.1, z=6
        )
    for geometry, face, edge in overlays:
        _fill(axes, _projected(geometry), face=face, edge=edge, lw=0.6, alpha=0.9, z=5.5)
    wide = not draw_settlements(axes, view, layer_held, scale, options.language)
    _labels(axes, boundaries, style, view, cities=wide, language=options.language)
    _scale_bar(axes, view, scale, options.language)
    _north_arrow(axes, scale, options.language)
    if options.extent is not None:
        _locator(axes, layer, options.extent, style, options.language)


def _fit_view(view, axes) -> tuple:
    """Grow the view in one direction so that it fills the axes box at equal scale."""
    box = axes.get_position()
    width_in, height_in = axes.figure.get_size_inches()
    box_ratio = (box.width * width_in) / (box.height * height_in)
    west, south, east, north = view
    ratio = (east - west) / (north - south)
    if ratio < box_ratio:
        grow = ((north - south) * box_ratio - (east - west)) / 2
        return west - grow, south, east + grow, north
    grow = ((east - west) / box_ratio - (north - south)) / 2
    return west, south - grow, east, north + grow


@cache
def _basemap():
    """Units and neighbours, simplified for print and projected, and the view (cached)."""
    boundaries = load_boundaries()
    units = to_equal_area(
        shapely.coverage_simplify(boundaries.units.geometry.to_numpy(), BOUNDARY_TOLERANCE_DEG)
    )
    west, south, east, north = shapely.total_bounds(units)
    pad_x, pad_y = (east - west) * 0.03, (north - south) * 0.05
    view = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)
    # Wide enough for any page shape the view may be stretched to.
    frame = shapely.box(*view).buffer(max(east - west, north - south) * 0.6)
    neighbours = to_equal_area(load_neighbours().geometry.to_numpy())
    neighbours = shapely.simplify(shapely.intersection(neighbours, frame), 300)
    return units, neighbours, view


def _projected(geometry):
    # The map page's simplification: part by part and within its vertex cap, so that
    # 200,000 parts take seconds rather than minutes (a drawing; figures use the full data).
    if geometry is None or shapely.is_empty(geometry):
        return shapely.Polygon()
    return to_equal_area(for_display([geometry])[0])


def _fill(axes, geometries, face, edge, lw, alpha=1.0, hatch=None, z=2, linestyle="-") -> None:
    path = _polygon_path(geometries)
    if path is None:
        return
    # A collection, added without updating the axes' limits: matplotlib would
    # otherwise walk every segment of the path in Python to find its extent.
    collection = PathCollection(
        [path], facecolors=face, edgecolors=edge, linewidths=lw, alpha=alpha, zorder=z,
        hatch=hatch, linestyles=linestyle,
    )  # fmt: skip
    axes.add_collection(collection, autolim=False)


def _line(axes, geometry, color, lw, z) -> None:
    for part in shapely.get_parts(geometry):
        if shapely.get_type_id(part) == 1:
            xy = shapely.get_coordinates(part)
            axes.plot(
                xy[:, 0], xy[:, 1], color=color, linewidth=lw, zorder=z, solid_capstyle="round"
            )


def _polygon_path(geometries) -> MplPath | None:
    """One compound path of every polygon ring (holes included) of the geometries."""
    vertices, codes = [], []
    for part in shapely.get_parts(np.atleast_1d(np.asarray(geometries, dtype=object))):
        if shapely.get_type_id(part) != 3 or shapely.is_empty(part):
            continue
        for ring in [part.exterior, *part.interiors]:
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 4:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _labels(axes, boundaries, style: PageStyle, view, cities: bool = True,
            language: Language = "en") -> None:  # fmt: skip
    """Oblast names (and the biggest cities on a wide view), kept whole inside the frame."""
    points = to_equal_area(region_label_points())
    names = boundaries.units["name_uk" if language == "uk" else "name"]
    for code, name, point in zip(boundaries.units["code"], names, points, strict=True):
        if code in ("UA-30", "UA-40"):
            continue  # the cities of Kyiv and Sevastopol are labelled as cities
        if not (view[0] <= point.x <= view[2] and view[1] <= point.y <= view[3]):
            continue
        name = str(name).removesuffix(" область")  # the map says which units are oblasts
        _text(axes, point.x, point.y, name.upper(), fontsize=style.map_label,
              color=current().muted_text, ha=_inside(point.x, view), va="center", zorder=7,
              clip_on=True)  # fmt: skip
    if not cities:
        return  # a sector's extent names its settlements instead
    cities = load_cities()
    cities = cities[cities["rank"] <= 2]
    xy = shapely.get_coordinates(to_equal_area(cities.geometry.to_numpy()))
    axes.scatter(xy[:, 0], xy[:, 1], s=9 * style.scale * style.city / 6.5, facecolor="white",
                 edgecolor=current().city, linewidth=0.8, zorder=8)  # fmt: skip
    column = "name_uk" if language == "uk" else "name"
    for (x, y), name in zip(xy, cities[column], strict=True):
        right = _inside(x, view) == "right"
        axes.annotate(plain(str(name)), (x, y), xytext=(-3 if right else 3, 0),
                      textcoords="offset points", ha="right" if right else "left",
                      fontsize=style.city, fontweight="bold", va="center", zorder=9,
                      color=current().city_label, annotation_clip=True)  # fmt: skip


def _inside(x: float, view) -> str:
    """The alignment that keeps a label starting at ``x`` inside the view: near the right
    edge it ends there, near the left it starts there (no name is cut by the frame)."""
    where = (x - view[0]) / (view[2] - view[0])
    return "right" if where > 0.88 else "left" if where < 0.12 else "center"


def _locator(axes, layer: ControlLayer, extent, style: PageStyle, language: Language) -> None:
    """A small map of Ukraine in the corner with the extent shown outlined."""
    _units, _neighbours, view = _basemap()
    inset = axes.inset_axes((0.745, 0.015, 0.24, 0.27))
    inset.set_xlim(view[0], view[2])
    inset.set_ylim(view[1], view[3])
    inset.set_aspect("equal", adjustable="box")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_facecolor(current().sea)
    outline = _outline()
    _fill(inset, np.array([outline]), face=current().oblast, edge=current().oblast_edge, lw=0.4)
    _fill(inset, _projected(layer.controlled), face=current().occupied, edge="none", lw=0,
          alpha=CONTROL_ALPHA, z=3)  # fmt: skip
    x0, y0, x1, y1 = view_of(extent)
    inset.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="none",
                              edgecolor=current().text, linewidth=1.4, zorder=5))  # fmt: skip
    inset.text(0.03, 0.97, plain(word("locator", language)), transform=inset.transAxes,
               fontsize=style.small * 0.8, va="top", color=current().muted_text)  # fmt: skip
    for spine in inset.spines.values():
        spine.set_edgecolor(current().oblast_edge)


@cache
def _outline():
    units, _neighbours, _view = _basemap()
    return shapely.simplify(shapely.union_all(units), 2000)


def _scale_bar(axes, view, scale: float, language: Language = "en") -> None:
    # Lengths in the equal-area projection are true to within about 1 % over Ukraine.
    length = scale_length_m(view)
    x0 = view[0] + (view[2] - view[0]) * 0.04
    y0 = view[1] + (view[3] - view[1]) * 0.05
    height = (view[3] - view[1]) * 0.008
    for index in range(4):
        colour = current().text if index % 2 == 0 else "white"
        corner = (x0 + index * length / 4, y0)
        axes.add_patch(Rectangle(corner, length / 4, height, facecolor=colour,
                                 edgecolor=current().city, linewidth=0.6, zorder=10))  # fmt: skip
    for metres in (0, length / 2, length):
        km = f"{metres / 1000:g}"
        text = word("km", language, km=km) if metres == length else km
        _text(axes, x0 + metres, y0 + height * 1.8, text, fontsize=6.5 * scale,
              ha="center", va="bottom", zorder=10)  # fmt: skip


def _north_arrow(axes, scale: float, language: Language = "en") -> None:
    # The projection's central meridian (31.2° E) is vertical; north is up to
    # within a few degrees across the map.
    arrow = FancyArrow(0.955, 0.86, 0, 0.07, width=0.012, head_width=0.035, head_length=0.035,
                       length_includes_head=True, transform=axes.transAxes, color=current().text,
                       zorder=10)  # fmt: skip
    axes.add_patch(arrow)
    _text(axes, 0.955, 0.95, word("north", language), transform=axes.transAxes, ha="center",
          va="bottom", fontsize=10 * scale, fontweight="bold", zorder=10)  # fmt: skip


# -- the side panel ---------------------------------------------------------------------------


def _draw_panel(
    axes, layer, stats: ControlStats, result: ScenarioResult | None, options, style: PageStyle
) -> None:
    language = options.language
    date = long_date(layer.date, language)
    handles = [
        Patch(
            facecolor=current().occupied,
            edgecolor=current().occupied_edge,
            alpha=CONTROL_ALPHA,
            label=plain(f"{word('occupied_territory', language)}, {date}"),
        ),
        *[
            Patch(
                facecolor=getattr(current(), BY_KEY[key].role),
                alpha=NOT_COUNTED_ALPHA,
                edgecolor=getattr(current(), BY_KEY[key].role),
                linestyle="--",
                label=word("not_counted", language, label=label_of(key, language)),
            )
            for key in layer.categories
            if not layer.counting.counts(key)
        ],
        Patch(
            facecolor=current().oblast,
            edgecolor=current().oblast_edge,
            label=word("oblast", language),
        ),
    ]
    if options.claims:
        handles.append(Patch(facecolor="none", edgecolor=current().claim, hatch="..",
                             linestyle="--", label=word("claims", language)))  # fmt: skip
    if result is not None:
        if not is_negligible(result.to_occupier_km2):
            handles.append(Patch(facecolor="none", edgecolor=current().to_occupier, hatch="////",
                                 label=word("to_occupier", language)))  # fmt: skip
        if not is_negligible(result.to_ukraine_km2):
            handles.append(Patch(facecolor="none", edgecolor=current().to_ukraine, hatch="\\\\\\\\",
                                 label=word("to_ukraine", language)))  # fmt: skip
        for zone in result.demilitarized_zones:
            handles.append(
                Patch(
                    facecolor=current().zone,
                    alpha=0.35,
                    label=plain(word("dmz", language, km=zone.width_km)),
                )
            )
        line_label = word("contact_line_after", language, km=result.contact_line_km_after)
        handles.append(
            Line2D([], [], color=current().contact_line, lw=1.1, label=plain(line_label))
        )
    handles += legend_handles(options.extent, language)
    legend = axes.legend(handles=handles, loc="upper left", title=word("legend", language),
                         fontsize=style.body, title_fontsize=style.body * 1.1, frameon=False,
                         alignment="left", borderaxespad=0, borderpad=0)  # fmt: skip
    legend._legend_box.align = "left"

    width_in = axes.get_position().width * style.width
    chars = max(20, int(width_in * 72 / (style.body * 0.56)))
    lines: list[tuple[str, str, bool]] = []
    groups, regions = (
        _statistics_lines(stats, result, style.panel_rows, language)
        if options.statistics
        else ([], [])
    )
    if result is not None:
        # What a slide has room for comes first: the proposal, what it moves, the groups.
        lines.append((word("proposal", language), "", True))
        title = result.proposal.title(language)
        lines += [(text, "", False) for text in _wrap(title, chars, max_lines=3)]
        occupier, ukraine = transfer_texts(result, language=language)
        for text in (occupier, ukraine[:1].upper() + ukraine[1:]):
            lines += [(part, "", False) for part in _wrap(text, chars)]
        lines += groups
        for text in place_lines(result, named=5, language=language):
            lines += [(part, "", False) for part in _wrap(text, chars)]
        lines += regions
    else:
        lines += groups + regions
    panel_lines(axes, legend, lines, style)


def panel_lines(axes, above, lines: list[tuple[str, str, bool]], style: PageStyle) -> None:
    """Rows of text (left, right-aligned figure, bold) below ``above`` (a legend) or from the
    top, one line of body type each, as many as the panel holds."""
    renderer = axes.figure.canvas.get_renderer()
    box = axes.get_window_extent(renderer)
    y = 1.0
    if above is not None:
        legend_box = above.get_window_extent(renderer)
        y = (
            legend_box.y0 - box.y0
        ) / box.height - style.body * 1.2 / 72 * axes.figure.dpi / box.height
    step = style.body * 1.45 / 72 * axes.figure.dpi / box.height
    for left, right, bold in lines:
        if y - step < 0.0:
            break
        _text(axes, 0.0, y, left, transform=axes.transAxes, fontsize=style.body, va="top",
              fontweight="bold" if bold else "normal")  # fmt: skip
        if right:
            _text(axes, 1.0, y, right, transform=axes.transAxes, fontsize=style.body, va="top",
                  ha="right", family="DejaVu Sans Mono")  # fmt: skip
        y -= step


def _unit_name(code: str, name: str, language: Language) -> str:
    return load_boundaries().name_of(code, language, default=name)


def _n(value: float, decimals: int, width: int, language: Language) -> str:
    """A panel figure, right-aligned in ``width`` characters, as ``language`` writes numbers."""
    return format_number(value, decimals, language).rjust(width)


def _statistics_lines(
    stats: ControlStats, result: ScenarioResult | None, rows: int, language: Language = "en"
) -> tuple[list[tuple[str, str, bool]], list[tuple[str, str, bool]]]:
    """The panel's figures: the groups' lines and the most affected oblasts' lines."""
    short = {
        key: short_group_name(key, language) for key in ("annexed-2022", "crimea-2014", "ukraine")
    }
    if result is None:
        header = (word("occupied", language), word("km2_pct", language), True)
        groups = [
            (
                short.get(r.id, r.name),
                f"{_n(r.controlled_km2, 0, 9, language)} {_n(r.controlled_pct, 2, 6, language)}",
            )
            for r in stats.groups.itertuples()
        ]
        top = stats.regions.sort_values("controlled_pct", ascending=False).head(rows)
        top = top[top["controlled_km2"] >= NEGLIGIBLE_KM2]
        regions = [
            (_unit_name(r.code, r.name, language),
             f"{_n(r.controlled_km2, 0, 9, language)} {_n(r.controlled_pct, 2, 6, language)}")
            for r in top.itertuples()
        ]  # fmt: skip
    else:
        header = (word("before_after", language), "", True)
        groups = [(short.get(r.id, r.name),
                   f"{_n(r.controlled_pct_before, 2, 6, language)} → "
                   f"{_n(r.controlled_pct_after, 2, 6, language)}")
                  for r in result.groups.itertuples()]  # fmt: skip
        table = result.regions.assign(change=result.regions["delta_km2"].abs().round(1))
        table = table[(table["change"] >= NEGLIGIBLE_KM2) | (table["controlled_pct_before"] > 0)]
        top = table.sort_values(["change", "controlled_pct_before"], ascending=False).head(rows)
        regions = [(_unit_name(r.code, r.name, language),
                    f"{_n(r.controlled_pct_before, 2, 6, language)} → "
                    f"{_n(r.controlled_pct_after, 2, 6, language)}")
                   for r in top.itertuples()]  # fmt: skip
    group_lines = [header, *[(name, value, False) for name, value in groups]]
    region_lines = [(word("most_affected", language), "", True)]
    region_lines += [(name, value, False) for name, value in regions]
    return group_lines, region_lines


def _wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of at most ``width`` characters; a longer word is cut, a line past the last gets …"""
    words, lines, current = [], [], ""
    for each in clean(text).split():
        words += [each[i : i + width] for i in range(0, len(each), width)]
    for each in words:
        if current and len(current) + 1 + len(each) > width:
            lines.append(current)
            current = each
        else:
            current = f"{current} {each}".strip()
    lines = [*lines, current] if current else lines
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1] + "…"]
    return lines


# -- text -------------------------------------------------------------------------------------


def _text(target, x: float, y: float, text: str, **kwargs):
    """Put text on the figure or axes ``target``, drawn literally (see :func:`plain`)."""
    return target.text(x, y, plain(text), **kwargs)


def _width_in(text: str, fontsize: float, weight: str = "normal") -> float:
    """How wide ``text`` is on the page, in inches."""
    font = FontProperties(family="DejaVu Sans", size=fontsize, weight=weight)
    return text_to_path.get_text_width_height_descent(plain(text), font, ismath=False)[0] / 72


def _fitted(text: str, fontsize: float, width_in: float, weight: str = "normal") -> str:
    """The text on one line, shortened with … where it would run past ``width_in`` inches."""
    text = clean(text, one_line=True)
    font = FontProperties(family="DejaVu Sans", size=fontsize, weight=weight)

    def fits(candidate: str) -> bool:
        width_pt = text_to_path.get_text_width_height_descent(candidate, font, ismath=False)[0]
        return width_pt <= width_in * 72

    if fits(text):
        return text
    shortest, longest = 0, len(text) - 1
    while shortest < longest:  # the longest start that fits with the ellipsis
        middle = (shortest + longest + 1) // 2
        if fits(text[:middle] + "…"):
            shortest = middle
        else:
            longest = middle - 1
    return text[:shortest].rstrip() + "…"
