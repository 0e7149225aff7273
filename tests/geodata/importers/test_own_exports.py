"""The app's own geodata exports read back: the control areas, never a proposal's land."""

from __future__ import annotations

import pytest
import shapely

from geodata.control import EXPORT_KINDS, OWN_EXPORT_NOTE
from geodata.exports.geo import _tables, write_geodata
from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import find_proposal
from tests.geodata.importers.fixtures import write_control_file


@pytest.mark.parametrize("proposal", ["dmz-15km", "june-2024-demand"])
@pytest.mark.parametrize("driver, extension, per_kind", [("GeoJSON", ".geojson", False),
                                                          ("GPKG", ".gpkg", True)])  # fmt: skip
def test_a_proposal_export_reads_back_as_its_control_areas(
    tmp_path, proposal, driver, extension, per_kind
):
    """Its other tables (the zone, the land that would pass, the control after) were
    merged in and counted as occupied: 13,505 km² more for a 15 km zone."""
    layer = read_control_layer(write_control_file(tmp_path, "front_20241120", ".geojson"))
    result = run_proposal(find_proposal(proposal), layer)
    assert set(_tables(layer, result)) <= set(EXPORT_KINDS)  # the one list of kinds
    out = write_geodata(tmp_path / f"out{extension}", layer, result, driver, per_kind)
    back = read_control_layer(out)
    assert shapely.area(shapely.symmetric_difference(back.controlled, layer.controlled)) < 1e-9
    assert OWN_EXPORT_NOTE in back.report.messages()
    # Dated by the date each feature carries, whatever the file is named now (it had none).
    renamed = out.rename(tmp_path / f"copy{extension}")
    assert read_control_layer(renamed).date == layer.date


def test_an_export_without_a_proposal_reads_back_as_it_is(tmp_path):
    layer = read_control_layer(write_control_file(tmp_path, "front_20241120", ".geojson"))
    back = read_control_layer(write_geodata(tmp_path / "out.gpkg", layer, None, "GPKG", True))
    assert shapely.area(shapely.symmetric_difference(back.controlled, layer.controlled)) < 1e-9
    assert OWN_EXPORT_NOTE not in back.report.messages()
