"""What a briefing map shows: all of Ukraine, an oblast, a group of oblasts, or a box.

One reader for every way a user names an extent — the CLI's ``--extent``, a
briefing template, the dialog — so each accepts the same things.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from geodata.boundaries import load_boundaries
from geodata.exports.briefing_text import word
from geodata.groups import GROUPS
from geodata.hydrography import REGION

#: Degrees of margin round an oblast or group, as a share of its size.
MARGIN = 0.06
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class Extent:
    """A named extent: ``bounds`` (west, south, east, north) in degrees, ``None`` for Ukraine."""

    name: str
    bounds: Bounds | None = None
    name_uk: str = ""

    def label(self, language: str = "en") -> str:
        """The extent's name in ``language`` (English when there is no Ukrainian one)."""
        return self.name_uk if language == "uk" and self.name_uk else self.name


UKRAINE = Extent("All of Ukraine", None, "Уся Україна")


def parse_extent(text: str | None) -> Extent:
    """An extent from text: ``ukraine``, an oblast (``UA-14``, ``Donetsk``, ``Донецька``),
    a group id (``annexed-2022``) or a box ``west,south,east,north`` in degrees.

    Raises ``ValueError`` with the accepted forms when ``text`` is none of them.

    >>> parse_extent("UA-14").name, [round(v, 1) for v in parse_extent("donetsk").bounds]
    ('Donetsk', [36.4, 46.7, 39.2, 49.4])
    >>> parse_extent("36.5,47.6,38.8,49.2").bounds
    (36.5, 47.6, 38.8, 49.2)
    >>> parse_extent(None) is UKRAINE
    True
    """
    if text is None or not text.strip() or text.strip().casefold() in ("ukraine", "all"):
        return UKRAINE
    text = text.strip()
    if "," in text:
        west, south, east, north = _box(text)
        corners = {"w": west, "s": south, "e": east, "n": north}
        return Extent(word("box_extent", **corners), (west, south, east, north),
                      word("box_extent", "uk", **corners))  # fmt: skip
    units = load_boundaries().units
    key = text.casefold()
    for group in GROUPS:
        if key == group.id and group.id != "ukraine":
            rows = units[units["code"].isin(group.codes)]
            return Extent(group.name, _padded(rows.geometry.to_numpy()), group.name_uk)
        if key == "ukraine" == group.id:
            return UKRAINE
    for row in units.itertuples():
        if key in (row.code.casefold(), row.name.casefold(), str(row.name_uk).casefold()):
            return Extent(row.name, _padded([row.geometry]), str(row.name_uk))
    raise ValueError(
        f"unknown extent {text!r}: give 'ukraine', an oblast (code such as UA-14 or name), "
        f"a group ({', '.join(g.id for g in GROUPS if g.id != 'ukraine')}) or "
        "west,south,east,north in degrees"
    )


def _box(text: str) -> Bounds:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise ValueError(f"{text!r} is not four numbers west,south,east,north")
    west, south, east, north = values
    region_w, region_s, region_e, region_n = REGION
    if not (region_w <= west < east <= region_e and region_s <= south < north <= region_n):
        raise ValueError(
            f"{text!r}: need west < east within {region_w:g}..{region_e:g} and south < north "
            f"within {region_s:g}..{region_n:g}"
        )
    if east - west < 0.1 or north - south < 0.1:
        raise ValueError(f"{text!r}: at least 0.1 degree each way")
    return values  # type: ignore[return-value]


def _padded(geometries) -> Bounds:
    west, south, east, north = shapely.total_bounds(geometries)
    pad_x, pad_y = (east - west) * MARGIN, (north - south) * MARGIN
    return (float(west - pad_x), float(south - pad_y), float(east + pad_x), float(north + pad_y))
