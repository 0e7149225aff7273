"""Each operation on synthetic geometry with known answers."""

from __future__ import annotations

import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.projection import to_equal_area
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.operations import (
    CedeRegions,
    DemilitarizedZone,
    Freeze,
    TransferArea,
    WithdrawFromRegions,
)
from geodata.scenarios.proposals import Proposal


@pytest.fixture(scope="module")
def b():
    return load_boundaries()


def unit(b, code):
    return b.units.geometry[b.row_of(code)]


def km2(b, code):
    return float(b.area_km2[b.row_of(code)])


def run(b, held, *operations):
    layer = ControlLayer(held, None, "synthetic", "GeoJSON")
    return run_proposal(Proposal("t", "test", "test", tuple(operations)), layer, b)


def test_freeze_changes_nothing(b):
    result = run(b, unit(b, "UA-09"), Freeze())
    assert result.to_occupier_km2 == 0 and result.to_ukraine_km2 == 0
    assert result.regions["delta_km2"].abs().max() < 1e-6
    assert result.contact_line_km_after == pytest.approx(result.contact_line_km_before)


def test_cede_regions_moves_the_rest_of_each_region(b):
    half = shapely.clip_by_rect(unit(b, "UA-14"), 37.0, 46.0, 40.0, 49.5)  # the east of Donetsk
    result = run(b, half, CedeRegions(("UA-14", "UA-09")))
    regions = result.regions.set_index("code")
    held_before = regions.loc["UA-14", "controlled_km2_before"]
    assert result.to_occupier_km2 == pytest.approx(
        km2(b, "UA-14") - held_before + km2(b, "UA-09"), rel=1e-4
    )
    assert regions.loc["UA-14", "controlled_pct_after"] == pytest.approx(100, abs=0.01)
    assert regions.loc["UA-09", "controlled_pct_after"] == pytest.approx(100, abs=0.01)
    assert regions.loc["UA-23", "delta_km2"] == pytest.approx(0, abs=0.01)


def test_withdraw_from_regions_returns_everything_held_there(b):
    held = shapely.union_all([unit(b, "UA-09"), shapely.box(36.5, 49.6, 37.5, 50.2)])  # + Kharkiv
    result = run(b, held, WithdrawFromRegions(("UA-63",)))
    regions = result.regions.set_index("code")
    assert result.to_ukraine_km2 == pytest.approx(
        regions.loc["UA-63", "controlled_km2_before"], rel=1e-4
    )
    assert regions.loc["UA-63", "controlled_km2_after"] == pytest.approx(0, abs=0.01)
    assert regions.loc["UA-09", "delta_km2"] == pytest.approx(0, abs=0.01)
    assert result.to_occupier_km2 == pytest.approx(0, abs=0.01)


def test_transfer_area_both_ways(b):
    square = shapely.box(30, 49, 31, 50)
    area = shapely.area(to_equal_area(square)) / 1e6
    taken = run(b, shapely.Polygon(), TransferArea(square, "occupier"))
    assert taken.to_occupier_km2 == pytest.approx(area, rel=1e-4)
    given = run(b, square, TransferArea(shapely.box(30, 49, 30.5, 50), "ukraine"))
    assert given.to_ukraine_km2 == pytest.approx(area / 2, rel=1e-3)


def test_transfer_to_the_occupier_stops_at_the_border(b):
    straddling = shapely.box(36.5, 49.6, 39.5, 50.2)
    result = run(b, shapely.Polygon(), TransferArea(straddling, "occupier"))
    inside = result.regions["controlled_km2_after"].sum()
    assert result.to_occupier_km2 == pytest.approx(inside, rel=1e-4)
    assert result.to_occupier_km2 < shapely.area(to_equal_area(straddling)) / 1e6


def test_demilitarized_zone_on_a_straight_line(b):
    # Everything east of 35° E (inside Ukraine) held: the line runs north-south
    # across the country; a 10 km zone on each side is about 20 km times its length.
    east = shapely.intersection(
        shapely.box(35.0, 44.0, 41.0, 53.0), shapely.union_all(b.units.geometry.to_numpy())
    )
    result = run(b, east, DemilitarizedZone(10))
    (zone,) = result.demilitarized_zones
    expected = 20 * result.contact_line_km_before
    assert zone.area_km2 == pytest.approx(expected, rel=0.05)
    occupier = zone.by_region["occupier_side_km2"].sum()
    ukrainian = zone.by_region["ukraine_side_km2"].sum()
    assert occupier == pytest.approx(ukrainian, rel=0.1)
    assert result.to_occupier_km2 == 0 and result.to_ukraine_km2 == 0


def test_operations_apply_in_order(b):
    luhansk = unit(b, "UA-09")
    cede_then_withdraw = run(
        b, shapely.Polygon(), CedeRegions(("UA-09",)), WithdrawFromRegions(("UA-09",))
    )
    assert cede_then_withdraw.to_occupier_km2 == pytest.approx(0, abs=0.01)
    withdraw_then_cede = run(
        b, shapely.Polygon(), WithdrawFromRegions(("UA-09",)), CedeRegions(("UA-09",))
    )
    assert withdraw_then_cede.to_occupier_km2 == pytest.approx(
        shapely.area(to_equal_area(luhansk)) / 1e6, rel=1e-4
    )


def test_ceding_an_oblast_cedes_every_place_in_it(b):
    from geodata.gazetteer import load_gazetteer

    result = run(b, shapely.Polygon(), CedeRegions(("UA-65",)))
    places = result.places_changing_hands
    assert set(places["to"]) == {"occupier"} and set(places["code"]) == {"UA-65"}
    assert {"Kherson", "Nova Kakhovka"} <= set(places["name"])
    # Points on a river bank or the coast, just outside the 1:10m outline, go too.
    gazetteer = load_gazetteer()
    assert set(places["geonameid"]) == set(gazetteer.loc[gazetteer["region_code"] == "UA-65",
                                                         "geonameid"])  # fmt: skip


def test_zone_areas_per_unit_and_group(b):
    east = shapely.intersection(
        shapely.box(35.0, 44.0, 41.0, 53.0), shapely.union_all(b.units.geometry.to_numpy())
    )
    result = run(b, east, DemilitarizedZone(10), DemilitarizedZone(5))
    regions, groups = result.zone_km2("regions"), result.zone_km2("groups")
    total = sum(z.area_km2 for z in result.demilitarized_zones)
    assert regions["area_km2"].sum() == pytest.approx(total)
    assert groups.loc["ukraine", "area_km2"] == pytest.approx(total)
    assert run(b, east, Freeze()).zone_km2() is None


def test_regions_are_listed_largest_change_first_then_held_ones(b):
    from geodata.scenarios.engine import regions_in_order

    held = shapely.union_all([unit(b, "UA-09"), unit(b, "UA-14").buffer(-0.3), unit(b, "UA-63")])
    result = run(b, held, Freeze(), WithdrawFromRegions(("UA-63",)), CedeRegions(("UA-23",)))
    order = regions_in_order([result])
    # Kharkiv left (31,389 km²) before Zaporizhzhia ceded (27,081 km²); then held, unchanged ones.
    assert list(order.index[:2]) == ["UA-63", "UA-23"]
    assert {"UA-09", "UA-14"} <= set(order.index[2:])  # (and slivers of neighbours)
    assert (order["change"].iloc[:2] > 1000).all() and (order["change"].iloc[2:] < 0.05).all()
