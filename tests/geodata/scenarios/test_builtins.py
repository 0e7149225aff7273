"""The built-in proposals on DeepStateMap's map of 2024-11-20 (skipped without the data)."""

from __future__ import annotations

import pytest

from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import find_proposal


@pytest.fixture(scope="module")
def layer(snapshot_20241120):
    return read_control_layer(snapshot_20241120)


IDS = ("freeze", "june-2024-demand", "nov-2024-offer", "carve-up", "dmz-15km")


@pytest.fixture(scope="module")
def results(layer):
    """Reconciled along border and coast (the default)."""
    return {i: run_proposal(find_proposal(i), layer) for i in IDS}


@pytest.fixture(scope="module")
def raw(layer):
    """The raw intersection, as the published check figures are."""
    return {i: run_proposal(find_proposal(i), layer, reconcile_km=0) for i in IDS[1:3]}


def pct_after(result, key, table="regions"):
    frame = getattr(result, table)
    return float(frame.set_index(frame.columns[0]).loc[key, "controlled_pct_after"])


def test_freeze_keeps_the_line(results):
    freeze = results["freeze"]
    assert freeze.to_occupier_km2 == 0 and freeze.to_ukraine_km2 == 0
    assert 950 <= freeze.contact_line_km_before <= 1250


def test_june_2024_demand_takes_the_rest_of_the_four_regions(results, raw):
    assert raw["june-2024-demand"].to_occupier_km2 == pytest.approx(24600, abs=400)
    demand = results["june-2024-demand"]
    # The slivers reconciliation counts as held are not demanded again.
    groups = demand.before.groups.set_index("id")
    added = groups.loc["annexed-2022", "added_by_reconciliation_km2"]
    assert demand.to_occupier_km2 == pytest.approx(
        raw["june-2024-demand"].to_occupier_km2 - added, abs=2
    )
    assert demand.to_ukraine_km2 == pytest.approx(0, abs=1)
    for code in ("UA-14", "UA-09", "UA-23", "UA-65"):
        assert pct_after(demand, code) == pytest.approx(100, abs=0.01)
    assert pct_after(demand, "annexed-2022", "groups") == pytest.approx(100, abs=0.01)
    places = demand.places_changing_hands
    changed = set(places["name"])
    # The full gazetteer, not the 59 map cities: Druzhkivka and Dobropillia too.
    assert {"Kramatorsk", "Sloviansk", "Zaporizhzhia", "Kherson", "Druzhkivka",
            "Dobropillia"} <= changed  # fmt: skip
    assert set(places["to"]) == {"occupier"}
    assert places["population"].is_monotonic_decreasing
    assert places["population"].sum() > 1_000_000


def test_nov_2024_offer_returns_kharkiv_and_mykolaiv_holdings(results, raw):
    raw_regions = raw["nov-2024-offer"].regions.set_index("code")
    assert raw["nov-2024-offer"].to_ukraine_km2 == pytest.approx(1075, abs=60)
    assert -raw_regions.loc["UA-63", "delta_km2"] == pytest.approx(965, abs=20)
    assert -raw_regions.loc["UA-48", "delta_km2"] == pytest.approx(108, abs=5)
    offer = results["nov-2024-offer"]
    regions = offer.regions.set_index("code")
    assert offer.to_ukraine_km2 == pytest.approx(1075, abs=60)
    for code in ("UA-63", "UA-48"):  # all that is held, reconciled slivers included
        assert -regions.loc[code, "delta_km2"] == pytest.approx(
            regions.loc[code, "controlled_km2_before"], abs=0.1
        )
    assert pct_after(offer, "UA-63") == pytest.approx(0, abs=0.01)
    assert pct_after(offer, "UA-48") == pytest.approx(0, abs=0.01)
    assert offer.contact_line_km_after < offer.contact_line_km_before


def test_carve_up_equals_the_offer_on_this_date(results):
    assert results["carve-up"].to_ukraine_km2 == pytest.approx(
        results["nov-2024-offer"].to_ukraine_km2, abs=1
    )


def test_dmz_is_reported_per_oblast_and_side(results):
    (zone,) = results["dmz-15km"].demilitarized_zones
    by_region = zone.by_region.set_index("code")
    assert zone.width_km == 15
    # About 30 km times the line's length, less overlaps and the ends at the border.
    assert 0.6 * 30 * 1109 < zone.area_km2 < 30 * 1109
    assert by_region.loc["UA-14", "occupier_side_km2"] > 0
    assert by_region.loc["UA-14", "ukraine_side_km2"] > 0
    assert by_region.loc["UA-46", "area_km2"] == 0  # Lviv is far from the front
