"""The briefing pages beyond the control map: the change between two dates, the table, the chart.

Each is a matplotlib Figure on the same page presets, header, footer and type
sizes as the control map (:mod:`geodata.exports.briefing`), so they sit in one
pack. Figures come from :mod:`geodata.history` and :mod:`geodata.stats`; text
from data goes through :func:`geodata.exports.text.plain`.
"""

from __future__ import annotations

import dataclasses

import shapely
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from geodata.control import credit_for
from geodata.credits import credit_line
from geodata.exports.briefing import (
    CONTROL_ALPHA,
    BriefingOptions,
    _draw_map,
    _fitted,
    _unit_name,
    _wrap,
    page_figure,
    page_footer,
    page_header,
    panel_lines,
)
from geodata.exports.briefing_style import page_style
from geodata.exports.briefing_text import check_language, long_date, short_group_name, word
from geodata.exports.extents import MARGIN
from geodata.exports.text import plain
from geodata.exports.timeline_plot import draw_timeline
from geodata.history.changes import gained_and_lost
from geodata.history.series import HistorySeries
from geodata.history.transfers import TO_OCCUPIER, DateChanges, changes_between
from geodata.language import format_number
from geodata.palette import current
from geodata.stats import ControlStats

#: The smallest extent of a change map, degrees each way (a few villages would be a dot).
MIN_CHANGE_EXTENT_DEG = 1.2


def change_extent(gained, lost) -> tuple[float, float, float, float] | None:
    """Where the changes are: their bounds with a margin, at least 1.2° each way (None: none).

    >>> change_extent(shapely.box(37.5, 48.0, 37.6, 48.1), shapely.Polygon())
    (36.95, 47.45, 38.15, 48.65)
    """
    changed = shapely.union(gained, lost)
    if shapely.is_empty(changed):
        return None
    west, south, east, north = shapely.bounds(changed)
    pad_x, pad_y = (east - west) * MARGIN, (north - south) * MARGIN
    west, east = west - pad_x, east + pad_x
    south, north = south - pad_y, north + pad_y
    grow_x = max(0.0, MIN_CHANGE_EXTENT_DEG - (east - west)) / 2
    grow_y = max(0.0, MIN_CHANGE_EXTENT_DEG - (north - south)) / 2
    return tuple(
        round(float(v), 6) for v in (west - grow_x, south - grow_y, east + grow_x, north + grow_y)
    )  # type: ignore[return-value]


def change_figure(
    series: HistorySeries,
    first: int,
    second: int,
    store=None,
    options: BriefingOptions | None = None,
) -> Figure:
    """The change map from row ``first`` to row ``second`` of a history: gains and regains in
    the palette's colours over the later date's control, the per-oblast km² and the
    settlements that changed hands."""
    options = options or BriefingOptions()
    language = check_language(options.language)
    style = page_style(options.page)
    layer = series.layer_at(second, store)
    stats = series.stats_at(second)
    before = series.territory(first, store)
    gained, lost = gained_and_lost(before, layer.controlled)
    changes = changes_between(series, first, second, store)
    if options.extent is None:
        extent = change_extent(gained, lost)
        options = dataclasses.replace(options, extent=extent)
    figure, layout = page_figure(style, options)
    start, end = long_date(series.dates[first], language), long_date(series.dates[second], language)
    title = options.title or word("title_change", language, start=start, end=end)
    subtitle = options.subtitle or f"{layer.credit}, {start} – {end}"
    page_header(figure, style, layout, title, subtitle, options)
    height = layout.map_top - layout.map_bottom
    map_axes = figure.add_axes((layout.left, layout.map_bottom, 0.64, height))
    palette = current()
    overlays = ((gained, palette.gained, palette.gained_edge),
                (lost, palette.regained, palette.regained_edge))  # fmt: skip
    _draw_map(map_axes, layer, None, options, style, stats.held, overlays=overlays)
    panel_left = layout.left + 0.665
    panel = figure.add_axes((panel_left, layout.map_bottom, layout.right - panel_left, height))
    panel.axis("off")
    handles = [
        Patch(facecolor=palette.occupied, edgecolor=palette.occupied_edge, alpha=CONTROL_ALPHA,
              label=plain(f"{word('occupied_territory', language)}, {end}")),
        Patch(facecolor=palette.gained, edgecolor=palette.gained_edge,
              label=word("gained", language)),
        Patch(facecolor=palette.regained, edgecolor=palette.regained_edge,
              label=word("regained", language)),
    ]  # fmt: skip
    legend = panel.legend(handles=handles, loc="upper left", title=word("legend", language),
                          fontsize=style.body, title_fontsize=style.body * 1.1, frameon=False,
                          alignment="left", borderaxespad=0, borderpad=0)  # fmt: skip
    chars = max(20, int(panel.get_position().width * style.width * 72 / (style.body * 0.56)))
    panel_lines(panel, legend, change_lines(changes, style.panel_rows, chars, language), style)
    page_footer(figure, style, layout,
                credit_line(layer.credit, map_by="Frontline Atlas", language=language),
                changes.method, options)  # fmt: skip
    return figure


def _gained_regained(row, language: str) -> str:
    return (f"+{format_number(row.gained_km2, 0, language)} / "
            f"-{format_number(row.regained_km2, 0, language)}")  # fmt: skip


def change_lines(changes: DateChanges, rows: int, chars: int, language: str = "en") -> list:
    """The change page's panel: net km² per group, the oblasts that changed most, the places."""
    areas = changes.areas
    lines = [(f"{word('gained_km2', language)} / {word('regained_km2', language)}", "", True)]
    for row in areas[areas["level"] == "group"].itertuples():
        lines.append((short_group_name(row.code, language),
                      _gained_regained(row, language), False))  # fmt: skip
    units = areas[areas["level"] == "unit"]
    units = units.assign(moved=units["gained_km2"] + units["regained_km2"])
    units = units[units["moved"] >= 0.05].sort_values("moved", ascending=False).head(rows)
    if len(units):
        lines.append((word("most_changed", language), "", True))
        for row in units.itertuples():
            lines.append((_unit_name(row.code, row.name, language),
                          _gained_regained(row, language), False))  # fmt: skip
    places = changes.places
    if len(places):
        lines.append((word("places_changed", language), "", True))
        for direction, sign in ((TO_OCCUPIER, "→ RU"), (None, "→ UA")):
            chosen = (
                places[places["direction"] == TO_OCCUPIER]
                if direction
                else places[places["direction"] != TO_OCCUPIER]
            )
            names = [str(n) for n in chosen["name_uk" if language == "uk" else "name"] if n]
            if names:
                text = (
                    f"{sign}: "
                    + ", ".join(names[:12])
                    + (f" (+{len(names) - 12})" if len(names) > 12 else "")
                )
                lines += [(part, "", False) for part in _wrap(text, chars)]
    return lines


def table_figure(
    stats: ControlStats, options: BriefingOptions | None = None, credit: str = ""
) -> Figure:
    """The statistics table as a page: groups, then every oblast, in as many columns as fit."""
    options = options or BriefingOptions()
    language = check_language(options.language)
    style = page_style(options.page)
    figure, layout = page_figure(style, options)
    date = long_date(stats.date, language)
    title = options.title or word("title_table", language, date=date)
    subtitle = options.subtitle or f"{stats.credit or stats.source}, {date}"
    page_header(figure, style, layout, title, subtitle, options)
    places = stats.places.set_index("code") if stats.places is not None else None
    rows = [(short_group_name(r.id, language), r.area_km2, r.controlled_km2, r.controlled_pct,
             r.id, True) for r in stats.groups.itertuples()]  # fmt: skip
    regions = stats.regions.sort_values(["controlled_pct", "name"], ascending=[False, True])
    rows += [(_unit_name(r.code, r.name, language), r.area_km2, r.controlled_km2,
              r.controlled_pct, r.code, False) for r in regions.itertuples()]  # fmt: skip
    height_in = (layout.map_top - layout.map_bottom) * style.height
    step_in = style.body * 1.5 / 72
    per_column = max(5, int(height_in / step_in) - 1)
    columns = -(-len(rows) // per_column)
    width = (layout.right - layout.left) / columns
    column_in = width * style.width
    # The columns that fit: name, occupied km², %, then area and settlements held if room.
    fields = ["occupied_km2", "occupied_pct", "area_km2", "places_held"]
    name_in = style.body * 0.6 * 26 / 72
    number_in = style.body * 0.6 * 12 / 72
    keep = max(2, min(len(fields), int((column_in - name_in) / number_in)))
    if places is None:
        fields = [f for f in fields if f != "places_held"]
    fields = fields[:keep]
    for column in range(columns):
        chunk = rows[column * per_column : (column + 1) * per_column]
        axes = figure.add_axes((layout.left + column * width, layout.map_bottom,
                                width * 0.96, layout.map_top - layout.map_bottom))  # fmt: skip
        axes.axis("off")
        _table_column(axes, chunk, fields, places, style, language)
    method = stats.method.footnote(language)
    page_footer(figure, style, layout,
                credit or credit_line(stats.credit or stats.source, map_by="Frontline Atlas",
                                      language=language),
                method, options)  # fmt: skip
    return figure


def _table_column(axes, rows, fields, places, style, language) -> None:
    headers = {"occupied_km2": word("occupied_km2", language),
               "occupied_pct": word("occupied_pct", language),
               "area_km2": word("area_km2", language), "places_held": "⌂"}  # fmt: skip
    box = axes.get_window_extent(axes.figure.canvas.get_renderer())
    step = style.body * 1.5 / 72 * axes.figure.dpi / box.height
    name_share = 1.0 - 0.17 * len(fields)
    xs = [name_share + 0.17 * (i + 1) for i in range(len(fields))]
    y = 1.0
    axes.text(0, y, plain(word("name", language)), fontsize=style.body, fontweight="bold",
              va="top", transform=axes.transAxes)  # fmt: skip
    for x, field in zip(xs, fields, strict=True):
        axes.text(x, y, plain(headers[field]), fontsize=style.body * 0.85, fontweight="bold",
                  va="top", ha="right", transform=axes.transAxes)  # fmt: skip
    y -= step * 1.2
    for name, area, km2, pct, code, bold in rows:
        held = places is not None and code in places.index
        count = format_number(int(places.loc[code, "places_held"]), 0, language) if held else ""
        values = {"occupied_km2": format_number(km2, 0, language),
                  "occupied_pct": format_number(pct, 2, language),
                  "area_km2": format_number(area, 0, language), "places_held": count}  # fmt: skip
        name_in = name_share * box.width / axes.figure.dpi * 0.95
        axes.text(0, y, _fitted(name, style.body, name_in, "bold" if bold else "normal"),
                  fontsize=style.body, fontweight="bold" if bold else "normal", va="top",
                  transform=axes.transAxes)  # fmt: skip
        for x, field in zip(xs, fields, strict=True):
            axes.text(x, y, values[field], fontsize=style.body, va="top", ha="right",
                      family="DejaVu Sans Mono", transform=axes.transAxes)  # fmt: skip
        y -= step


def chart_figure(
    series: HistorySeries, options: BriefingOptions | None = None, period: str = "weekly"
) -> Figure:
    """The timeline chart at print quality: held share over the history and its change."""
    options = options or BriefingOptions()
    language = check_language(options.language)
    style = page_style(options.page)
    figure, layout = page_figure(style, options)
    start = long_date(series.dates[0], language)
    end = long_date(series.dates[-1], language)
    title = options.title or word("title_chart", language, start=start, end=end)
    source = credit_for(series.labels[-1]) if series.labels else series.source
    subtitle = options.subtitle or f"{plain(source)}, {start} – {end}"
    page_header(figure, style, layout, title, subtitle, options)
    height = layout.map_top - layout.map_bottom
    width = layout.right - layout.left - 0.07
    held = figure.add_axes((layout.left + 0.05, layout.map_bottom + height * 0.38,
                            width - 0.02, height * 0.6))  # fmt: skip
    change = figure.add_axes((layout.left + 0.05, layout.map_bottom + 0.07, width - 0.02,
                              height * 0.27), sharex=held)  # fmt: skip
    held.tick_params(labelbottom=False)
    draw_timeline(held, change, series, units="pct", period=period, fontsize=style.body * 0.9,
                  line_width=2.0 * style.scale, language=language)  # fmt: skip
    page_footer(figure, style, layout,
                credit_line(source, map_by="Frontline Atlas", language=language),
                series.method.footnote(language), options)  # fmt: skip
    return figure
