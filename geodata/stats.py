"""Controlled area and share per first-level unit and per group of units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.control import ControlLayer
from geodata.groups import GROUPS, RegionGroup
from geodata.projection import to_equal_area

REGION_COLUMNS = ["code", "name", "area_km2", "controlled_km2", "controlled_pct"]
GROUP_COLUMNS = ["id", "name", "area_km2", "controlled_km2", "controlled_pct"]


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
        One row per unit in the boundary set's order, columns ``code``, ``name``,
        ``area_km2``, ``controlled_km2``, ``controlled_pct`` (unrounded).

    Notes
    -----
    Areas are measured in :data:`geodata.projection.EQUAL_AREA_CRS`. The control
    geometry is projected once, clipped to each unit's bounding box (cheap, and it
    keeps each overlay small), then intersected with the units in one vectorised
    call.

    Examples
    --------
    >>> b = load_boundaries()
    >>> kharkiv = b.units.geometry[b.row_of("UA-63")]
    >>> table = controlled_area_by_region(kharkiv, b)
    >>> table.set_index("code").loc[["UA-63", "UA-14"], "controlled_pct"].round(2).tolist()
    [100.0, 0.0]
    """
    boundaries = boundaries or load_boundaries()
    controlled_km2 = _controlled_km2(controlled, boundaries)
    return pd.DataFrame(
        {
            "code": boundaries.units["code"].to_numpy(),
            "name": boundaries.units["name"].to_numpy(),
            "area_km2": boundaries.area_km2,
            "controlled_km2": controlled_km2,
            "controlled_pct": 100.0 * controlled_km2 / boundaries.area_km2,
        }
    )


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
                "controlled_pct": 100.0 * controlled / area if area else 0.0,
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

    def to_dict(self) -> dict:
        """The documented JSON shape: ``{"date", "source", "regions": [...], "groups": [...]}``.

        Areas are rounded to 0.1 km², shares to 0.01 percentage points.
        """
        return {
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "regions": [_rounded(r, "code") for r in self.regions.to_dict("records")],
            "groups": [_rounded(g, "id") for g in self.groups.to_dict("records")],
        }


def compute_stats(layer: ControlLayer, boundaries: BoundarySet | None = None) -> ControlStats:
    """Per-unit and per-group controlled area of a control layer.

    >>> import shapely
    >>> from geodata.control import ControlLayer
    >>> b = load_boundaries()
    >>> luhansk = ControlLayer(b.units.geometry[b.row_of("UA-09")], None, "test", "GeoJSON")
    >>> stats = compute_stats(luhansk, b)
    >>> stats.groups.set_index("id").loc["annexed-2022", "controlled_pct"].round(1)
    np.float64(24.8)
    """
    regions = controlled_area_by_region(layer.controlled, boundaries)
    return ControlStats(layer.date, layer.source, regions, controlled_area_by_group(regions))


def _controlled_km2(controlled, boundaries: BoundarySet) -> np.ndarray:
    result = np.zeros(len(boundaries.units))
    if controlled is None or shapely.is_empty(controlled):
        return result
    projected = to_equal_area(controlled)
    shapely.prepare(projected)
    units = boundaries.prepared_equal_area()
    touching = np.flatnonzero(shapely.intersects(units, projected))
    if len(touching) == 0:
        return result
    unit_bounds = shapely.bounds(units[touching])
    clipped = np.array(
        [shapely.clip_by_rect(projected, *bounds) for bounds in unit_bounds], dtype=object
    )
    # clip_by_rect is fast but does not promise valid output; repair the rare
    # invalid clip rather than let the overlay fail on it.
    invalid = ~shapely.is_valid(clipped)
    if invalid.any():
        clipped[invalid] = shapely.make_valid(clipped[invalid])
    result[touching] = shapely.area(shapely.intersection(units[touching], clipped)) / 1e6
    return result


def _rounded(record: dict, key: str) -> dict:
    return {
        key: record[key],
        "name": record["name"],
        "area_km2": round(float(record["area_km2"]), 1),
        "controlled_km2": round(float(record["controlled_km2"]), 1),
        "controlled_pct": round(float(record["controlled_pct"]), 2),
    }
