"""A region ceded whole reads its whole area, one left whole reads nothing: no slivers.

The operations overlay in the projection the figures are measured in. Made in
longitude and latitude and measured after projecting, a long edge of the map
running beside a region's border left slivers: withdrawing from every region
left 0.6 km² of Crimea held on the 2024-11-20 map (7.2 km² of Zaporizhzhia on
a hull of Kherson), and ceding the four regions left Kherson 0.1 km² short.
"""

from __future__ import annotations

import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.operations import CedeRegions, WithdrawFromRegions
from geodata.scenarios.proposals import Proposal, find_proposal
from tests.helpers import DAILY, require_shared

# Well under what any table shows (0.1 km², 0.01 %): floating-point noise only.
NOISE_KM2 = 1e-6
# Regions with long coasts, spits and lagoons, where the slivers were.
COASTAL = ("UA-43", "UA-65", "UA-23", "UA-48", "UA-14")


def _run(operation, controlled, reconcile_km=3.0):
    proposal = Proposal("t", "test", "test", (operation,))
    layer = ControlLayer(controlled, None, "test", "GeoJSON")
    return run_proposal(proposal, layer, reconcile_km=reconcile_km).regions.set_index("code")


@pytest.mark.parametrize("code", COASTAL)
def test_withdrawing_from_every_region_leaves_nothing_held(code):
    boundaries = load_boundaries()
    # A hull: long straight edges over the sea, beside the coast and the borders.
    hull = shapely.convex_hull(boundaries.units.geometry[boundaries.row_of(code)])
    after = _run(WithdrawFromRegions(tuple(boundaries.codes)), hull, 0)
    assert after["controlled_km2_before"].max() > 100
    assert after["controlled_km2_after"].max() < NOISE_KM2


@pytest.mark.parametrize("code", COASTAL)
def test_ceding_a_region_holds_all_of_it(code):
    boundaries = load_boundaries()
    unit = boundaries.units.geometry[boundaries.row_of(code)]
    west, south, east, north = unit.bounds
    held = shapely.convex_hull(shapely.clip_by_rect(unit, west, south, (west + east) / 2, north))
    row = _run(CedeRegions((code,)), held).loc[code]
    assert 0 < row["controlled_km2_before"] < row["area_km2"]
    assert row["area_km2"] - row["controlled_km2_after"] < NOISE_KM2


@pytest.mark.parametrize("day", ["20240708", "20241120", "20260822"])
def test_whole_regions_on_real_maps(day):
    layer = read_control_layer(require_shared(DAILY / f"deepstatemap_data_{day}.geojson"))
    boundaries = load_boundaries()
    proposal = Proposal("t", "t", "t", (WithdrawFromRegions(tuple(boundaries.codes)),))
    everything_back = run_proposal(proposal, layer).regions
    assert everything_back["controlled_km2_after"].max() < NOISE_KM2

    demand = run_proposal(find_proposal("june-2024-demand"), layer)
    four = demand.regions.set_index("code").loc[["UA-14", "UA-09", "UA-23", "UA-65"]]
    assert (four["area_km2"] - four["controlled_km2_after"]).max() < NOISE_KM2
    group = demand.groups.set_index("id").loc["annexed-2022"]
    assert group["area_km2"] - group["controlled_km2_after"] < 4 * NOISE_KM2
    # Only the four regions change (their neighbours gained 0.006 km² of border slivers).
    others = demand.regions[~demand.regions["code"].isin(four.index)]
    change = others["controlled_km2_after"] - others["controlled_km2_before"]
    assert change.abs().max() < NOISE_KM2

    offer = run_proposal(find_proposal("nov-2024-offer"), layer).regions.set_index("code")
    assert offer.loc[["UA-63", "UA-48"], "controlled_km2_after"].max() < NOISE_KM2


def test_a_proposal_area_measures_as_the_same_area_read_as_a_control_file():
    # A strip 35° long along 43–44.5° N: its edges are straight in longitude and latitude.
    # With its corners alone projected, its edges bowed 150 km north and it "returned"
    # 24,596 km² of Crimea, where the same ring read as a control file holds 294 km².
    from geodata.importers.assemble import within_region
    from geodata.scenarios.operations import TransferArea
    from geodata.stats import controlled_area_by_region

    boundaries = load_boundaries()
    crimea = boundaries.units.geometry[boundaries.row_of("UA-43")]
    strip = shapely.Polygon([(15, 43), (50, 43), (50, 44.5), (15, 44.5)])
    returned = _run(TransferArea(strip, "ukraine"), crimea, 0).loc["UA-43"]
    as_a_file = controlled_area_by_region(within_region(strip), boundaries)
    read = float(as_a_file.set_index("code").loc["UA-43", "controlled_km2"])
    assert 250 < read < 350
    lost = returned["controlled_km2_before"] - returned["controlled_km2_after"]
    assert lost == pytest.approx(read, abs=0.5)
