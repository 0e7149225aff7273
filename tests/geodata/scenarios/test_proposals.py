"""Proposal files: the built-ins, round trips, and clear errors for bad files."""

from __future__ import annotations

import re

import pytest
import shapely

from geodata.errors import BadInputError, UnknownScenarioError
from geodata.scenarios.operations import DemilitarizedZone, TransferArea
from geodata.scenarios.proposals import (
    MAX_PROPOSAL_BYTES,
    Proposal,
    builtin_proposals,
    find_proposal,
    read_proposal,
    user_proposals,
    write_proposal,
)
from tests.unreadable import KINDS, unreadable_text_file

GOOD = """\
name = "My proposal"
description = "A test."
sources = ["me"]

[[operations]]
type = "freeze"

[[operations]]
type = "withdraw_from_regions"
regions = ["UA-63", "annexed-2022"]
"""


def write(tmp_path, text, name="mine.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtins_have_the_documented_ids_descriptions_and_sources():
    proposals = builtin_proposals()
    assert [p.id for p in proposals] == [
        "freeze", "june-2024-demand", "nov-2024-offer", "carve-up", "dmz-15km"
    ]  # fmt: skip
    for proposal in proposals:
        assert proposal.builtin and proposal.sources and len(proposal.description) > 100


def test_a_good_file_reads_with_groups_expanded(tmp_path):
    proposal = read_proposal(write(tmp_path, GOOD))
    assert proposal.id == "mine"
    assert proposal.operations[1].regions == ("UA-63", "UA-14", "UA-09", "UA-23", "UA-65")


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (('"freeze"', '"thaw"'), 6, "unknown operation type 'thaw'"),
        (('"UA-63"', '"UA-99"'), 10, "unknown region 'UA-99'"),
        (('name = "My proposal"', 'name = ""'), 1, "'name' must be a non-empty text"),
        (('sources = ["me"]', 'sources = ["me"]\ncolour = "red"'), 4, "unknown key 'colour'"),
        (('regions = ["UA-63", "annexed-2022"]', "regions = []"), 10, "non-empty list"),
        (('type = "freeze"', 'type = "freeze"\nwidth_km = 3'), 7, "freeze has no 'width_km'"),
        # A name or description of megabytes (shown in labels and on pages) is refused.
        (('name = "My proposal"', f'name = "{"N" * 201}"'), 1, "longer than 200 characters"),
        (
            ('description = "A test."', f'description = "{"d" * 2_000_000}"'),
            2,
            "'description' is longer than 5,000 characters",
        ),
    ],
)
def test_bad_files_name_the_file_the_line_and_the_problem(tmp_path, change, line, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(BadInputError) as caught:
        read_proposal(path)
    text = str(caught.value)
    assert str(path) in text and f"line {line}:" in text and message in text


def test_negative_width_and_bad_polygons(tmp_path):
    dmz = GOOD + '\n[[operations]]\ntype = "demilitarized_zone"\nwidth_km = -5\n'
    with pytest.raises(BadInputError, match=r"line 14: 'width_km' must be above 0"):
        read_proposal(write(tmp_path, dmz))
    base = GOOD + '\n[[operations]]\ntype = "transfer_area"\nto = "ukraine"\npolygon = {}\n'
    cases = {
        "[[30, 50], [31, 51], [31, 50], [30, 51]]": "crosses itself",
        "[[30, 50], [31, 50]]": "at least 3",
        "[[30, 50], [31, 50], [32, 50]]": "no area",
        '[[30, 50], [31, "x"], [31, 51]]': "not a [lon, lat] pair",
        "[[30, 95], [31, 50], [31, 51]]": "not a longitude and latitude",
    }
    for polygon, message in cases.items():
        with pytest.raises(BadInputError, match=rf"line 15: .*{re.escape(message)}"):
            read_proposal(write(tmp_path, base.format(polygon)))
    wrong_side = base.format("[[30, 50], [31, 50], [31, 51]]").replace('"ukraine"', '"russia"')
    with pytest.raises(BadInputError, match=r"line 14: 'to' must be one of: occupier, ukraine"):
        read_proposal(write(tmp_path, wrong_side))


def test_broken_toml_is_a_clear_error(tmp_path):
    with pytest.raises(BadInputError, match=r"mine\.toml: not valid TOML.*line 1"):
        read_proposal(write(tmp_path, 'name = "unterminated\n'))
    with pytest.raises(BadInputError, match="no such file"):
        read_proposal(tmp_path / "absent.toml")


def test_write_then_read_round_trips(tmp_path):
    polygon = shapely.Polygon([(36.1, 50.2), (36.5, 50.2), (36.5, 50.4)])
    proposal = Proposal(
        "drawn-1", "Drawn area", "Drawn on the map.",
        (TransferArea(polygon, "ukraine"), DemilitarizedZone(7.5)), ("analyst",),
    )  # fmt: skip
    path = write_proposal(proposal, tmp_path / "user" / "drawn-1.toml")
    again = read_proposal(path)
    assert again.id == "drawn-1" and again.sources == ("analyst",)
    assert again.operations[0].to == "ukraine"
    assert again.operations[0].polygon.equals(polygon)
    assert again.operations[1].width_km == 7.5


def test_find_by_id_file_or_user_folder(tmp_path):
    assert find_proposal("dmz-15km").operations[1].width_km == 15
    assert find_proposal(str(write(tmp_path, GOOD))).name == "My proposal"
    folder = tmp_path / "saved"
    folder.mkdir()
    write(folder, GOOD, "saved-one.toml")
    write(folder, "not = toml = at all", "broken.toml")
    proposals, errors = user_proposals(folder)
    assert [p.id for p in proposals] == ["saved-one"] and len(errors) == 1
    assert find_proposal("saved-one", folder).id == "saved-one"
    with pytest.raises(UnknownScenarioError, match="june-2024-demand"):
        find_proposal("june-2025-demand", folder)
    # Asked for by name, a saved file that cannot be used says why, not "unknown".
    with pytest.raises(BadInputError, match=r"broken\.toml: not valid TOML"):
        find_proposal("broken", folder)


@pytest.mark.parametrize("what", KINDS)
def test_a_proposal_that_is_no_text_file_is_named_never_opened(tmp_path, what):
    """The same refusal as for any file the user picks: a device or a pipe unopened."""
    path = unreadable_text_file(tmp_path / "mine.toml", what, MAX_PROPOSAL_BYTES)
    with pytest.raises(BadInputError) as raised:
        read_proposal(path)
    assert str(path) in str(raised.value)


def test_a_proposal_with_too_long_a_name_is_not_written(tmp_path):
    """Written only if it reads back: a 300-character name is refused, nothing written."""
    import dataclasses

    proposal = read_proposal(write(tmp_path, GOOD))
    target = tmp_path / "out" / "long.toml"
    with pytest.raises(BadInputError, match="longer than 200 characters"):
        write_proposal(dataclasses.replace(proposal, name="N" * 300), target)
    assert not target.exists()
    written = write_proposal(dataclasses.replace(proposal, name="N" * 200), target)
    assert read_proposal(written).name == "N" * 200


def test_an_id_taken_from_the_file_name_is_said_to_be_so(tmp_path):
    """'Donbas_plan.toml' has no id of its own: the message says the name is at fault."""
    with pytest.raises(BadInputError, match="its id is the file's name, 'Donbas_plan'") as error:
        read_proposal(write(tmp_path, GOOD, "Donbas_plan.toml"))
    assert "rename the file or give an id" in str(error.value)
    with pytest.raises(BadInputError, match="id 'Bad_Id' must be lower-case"):
        read_proposal(write(tmp_path, 'id = "Bad_Id"\n' + GOOD, "fine.toml"))
    assert read_proposal(write(tmp_path, 'id = "donbas-plan"\n' + GOOD, "Donbas_plan.toml")).id


@pytest.mark.parametrize(
    "polygon", ["[[17, 51], [19, 51], [19, 52], [17, 52]]",  # in Poland
                "[[47.3, 34.5], [47.8, 34.5], [47.8, 35.8]]"],  # [lat, lon]: in the Middle East
)  # fmt: skip
def test_an_area_wholly_outside_ukraine_is_named_not_ignored(tmp_path, polygon):
    """It changed nothing and said nothing (0.0 km² either way, exit 0)."""
    text = ('name = "x"\ndescription = "x"\n[[operations]]\ntype = "transfer_area"\n'
            f'to = "ukraine"\npolygon = {polygon}\n')  # fmt: skip
    with pytest.raises(BadInputError, match=r"line 6: the polygon .* lies wholly outside Ukraine"):
        read_proposal(write(tmp_path, text))


@pytest.mark.parametrize("kind", ["cede_regions", "withdraw_from_regions"])
def test_ceding_or_returning_everything_is_measured(tmp_path, kind, snapshot_20241120):
    """Overlays of land sharing its edges also return lines: ceding all of Ukraine (the
    real map of 2024-11-20) ended in a traceback ('Overlay input is mixed-dimension')."""
    from geodata.importers import read_control_layer
    from geodata.scenarios.engine import run_proposal

    layer = read_control_layer(snapshot_20241120)
    text = (
        f'name = "x"\ndescription = "x"\n[[operations]]\ntype = "{kind}"\nregions = ["ukraine"]\n'
    )
    result = run_proposal(read_proposal(write(tmp_path, text)), layer)
    share = result.groups.set_index("id").loc["ukraine", "controlled_pct_after"]
    assert share == pytest.approx(100) if kind == "cede_regions" else share < 0.01


def test_a_zone_is_a_valid_polygon_and_exports_as_one(tmp_path, snapshot_20241120):
    """Projected back to degrees, a hair-wide hole of the 15 km zone on the 2024-11-20 map
    folded into a ring of too few points: the exported zone read back as invalid."""
    import geopandas as gpd
    import shapely

    from geodata.exports.geo import write_geodata
    from geodata.importers import read_control_layer
    from geodata.scenarios.engine import run_proposal

    layer = read_control_layer(snapshot_20241120)
    result = run_proposal(find_proposal("dmz-15km"), layer)
    (zone,) = result.demilitarized_zones
    assert shapely.is_valid(zone.geometry)
    sides = zone.by_region[["occupier_side_km2", "ukraine_side_km2"]].sum()
    assert round(sides.sum()) == 26079  # the README's figure, unchanged by the repair
    out = write_geodata(tmp_path / "zone.geojson", layer, result)
    frame = gpd.read_file(out)
    assert frame.geometry.is_valid.all()


def test_one_id_is_one_proposal(tmp_path):
    """A saved file with a built-in's id, or another file's, was passed over silently:
    'zap-box' ran whichever came first, and the list of ids named it twice."""
    folder = tmp_path / "saved"
    folder.mkdir()
    write(folder, GOOD, "zap-box.toml")
    write(folder, 'id = "zap-box"\n' + GOOD.replace("My proposal", "Another"), "another.toml")
    write(folder, 'id = "freeze"\n' + GOOD, "my-freeze.toml")
    proposals, errors = user_proposals(folder)
    assert [p.id for p in proposals] == ["zap-box"] and proposals[0].name == "My proposal"
    reasons = sorted(str(e) for e in errors)
    assert "another.toml: its id 'zap-box' is already that of zap-box.toml" in reasons[0]
    assert "my-freeze.toml: its id 'freeze' is already a built-in proposal's" in reasons[1]
    assert find_proposal("zap-box", folder).name == "My proposal"
    with pytest.raises(UnknownScenarioError) as error:
        find_proposal("nothing", folder)
    assert error.value.allowed.count("zap-box") == 1
