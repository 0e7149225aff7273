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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import matplotlib
import numpy as np
import shapely
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.textpath import text_to_path

from geodata.boundaries import load_boundaries, load_neighbours
from geodata.categories import BY_KEY, label_of
from geodata.cities import load_cities
from geodata.control import ControlLayer
from geodata.credits import credit_line
from geodata.exports.atomic import write_atomically
from geodata.exports.briefing_basemap import (
    draw_settlements,
    draw_water,
    legend_handles,
    scale_length_m,
    view_of,
)
from geodata.exports.text import clean, plain
from geodata.figures import is_negligible
from geodata.map_layers import BOUNDARY_TOLERANCE_DEG, for_display, region_label_points
from geodata.palette import current
from geodata.projection import to_equal_area
from geodata.scenarios.engine import ScenarioResult
from geodata.scenarios.output import place_lines, transfer_texts
from geodata.stats import ControlStats

PageName = Literal["a4", "letter", "slide"]
#: Page presets, landscape: (width, height) in inches, and the PNG resolution by default.
PAGES: dict[str, tuple[float, float, int]] = {
    "a4": (297 / 25.4, 210 / 25.4, 200),
    "letter": (11.0, 8.5, 200),
    "slide": (1920 / 144, 1080 / 144, 144),  # 16:9; 1920 × 1080 pixels at 144 dpi
}
BRIEFING_FORMATS = (".pdf", ".svg", ".png")

CONTROL_ALPHA = 0.55  # as on the map page
NOT_COUNTED_ALPHA = 0.35  # contested or liberated land, drawn apart (geodata.categories)

# Text in PDF and SVG stays text: TrueType fonts embedded, SVG text as <text>.
# No TeX: text from data is escaped for mathtext (plain), which TeX would misread.
matplotlib.rcParams.update(
    {"pdf.fonttype": 42, "svg.fonttype": "none", "font.family": "DejaVu Sans",
     "text.usetex": False}
)  # fmt: skip


@dataclass(frozen=True)
class BriefingOptions:
    """What goes on the page."""

    title: str | None = None  # default: from the data or the proposal
    subtitle: str | None = None
    page: PageName = "a4"
    dpi: int | None = None  # PNG only; default from the page preset
    statistics: bool = True
    claims: bool = False
    #: What the map shows: (west, south, east, north) in degrees; None: all of Ukraine.
    extent: tuple[float, float, float, float] | None = None


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
    kind = out.suffix.lower()
    if kind not in BRIEFING_FORMATS:
        raise ValueError(
            f"unknown briefing format {kind!r}; choose one of: {', '.join(BRIEFING_FORMATS)}"
        )
    options = options or BriefingOptions()
    figure = briefing_figure(layer, stats, result, options)
    dpi = options.dpi or PAGES[options.page][2]
    return write_atomically(
        out, lambda p: figure.savefig(p, format=kind[1:], dpi=dpi, facecolor="white")
    )


def briefing_figure(
    layer: ControlLayer,
    stats: ControlStats,
    result: ScenarioResult | None = None,
    options: BriefingOptions | None = None,
) -> Figure:
    """The briefing page as a matplotlib Figure (for a preview, or to save)."""
    options = options or BriefingOptions()
    if options.page not in PAGES:
        raise ValueError(f"unknown page {options.page!r}; choose one of: {', '.join(PAGES)}")
    width, height, _dpi = PAGES[options.page]
    figure = Figure(figsize=(width, height))
    scale = height / 8.27  # type sizes follow the page (A4 = 1)

    date = layer.date.isoformat() if layer.date else "date unknown"
    title = options.title or (
        result.proposal.name if result else f"Control of Ukrainian territory, {date}"
    )
    subtitle = options.subtitle or (
        f"Control areas of {date} ({layer.source})"
        + (f"; proposal applied: {result.proposal.id}" if result else "")
    )
    line_in = 0.94 * width  # from the left margin to the right one
    _text(figure, 0.03, 0.955, _fitted(title, 17 * scale, line_in, "bold"), fontsize=17 * scale,
          fontweight="bold", va="top")  # fmt: skip
    _text(figure, 0.03, 0.905, _fitted(subtitle, 10 * scale, line_in), fontsize=10 * scale,
          color=current().subtitle_text, va="top")  # fmt: skip

    map_axes = figure.add_axes((0.03, 0.07, 0.63, 0.81))
    _draw_map(map_axes, layer, result, options, scale, stats.held)
    panel = figure.add_axes((0.69, 0.07, 0.28, 0.81))
    panel.axis("off")
    _draw_panel(panel, layer, stats, result, options, scale)
    credit = credit_line(layer.credit, map_by="Frontline Atlas")
    made = f"Made {dt.date.today().isoformat()}"
    # The credit stops short of the date at the right.
    _text(figure, 0.03, 0.038, _fitted(credit, 7.5 * scale, line_in - 1.4 * scale),
          fontsize=7.5 * scale, color=current().muted_text)  # fmt: skip
    _text(figure, 0.97, 0.038, made, fontsize=7.5 * scale, color=current().muted_text, ha="right")
    # The method in one line: how the areas were measured, and what reconciliation added.
    _text(figure, 0.03, 0.014, _fitted(stats.method.footnote(), 6.5 * scale, line_in),
          fontsize=6.5 * scale, color=current().muted_text)  # fmt: skip
    return figure


# -- the map ----------------------------------------------------------------------------------


def _draw_map(
    axes,
    layer: ControlLayer,
    result: ScenarioResult | None,
    options,
    scale: float,
    layer_held=None,
) -> None:
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
    draw_water(axes, view, scale, _fill)
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
    wide = not draw_settlements(axes, view, layer_held, scale)
    _labels(axes, boundaries, scale, cities=wide)
    _scale_bar(axes, view, scale)
    _north_arrow(axes, scale)


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


def _labels(axes, boundaries, scale: float, cities: bool = True) -> None:
    points = to_equal_area(region_label_points())
    for code, name, point in zip(
        boundaries.units["code"], boundaries.units["name"], points, strict=True
    ):
        if code in ("UA-30", "UA-40"):
            continue  # the cities of Kyiv and Sevastopol are labelled as cities
        _text(axes, point.x, point.y, name.upper(), fontsize=5.2 * scale,
              color=current().muted_text, ha="center", va="center", zorder=7,
              clip_on=True)  # fmt: skip
    if not cities:
        return  # a sector's extent names its settlements instead
    cities = load_cities()
    cities = cities[cities["rank"] <= 2]
    xy = shapely.get_coordinates(to_equal_area(cities.geometry.to_numpy()))
    axes.scatter(xy[:, 0], xy[:, 1], s=9 * scale, facecolor="white", edgecolor=current().city,
                 linewidth=0.8, zorder=8)  # fmt: skip
    for (x, y), name in zip(xy, cities["name"], strict=True):
        axes.annotate(plain(name), (x, y), xytext=(3, 0), textcoords="offset points",
                      fontsize=6.5 * scale, fontweight="bold", va="center", zorder=9,
                      color=current().city_label)  # fmt: skip


def _scale_bar(axes, view, scale: float) -> None:
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
        text = f"{km} km" if metres == length else km
        _text(axes, x0 + metres, y0 + height * 1.8, text, fontsize=6.5 * scale,
              ha="center", va="bottom", zorder=10)  # fmt: skip


def _north_arrow(axes, scale: float) -> None:
    # The projection's central meridian (31.2° E) is vertical; north is up to
    # within a few degrees across the map.
    arrow = FancyArrow(0.955, 0.86, 0, 0.07, width=0.012, head_width=0.035, head_length=0.035,
                       length_includes_head=True, transform=axes.transAxes, color=current().text,
                       zorder=10)  # fmt: skip
    axes.add_patch(arrow)
    _text(axes, 0.955, 0.95, "N", transform=axes.transAxes, ha="center", va="bottom",
          fontsize=10 * scale, fontweight="bold", zorder=10)  # fmt: skip


# -- the side panel ---------------------------------------------------------------------------


def _draw_panel(
    axes, layer, stats: ControlStats, result: ScenarioResult | None, options, scale: float
) -> None:
    date = layer.date.isoformat() if layer.date else "date unknown"
    handles = [
        Patch(
            facecolor=current().occupied,
            edgecolor=current().occupied_edge,
            alpha=CONTROL_ALPHA,
            label=plain(f"Occupied territory, {date}"),
        ),
        *[
            Patch(
                facecolor=getattr(current(), BY_KEY[key].role),
                alpha=NOT_COUNTED_ALPHA,
                edgecolor=getattr(current(), BY_KEY[key].role),
                linestyle="--",
                label=f"{label_of(key)}, not counted as occupied",
            )
            for key in layer.categories
            if not layer.counting.counts(key)
        ],
        Patch(facecolor=current().oblast, edgecolor=current().oblast_edge, label="Oblast"),
    ]
    if options.claims:
        handles.append(Patch(facecolor="none", edgecolor=current().claim, hatch="..",
                             linestyle="--", label="Annexation claims (2014, 2022)"))  # fmt: skip
    if result is not None:
        if not is_negligible(result.to_occupier_km2):
            handles.append(Patch(facecolor="none", edgecolor=current().to_occupier, hatch="////",
                                 label="To the occupying side"))  # fmt: skip
        if not is_negligible(result.to_ukraine_km2):
            handles.append(Patch(facecolor="none", edgecolor=current().to_ukraine, hatch="\\\\\\\\",
                                 label="Returned to Ukraine"))  # fmt: skip
        for zone in result.demilitarized_zones:
            handles.append(
                Patch(
                    facecolor=current().zone,
                    alpha=0.35,
                    label=plain(f"Demilitarized zone, {zone.width_km:g} km each side"),
                )
            )
        line_label = f"Line of contact after, {result.contact_line_km_after:,.0f} km"
        handles.append(
            Line2D([], [], color=current().contact_line, lw=1.1, label=plain(line_label))
        )
    handles += legend_handles(options.extent)
    legend = axes.legend(handles=handles, loc="upper left", title="Legend", fontsize=8 * scale,
                         title_fontsize=9 * scale, frameon=False, alignment="left")  # fmt: skip
    legend._legend_box.align = "left"

    lines: list[tuple[str, str, bool]] = []
    if result is not None:
        lines.append(("Proposal", "", True))
        lines += [(text, "", False) for text in _wrap(result.proposal.name, 44, max_lines=3)]
        occupier, ukraine = transfer_texts(result)
        lines.append((occupier, "", False))
        lines.append((ukraine[:1].upper() + ukraine[1:], "", False))
        for text in place_lines(result, named=5):
            lines += [(part, "", False) for part in _wrap(text, 44)]
        lines.append(("", "", False))
    if options.statistics:
        lines += _statistics_lines(stats, result)
    # Just below the legend: a title and one row per entry, about 0.028 of the panel each.
    y = 1.0 - (0.06 + 0.028 * len(handles)) - 0.04
    step = 0.026 * (scale if scale < 1 else 1)
    for left, right, bold in lines:
        _text(axes, 0.0, y, left, transform=axes.transAxes, fontsize=7.6 * scale, va="top",
              fontweight="bold" if bold else "normal")  # fmt: skip
        if right:
            _text(axes, 1.0, y, right, transform=axes.transAxes, fontsize=7.6 * scale, va="top",
                  ha="right", family="DejaVu Sans Mono")  # fmt: skip
        y -= step
        if y < 0.0:
            break


def _statistics_lines(
    stats: ControlStats, result: ScenarioResult | None
) -> list[tuple[str, str, bool]]:
    short = {"annexed-2022": "Four regions annexed 2022", "crimea-2014": "Crimea and Sevastopol",
             "ukraine": "All of Ukraine"}  # fmt: skip
    if result is None:
        header = ("Occupied", "km²        %", True)
        groups = [
            (short[r.id], f"{r.controlled_km2:>9,.0f} {r.controlled_pct:6.2f}")
            for r in stats.groups.itertuples()
        ]
        top = stats.regions.sort_values("controlled_pct", ascending=False).head(8)
        regions = [
            (r.name, f"{r.controlled_km2:>9,.0f} {r.controlled_pct:6.2f}") for r in top.itertuples()
        ]
    else:
        header = ("Occupied, % (before → after)", "", True)
        groups = [(short[r.id], f"{r.controlled_pct_before:6.2f} → {r.controlled_pct_after:6.2f}")
                  for r in result.groups.itertuples()]  # fmt: skip
        table = result.regions.assign(change=result.regions["delta_km2"].abs().round(1))
        top = table.sort_values(["change", "controlled_pct_before"], ascending=False).head(8)
        regions = [(r.name, f"{r.controlled_pct_before:6.2f} → {r.controlled_pct_after:6.2f}")
                   for r in top.itertuples()]  # fmt: skip
    lines = [header]
    lines += [(name, value, False) for name, value in groups]
    lines.append(("Most affected oblasts", "", True))
    lines += [(name, value, False) for name, value in regions]
    return lines


def _wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of at most ``width`` characters; a longer word is cut, a line past the last gets …"""
    words, lines, current = [], [], ""
    for word in clean(text).split():
        words += [word[i : i + width] for i in range(0, len(word), width)]
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines = [*lines, current] if current else lines
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1] + "…"]
    return lines


# -- text -------------------------------------------------------------------------------------


def _text(target, x: float, y: float, text: str, **kwargs):
    """Put text on the figure or axes ``target``, drawn literally (see :func:`plain`)."""
    return target.text(x, y, plain(text), **kwargs)


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
