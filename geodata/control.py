"""The control layer: who controls what, on one date, from one source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import shapely

DateOrigin = Literal["argument", "metadata", "file name", "unknown"]

#: The category of a source with no categories of its own: everything counts as controlled.
CONTROLLED = "controlled"


@dataclass(frozen=True)
class ImportReport:
    """What an importer did to the file's contents to make a control layer of it.

    Attributes
    ----------
    features_read : int
        Features (placemarks, records) found in the file.
    polygons_used : int
        Polygonal features that count as controlled.
    skipped_non_polygon : int
        Features skipped because they are points or lines (unit positions,
        attack arrows, labels).
    skipped_other_category : int
        Polygonal features skipped because their category is not occupied
        territory (for example liberated or contested areas).
    skipped_unreadable : int
        Features whose geometry could not be read at all.
    repaired : int
        Invalid geometries repaired with ``shapely.make_valid``.
    notes : tuple of str
        Plain-language notes for the user (reprojection, swapped axes, encoding).
    date_origin : str
        Where the date came from: ``argument``, ``metadata``, ``file name`` or ``unknown``.
    """

    features_read: int = 0
    polygons_used: int = 0
    skipped_non_polygon: int = 0
    skipped_other_category: int = 0
    skipped_unreadable: int = 0
    repaired: int = 0
    notes: tuple[str, ...] = ()
    date_origin: DateOrigin = "unknown"

    def messages(self) -> list[str]:
        """One line per thing the user should know, for a status bar or stderr.

        >>> ImportReport(repaired=1, skipped_non_polygon=4).messages()
        ... # doctest: +NORMALIZE_WHITESPACE
        ['repaired 1 invalid polygon (make_valid)',
         'skipped 4 non-polygon features (points or lines)']
        """
        lines = []
        if self.repaired:
            lines.append(f"repaired {_count(self.repaired, 'invalid polygon')} (make_valid)")
        if self.skipped_non_polygon:
            noun = _count(self.skipped_non_polygon, "non-polygon feature")
            lines.append(f"skipped {noun} (points or lines)")
        if self.skipped_other_category:
            noun = _count(self.skipped_other_category, "polygon")
            lines.append(f"skipped {noun} not marked as occupied (liberated, contested …)")
        if self.skipped_unreadable:
            lines.append(
                f"skipped {_count(self.skipped_unreadable, 'feature')} with unreadable geometry"
            )
        lines.extend(self.notes)
        return lines


@dataclass(frozen=True, eq=False)
class ControlLayer:
    """Control-area geometry of one date from one source, in WGS84 (lon, lat), 2-D and valid.

    Attributes
    ----------
    controlled : shapely.Geometry
        The (Multi)Polygon that counts as controlled by the occupying side; may be empty.
    date : datetime.date or None
        The date the layer shows, ``None`` when unknown.
    source : str
        Where it came from, for display and credits: the file name.
    source_format : str
        ``GeoJSON``, ``DeepStateMap``, ``KML``, ``KMZ``, ``Shapefile``,
        ``GeoPackage`` or ``FlatGeobuf``.
    categories : Mapping[str, shapely.Geometry]
        Geometry per category the source distinguishes (DeepStateMap: ``Occupied``,
        ``Occupied Crimea``, ``CADR and CALR``); a source with no categories has
        one, :data:`CONTROLLED`.
    report : ImportReport
        What the importer skipped or repaired.
    feature_names : tuple of str
        Distinct names the source gives its controlled features (a KML placemark's
        name, the English part of a DeepStateMap name), at most a dozen; text
        from the file, to be shown as text only.
    """

    controlled: shapely.Geometry
    date: dt.date | None
    source: str
    source_format: str
    categories: Mapping[str, shapely.Geometry] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)
    feature_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "categories", MappingProxyType(dict(self.categories)))

    def __reduce__(self):
        # The read-only view of the categories cannot be pickled; the plain dict can.
        fields = (self.controlled, self.date, self.source, self.source_format,
                  dict(self.categories), self.report, self.feature_names)  # fmt: skip
        return (type(self), fields)

    @property
    def credit(self) -> str:
        """Who to credit for the control areas: ``DeepStateMap`` for its data, else the file name.

        >>> from shapely import Polygon
        >>> ControlLayer(Polygon(), None, "deepstatemap_data_20241120.geojson", "GeoJSON").credit
        'DeepStateMap'
        """
        return credit_for(self.source, self.source_format)

    @property
    def is_empty(self) -> bool:
        """True when the layer controls nothing at all."""
        return bool(shapely.is_empty(self.controlled))


def credit_for(source: str, source_format: str = "") -> str:
    """Who to credit for control areas from a source: ``DeepStateMap`` for its data, else the name.

    >>> credit_for("deepstatemap_data_20241120.geojson"), credit_for("mine.kml", "KML")
    ('DeepStateMap', 'mine.kml')
    """
    if source_format == "DeepStateMap" or "deepstate" in source.lower():
        return "DeepStateMap"
    return source


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
