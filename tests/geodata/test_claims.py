"""Annexation claims: the data file, their territory and how much of it is held."""

from __future__ import annotations

import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.claims import claim_figures, claim_geometry, get_claim, load_claims
from geodata.control import ControlLayer
from geodata.errors import UnknownValueError
from geodata.importers import read_control_layer
from geodata.stats import compute_stats


def test_claims_have_dates_regions_and_sources():
    claims = {claim.id: claim for claim in load_claims()}
    assert claims["crimea-2014"].declared.isoformat() == "2014-03-18"
    assert set(claims["crimea-2014"].regions) == {"UA-43", "UA-40"}
    assert claims["annexed-2022"].declared.isoformat() == "2022-09-30"
    assert set(claims["annexed-2022"].regions) == {"UA-14", "UA-09", "UA-23", "UA-65"}
    assert all(claim.sources for claim in claims.values())


def test_claim_geometry_is_the_union_of_its_units():
    b = load_boundaries()
    area = shapely.area(claim_geometry(get_claim("annexed-2022"), b))
    parts = sum(b.units.geometry[b.row_of(c)].area for c in ("UA-14", "UA-09", "UA-23", "UA-65"))
    assert area == pytest.approx(parts, rel=1e-6)


def test_unknown_claim_lists_the_known_ones():
    with pytest.raises(UnknownValueError, match="annexed-2022"):
        get_claim("annexed-1954")


def test_half_held_claim():
    b = load_boundaries()
    held = ControlLayer(b.units.geometry[b.row_of("UA-09")], None, "t", "GeoJSON")
    row = claim_figures(compute_stats(held, b)).set_index("id").loc["annexed-2022"]
    luhansk = b.area_km2[b.row_of("UA-09")]
    assert row["controlled_km2"] == pytest.approx(luhansk, rel=1e-6)
    assert row["claimed_not_controlled_km2"] == pytest.approx(row["area_km2"] - luhansk, rel=1e-6)


def test_claims_on_the_2024_11_20_map(snapshot_20241120):
    # The published figures are raw intersections.
    stats = compute_stats(read_control_layer(snapshot_20241120), reconcile_km=0)
    table = claim_figures(stats).set_index("id")
    assert table.loc["annexed-2022", "controlled_pct"] == pytest.approx(76.8, abs=0.3)
    assert table.loc["annexed-2022", "claimed_not_controlled_km2"] == pytest.approx(24628, abs=50)
    assert table.loc["crimea-2014", "controlled_pct"] == pytest.approx(99.0, abs=0.5)


def test_reconciled_claims_on_the_2024_11_20_map(snapshot_20241120):
    table = claim_figures(compute_stats(read_control_layer(snapshot_20241120))).set_index("id")
    assert table.loc["crimea-2014", "claimed_not_controlled_km2"] <= 5
    assert 76.8 <= table.loc["annexed-2022", "controlled_pct"] <= 77.7
    assert table.loc["annexed-2022", "added_by_reconciliation_km2"] > 0
