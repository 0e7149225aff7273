"""Places beyond their unit's coarse boundary: held when the control data holds them."""

from __future__ import annotations

import numpy as np
import shapely

from geodata.boundaries import load_boundaries
from geodata.gazetteer import load_gazetteer
from geodata.places import held_places, place_points
from geodata.projection import from_equal_area


def _row(name: str, region: str) -> int:
    gazetteer = load_gazetteer()
    found = (gazetteer["name"] == name) & (gazetteer["region_code"] == region)
    return int(gazetteer.index[found][0])


def test_a_place_beyond_its_unit_is_held_where_its_own_point_is():
    # Veterynarne lies 2.5 km beyond Kharkiv oblast's 1:10m polygon, by the state border;
    # DeepStateMap's polygon held it from 2026-04-13 and the place read never held, as it
    # was tested only at a point moved kilometres along the border.
    gazetteer = load_gazetteer()
    for name, region in (("Veterynarne", "UA-63"), ("Pokrovka", "UA-59"), ("Khorly", "UA-65")):
        row = _row(name, region)
        own = shapely.Point(gazetteer.loc[row, "lon"], gazetteer.loc[row, "lat"])
        unit = load_boundaries().units.set_index("code").geometry[region]
        assert not shapely.covers(unit, own)
        around = shapely.buffer(own, 0.002)  # 200 m round the point, none of it in the unit
        assert not shapely.intersects(around, unit)
        assert held_places(around)[row]
        # A proposal decides by the point inside the unit: not held here.
        assert not held_places(around, own_points=False)[row]


def test_a_place_beyond_its_unit_is_also_tested_just_inside_it():
    # Ceding the oblast cedes the town: the point inside the unit is the nearest one,
    # 50 m in, not one kilometres along the border.
    boundaries = load_boundaries()
    units = boundaries.units.set_index("code").geometry
    gazetteer = load_gazetteer()
    x, y = place_points()
    inside = from_equal_area(shapely.points(x, y))
    own = shapely.points(gazetteer["lon"].to_numpy(), gazetteer["lat"].to_numpy())
    region = units.reindex(gazetteer["region_code"]).to_numpy()
    beyond = np.flatnonzero(~shapely.covers(region, own))
    assert 0 < len(beyond) < 100
    assert shapely.covers(region[beyond], inside[beyond]).all()
    # Within 100 m (about 0.001°) of the unit's nearest point to the place.
    moved = shapely.distance(own[beyond], inside[beyond])
    gap = moved - shapely.distance(own[beyond], region[beyond])
    assert gap.max() < 0.0015
    kharkiv = units["UA-63"]
    assert held_places(kharkiv, own_points=False)[_row("Veterynarne", "UA-63")]
