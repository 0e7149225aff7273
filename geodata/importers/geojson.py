"""Read GeoJSON and DeepStateMap API documents.

Accepted shapes:

* a GeoJSON FeatureCollection, Feature or bare geometry (RFC 7946, or the 2008
  draft with a ``crs`` member);
* DeepStateMap's ``/api/history/last`` document ``{"id", "datetime", "map": FeatureCollection}``
  and its ``/api/history/<id>/geojson`` document, bare or wrapped as ``{"map": …}``.

Features named in DeepStateMap's ``uk /// en /// key`` style are filtered to the
occupied categories (see :mod:`geodata.importers.deepstate`).
"""

from __future__ import annotations

import json
from itertools import chain
from pathlib import Path

import numpy as np
import orjson
import shapely
from shapely.errors import GEOSException

from geodata.dates import date_from_iso_datetime, date_from_timestamp
from geodata.errors import BadInputError
from geodata.importers.assemble import SourceFeatures, crs_from_user_input
from geodata.importers.deepstate import looks_like_deepstate

_GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


def read_geojson(path: Path, content: bytes | None = None) -> SourceFeatures:
    """Read a GeoJSON or DeepStateMap JSON file into :class:`SourceFeatures`.

    ``content`` is the file's bytes, when they have been read already.

    Raises :class:`~geodata.errors.BadInputError` for anything that is not one
    of the accepted shapes, naming what was found instead.
    """
    notes: list[str] = []
    document = _load_json(path, notes, content)
    metadata_date = None
    from_deepstate_api = False
    if isinstance(document, dict) and "map" in document:
        from_deepstate_api = True
        metadata_date = _deepstate_date(document)
        document = document["map"]
    features = _features_of(document, path)
    crs = _declared_crs(document, path)

    geometries, properties, unreadable = [], [], 0
    built: list = []  # each feature's geometry, when built straight from its coordinates
    texts: list[bytes] = []  # GeoJSON text of the others, parsed by GEOS in one call
    for feature in features:
        if not isinstance(feature, dict):
            unreadable += 1
            continue
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        raw_geometry = feature.get("geometry")
        if raw_geometry is not None and not isinstance(raw_geometry, dict):
            unreadable += 1  # a geometry must be a JSON object
            continue
        geometry = _polygonal(raw_geometry)
        text = b""
        if geometry is None and raw_geometry is not None:
            try:
                text = orjson.dumps(raw_geometry)
            except TypeError:  # orjson.JSONEncodeError: numbers beyond 64 bits, say
                unreadable += 1
                continue
        built.append(geometry)
        texts.append(text)
        properties.append(props)
    parsed, failed = _parse_geometries([t for t, g in zip(texts, built, strict=True) if g is None])
    others = iter(zip(parsed, failed, strict=True))
    kept = []
    for geometry, props in zip(built, properties, strict=True):
        bad = False
        if geometry is None:
            geometry, bad = next(others)
        if bad:
            unreadable += 1
            continue
        geometries.append(geometry)
        kept.append(props)
    properties = kept

    deepstate_styled = from_deepstate_api or any(looks_like_deepstate(p) for p in properties)
    return SourceFeatures(
        geometries=geometries,
        properties=properties,
        crs=crs,
        format_name="DeepStateMap" if deepstate_styled else "GeoJSON",
        metadata_date=metadata_date,
        deepstate_styled=deepstate_styled,
        unreadable=unreadable,
        notes=notes,
    )


def _load_json(path: Path, notes: list[str], content: bytes | None = None):
    """The parsed document (``content``: the file's bytes, if read already)."""
    data = read_bytes(path) if content is None else content
    if not data.strip():
        raise BadInputError(path, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # GeoJSON must be UTF-8, but geometry does not depend on text: read on,
        # and say that names may be garbled.
        text = data.decode("utf-8", errors="replace")
        notes.append(
            f"the file is not valid UTF-8 (byte {data[error.start]:#04x} at offset "
            f"{error.start}); names in it may show wrongly"
        )
    try:
        # orjson: the same JSON, parsed several times faster (a history is hundreds of files).
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass  # the standard parser accepts a little more (NaN) and explains errors better
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        cut_short = error.pos >= len(text.rstrip()) - 1 or error.msg.startswith("Unterminated")
        hint = "; the file seems cut short" if cut_short else ""
        raise BadInputError(
            path, f"not valid JSON ({error.msg}: line {error.lineno}, column {error.colno}){hint}"
        ) from None
    except RecursionError:
        raise BadInputError(path, "the JSON is nested too deeply to be GeoJSON") from None


def _polygonal(raw) -> shapely.Geometry | None:
    """A Polygon or MultiPolygon built straight from its parsed coordinates, or None.

    Control areas are polygons: building them from the coordinates orjson has
    already parsed saves writing them back to JSON for GEOS to parse again (a
    history reads hundreds of files). The coordinates are the same doubles either
    way. Anything else — other types, a point of one value or five, a ring too short or a
    value that is not a number — is left to GEOS's parser (None), which reads or
    rejects it as before. A height (and a measure) after the longitude and latitude
    is dropped, as every control layer is flat.
    """
    if not isinstance(raw, dict):
        return None
    kind, coordinates = raw.get("type"), raw.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        polygons = coordinates
    else:
        return None
    if not polygons:
        return shapely.from_wkt("MULTIPOLYGON EMPTY")
    # Every ring's points in one list, with the rings' and polygons' sizes: one array
    # and one call to GEOS for the whole geometry (a map has dozens of small rings).
    ring_sizes, ring_counts, points = [], [], []
    try:
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                return None
            ring_counts.append(len(polygon))
            for ring in polygon:
                if not isinstance(ring, list):
                    return None
                ring_sizes.append(len(ring))
                points.extend(ring)
        lengths = set(map(len, points))
        if lengths != {2}:
            if not lengths or min(lengths) < 2 or max(lengths) > 4:
                return None  # a point of one value, or of many: GEOS says what is wrong
            # A height, and a measure after it, are dropped as GDAL drops them (force_2d).
            points = [point[:2] for point in points]
        values = list(chain.from_iterable(points))
    except TypeError:  # a point that is no list
        return None
    # Only JSON numbers: numpy would take text ("48"), true and null for numbers.
    if not set(map(type, values)) <= {float, int}:
        return None
    try:
        coords = np.fromiter(values, np.float64, len(values)).reshape(-1, 2)
    except OverflowError:  # an integer beyond a double
        return None
    sizes = np.array(ring_sizes)
    ends = np.cumsum(sizes)
    if (sizes < 4).any() or not np.isfinite(coords).all():
        return None
    if not (coords[ends - sizes] == coords[ends - 1]).all():
        return None  # an unclosed ring: GEOS says what is wrong
    rings = np.concatenate([[0], ends])
    parts = np.concatenate([[0], np.cumsum(ring_counts)])
    if kind == "Polygon":
        return shapely.from_ragged_array(shapely.GeometryType.POLYGON, coords, (rings, parts))[0]
    whole = np.array([0, len(polygons)])
    return shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, coords, (rings, parts, whole)
    )[0]


def _parse_geometries(texts: list[bytes]) -> tuple[list, list[bool]]:
    """Geometries from their GeoJSON texts (empty text: no geometry), and which failed."""
    if not texts:
        return [], []
    array = np.array([t.decode() if t else None for t in texts], dtype=object)
    try:
        parsed = shapely.from_geojson(array)
        return list(parsed), [False] * len(texts)
    except (GEOSException, ValueError):
        pass
    # One of them is broken: find which, one by one.
    geometries, failed = [], []
    for text in texts:
        try:
            geometries.append(shapely.from_geojson(text.decode()) if text else None)
            failed.append(False)
        except (GEOSException, ValueError):
            geometries.append(None)
            failed.append(True)
    return geometries, failed


def read_bytes(path: Path) -> bytes:
    """A file's bytes; an error reading it is a :class:`BadInputError` naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInputError(path, "no such file") from None
    except IsADirectoryError:
        raise BadInputError(path, "it is a folder, not a file") from None
    except PermissionError:
        raise BadInputError(path, "permission denied") from None
    except OSError as error:
        raise BadInputError(path, error.strerror or str(error)) from None


def _features_of(document, path: Path) -> list:
    if isinstance(document, list):
        if document and all(isinstance(d, dict) and "createdAt" in d for d in document):
            raise BadInputError(
                path,
                "this is DeepStateMap's list of updates, not a map; "
                "open one update's map (history/<id>/geojson) instead",
            )
        raise BadInputError(path, "a JSON list is not GeoJSON; expected a FeatureCollection")
    if not isinstance(document, dict):
        raise BadInputError(path, f"not GeoJSON: the file holds a JSON {type(document).__name__}")
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise BadInputError(path, "the FeatureCollection has no 'features' list")
        return features
    if kind == "Feature":
        return [document]
    if kind in _GEOMETRY_TYPES:
        return [{"type": "Feature", "geometry": document, "properties": {}}]
    if kind == "Topology":
        raise BadInputError(path, "this is TopoJSON; convert it to GeoJSON first")
    raise BadInputError(
        path,
        f"not GeoJSON: expected a FeatureCollection, a Feature or a geometry, found type {kind!r}",
    )


def _declared_crs(document, path: Path):
    # RFC 7946 GeoJSON is always WGS84 lon/lat; the 2008 draft could name a CRS.
    crs = document.get("crs") if isinstance(document, dict) else None
    if not isinstance(crs, dict):
        return None
    name = (
        (crs.get("properties") or {}).get("name")
        if isinstance(crs.get("properties"), dict)
        else None
    )
    if not isinstance(name, str):
        return None
    parsed = crs_from_user_input(name, path)
    # Any geographic CRS in GeoJSON means lon/lat order, whatever its axis definition says.
    return (
        None if parsed.is_geographic and parsed.datum.name.startswith("World Geodetic") else parsed
    )


def _deepstate_date(document: dict):
    when = document.get("datetime")
    if isinstance(when, str):
        found = date_from_iso_datetime(when)
        if found:
            return found
    epoch = document.get("id")
    if isinstance(epoch, int | float) and not isinstance(epoch, bool) and 0 < epoch < 4102444800:
        return date_from_timestamp(epoch)
    return None
