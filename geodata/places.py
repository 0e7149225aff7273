"""Which settlements of the gazetteer are held, and how many places and people that makes.

The rule, stated once
---------------------
A place (a GeoNames point, :mod:`geodata.gazetteer`) is **held** on a date when
its point lies in the held territory as the figures count it: the control
geometry, plus the border and coast slivers that reconciliation
(:mod:`geodata.reconcile`) adds. The test runs in the equal-area projection the
statistics measure in, vectorised over all places (well under a millisecond a
date). Only places near Ukraine's outer boundary can fall in a sliver, so only
they are tested against it. A place whose point lies beyond its own unit's coarse
1:10m polygon (48 of them: on a river bank, the coast or the state border) is
tested at that point and at the nearest point inside its unit, and held when
either is; a proposal, which cedes and leaves whole units, decides by the point
inside.

**People** are the summed GeoNames populations of held places: an estimate from
pre-war figures (often the 2001 census or older), not a count of who lives there
today. Every output says so (:data:`PEOPLE_NOTE`).
"""

from __future__ import annotations

import hashlib
from functools import cache

import numpy as np
import pandas as pd
import shapely
import shapely.ops

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.gazetteer import GAZETTEER_FILE, load_gazetteer, settlement_rows
from geodata.groups import GROUPS
from geodata.projection import to_equal_area
from geodata.reconcile.grid import ukraine_equal_area
from geodata.reconcile.result import Reconciliation
from geodata.resources import resource_path

#: How people counts are labelled wherever they are shown.
PEOPLE_NOTE = (
    "People: an estimate, the summed GeoNames populations of the settlements (pre-war "
    "figures, often the 2001 census; city districts not counted again), not a census of today"
)
#: The per-unit and per-group fields :func:`place_table` adds to statistics.
PLACE_FIELDS = ["places_held", "places", "people_held", "people"]
#: Bumped when the rule above changes, so stored statuses are computed again.
STATUS_VERSION = 2
# A place beyond its unit is tested 50 m inside it too (about 0.0005 degrees).
_INSET_DEG = 0.0005
# Slivers lie within the tolerance of Ukraine's outline; a little more, for the projection.
_NEAR_FACTOR = 1.2


@cache
def place_points() -> tuple[np.ndarray, np.ndarray]:
    """The gazetteer's points in the equal-area projection (x, y in metres), each in its unit.

    A point just outside its own unit (on a river bank, the coast or the state
    border, beyond the coarse 1:10m boundary: Kherson's is 120 m out) is moved
    to the nearest point of the unit, 50 m inside it; otherwise ceding the
    oblast would not cede the town. The point itself is tested too
    (:func:`held_raw`).
    """
    places = load_gazetteer()
    points = shapely.points(places["lon"].to_numpy(), places["lat"].to_numpy())
    own = _own_units()
    for index in _beyond_unit_rows():
        unit = own[index]
        edge = shapely.ops.nearest_points(unit, points[index])[0]
        inset = shapely.intersection(unit, shapely.buffer(edge, _INSET_DEG))
        points[index] = edge if shapely.is_empty(inset) else inset.representative_point()
    projected = to_equal_area(points)
    return shapely.get_x(projected), shapely.get_y(projected)


@cache
def _beyond_unit_rows() -> np.ndarray:
    """Rows of the places whose own point lies outside their unit's polygon."""
    places = load_gazetteer()
    points = shapely.points(places["lon"].to_numpy(), places["lat"].to_numpy())
    return np.flatnonzero(~shapely.covers(_own_units(), points))


@cache
def _beyond_unit_points() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Those places' rows and their own points, projected (x, y in metres)."""
    rows = _beyond_unit_rows()
    places = load_gazetteer().iloc[rows]
    projected = to_equal_area(shapely.points(places["lon"].to_numpy(), places["lat"].to_numpy()))
    return rows, shapely.get_x(projected), shapely.get_y(projected)


def _own_units() -> np.ndarray:
    units = load_boundaries().units.set_index("code").geometry
    return units.reindex(load_gazetteer()["region_code"]).to_numpy()


@cache
def gazetteer_version() -> str:
    """A short hash of the bundled gazetteer: stored statuses are keyed by it."""
    return hashlib.sha256(resource_path(*GAZETTEER_FILE).read_bytes()).hexdigest()[:16]


def status_key(boundary_key: str, tolerance_km: float) -> str:
    """The history store's key for place statuses by this gazetteer, boundaries and method."""
    return f"{boundary_key}/places-{gazetteer_version()}/{tolerance_km:g}km/v{STATUS_VERSION}"


def held_raw(projected, own_points: bool = True) -> np.ndarray:
    """Which places lie in a control geometry (equal-area projection; None or empty: none).

    A place whose own point lies outside its unit is held when that point or the
    one moved inside its unit (:func:`place_points`) lies in it: the control
    data draws the border and coast its own way, and often holds the village
    the coarse boundary leaves out. With ``own_points`` False, only the point in
    the unit counts: a proposal, which cedes and leaves whole units, decides by it.
    """
    x, y = place_points()
    if projected is None or shapely.is_empty(projected):
        return np.zeros(len(x), dtype=bool)
    shapely.prepare(projected)
    held = shapely.contains_xy(projected, x, y)
    return _or_own_points(held, projected) if own_points else held


def _or_own_points(held: np.ndarray, projected) -> np.ndarray:
    """``held``, with each place beyond its unit held also when its own point is."""
    rows, x, y = _beyond_unit_points()
    held[rows] |= shapely.contains_xy(projected, x, y)
    return held


class HeldRawTracker:
    """:func:`held_raw` for a history's dates in order, testing again only places near a change.

    Given each date's :class:`~geodata.reconcile.edges.EdgeChange`, a place
    outside the window of the edges that changed keeps the day before's answer
    (it is inside the geometry on both dates or on neither); the few inside the
    window are tested again.
    """

    def __init__(self) -> None:
        self._last: np.ndarray | None = None

    def __call__(self, projected, change) -> np.ndarray:
        """Which places lie in ``projected`` (equal-area projection) on this date."""
        if projected is None or shapely.is_empty(projected):
            self._last = None
            return held_raw(None)
        if self._last is None or change.first:
            held = held_raw(projected)
        elif change.nothing:
            held = self._last
        else:
            x, y = place_points()
            xmin, ymin, xmax, ymax = change.window
            near = np.flatnonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax))
            held = self._last.copy()
            held[near] = shapely.contains_xy(projected, x[near], y[near])
            # Places beyond their unit with either point in the window: tested at both.
            rows, own_x, own_y = _beyond_unit_points()
            either = _inside(x[rows], y[rows], change.window) | _inside(own_x, own_y, change.window)
            rows, own_x, own_y = rows[either], own_x[either], own_y[either]
            held[rows] = shapely.contains_xy(projected, x[rows], y[rows]) | shapely.contains_xy(
                projected, own_x, own_y
            )
        self._last = held
        return held


def _inside(x: np.ndarray, y: np.ndarray, window) -> np.ndarray:
    xmin, ymin, xmax, ymax = window
    return (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)


@cache
def _near_outline(boundaries: BoundarySet, tolerance_km: float) -> np.ndarray:
    x, y = place_points()
    outline = shapely.boundary(ukraine_equal_area(boundaries))
    shapely.prepare(outline)
    return np.flatnonzero(
        shapely.dwithin(outline, shapely.points(x, y), _NEAR_FACTOR * tolerance_km * 1000.0)
    )


def held_with_slivers(
    raw: np.ndarray, reconciliation: Reconciliation | None, boundaries: BoundarySet
) -> np.ndarray:
    """``raw`` plus the places that lie in the slivers a reconciliation added."""
    return SliverTest(boundaries)(raw, reconciliation)


class SliverTest:
    """:func:`held_with_slivers` for many dates, reusing what it found for each sliver.

    Most days nothing changes near the border and the reconciler hands back the
    same result; and a changed result is mostly made of the same cells' pieces
    as before. Each piece is tested once (only against the places near the
    outline within its bounding box).
    """

    def __init__(self, boundaries: BoundarySet) -> None:
        self._boundaries = boundaries
        self._last: tuple[Reconciliation, np.ndarray] | None = None
        self._pieces: dict[int, tuple[shapely.Geometry, np.ndarray]] = {}

    def __call__(self, raw: np.ndarray, reconciliation: Reconciliation | None) -> np.ndarray:
        """Which places are held: ``raw``, or in the reconciliation's slivers."""
        if reconciliation is None or not reconciliation.pieces:
            return raw
        if self._last is None or self._last[0] is not reconciliation:
            near = _near_outline(self._boundaries, reconciliation.tolerance_km)
            hits = [self._hits(piece, near) for piece in reconciliation.pieces]
            self._last = (reconciliation, np.unique(np.concatenate(hits)))
        held = raw.copy()
        held[self._last[1]] = True
        return held

    def _hits(self, piece: shapely.Geometry, near: np.ndarray) -> np.ndarray:
        found = self._pieces.get(id(piece))
        if found is not None and found[0] is piece:
            return found[1]
        x, y = place_points()
        xmin, ymin, xmax, ymax = shapely.bounds(piece)
        px, py = x[near], y[near]
        candidates = near[(px >= xmin) & (px <= xmax) & (py >= ymin) & (py <= ymax)]
        hits = candidates[shapely.contains_xy(piece, x[candidates], y[candidates])]
        self._pieces[id(piece)] = (piece, hits)  # the piece is kept, so its id stays its own
        return hits


def held_places(
    controlled,
    reconciliation: Reconciliation | None = None,
    boundaries: BoundarySet | None = None,
    own_points: bool = True,
) -> np.ndarray:
    """Which places are held (one bool per gazetteer row) in a WGS84 control geometry
    (``own_points``: see :func:`held_raw`)."""
    projected = (
        None if controlled is None or shapely.is_empty(controlled) else to_equal_area(controlled)
    )
    raw = held_raw(projected, own_points)
    return held_with_slivers(raw, reconciliation, boundaries or load_boundaries())


def pack(held: np.ndarray) -> bytes:
    """A status row as bytes for the store (one bit a place)."""
    return np.packbits(np.asarray(held, dtype=bool)).tobytes()


def unpack(blob: bytes, count: int) -> np.ndarray | None:
    """A stored status row, or None when it cannot be one of ``count`` places."""
    if not isinstance(blob, bytes) or len(blob) != (count + 7) // 8:
        return None
    return np.unpackbits(np.frombuffer(blob, dtype=np.uint8), count=count).astype(bool)


@cache
def _unit_matrix(boundaries: BoundarySet) -> np.ndarray:
    """places × units, 1 where the place (a settlement, not a city district) lies in the unit."""
    codes = list(boundaries.codes)
    column = load_gazetteer()["region_code"].map({c: i for i, c in enumerate(codes)})
    matrix = np.zeros((len(column), len(codes)))
    # City districts are part of a city already counted: they count for nothing.
    found = column.notna().to_numpy() & settlement_rows()
    matrix[np.flatnonzero(found), column[found].astype(int).to_numpy()] = 1.0
    return matrix


def places_by_unit(held: np.ndarray, boundaries: BoundarySet | None = None) -> np.ndarray:
    """Held places and people per unit, for one date or many.

    ``held`` is (places,) or (dates, places). Returns (2, units) or
    (dates, 2, units): the count of held places, then their summed population.
    """
    boundaries = boundaries or load_boundaries()
    units = _unit_matrix(boundaries)
    population = load_gazetteer()["population"].to_numpy(dtype=float)
    held = np.asarray(held, dtype=float)
    counts = held @ units
    people = (held * population) @ units
    return np.stack([counts, people], axis=-2)


def place_table(held: np.ndarray, boundaries: BoundarySet | None = None) -> pd.DataFrame:
    """Per unit and group: places held and in all, people held and in all (one date).

    Columns ``level`` (``unit`` or ``group``), ``code``, ``places_held``,
    ``places``, ``people_held``, ``people``.
    """
    boundaries = boundaries or load_boundaries()
    held_now = places_by_unit(held, boundaries)
    everything = places_by_unit(np.ones_like(held, dtype=bool), boundaries)
    codes = list(boundaries.codes)
    rows = [("unit", code, *held_now[:, i], *everything[:, i]) for i, code in enumerate(codes)]
    for group in GROUPS:
        index = [codes.index(c) for c in group.codes]
        rows.append(("group", group.id, *held_now[:, index].sum(axis=1),
                     *everything[:, index].sum(axis=1)))  # fmt: skip
    table = pd.DataFrame(
        rows, columns=["level", "code", "places_held", "people_held", "places", "people"]
    )
    for column in ("places_held", "people_held", "places", "people"):
        table[column] = table[column].round().astype(np.int64)
    return table[["level", "code", "places_held", "places", "people_held", "people"]]
