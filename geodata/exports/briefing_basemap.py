"""The briefing map's operational layers: water and settlements, chosen by the extent shown.

The same data and colours as the interactive map: the hydrography band
(:mod:`geodata.hydrography`) whose zooms match the page's scale, drawn as the
page draws it (the sea over the oblasts' fill, lakes, rivers by class, drained
reservoirs pale and hatched, names of the major rivers), and, on a sector's
extent, the gazetteer's settlements, held ones dark, names placed without
collisions, the biggest first. Everything is in the equal-area projection the
rest of the briefing map uses; text goes through :func:`geodata.exports.text.plain`.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from matplotlib.collections import LineCollection

from geodata.exports.text import plain
from geodata.gazetteer import load_gazetteer, settlement_rows
from geodata.hydrography import REGION, load_band
from geodata.language import water_name
from geodata.palette import current
from geodata.projection import from_equal_area, to_equal_area

#: Views wider than this (km) draw the low band and no settlements (all of Ukraine).
WIDE_KM = 600
#: Views narrower than this (km) draw the detailed band.
NARROW_KM = 150
RIVER_WIDTH = {1: 1.3, 2: 0.95, 3: 0.65, 4: 0.45}
#: On a sector's extent, the smallest settlement named, by view width (km).
PLACE_MIN_PEOPLE = ((100, 0), (250, 1_000), (WIDE_KM, 5_000))


def view_of(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A (west, south, east, north) extent in degrees as a view in the equal-area projection.

    >>> west, south, east, north = view_of((36.5, 47.5, 38.5, 49.0))
    >>> round((east - west) / 1000), round((north - south) / 1000)
    (162, 179)
    """
    west, south, east, north = extent
    edge = shapely.segmentize(shapely.box(west, south, east, north), 0.05)
    return tuple(float(v) for v in shapely.bounds(to_equal_area(edge)))  # type: ignore[return-value]


def band_for_view(view) -> str:
    """The hydrography band for a view's width, as the map page would pick it at that scale."""
    width_km = (view[2] - view[0]) / 1000
    return "low" if width_km > WIDE_KM else "high" if width_km < NARROW_KM else "mid"


def draw_water(axes, view, scale: float, fill, z: float = 2.4, language: str = "en") -> None:
    """Sea over the oblasts (the detailed coast), lakes, drained reservoirs, rivers, names.

    ``fill(axes, geometries, face, edge, lw, alpha, hatch, z, linestyle)`` is the
    briefing's polygon painter (one path per geometry, as for the oblasts).
    """
    palette = current()
    water = load_band(band_for_view(view))
    frame = shapely.box(*view).buffer((view[2] - view[0]) * 0.05)
    region = to_equal_area(shapely.segmentize(shapely.box(*REGION), 0.1))
    land = shapely.intersection(to_equal_area(water.land), frame)
    sea = shapely.difference(shapely.intersection(region, frame), land)
    fill(axes, np.array([sea]), face=palette.sea, edge="none", lw=0, z=z)
    fill(axes, np.array([land]), face="none", edge=palette.shoreline, lw=0.4, z=z + 0.01)
    lakes = shapely.intersection(to_equal_area(water.lakes), frame)
    fill(axes, np.array([lakes]), face=palette.water, edge=palette.shoreline, lw=0.3, z=z + 0.02)
    drained = shapely.intersection(to_equal_area(water.drained), frame)
    if not shapely.is_empty(drained):
        fill(axes, np.array([drained]), face=palette.drained_water, edge=palette.shoreline,
             lw=0.4, hatch="....", z=z + 0.02, linestyle="--")  # fmt: skip
    _rivers(axes, water, frame, z + 0.03)
    _water_labels(axes, water, view, scale, language)


def _rivers(axes, water, frame, z: float) -> None:
    keep = ~water.river_in_lake
    lines = to_equal_area(water.river_lines[keep])
    classes = water.river_class[keep]
    near = shapely.intersects(lines, frame)
    for cls in sorted(set(classes[near].tolist())):
        segments = []
        for line in lines[near & (classes == cls)]:
            segments.append(shapely.get_coordinates(line))
        axes.add_collection(LineCollection(
            segments, colors=current().river, linewidths=RIVER_WIDTH.get(cls, 0.45), zorder=z,
            capstyle="round", joinstyle="round",
        ))  # fmt: skip


def _water_labels(axes, water, view, scale: float, language: str = "en") -> None:
    labels = water.labels
    if labels.empty:
        return
    points = to_equal_area(shapely.points(labels["lon"].to_numpy(), labels["lat"].to_numpy()))
    inside = shapely.contains_xy(shapely.box(*view), shapely.get_x(points), shapely.get_y(points))
    for label, point, shown in zip(labels.itertuples(), points, inside, strict=True):
        if not shown:
            continue
        name = plain(water_name(label.name, language))
        axes.text(point.x, point.y, name, rotation=float(label.angle),
                  rotation_mode="anchor", ha="center", va="center", fontsize=5.8 * scale,
                  fontstyle="italic", color=current().water_label, zorder=6.5,
                  clip_on=True)  # fmt: skip


def draw_settlements(
    axes, view, held: np.ndarray | None, scale: float, language: str = "en"
) -> bool:
    """On a sector's extent, dots and names of the settlements in view; False on a wide one.

    Held places (``held``: one bool per gazetteer row) are filled dark, as on the page.
    Names are placed biggest place first, skipping any that would overlap one placed.
    """
    width_km = (view[2] - view[0]) / 1000
    if width_km > WIDE_KM:
        return False
    minimum = next(people for km, people in PLACE_MIN_PEOPLE if width_km <= km)
    places = load_gazetteer()
    palette = current()
    west, south, east, north = from_equal_area(shapely.box(*view)).bounds
    mask = (
        settlement_rows()
        & (places["population"].to_numpy() >= minimum)
        & places["lon"].between(west, east).to_numpy()
        & places["lat"].between(south, north).to_numpy()
    )
    rows = np.flatnonzero(mask)
    rows = rows[np.argsort(-places["population"].to_numpy()[rows], kind="stable")]
    points = to_equal_area(shapely.points(places["lon"].to_numpy()[rows],
                                          places["lat"].to_numpy()[rows]))  # fmt: skip
    xs, ys = shapely.get_x(points), shapely.get_y(points)
    inside = (xs >= view[0]) & (xs <= view[2]) & (ys >= view[1]) & (ys <= view[3])
    rows, xs, ys = rows[inside], xs[inside], ys[inside]
    is_held = held[rows] if held is not None else np.zeros(len(rows), dtype=bool)
    sizes = np.where(places["population"].to_numpy()[rows] >= 20_000, 14, 7) * scale
    faces = np.where(is_held, palette.held_place, palette.city_fill)
    edges = np.where(is_held, palette.held_place_edge, palette.city)
    axes.scatter(xs, ys, s=sizes, facecolor=faces, edgecolor=edges, linewidth=0.6, zorder=8)
    _place_names(axes, view, rows, xs, ys, is_held, scale, language)
    return True


def _place_names(axes, view, rows, xs, ys, is_held, scale: float, language: str = "en") -> None:
    """Greedy labels in page units: a box per name, estimated from its length."""
    places = load_gazetteer()
    box = axes.get_window_extent()
    per_m = box.width / (view[2] - view[0])  # display pixels per metre
    dpi = axes.figure.dpi
    taken: list[tuple[float, float, float, float]] = []
    for row, x, y, held in zip(rows, xs, ys, is_held, strict=True):
        # In Ukrainian where GeoNames has the name, else as it is in English.
        name = (language == "uk" and places.at[row, "name_uk"]) or places.at[row, "name"]
        big = places.at[row, "population"] >= 20_000
        size = (6.6 if big else 5.6) * scale
        width = len(name) * size * 0.55 / 72 * dpi
        height = size * 1.25 / 72 * dpi
        px, py = (x - view[0]) * per_m, (y - view[1]) * per_m
        left, bottom = px + 3, py - height / 2
        candidate = (left, bottom, left + width, bottom + height)
        if candidate[2] > box.width or any(_overlap(candidate, other) for other in taken):
            continue
        taken.append(candidate)
        axes.annotate(plain(name), (x, y), xytext=(3 * 72 / dpi, 0), textcoords="offset points",
                      fontsize=size, va="center", zorder=9, annotation_clip=True, clip_on=True,
                      fontweight="bold" if big else "normal",
                      color=current().held_place if held else current().city_label)  # fmt: skip


def legend_handles(extent, language: str = "en") -> list:
    """Legend entries for what this module draws at an extent (water; settlements on a sector)."""
    from matplotlib.lines import Line2D

    from geodata.exports.briefing_text import word

    palette = current()
    handles = [
        Line2D([], [], color=palette.river, lw=RIVER_WIDTH[2], label=word("river", language)),
        Line2D(
            [],
            [],
            marker="s",
            linestyle="none",
            markersize=7,
            markerfacecolor=palette.water,
            markeredgecolor=palette.shoreline,
            label=word("lake", language),
        ),
    ]
    if extent is not None and (view_of(extent)[2] - view_of(extent)[0]) / 1000 <= WIDE_KM:
        for face, edge, text in (
            (palette.city_fill, palette.city, word("settlement", language)),
            (palette.held_place, palette.held_place_edge, word("settlement_held", language)),
        ):
            handles.append(
                Line2D([], [], marker="o", linestyle="none", markersize=4.5,
                       markerfacecolor=face, markeredgecolor=edge, label=text)
            )  # fmt: skip
    return handles


def _overlap(a, b) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def scale_length_m(view) -> float:
    """A round scale-bar length about a fifth of the view's width (1, 2 or 5 × 10^n m).

    >>> scale_length_m((0, 0, 1_000_000, 1)), scale_length_m((0, 0, 160_000, 1))
    (200000, 20000)
    """
    target = (view[2] - view[0]) / 5
    power = 10 ** math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * power <= target:
            return step * power
    return power
