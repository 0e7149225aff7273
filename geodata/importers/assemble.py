"""Turn the features an importer read into a clean :class:`~geodata.control.ControlLayer`.

Every format goes through :func:`assemble_layer`, so each rule holds for all of
them: coordinates end up in WGS84 (lon, lat) and 2-D, invalid polygons are
repaired and counted, points and lines are skipped and counted, and the date
comes from the argument, else the file's metadata, else its name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

import numpy as np
import pyproj
import shapely
from pyproj.exceptions import CRSError
from shapely.errors import GEOSException

from geodata.boundaries import UKRAINE_EXTENT
from geodata.categories import CONTROLLED, DEFAULT_COUNTING, Counting, ordered
from geodata.control import (
    OWN_EXPORT_NOTE,
    ControlLayer,
    DateOrigin,
    ImportReport,
    own_export_control,
)
from geodata.dates import (
    date_column,
    date_from_filename,
    feature_date,
    future_date_note,
    is_missing,
)
from geodata.errors import BadInputError
from geodata.exports.text import shown
from geodata.geometry import geometry_array, union_parts
from geodata.importers.deepstate import deepstate_category, feature_label

# At most this many distinct feature names are kept for the legend and Info panel,
# each cut to at most this many characters (a name from a file may be megabytes long).
MAX_FEATURE_NAMES = 12
MAX_NAME_CHARS = 120

# Control areas are kept within this box around Ukraine (lon_min, lat_min,
# lon_max, lat_max), with no edge longer than MAX_EDGE_DEG (see within_region).
REGION = (20.0, 42.0, 43.0, 55.0)
MAX_EDGE_DEG = 1.0

_POLYGONAL = {shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON}


@dataclass
class SourceFeatures:
    """What a reader found in a file, before cleaning.

    ``geometries`` are shapely geometries (or ``None``) in ``crs``; ``crs`` is
    ``None`` when the file does not say.
    """

    geometries: list
    properties: list[dict]
    crs: pyproj.CRS | None
    format_name: str
    metadata_date: dt.date | None = None
    deepstate_styled: bool = False
    unreadable: int = 0
    notes: list[str] = field(default_factory=list)


#: Said of a file whose control areas lie wholly outside Ukraine (a history leaves it out).
OUTSIDE_UKRAINE = "the layer lies entirely outside Ukraine"


def assemble_layer(
    found: SourceFeatures,
    path: Path,
    date: dt.date | None = None,
    counting: Counting = DEFAULT_COUNTING,
) -> ControlLayer:
    """Clean the features a reader found and build the control layer.

    Parameters
    ----------
    found : SourceFeatures
        The reader's output.
    path : Path
        The file, for messages and for a date in its name.
    date : datetime.date, optional
        An explicit date, which wins over metadata and the file name.
    counting : Counting
        Which of the source's categories count as occupied (contested land only
        when the user's setting says so); every category is kept as a layer.
    """
    found, export_note = _own_export_control(found)
    found, date, date_note = one_date(found, path, date)
    notes = list(found.notes) + [n for n in (export_note, date_note) if n]
    # The file's own date (its metadata's, its features' one date, else its name's): one
    # still to come is no date.
    metadata_date = found.metadata_date or _features_date(found)
    own = metadata_date or date_from_filename(path.name)
    said = "metadata" if metadata_date else "name"
    if date is not None and date_note is None and own is not None and own != date:
        notes.append(f"its {said} dates it {own}; it is labelled {date}, as asked")
    future = future_date_note(own, said) if date is None else None
    if future:
        notes.append(future)
        own = None
    geometries = geometry_array(found.geometries)
    present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    # NaN or infinite coordinates (JSON allows NaN literals, GDAL reads "nan" in
    # KML) make a geometry unusable; GEOS's bounds skip them, so test each vertex.
    nonfinite = present & _has_nonfinite_coordinates(geometries)
    geometries = np.where(present & ~nonfinite, shapely.force_2d(geometries), None)
    geometries = _to_wgs84(geometries, found.crs, path, notes)
    # DeepStateMap draws lands beyond Ukraine (Abkhazia …): its categories name them.
    geometries = _fix_swapped_axes(geometries, notes, name_far=not found.deepstate_styled)

    polygonal = np.array([_polygonal_part(g) for g in geometries], dtype=object)
    invalid = ~shapely.is_missing(polygonal) & ~shapely.is_valid(polygonal)
    if invalid.any():
        repaired = shapely.make_valid(polygonal[invalid])
        polygonal[invalid] = [_polygonal_part(g) for g in repaired]
    is_polygon = ~shapely.is_missing(polygonal) & ~shapely.is_empty(polygonal)

    if found.deepstate_styled:
        categories = [deepstate_category(p) for p in found.properties]
    else:
        categories = [CONTROLLED] * len(polygonal)
    kept = is_polygon & np.array([c is not None for c in categories], dtype=bool)

    grouped: dict[str, list] = {}
    for geometry, category, keep in zip(polygonal, categories, kept, strict=True):
        if keep:
            grouped.setdefault(category, []).append(geometry)
    try:
        by_category = {
            category: within_region(_union(grouped[category])) for category in ordered(grouped)
        }
        controlled = _union([g for c, g in by_category.items() if counting.counts(c)])
    except GEOSException as error:
        raise BadInputError(path, f"its polygons cannot be merged ({error})") from None
    if found.deepstate_styled:
        left_out = [
            shortened(feature_label(p) or "unnamed")
            for p, polygon, keep in zip(found.properties, is_polygon, kept, strict=True)
            if polygon and not keep
        ]
        if left_out:
            names = list(dict.fromkeys(left_out))
            more = f" and {len(names) - 5} more" if len(names) > 5 else ""
            notes.append(f"polygons left out: {', '.join(names[:5])}{more}")
        if not any(counting.counts(c) for c in by_category) and is_polygon.any():
            notes.append("no polygon is marked as occupied territory")
    report = ImportReport(
        features_read=len(geometries) + found.unreadable,
        polygons_used=int(kept.sum()),
        skipped_non_polygon=int((~is_polygon & ~nonfinite).sum()),
        skipped_other_category=int((is_polygon & ~kept).sum()),
        skipped_unreadable=found.unreadable + int(nonfinite.sum()),
        repaired=int(invalid.sum()),
        notes=tuple(notes),
        date_origin=_date_origin(date, own, said),
    )
    if not is_polygon.any():
        raise BadInputError(path, _no_polygon_reason(report))
    names = (shortened(feature_label(p)) for p, k in zip(found.properties, kept, strict=True) if k)
    return ControlLayer(
        controlled=controlled,
        feature_names=tuple(dict.fromkeys(n for n in names if n))[:MAX_FEATURE_NAMES],
        date=date or own,
        source=shown(path.name),
        source_format=found.format_name,
        categories=by_category,
        report=report,
        counting=counting,
    )


#: Two dates' land sharing more than this share of the smaller is two maps of one
#: territory (a file of several dates' maps), not two parts of one map.
SAME_LAND_SHARE = 0.5


def _own_export_control(found: SourceFeatures) -> tuple[SourceFeatures, str | None]:
    """The control areas alone of the app's own one-table export with a proposal's
    results (a ``kind`` on each feature, :data:`~geodata.control.EXPORT_KINDS`)."""
    kinds = [p.get("kind") for p in found.properties]
    if not all(isinstance(k, str) for k in kinds) or not own_export_control(kinds):
        return found, None
    return _features(found, [i for i, kind in enumerate(kinds) if kind == "control"]), (
        OWN_EXPORT_NOTE
    )


class SeveralDatesError(BadInputError):
    """A file holding the maps of several dates, read as one map without saying which."""


def _features_date(found: SourceFeatures) -> dt.date | None:
    """The one date all dated features carry in a date column (the app's own exports
    write it on each), or None."""
    column_dates = _column_dates(found)
    distinct = set(column_dates[1]) - {None} if column_dates else set()
    return distinct.pop() if len(distinct) == 1 else None


def _column_dates(found: SourceFeatures) -> tuple[str, list] | None:
    """The features' date column and each feature's date in it, or None without one."""
    if not found.properties:
        return None
    column = date_column(
        dict.fromkeys(key for p in found.properties for key in p),
        filled=lambda name: any(not is_missing(p.get(name)) for p in found.properties),
    )
    if column is None:
        return None
    return column, [feature_date(p.get(column)) for p in found.properties]


def dates_of_maps(found: SourceFeatures) -> tuple[str, list, list] | None:
    """``(column, its dates, each feature's date)`` when the features are the maps of
    several dates (see :func:`one_date`); None for one map."""
    column_dates = _column_dates(found)
    if column_dates is None:
        return None
    column, dates = column_dates
    distinct = sorted({d for d in dates if d is not None})
    if len(distinct) < 2 or not _maps_of_several_dates(found.geometries, dates, distinct):
        return None
    return column, distinct, dates


def one_date(
    found: SourceFeatures, path: Path, date: dt.date | None
) -> tuple[SourceFeatures, dt.date | None, str | None]:
    """One date's features of a file that holds the maps of several dates.

    A file whose features carry a date column (:data:`~geodata.dates.DATE_COLUMNS`)
    with several dates is either one map whose parts were dated one by one (they
    lie side by side: kept whole) or the maps of several dates (each covers the
    same land as the next). Their union would be no date's territory: of such a
    file the features of ``date`` are kept — of the last date before it, said in
    the note, when it has none of its own — and without a date it is refused
    (:class:`SeveralDatesError`, naming its dates: a history opens it whole).
    Returns the features, the date and the note (None when nothing was chosen).
    """
    found_dates = dates_of_maps(found)
    if found_dates is None:
        return found, date, None
    column, distinct, dates = found_dates
    span = (
        f"the maps of {len(distinct)} dates ({distinct[0]} … {distinct[-1]}, its {column!r} column)"
    )
    if date is None:
        raise SeveralDatesError(
            path, f"it holds {span}: open it as a history, or give the date of one of them"
        )
    chosen = max((d for d in distinct if d <= date), default=None)
    if chosen is None:
        raise BadInputError(path, f"it holds no map of {date} or before; it holds {span}")
    note = None
    if chosen != date:
        note = f"no map of {date} in it; using {chosen}, the last date before it"
    return _features(found, [i for i, d in enumerate(dates) if d == chosen]), chosen, note


def _features(found: SourceFeatures, keep: list[int]) -> SourceFeatures:
    """``found`` with only the features at these indices."""
    return replace(
        found,
        geometries=[found.geometries[i] for i in keep],
        properties=[found.properties[i] for i in keep],
    )


def _maps_of_several_dates(geometries: list, dates: list, distinct: list) -> bool:
    """Whether consecutive dates' land overlaps (maps of one territory) rather than
    lying side by side (dated parts of one map); a few pairs are enough to tell."""
    by_date: dict = {}
    for geometry, day in zip(geometries, dates, strict=True):
        if day is not None and geometry is not None:
            by_date.setdefault(day, []).append(geometry)
    pairs = list(pairwise(distinct))
    for first, second in dict.fromkeys([pairs[0], pairs[len(pairs) // 2], pairs[-1]]):
        try:
            a, b = (
                shapely.union_all(shapely.make_valid(geometry_array(by_date.get(day, []))))
                for day in (first, second)
            )
            smaller = min(shapely.area(a), shapely.area(b))
            if smaller > 0 and shapely.area(shapely.intersection(a, b)) > SAME_LAND_SHARE * smaller:
                return True
        except GEOSException:
            return True  # cannot tell: refuse rather than merge several dates' maps
    return False


def same_source(found: SourceFeatures, other: SourceFeatures) -> bool:
    """True when :func:`assemble_layer` makes the same territory of both (dates aside).

    The territory depends on the features' geometries, their properties (the
    categories) and the declared CRS, so those must be identical: every
    coordinate equal and in the same order (``equals_identical``), not merely
    the same shape. A daily history repeats the day before's map often (about
    one day in seven in DeepStateMap's), and such a day needs no cleaning,
    projection or measurement of its own.

    >>> square = shapely.box(37, 47, 38, 48)
    >>> a = SourceFeatures([square], [{}], None, "GeoJSON")
    >>> same_source(a, SourceFeatures([shapely.box(37, 47, 38, 48)], [{}], None, "GeoJSON"))
    True
    >>> same_source(a, SourceFeatures([shapely.box(37, 47, 38, 48.1)], [{}], None, "GeoJSON"))
    False
    """
    if (
        len(found.geometries) != len(other.geometries)
        or found.deepstate_styled != other.deepstate_styled
        or not _identical(found.properties, other.properties)
        or (found.crs is None) != (other.crs is None)
    ):
        return False
    mine, theirs = geometry_array(found.geometries), geometry_array(other.geometries)
    missing = shapely.is_missing(mine)
    if not np.array_equal(missing, shapely.is_missing(theirs)):
        return False
    if not shapely.equals_identical(mine[~missing], theirs[~missing]).all():
        return False
    return found.crs is None or found.crs.is_exact_same(other.crs)


def _identical(a, b) -> bool:
    """Equal and of the same types all the way down (``1 == 1.0 == True`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_identical(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_identical(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def shortened(name: str | None, limit: int = MAX_NAME_CHARS) -> str | None:
    """A feature's name as shown: at most ``limit`` characters, cut with an ellipsis.

    >>> shortened("Occupied")
    'Occupied'
    >>> len(shortened("A" * 10_000)), shortened("A" * 10_000)[-1]
    (120, '…')
    """
    if name is None or len(name) <= limit:
        return name
    return name[: limit - 1].rstrip() + "…"


def within_region(geometry):
    """A polygonal geometry cut to :data:`REGION` and with no edge longer than 1°.

    Everything is measured in an equal-area projection of its vertices; an
    edge thousands of kilometres long (a polygon drawn round the world or a
    hemisphere) would not project as the line it is. Cut to the region around
    Ukraine (exactly: edges are straight in longitude and latitude) and with
    long edges divided, it does.

    >>> world = shapely.box(-180, -90, 180, 90)
    >>> within_region(world).bounds
    (20.0, 42.0, 43.0, 55.0)
    """
    if geometry is None or shapely.is_empty(geometry):
        return geometry
    west, south, east, north = shapely.bounds(geometry)
    r_west, r_south, r_east, r_north = REGION
    if west < r_west or south < r_south or east > r_east or north > r_north:
        geometry = shapely.clip_by_rect(geometry, *REGION)
        if not shapely.is_valid(geometry):
            geometry = _polygonal_part(shapely.make_valid(geometry)) or shapely.Polygon()
    if _longest_edge(geometry) < MAX_EDGE_DEG:
        # Nothing to divide: skip segmentize, which costs as much as a validity check
        # (GEOS checks its output) and would return the same, valid, geometry.
        return geometry
    return shapely.segmentize(geometry, MAX_EDGE_DEG)


def _longest_edge(geometry) -> float:
    """The length of a polygonal geometry's longest edge, in its own units.

    >>> _longest_edge(shapely.box(0, 0, 3, 4).union(shapely.box(10, 10, 11, 11)))
    4.0
    """
    rings = shapely.get_rings(shapely.get_parts(geometry))
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    if len(coords) < 2:
        return 0.0
    step = np.diff(coords, axis=0)
    squared = np.einsum("ij,ij->i", step, step)
    squared[ring[1:] != ring[:-1]] = 0.0  # from one ring's end to the next ring's start
    return float(np.sqrt(squared.max()))


def _has_nonfinite_coordinates(geometries: np.ndarray) -> np.ndarray:
    """For each geometry (or None), whether any of its coordinates is NaN or infinite."""
    result = np.zeros(len(geometries), dtype=bool)
    present = np.flatnonzero(~shapely.is_missing(geometries))
    if len(present) == 0:
        return result
    coords, index = shapely.get_coordinates(geometries[present], return_index=True)
    bad = ~np.isfinite(coords).all(axis=1)
    if bad.any():
        result[present[np.unique(index[bad])]] = True
    return result


def crs_from_user_input(value: object, path: Path) -> pyproj.CRS:
    """A CRS from a name such as ``EPSG:3857`` or ``urn:ogc:def:crs:OGC:1.3:CRS84``."""
    try:
        return pyproj.CRS.from_user_input(value)
    except CRSError as error:
        raise BadInputError(path, f"unknown coordinate system {value!r} ({error})") from None


def _to_wgs84(geometries: np.ndarray, crs: pyproj.CRS | None, path: Path, notes: list[str]):
    if crs is None:
        _require_lon_lat(geometries, path)
        return geometries
    if crs.is_geographic and crs.equals("OGC:CRS84", ignore_axis_order=True):
        return geometries
    try:
        transformer = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    except CRSError as error:
        raise BadInputError(path, f"cannot convert from {crs.name} to WGS84 ({error})") from None
    notes.append(f"converted from {crs.name} to WGS84")

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack((x, y))

    converted = shapely.transform(geometries, project)
    if not np.isfinite(shapely.bounds(converted[~shapely.is_missing(converted)])).all():
        raise BadInputError(path, f"coordinates fall outside {crs.name}'s valid area")
    return converted


def _require_lon_lat(geometries: np.ndarray, path: Path) -> None:
    present = geometries[~shapely.is_missing(geometries)]
    if len(present) == 0:
        return
    xmin, ymin, xmax, ymax = shapely.total_bounds(present)
    if not np.isfinite([xmin, ymin, xmax, ymax]).all():
        return
    if xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
        largest = max(abs(xmin), abs(xmax), abs(ymin), abs(ymax))
        raise BadInputError(
            path,
            f"coordinates up to {largest:,.0f} are not longitude/latitude and the file does "
            "not say which coordinate system they are in; export it again in WGS84 "
            "(EPSG:4326) or with its coordinate system (for a shapefile, its .prj file)",
        )


def _fix_swapped_axes(
    geometries: np.ndarray, notes: list[str], name_far: bool = True
) -> np.ndarray:
    """Swap x and y when the data lies off Ukraine as given but around Ukraine when swapped.

    Swapped, all of it must fall within :data:`REGION`: a box south of Ukraine
    (longitudes 20 to 45, latitudes 30 to 43) would overlap Ukraine swapped too, but
    reaches far outside the region and is read as given.
    """
    present = geometries[~shapely.is_missing(geometries)]
    if len(present) == 0:
        return geometries
    bounds = shapely.total_bounds(present)
    swapped_bounds = bounds[[1, 0, 3, 2]]
    if (
        not _overlaps_ukraine(bounds)
        and _overlaps_ukraine(swapped_bounds)
        and _within_region(swapped_bounds)
    ):
        notes.append(
            "coordinates were in latitude/longitude order; read them as longitude/latitude"
        )
        return shapely.transform(geometries, lambda coords: coords[:, ::-1])
    if not _overlaps_ukraine(bounds):
        notes.append(OUTSIDE_UKRAINE)
        return geometries
    # The layer is about Ukraine: a feature of it far from Ukraine is left out (cut to the
    # region), and said, with a hint when it would lie in Ukraine swapped.
    areas = present[np.isin(shapely.get_type_id(present), (3, 6, 7))] if name_far else present[:0]
    away = [b for b in shapely.bounds(areas) if not _overlaps_ukraine(b)]
    if away:
        swapped = sum(_overlaps_ukraine(b[[1, 0, 3, 2]]) for b in away)
        hint = (f" ({swapped} of them would lie in Ukraine with latitude and longitude "
                "swapped)" if swapped else "")  # fmt: skip
        count = f"{len(away)} feature{'s' if len(away) > 1 else ''}"
        notes.append(f"{count} far from Ukraine: not counted{hint}")
    return geometries


def _within_region(bounds: np.ndarray) -> bool:
    xmin, ymin, xmax, ymax = bounds
    r_west, r_south, r_east, r_north = REGION
    return bool(r_west <= xmin and xmax <= r_east and r_south <= ymin and ymax <= r_north)


def _overlaps_ukraine(bounds: np.ndarray) -> bool:
    xmin, ymin, xmax, ymax = bounds
    uxmin, uymin, uxmax, uymax = UKRAINE_EXTENT
    return bool(xmin <= uxmax and xmax >= uxmin and ymin <= uymax and ymax >= uymin)


def _polygonal_part(geometry):
    """The polygons of a geometry (from a collection, the polygon members), or ``None``."""
    if geometry is None:
        return None
    kind = shapely.get_type_id(geometry)
    if kind in _POLYGONAL:
        return geometry
    if kind == shapely.GeometryType.GEOMETRYCOLLECTION:
        polygons = _polygon_members(geometry)
        if polygons:
            return shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]
    return None


def _polygon_members(collection) -> list:
    """The polygon members of a collection, at any depth (a collection may hold collections).

    >>> inner = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.Point(5, 5)])
    >>> [p.area for p in _polygon_members(shapely.GeometryCollection([inner]))]
    [1.0]
    """
    polygons, pending = [], list(shapely.get_parts(collection))
    while pending:
        part = pending.pop()
        kind = shapely.get_type_id(part)
        if kind in _POLYGONAL:
            polygons.append(part)
        elif kind == shapely.GeometryType.GEOMETRYCOLLECTION:
            pending.extend(shapely.get_parts(part))
    return polygons


def _union(geometries: list):
    if not geometries:
        return shapely.Polygon()
    if len(geometries) == 1:
        return geometries[0]
    return union_parts(geometries)


def _date_origin(date, own, said: str) -> DateOrigin:
    if date is not None:
        return "argument"
    if own is None:
        return "unknown"
    return "metadata" if said == "metadata" else "file name"


def _no_polygon_reason(report: ImportReport) -> str:
    if report.features_read == 0:
        return "it holds no features"
    details = []
    if report.skipped_non_polygon:
        details.append(f"{report.skipped_non_polygon} points, lines or empty features")
    if report.skipped_unreadable:
        details.append(f"{report.skipped_unreadable} unreadable features")
    return "it holds no polygons (found " + ", ".join(details) + "); a control layer needs areas"
