"""DeepStateMap's categories: which of its polygons are occupied territory.

DeepStateMap names each feature ``"<Ukrainian> /// <English> /// <key>"`` and
gives polygons a ``fill`` colour. Occupied territory is the polygons whose English
part is ``Occupied``, ``Occupied Crimea`` or ``CADR and CALR``; other categories
(liberated, contested, unknown) are not. The English part decides; the fill
colour is the fallback when the name is missing or unfamiliar.
"""

from __future__ import annotations

from collections.abc import Mapping

NAME_SEPARATOR = "///"

#: English part of the name (lower case) -> category kept as occupied.
OCCUPIED_BY_ENGLISH_NAME = {
    "occupied": "Occupied",
    "occupied crimea": "Occupied Crimea",
    "cadr and calr": "CADR and CALR",
}

#: Fill colour -> category, when the name does not decide.
OCCUPIED_BY_FILL = {
    "#a52714": "Occupied",  # occupied since 2022
    "#880e4f": "Occupied before 2022",  # Crimea, CADR and CALR
}


def occupied_category(properties: Mapping[str, object]) -> str | None:
    """Return the occupied category of a DeepStateMap feature, or ``None`` if it is not occupied.

    Examples
    --------
    >>> occupied_category({"name": "Окупована територія /// Occupied /// geoJSON.status.occupied"})
    'Occupied'
    >>> occupied_category({"name": "Звільнено /// Liberated /// x", "fill": "#a52714"}) is None
    True
    >>> occupied_category({"name": "?", "fill": "#880E4F"})
    'Occupied before 2022'
    """
    english = english_name(properties)
    if english is not None:
        key = english.casefold()
        if key in OCCUPIED_BY_ENGLISH_NAME:
            return OCCUPIED_BY_ENGLISH_NAME[key]
        if _is_known_other_category(key):
            return None
    fill = properties.get("fill")
    if isinstance(fill, str):
        return OCCUPIED_BY_FILL.get(fill.strip().lower())
    return None


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
    """
    return english_name(properties) or _name_of(properties)


def _name_of(properties: Mapping[str, object]) -> str | None:
    for key in ("name", "Name", "NAME"):
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _is_known_other_category(key: str) -> bool:
    # Names DeepStateMap uses for land that is not held by the occupying side;
    # a polygon with such a name is skipped even if its fill were red.
    return any(word in key for word in ("liberated", "unknown", "contested", "grey", "gray"))
