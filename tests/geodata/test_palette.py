"""The one palette: every role in both palettes, the selection's hue its own, no stray colours."""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest

from geodata.palette import COLOUR_BLIND, DEFAULT, PALETTES, css_variables, palette_named

REPO = Path(__file__).resolve().parents[2]
DATA_ROLES = ("occupied", "to_occupier", "to_ukraine", "zone", "gained", "regained", "claim",
              "contact_line")  # fmt: skip
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
# Files that may hold colour literals, and why.
ALLOWED = {
    "geodata/palette.py": "the palette itself",
    "geodata/importers/deepstate.py": "DeepStateMap's own fill values, told apart on reading",
    "resources/web/atlas.css": "the page's chrome: label greys, halos, box text",
}


def hue(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 360 * colorsys.rgb_to_hls(red, green, blue)[0]


@pytest.mark.parametrize("palette", list(PALETTES.values()), ids=list(PALETTES))
def test_the_selection_never_shares_a_hue_with_a_data_role(palette):
    for role in DATA_ROLES:
        colour = getattr(palette, role)
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        if max(red, green, blue) - min(red, green, blue) < 40:
            continue  # greys and black have no hue to share
        distance = abs(hue(palette.selected) - hue(colour)) % 360
        assert min(distance, 360 - distance) >= 30, (role, colour, palette.selected)


def test_both_palettes_have_every_role_and_the_page_gets_them_as_custom_properties():
    assert DEFAULT.roles().keys() == COLOUR_BLIND.roles().keys()
    assert css_variables(COLOUR_BLIND)["--atlas-occupied"] == COLOUR_BLIND.occupied
    assert palette_named("nonsense") is DEFAULT and palette_named("colour-blind") is COLOUR_BLIND
    # The change layer and the chart: taken is not the selection, regained not the occupied side.
    assert DEFAULT.gained != DEFAULT.selected and DEFAULT.regained != DEFAULT.selected


def test_no_colour_literal_outside_the_palette():
    found = []
    for folder, pattern in (("geodata", "*.py"), ("desktop", "*.py"), ("resources/web", "*.*")):
        for path in sorted((REPO / folder).rglob(pattern)):
            relative = path.relative_to(REPO).as_posix()
            if relative in ALLOWED or path.suffix not in (".py", ".js", ".css", ".html"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if HEX.search(line) and "doctest" not in line and ">>>" not in line:
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []
