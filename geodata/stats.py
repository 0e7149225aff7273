"""Occupied area and share per first-level unit and per group of units.

"Controlled" in names and JSON fields is the control layer's area: DeepStateMap
calls it occupied, and so does the app. By default the figures include the
border and coast reconciliation of :mod:`geodata.reconcile`; the km² it added
are reported beside them (``added_by_reconciliation_km2``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.categories import CONTROLLED, DEFAULT_COUNTING, Counting, label_of
from geodata.control import ControlLayer
from geodata.figures import round_km2, round_pct, share_pct
from geodata.geometry import to_equal_area_valid
from geodata.groups import GROUPS, RegionGroup
from geodata.places import PEOPLE_NOTE, PLACE_FIELDS, held_places, place_table
from geodata.reconcile import DEFAULT_TOLERANCE_KM, check_tolerance, reconcile_layer
from geodata.unit_measure import measure_unit, unit_cells

ADDED = "added_by_reconciliation_km2"
REGION_COLUMNS = ["code", "name", "area_km2", "controlled_km2", "controlled_pct", ADDED]
GROUP_COLUMNS = ["id", "name", "area_km2", "controlled_km2", "controlled_pct", ADDED]

# Raised whenever the raw measurement changes for the same file and boundaries (what the
# importers keep, the clip to the map's region, the projection), so stored figures made
# the old way are computed again instead of being served. 2: clip and long-edge segmentizing.
# 3: measured cell by cell (geodata.unit_measure).
MEASURE_VERSION = 3


def figures_key(boundaries: BoundarySet) -> str:
    """The store's key for raw figures measured against ``boundaries`` the current way.

    >>> figures_key(load_boundaries()).endswith(f"/measure-v{MEASURE_VERSION}")
    True
    """
    return f"{boundaries.version}/measure-v{MEASURE_VERSION}"


def region_table(
    boundaries: BoundarySet, controlled_km2: np.ndarray, added_km2: np.ndarray | None = None
) -> pd.DataFrame:
    """The per-unit table (:data:`REGION_COLUMNS`) from per-unit km², in the boundary set's order.

    ``controlled_km2`` includes ``added_km2``, the part reconciliation added.
    """
    added = np.zeros(len(controlled_km2)) if added_km2 is None else np.asarray(added_km2)
    return pd.DataFrame(
        {
            "code": boundaries.units["code"].to_numpy(),
            "name": boundaries.units["name"].to_numpy(),
            "area_km2": boundaries.area_km2,
            "controlled_km2": controlled_km2,
            "controlled_pct": share_pct(controlled_km2, boundaries.area_km2),
            ADDED: added,
        }
    )


def controlled_area_by_region(controlled, boundaries: BoundarySet | None = None) -> pd.DataFrame:
    """Area, controlled area and controlled share of each first-level unit.

    Parameters
    ----------
    controlled : shapely.Geometry
        Controlled territory in WGS84 (lon, lat), e.g. ``ControlLayer.controlled``.
        Anything outside Ukraine is ignored.
    boundaries : BoundarySet, optional
        The units to measure; the bundled ones by default.

    Returns
    -------
    pandas.DataFrame
        One row per unit in the boundary set's order, the columns of
        :data:`REGION_COLUMNS` (unrounded). This is the raw intersection: the
        geometry as it is, with nothing added by reconciliation (see
        :func:`compute_stats`).

    Notes
    -----
    Areas are measured in :data:`geodata.projection.EQUAL_AREA_CRS`. The control
    geometry is projected once, clipped to each unit's bounding box (cheap, and it
    keeps each overlay small), then measured cell by cell by
    :func:`geodata.unit_measure.measure_unit`.

    Examples
    --------
    >>> b = load_boundaries()
    >>> kharkiv = b.units.geometry[b.row_of("UA-63")]
    >>> table = controlled_area_by_region(kharkiv, b)
    >>> table.set_index("code").loc[["UA-63", "UA-14"], "controlled_pct"].round(2).tolist()
    [100.0, 0.0]
    """
    boundaries = boundaries or load_boundaries()
    return region_table(boundaries, _controlled_km2(controlled, boundaries))


def controlled_area_by_group(
    by_region: pd.DataFrame, groups: Iterable[RegionGroup] = GROUPS
) -> pd.DataFrame:
    """Sum a :func:`controlled_area_by_region` table over groups of units.

    >>> regions = pd.DataFrame({"code": ["UA-43", "UA-40"], "name": ["Crimea", "Sevastopol"],
    ...                         "area_km2": [300.0, 100.0], "controlled_km2": [300.0, 0.0]})
    >>> from geodata.groups import CRIMEA_2014
    >>> controlled_area_by_group(regions, [CRIMEA_2014])["controlled_pct"].tolist()
    [75.0]
    """
    indexed = by_region.set_index("code")
    rows = []
    for group in groups:
        members = indexed.loc[list(group.codes)]
        area = float(members["area_km2"].sum())
        controlled = float(members["controlled_km2"].sum())
        rows.append(
            {
                "id": group.id,
                "name": group.name,
                "area_km2": area,
                "controlled_km2": controlled,
                "controlled_pct": share_pct(controlled, area),
                ADDED: float(members[ADDED].sum()) if ADDED in members else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


@dataclass(frozen=True, eq=False)
class ControlStats:
    """Statistics of one control layer: per unit and per group, with the layer's date and source."""

    date: dt.date | None
    source: str
    regions: pd.DataFrame
    groups: pd.DataFrame
    reconcile_km: float = 0.0  # the reconciliation tolerance the figures include
    credit: str = ""  # who to credit for the control areas (e.g. DeepStateMap)
    # Which gazetteer places are held (one bool a place, geodata.places), if known.
    held: np.ndarray | None = None
    # Per category the source distinguishes (geodata.categories), if it has more than
    # one kind of area: CATEGORY_COLUMNS, raw km² per unit and group.
    categories: pd.DataFrame | None = None
    counting: Counting = DEFAULT_COUNTING

    @functools.cached_property
    def places(self) -> pd.DataFrame | None:
        """Settlements and people per unit and group (:func:`geodata.places.place_table`)."""
        return None if self.held is None else place_table(self.held)

    @functools.cached_property
    def method(self):
        """The :class:`~geodata.method.MethodNote` of these figures (how they were made)."""
        from geodata.method import method_note  # the note reads these statistics

        return method_note(self)

    def only(self, region_codes, group_ids) -> ControlStats:
        """The same statistics for some units and groups only; the method note stays whole."""
        note = self.method
        limited = dataclasses.replace(
            self,
            regions=self.regions[self.regions["code"].isin(region_codes)].reset_index(drop=True),
            groups=self.groups[self.groups["id"].isin(group_ids)].reset_index(drop=True),
        )
        if self.categories is not None:
            keep = self.categories["code"].isin([*region_codes, *group_ids])
            limited = dataclasses.replace(
                limited, categories=self.categories[keep].reset_index(drop=True)
            )
        limited.__dict__["method"] = note
        return limited

    def category_totals(self, group_id: str = "ukraine") -> list[dict]:
        """Per category: ``category``, ``label``, ``km2``, ``pct`` in one group, ``counted``.

        Empty when the source has one kind of area.
        """
        if self.categories is None:
            return []
        rows = self.categories[
            (self.categories["level"] == "group") & (self.categories["code"] == group_id)
        ]
        return [
            {"category": r["category"], "label": label_of(r["category"]), "km2": r["km2"],
             "pct": r["pct"], "counted": self.counting.counts(r["category"])}
            for r in rows.to_dict("records")
        ]  # fmt: skip

    def to_dict(self) -> dict:
        """The documented JSON shape: ``{"date", "source", "regions", "groups", "metadata"}``.

        Areas are rounded to 0.1 km², shares to 0.01 percentage points;
        ``metadata`` is the :attr:`method` note as data.
        """
        data = {
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "regions": [_rounded(r, "code") for r in self.regions.to_dict("records")],
            "groups": [_rounded(g, "id") for g in self.groups.to_dict("records")],
            "metadata": self.method.to_dict(),
        }
        if self.places is not None:
            counts = self.places.set_index("code")[PLACE_FIELDS]
            for record in data["regions"] + data["groups"]:
                key = record.get("code", record.get("id"))
                if key in counts.index:
                    record.update({k: int(v) for k, v in counts.loc[key].items()})
            data["metadata"]["people"] = PEOPLE_NOTE
        if self.categories is not None:
            data["categories"] = category_records(self.categories, self.counting)
        return data


def compute_stats(
    layer: ControlLayer,
    boundaries: BoundarySet | None = None,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
) -> ControlStats:
    """Per-unit and per-group occupied area of a control layer, reconciled along border and coast.

    Parameters
    ----------
    layer : ControlLayer
        The control data.
    boundaries : BoundarySet, optional
        The units; the bundled ones by default.
    reconcile_km : float
        Tolerance of the border and coast reconciliation (:mod:`geodata.reconcile`);
        0 gives the raw intersection.

    Examples
    --------
    >>> import shapely
    >>> from geodata.control import ControlLayer
    >>> b = load_boundaries()
    >>> luhansk = ControlLayer(b.units.geometry[b.row_of("UA-09")], None, "test", "GeoJSON")
    >>> stats = compute_stats(luhansk, b)
    >>> stats.groups.set_index("id").loc["annexed-2022", "controlled_pct"].round(1)
    np.float64(24.8)
    """
    boundaries = boundaries or load_boundaries()
    reconcile_km = check_tolerance(reconcile_km)
    raw = _controlled_km2(layer.controlled, boundaries)
    reconciliation = reconcile_layer(layer, boundaries, reconcile_km)
    added = reconciliation.added_km2
    regions = region_table(boundaries, raw + added, added)
    return ControlStats(
        layer.date,
        layer.source,
        regions,
        controlled_area_by_group(regions),
        reconcile_km=reconcile_km,
        credit=layer.credit,
        held=held_places(layer.controlled, reconciliation, boundaries),
        categories=category_figures(layer, boundaries),
        counting=layer.counting,
    )


#: Columns of the per-category figures: ``level`` is ``group`` or ``region``, ``code``
#: a group id or a unit code.
CATEGORY_COLUMNS = ["category", "level", "code", "name", "area_km2", "km2", "pct"]


def category_figures(layer: ControlLayer, boundaries: BoundarySet | None = None):
    """Raw km² and share of each category a layer distinguishes, per group and unit.

    ``None`` for a layer of one kind of area (:data:`~geodata.categories.CONTROLLED`):
    its figures are the occupied ones. Each category is measured on its own,
    without border reconciliation (which applies to what counts as occupied).

    >>> from shapely import box
    >>> from geodata.categories import CONTESTED, OCCUPIED
    >>> parts = {OCCUPIED: box(37, 47, 37.5, 47.5), CONTESTED: box(37.5, 47, 38, 47.5)}
    >>> layer = ControlLayer(parts[OCCUPIED], None, "x", "DeepStateMap", parts)
    >>> table = category_figures(layer)
    >>> sorted(set(table["category"]))
    ['contested', 'occupied']
    """
    keys = list(layer.categories)
    if not keys and (layer.controlled is None or shapely.is_empty(layer.controlled)):
        return pd.DataFrame(columns=CATEGORY_COLUMNS)  # every polygon left out: none counts
    if not keys or keys == [CONTROLLED]:
        return None
    boundaries = boundaries or load_boundaries()
    frames = []
    for key in keys:
        regions = region_table(boundaries, _controlled_km2(layer.categories[key], boundaries))
        groups = controlled_area_by_group(regions)
        for level, table, code in (("group", groups, "id"), ("region", regions, "code")):
            frames.append(
                pd.DataFrame(
                    {
                        "category": key,
                        "level": level,
                        "code": table[code].to_numpy(),
                        "name": table["name"].to_numpy(),
                        "area_km2": table["area_km2"].to_numpy(),
                        "km2": table["controlled_km2"].to_numpy(),
                        "pct": table["controlled_pct"].to_numpy(),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)[CATEGORY_COLUMNS]


def category_records(table: pd.DataFrame, counting: Counting) -> list[dict]:
    """:func:`category_figures` as JSON-ready records, one per category, rounded as figures."""
    records = []
    for key, rows in table.groupby("category", sort=False):
        entry = {
            "category": key,
            "label": label_of(key),
            "counted_as_occupied": counting.counts(key),
        }
        for level, name in (("group", "groups"), ("region", "regions")):
            part = rows[rows["level"] == level]
            entry[name] = [
                {"code": r["code"], "name": r["name"], "km2": round_km2(r["km2"]),
                 "pct": round_pct(r["pct"])}
                for r in part.to_dict("records")
            ]  # fmt: skip
        records.append(entry)
    return records


def _controlled_km2(controlled, boundaries: BoundarySet) -> np.ndarray:
    result = np.zeros(len(boundaries.units))
    if controlled is None or shapely.is_empty(controlled):
        return result
    projected = to_equal_area_valid(controlled)
    shapely.prepare(projected)
    units = boundaries.prepared_equal_area()
    bounds = shapely.bounds(units)
    for index in np.flatnonzero(shapely.intersects(units, projected)):
        clipped = shapely.clip_by_rect(projected, *bounds[index])
        result[index] = measure_unit(unit_cells(boundaries, index), clipped)[0]
    return result


def _rounded(record: dict, key: str) -> dict:
    return {
        key: record[key],
        "name": record["name"],
        "area_km2": round_km2(record["area_km2"]),
        "controlled_km2": round_km2(record["controlled_km2"]),
        "controlled_pct": round_pct(record["controlled_pct"]),
        ADDED: round_km2(record.get(ADDED, 0.0)),
    }
