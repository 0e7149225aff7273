"""Property tests: whatever a proposal file holds, it reads as a proposal or as one clear error.

And whatever valid area a proposal transfers (holes included), saving and reading
it back gives the same area, exactly.
"""

from __future__ import annotations

import math

import pytest
import shapely
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.contact_line import ukraine_outline
from geodata.errors import BadInputError
from geodata.scenarios.operations import SIDES, TransferArea
from geodata.scenarios.proposals import (
    OPERATION_TYPES,
    Proposal,
    parse_proposal,
    read_proposal,
    write_proposal,
)

SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

toml_scalars = (
    st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=True)
    | st.text(max_size=12) | st.dates()
)  # fmt: skip
keys = st.sampled_from(
    ["id", "name", "description", "sources", "operations", "type", "regions", "to", "polygon",
     "width_km", "other"]
) | st.text(min_size=1, max_size=8)  # fmt: skip
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)
point = st.lists(st.floats(-200, 200) | st.integers(-200, 200) | st.booleans(), max_size=3)
operation = st.fixed_dictionaries(
    {"type": st.sampled_from([*OPERATION_TYPES, "thaw"])},
    optional={
        "regions": st.lists(st.sampled_from(["UA-14", "UA-99", "annexed-2022", ""]), max_size=3)
        | toml_values,
        "to": st.sampled_from(["ukraine", "occupied", "russia"]) | toml_values,
        "polygon": st.lists(point, max_size=6) | st.lists(st.lists(point, max_size=5), max_size=3),
        "width_km": st.floats(-10, 200) | st.integers(-10, 200) | toml_values,
        "other": toml_values,
    },
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "id": st.from_regex(r"[a-z0-9-]{0,8}", fullmatch=True) | toml_values,
        "name": st.text(max_size=20) | toml_values,
        "description": st.text(max_size=40) | toml_values,
        "sources": st.lists(st.text(max_size=10), max_size=3) | toml_values,
        "operations": st.lists(operation, max_size=4) | toml_values,
    },
) | st.dictionaries(keys, toml_values, max_size=5)


def reads_or_says_why(text: str) -> None:
    try:
        proposal = parse_proposal(text, "prop.toml")
    except BadInputError as error:
        assert "prop.toml" in str(error) and "\n" not in str(error).strip()
        return
    assert isinstance(proposal, Proposal) and proposal.operations


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_gives_a_proposal_or_a_bad_input_error(text):
    reads_or_says_why(text)


@SETTINGS
@given(document=documents)
def test_any_toml_document_gives_a_proposal_or_a_bad_input_error(document):
    reads_or_says_why(tomli_w.dumps(document))


@SETTINGS
@given(depth=st.integers(1, 5000), kind=st.sampled_from(["array", "table", "inline"]))
def test_nesting_of_any_depth_gives_a_proposal_or_a_bad_input_error(depth, kind):
    if kind == "array":
        text = "name = " + "[" * depth + "]" * depth
    elif kind == "inline":
        text = "name = " + "{a = " * depth + "1" + "}" * depth
    else:
        text = "\n".join(f"[{'.'.join(['t'] * level)}]" for level in range(1, min(depth, 300)))
    reads_or_says_why(text)


def ring_around(x: float, y: float, half: float, corners: int, turn: float) -> list:
    return [
        (x + half * math.cos(turn + 2 * math.pi * i / corners),
         y + half * math.sin(turn + 2 * math.pi * i / corners))
        for i in range(corners)
    ]  # fmt: skip


@SETTINGS
@given(
    x=st.floats(22.0, 40.0),
    y=st.floats(44.0, 52.0),
    half=st.floats(1e-4, 2.0),
    corners=st.integers(3, 40),
    turn=st.floats(0, math.tau),
    holes=st.integers(0, 2),
    to=st.sampled_from(SIDES),
)
def test_a_transferred_area_round_trips_exactly_holes_included(
    tmp_path, x, y, half, corners, turn, holes, to
):
    outline = ring_around(x, y, half, corners, turn)
    inner = [
        ring_around(x + (k - 0.5) * half * 0.8, y, half * 0.25, max(3, corners // 2), turn)
        for k in range(holes)
    ]
    polygon = shapely.Polygon(outline, inner)
    if not polygon.is_valid or polygon.area == 0:
        return
    if not shapely.intersects(polygon, ukraine_outline()):  # no proposal: refused, written or read
        with pytest.raises(BadInputError, match="wholly outside Ukraine"):
            write_proposal(Proposal("drawn", "Drawn", "x", (TransferArea(polygon, to),)),
                           tmp_path / "outside.toml")  # fmt: skip
        assert not (tmp_path / "outside.toml").exists()
        return
    proposal = Proposal("drawn", "Drawn", "A drawn area.", (TransferArea(polygon, to),))
    back = read_proposal(write_proposal(proposal, tmp_path / "drawn.toml"))
    (operation,) = back.operations
    assert operation.to == to
    assert shapely.equals_exact(operation.polygon, polygon, 0)
    assert len(operation.polygon.interiors) == len(polygon.interiors)
    assert operation.polygon.area == polygon.area
