"""The map's layers as GeoJSON-ready dicts: simplified for display, properties whitelisted.

The map page draws what these functions return and nothing else: only the listed
properties reach it, as JSON data. Statistics are never computed from these
simplified shapes.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
import shapely.ops

from geodata.boundaries import load_boundaries, load_neighbours
from geodata.categories import CONTROLLED, label_of
from geodata.cities import load_cities
from geodata.claims import claim_geometry, load_claims
from geodata.control import ControlLayer
from geodata.gazetteer import load_gazetteer
from geodata.scenarios.engine import ScenarioResult
from geodata.stats import ADDED, ControlStats

# Display tolerances in degrees: about 200 m for boundaries (invisible at the
# zooms the map allows) and 50 m for control areas, which analysts zoom into.
BOUNDARY_TOLERANCE_DEG = 0.002
CONTROL_TOLERANCE_DEG = 0.0005
# Five decimals of a degree is about a metre: more only makes the page bigger.
COORDINATE_DECIMALS = 5
# The page stays responsive up to about this many vertices in one layer; beyond
# it the layer is simplified further (and specks below the tolerance dropped).
MAX_DISPLAY_VERTICES = 400_000

# Label placement works at the zoom where oblast names first show (the page's
# REGION_LABEL_MIN_ZOOM) and assumes the page's fonts: an oblast name is about
# 8.5 px per letter, a city name 7 px, both about 14 px high; at that zoom a
# degree of longitude is about 75 px on the default window.
PX_PER_DEGREE = 75.0
REGION_LABEL_PX_PER_CHAR = 8.5
CITY_LABEL_PX_PER_CHAR = 7.0
LABEL_HEIGHT_PX = 14.0
# Cities labelled at that zoom (the page's CITY_MIN_ZOOM), which oblast names avoid.
CITY_RANKS_AT_LABEL_ZOOM = (1, 2)
# Where the neighbours' and the seas' names go: inside this box around Ukraine.
VIEW_BOUNDS = (20.5, 43.3, 41.5, 53.2)
SEAS = (("Black Sea", "Чорне море", 44.75, 31.3), ("Sea of Azov", "Азовське море", 46.05, 36.55))
#: The neighbours' names in Ukrainian, by ISO 3166-1 alpha-3 code (short forms, as on maps).
NEIGHBOURS_UK = {"BLR": "Білорусь", "HUN": "Угорщина", "MDA": "Молдова", "POL": "Польща",
                 "ROU": "Румунія", "RUS": "Росія", "SVK": "Словаччина"}  # fmt: skip
# Four decimals of a degree is about 10 m: plenty for a settlement's dot.
SETTLEMENT_DECIMALS = 4


@cache
def basemap_layers() -> dict:
    """Neighbouring countries, Ukraine's units and the cities, as GeoJSON FeatureCollections.

    Returns
    -------
    dict
        ``{"neighbours": FC, "regions": FC, "cities": FC, "seas": [...], "claims": FC}``. Region
        features carry ``code``, ``name``, ``name_uk``, ``kind`` and ``label``
        ([lat, lon]); city features ``name``, ``name_uk``, ``rank`` and ``place`` (its
        gazetteer row, -1 if none); neighbours
        ``name`` and ``label``; seas are ``{"name", "label"}``; claims carry ``id``,
        ``name`` and ``declared`` (ISO date).

    Examples
    --------
    >>> layers = basemap_layers()
    >>> len(layers["regions"]["features"]), layers["regions"]["features"][0]["properties"]["code"]
    (27, 'UA-05')
    """
    units = load_boundaries().units
    labels = region_label_points()
    # Simplify the units as one coverage so neighbouring oblasts keep a shared edge.
    regions = shapely.coverage_simplify(units.geometry.to_numpy(), BOUNDARY_TOLERANCE_DEG)
    neighbours = load_neighbours()
    # Biggest first: where city names collide on the map, the first one stays.
    cities = load_cities().sort_values(["rank", "population"], ascending=[True, False])
    # Each city's row in the gazetteer: its dot is drawn held like a settlement's.
    gazetteer = load_gazetteer()
    rows = dict(zip(gazetteer["geonameid"], gazetteer.index, strict=True))
    return {
        "neighbours": _collection(
            shapely.simplify(neighbours.geometry.to_numpy(), BOUNDARY_TOLERANCE_DEG),
            [
                {
                    "name": name,
                    "name_uk": NEIGHBOURS_UK.get(iso3, ""),
                    "label": [round(point.y, 4), round(point.x, 4)],
                }
                for name, iso3, point in zip(
                    neighbours["name"],
                    neighbours["iso3"],
                    _country_label_points(neighbours),
                    strict=True,
                )
            ],
        ),
        "seas": [
            {"name": name, "name_uk": name_uk, "label": [lat, lon]}
            for name, name_uk, lat, lon in SEAS
        ],
        "claims": _collection(
            [
                shapely.coverage_simplify(
                    np.array([claim_geometry(claim)], dtype=object), BOUNDARY_TOLERANCE_DEG
                )[0]
                for claim in load_claims()
            ],
            [
                {"id": c.id, "name": c.name, "declared": c.declared.isoformat()}
                for c in load_claims()
            ],
        ),
        "regions": _collection(
            regions,
            [
                {
                    "code": row.code,
                    "name": row.name,
                    "name_uk": row.name_uk,
                    "kind": row.kind,
                    "label": [round(label.y, 4), round(label.x, 4)],
                }
                for row, label in zip(units.itertuples(), labels, strict=True)
            ],
        ),
        "cities": _collection(
            cities.geometry.to_numpy(),
            [
                {
                    "name": row.name,
                    "name_uk": row.name_uk,
                    "rank": int(row.rank),
                    "place": rows.get(row.geonameid, -1),
                }
                for row in cities.itertuples()
            ],
        ),
    }


@cache
def settlement_points() -> dict:
    """The gazetteer's places for the map's Settlements layer, as parallel lists.

    Sent once with the basemap; a control layer then names the held places by
    their index in these lists (:func:`held_place_rows`).

    Returns
    -------
    dict
        ``lon``, ``lat`` (rounded to :data:`SETTLEMENT_DECIMALS`), ``name``,
        ``name_uk`` (``""`` when GeoNames gives none), ``population`` and ``city``
        (True for a place the Cities layer already draws, matched by GeoNames id),
        one item per row of :func:`geodata.gazetteer.load_gazetteer`, in its order.

    Examples
    --------
    >>> points = settlement_points()
    >>> len(points["name"]) == len(points["lat"]) == 5488, sum(points["city"])
    (True, 59)
    >>> kyiv = points["name"].index("Kyiv")
    >>> points["name_uk"][kyiv], points["lat"][kyiv], points["city"][kyiv]
    ('Київ', 50.4547, True)
    """
    places = load_gazetteer()
    city_ids = set(load_cities()["geonameid"].tolist())
    return {
        "lon": places["lon"].round(SETTLEMENT_DECIMALS).tolist(),
        "lat": places["lat"].round(SETTLEMENT_DECIMALS).tolist(),
        "name": places["name"].tolist(),
        "name_uk": places["name_uk"].tolist(),
        "population": places["population"].tolist(),
        "city": [gid in city_ids for gid in places["geonameid"].tolist()],
    }


def region_label_points() -> np.ndarray:
    """Where each unit's name goes: its Natural Earth label point, unless a city label is there.

    Oblast names and the names of the big cities show at the same zoom. When
    an oblast name would overlap a city's marker or name, it moves to the
    point of the oblast farthest from its edges and from those city labels
    (shapely's ``polylabel`` on the oblast minus the city labels' boxes).

    Returns
    -------
    numpy.ndarray of shapely.Point
        One point per unit, in the order of ``load_boundaries().units``.

    Examples
    --------
    >>> units = load_boundaries().units
    >>> points = dict(zip(units["name"], region_label_points()))
    >>> bool(units.set_index("name").geometry["Donetsk"].contains(points["Donetsk"]))
    True
    """
    units = load_boundaries().units
    city_boxes = _big_city_label_boxes()
    points = []
    for row in units.itertuples():
        half_w, half_h = _label_half_size(row.name, REGION_LABEL_PX_PER_CHAR)
        point = shapely.Point(row.label_lon, row.label_lat)
        label = shapely.box(point.x - half_w, point.y - half_h, point.x + half_w, point.y + half_h)
        if label.intersects(city_boxes):
            # Keep the label's centre where the whole label clears the city labels.
            keep_out = shapely.buffer(city_boxes, max(half_w, half_h), cap_style="square")
            room = shapely.difference(row.geometry, keep_out)
            if not room.is_empty:
                largest = max(shapely.get_parts(room), key=lambda part: part.area)
                point = shapely.ops.polylabel(largest, tolerance=0.01)
        points.append(point)
    return np.array(points, dtype=object)


def _big_city_label_boxes():
    """The labels (marker and name) of the cities shown with the oblast names, as one shape."""
    cities = load_cities()
    cities = cities[cities["rank"].isin(CITY_RANKS_AT_LABEL_ZOOM)]
    names = cities["name"]
    return shapely.union_all(
        [_city_label_box(p.x, p.y, name) for p, name in zip(cities.geometry, names, strict=True)]
    )


def _label_half_size(text: str, px_per_char: float) -> tuple[float, float]:
    """Half the width and height of a label, in degrees (width in longitude)."""
    half_width = len(text) * px_per_char / 2 / PX_PER_DEGREE
    # Web Mercator stretches latitude by about 1.5 at Ukraine's latitudes.
    half_height = LABEL_HEIGHT_PX / 2 / PX_PER_DEGREE / 1.5
    return half_width, half_height


def _city_label_box(lon: float, lat: float, name: str):
    """The marker and the name to its right, as the page draws them."""
    half_width, half_height = _label_half_size(name, CITY_LABEL_PX_PER_CHAR)
    marker = 6 / PX_PER_DEGREE
    return shapely.box(
        lon - marker, lat - half_height, lon + marker + 2 * half_width, lat + half_height
    )


def _country_label_points(neighbours) -> list:
    """A label point for each neighbour inside the map's usual view (Russia's centre is far off)."""
    view = shapely.box(*VIEW_BOUNDS)
    points = []
    for geometry in neighbours.geometry:
        visible = shapely.intersection(geometry, view)
        parts = shapely.get_parts(visible)
        largest = max(parts, key=lambda part: part.area)
        points.append(shapely.ops.polylabel(largest, tolerance=0.01))
    return points


def control_layer_geojson(layer: ControlLayer) -> dict:
    """The control layer as a FeatureCollection: one feature per category.

    Each feature has its ``category`` (:mod:`geodata.categories`), the ``label``
    people read and whether it is ``counted`` as occupied.

    >>> from shapely import box
    >>> fc = control_layer_geojson(ControlLayer(box(37, 47, 38, 48), None, "x", "GeoJSON"))
    >>> len(fc["features"]), fc["features"][0]["properties"]["category"]
    (1, 'controlled')
    """
    categories = list(layer.categories) or [CONTROLLED]
    geometries = list(layer.categories.values()) or [layer.controlled]
    properties = [
        {"category": c, "label": label_of(c), "counted": layer.counting.counts(c)}
        for c in categories
    ]
    return _collection(for_display(geometries), properties)


def for_display(geometries) -> list:
    """Geometries simplified for the map page, part by part, within :data:`MAX_DISPLAY_VERTICES`.

    Each part is simplified on its own (topology-preserving simplification of
    one geometry with thousands of parts takes minutes); parts may then
    overlap by a hair, which a drawn map does not show. Above the vertex cap
    the tolerance doubles until the layers fit, and parts smaller than it go.

    >>> many = shapely.multipolygons([shapely.box(x, 0, x + 0.5, 1) for x in range(3)])
    >>> shown, nothing = for_display([many, shapely.Polygon()])
    >>> int(shapely.get_num_geometries(shown)), nothing.is_empty
    (3, True)
    """
    geometries = np.array(list(geometries), dtype=object)
    parts = [shapely.get_parts(g) if g is not None else np.array([]) for g in geometries]
    tolerance = CONTROL_TOLERANCE_DEG
    while True:
        simplified = [_simplified(p, tolerance) for p in parts]
        vertices = sum(int(shapely.get_num_coordinates(p).sum()) for p in simplified)
        if vertices <= MAX_DISPLAY_VERTICES or tolerance > 0.1:
            break
        tolerance *= 2
        parts = [p[_span(p) >= tolerance] for p in parts]
    return [
        None if g is None else _rebuild(g, p) for g, p in zip(geometries, simplified, strict=True)
    ]


THIN_ABOVE_VERTICES = 20_000


def _simplified(parts: np.ndarray, tolerance: float) -> np.ndarray:
    """Each part simplified on its own, topology kept; a polygon of more than
    :data:`THIN_ABOVE_VERTICES` vertices is first snapped to a grid of half the
    tolerance, repeats dropped, then simplified by plain Douglas-Peucker: 5
    million vertices take a third of a second instead of ten (a display copy,
    which may then cross itself by a hair; the figures never use it)."""
    dense = (shapely.get_type_id(parts) == 3) & (
        shapely.get_num_coordinates(parts) > THIN_ABOVE_VERTICES
    )
    result = shapely.simplify(np.where(dense, None, parts), tolerance)
    for index in np.flatnonzero(dense):
        polygon = parts[index]
        rings = [shapely.get_exterior_ring(polygon), *shapely.get_interior_ring(
            polygon, range(shapely.get_num_interior_rings(polygon))
        )]  # fmt: skip
        rings = [_thin_ring(ring, tolerance / 2) for ring in rings]
        if rings[0] is not None:
            thinned = shapely.Polygon(rings[0], [r for r in rings[1:] if r is not None])
            result[index] = shapely.simplify(thinned, tolerance, preserve_topology=False)
    return result


def _thin_ring(ring, grid: float):
    xy = np.round(shapely.get_coordinates(ring) / grid) * grid
    keep = np.r_[True, (np.diff(xy, axis=0) != 0).any(axis=1)]
    xy = xy[keep]
    if len(xy) < 4:
        return None
    return np.vstack([xy[:-1], xy[:1]]) if (xy[0] != xy[-1]).any() else xy


def _span(parts: np.ndarray) -> np.ndarray:
    bounds = shapely.bounds(parts)
    return np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])


def _rebuild(original, parts: np.ndarray):
    """One geometry of the type family of ``original`` from its simplified parts."""
    parts = parts[~shapely.is_empty(parts)]
    if len(parts) == 0:
        return shapely.Polygon()
    if len(parts) == 1:
        return parts[0]
    kinds = set(shapely.get_type_id(parts).tolist())
    if kinds == {3}:
        return shapely.multipolygons(parts)
    if kinds == {1}:
        return shapely.multilinestrings(parts)
    return shapely.geometrycollections(parts)


def proposal_overlay_geojson(result: ScenarioResult) -> dict:
    """A proposal's result for the map: what passes to each side, the zones and the new line.

    One feature per ``category``: ``to-occupier`` and ``to-ukraine`` (areas),
    ``dmz`` (each demilitarized zone) and ``contact-line`` (the line after).
    """
    geometries = [result.to_occupier, result.to_ukraine]
    categories = ["to-occupier", "to-ukraine"]
    for zone in result.demilitarized_zones:
        geometries.append(zone.geometry)
        categories.append("dmz")
    geometries.append(result.contact_line_after)
    categories.append("contact-line")
    # Slivers left by the overlays (under ~0.01 km²) are invisible noise on the map.
    simplified = [_without_slivers(g) for g in for_display(geometries)]
    return _collection(simplified, [{"category": c} for c in categories])


def change_geojson(gained, lost) -> dict:
    """Areas gained and lost by the occupying side between two dates, for the map.

    >>> fc = change_geojson(shapely.box(37, 47, 37.5, 47.5), shapely.Polygon())
    >>> [f["properties"]["category"] for f in fc["features"]]
    ['gained']
    """
    simplified = [_without_slivers(g) for g in for_display([gained, lost])]
    return _collection(simplified, [{"category": "gained"}, {"category": "lost"}])


def proposal_summary(result: ScenarioResult) -> dict:
    """The figures the map's legend shows for a proposal (plain data for the page)."""
    return {
        "name": result.proposal.name,
        "to_occupier_km2": round(result.to_occupier_km2, 1),
        "to_ukraine_km2": round(result.to_ukraine_km2, 1),
        "contact_line_km_after": round(result.contact_line_km_after, 3),
        "dmz_km": [zone.width_km for zone in result.demilitarized_zones],
    }


def _without_slivers(geometry):
    if geometry is None or shapely.get_type_id(geometry) not in (3, 6, 7):
        return geometry
    parts = shapely.get_parts(geometry)
    polygons = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    keep = polygons[shapely.area(polygons) > 1e-6]
    return shapely.multipolygons(keep) if len(keep) else shapely.Polygon()


def region_figures(stats: ControlStats | None) -> dict:
    """Per-unit figures for map tooltips: ``{code: {area_km2, controlled_km2, controlled_pct, …}}``.

    ``added_km2`` is what border and coast reconciliation added to the occupied km².

    >>> region_figures(None)
    {}
    """
    if stats is None:
        return {}
    return {
        row.code: {
            "area_km2": round(float(row.area_km2), 1),
            "controlled_km2": round(float(row.controlled_km2), 1),
            "controlled_pct": round(float(row.controlled_pct), 2),
            "added_km2": round(float(record.get(ADDED, 0.0)), 1),
        }
        for row, record in zip(
            stats.regions.itertuples(), stats.regions.to_dict("records"), strict=True
        )
    }


def held_place_rows(stats: ControlStats | None) -> list[int]:
    """The gazetteer rows held on the statistics' date (:attr:`ControlStats.held`), for the page.

    Indices into :func:`settlement_points`; empty when the statistics hold no place status.

    >>> held_place_rows(None)
    []
    """
    if stats is None or stats.held is None:
        return []
    return np.flatnonzero(stats.held).tolist()


def _collection(geometries, properties: list[dict]) -> dict:
    rounded = shapely.transform(
        np.asarray(geometries, dtype=object), lambda c: np.round(c, COORDINATE_DECIMALS)
    )
    features = [
        {"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": p}
        for g, p in zip(rounded, properties, strict=True)
        if g is not None and not g.is_empty
    ]
    return {"type": "FeatureCollection", "features": features}
