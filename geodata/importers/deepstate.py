"""DeepStateMap's categories: what each of its polygons says about the land.

DeepStateMap names each feature ``"<Ukrainian> /// <English> /// <key>"`` and
gives polygons a ``fill`` colour. The key decides (``geoJSON.status.occupied``,
``geoJSON.territories.crimea``, ``geoJSON.status.unknown`` — the grey zone —,
``geoJSON.status.dismissed`` — liberated — …); without a key, the English part
of the name, then the fill colour. A polygon with a key or name of a kind this
version does not know is not guessed from its colour (``partially_liberated``
is drawn in the occupied red): it is left out and named. Polygons of
territories outside Ukraine (Transnistria, Abkhazia …) are left out too.
The categories are those of :mod:`geodata.categories`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from geodata.categories import CONTESTED, LIBERATED, OCCUPIED, OCCUPIED_BEFORE_2022
from geodata.exports.text import clean

NAME_SEPARATOR = "///"

#: DeepStateMap's key (without a ``{{at: …}}`` suffix, lower case) -> category.
CATEGORY_BY_KEY = {
    "geojson.status.occupied": OCCUPIED,
    "geojson.status.occupied_crimea": OCCUPIED_BEFORE_2022,
    "geojson.territories.crimea": OCCUPIED_BEFORE_2022,
    "geojson.territories.ordlo": OCCUPIED_BEFORE_2022,
    "geojson.territories.tuzla": OCCUPIED_BEFORE_2022,
    "geojson.status.unknown": CONTESTED,
    "geojson.status.contested": CONTESTED,
    "geojson.status.dismissed": LIBERATED,
    "geojson.status.dismissed_at": LIBERATED,
    "geojson.status.liberated": LIBERATED,
    "geojson.zmiinyi_island": LIBERATED,
}

#: English part of the name (lower case) -> category, when the key does not decide.
CATEGORY_BY_ENGLISH_NAME = {
    "occupied": OCCUPIED,
    "occupied crimea": OCCUPIED_BEFORE_2022,
    "crimea": OCCUPIED_BEFORE_2022,
    "cadr and calr": OCCUPIED_BEFORE_2022,
    "ordlo": OCCUPIED_BEFORE_2022,
    "unknown status": CONTESTED,
    "grey zone": CONTESTED,
    "gray zone": CONTESTED,
    "contested": CONTESTED,
    "liberated": LIBERATED,
}

#: Fill colour -> category, when neither the key nor the name decides.
CATEGORY_BY_FILL = {
    "#a52714": OCCUPIED,
    "#880e4f": OCCUPIED_BEFORE_2022,
    "#bcaaa4": CONTESTED,
    "#0f9d58": LIBERATED,
}

# Keys of territories DeepStateMap draws outside Ukraine: never Ukraine's figures.
_OUTSIDE_UKRAINE = re.compile(r"geojson\.territories\.(?!crimea|ordlo|tuzla)[a-z-]+$")


def deepstate_category(properties: Mapping[str, object]) -> str | None:
    """The category of a DeepStateMap feature, or ``None`` when it is none of Ukraine's.

    Examples
    --------
    >>> deepstate_category({"name": "Окуповано /// Occupied /// geoJSON.status.occupied"})
    'occupied'
    >>> deepstate_category({"name": "Невідомо /// Unknown status /// geoJSON.status.unknown"})
    'contested'
    >>> deepstate_category({"name": "Звільнено 25.03 /// Liberated 25.03 /// "
    ...                             "geoJSON.status.dismissed_at {{at:25.03}}"})
    'liberated'
    >>> deepstate_category({"name": "x /// Transnistria /// geoJSON.territories.transnistria",
    ...                     "fill": "#880e4f"}) is None
    True
    >>> deepstate_category({"name": "?", "fill": "#880E4F"})
    'occupied_before_2022'
    """
    key = deepstate_key(properties)
    if key is not None:
        if key in CATEGORY_BY_KEY:
            return CATEGORY_BY_KEY[key]
        if _OUTSIDE_UKRAINE.match(key):
            return None
    english = english_name(properties)
    if english is not None:
        words = re.sub(r"[\d.\s]+$", "", english.casefold()).strip()  # "Liberated 25.03"
        if words in CATEGORY_BY_ENGLISH_NAME:
            return CATEGORY_BY_ENGLISH_NAME[words]
        if key is not None or _names_another_kind(words):
            return None  # a kind of feature this version does not know: not guessed
    fill = properties.get("fill")
    if isinstance(fill, str):
        return CATEGORY_BY_FILL.get(fill.strip().lower())
    return None


def deepstate_key(properties: Mapping[str, object]) -> str | None:
    """The machine key of a DeepStateMap name, lower case and without its ``{{…}}`` suffix.

    >>> deepstate_key({"name": "a /// b /// geoJSON.status.dismissed_at {{at: 04.09 }}"})
    'geojson.status.dismissed_at'
    """
    name = _name_of(properties)
    if name is None or name.count(NAME_SEPARATOR) < 2:
        return None
    key = name.split(NAME_SEPARATOR)[2]
    key = key.split("{{")[0].strip().casefold()
    return key or None


def english_name(properties: Mapping[str, object]) -> str | None:
    """The English part of a DeepStateMap feature name, or ``None`` when it has none.

    >>> english_name({"name": "Окупований Крим /// Occupied Crimea /// status.occupied_crimea"})
    'Occupied Crimea'
    """
    name = _name_of(properties)
    if name is None or NAME_SEPARATOR not in name:
        return None
    parts = [part.strip() for part in name.split(NAME_SEPARATOR)]
    return parts[1] or None


def looks_like_deepstate(properties: Mapping[str, object]) -> bool:
    """True when a feature is named in DeepStateMap's ``uk /// en /// key`` style."""
    name = _name_of(properties)
    return name is not None and name.count(NAME_SEPARATOR) >= 2


def feature_label(properties: Mapping[str, object]) -> str | None:
    """A feature's human label: the English part of a DeepStateMap name, else its ``name``.

    >>> feature_label({"name": "Окупована територія /// Occupied /// geoJSON.status.occupied"})
    'Occupied'
    >>> feature_label({"Name": "Assessed Russian advances"})
    'Assessed Russian advances'
    >>> feature_label({"name": "\u202eLTR\x1b[2J"})  # text, that reads as it is written
    'LTR[2J'
    """
    label = english_name(properties) or _name_of(properties)
    return clean(label, one_line=True) or None if label is not None else None


def _name_of(properties: Mapping[str, object]) -> str | None:
    for key in ("name", "Name", "NAME"):
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _names_another_kind(words: str) -> bool:
    # Names of land not held by the occupying side, or of no land at all; such a
    # polygon is never taken for occupied because of its fill colour.
    return any(w in words for w in ("liberated", "unknown", "contested", "grey", "gray", "attack"))
