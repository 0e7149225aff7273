"""The control layer: who controls what, on one date, from one source."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import shapely

from geodata.categories import CONTROLLED, DEFAULT_COUNTING, Counting
from geodata.geometry import union_parts

#: The tables of the app's own geodata exports (GeoPackage layers, or each GeoJSON
#: feature's ``kind``): the control areas and, with a proposal, its results. Read back
#: as a control file, such an export is its ``control`` table alone: the others are a
#: proposal's land, not anyone's control (:func:`own_export_control`).
EXPORT_KINDS = ("control", "control_before", "control_after", "to_occupier", "to_ukraine",
                "demilitarized_zone", "contact_line_before", "contact_line_after")  # fmt: skip
OWN_EXPORT_NOTE = (
    "a Frontline Atlas export with a proposal's results: only its control areas are read"
)


def own_export_control(kinds) -> bool:
    """Whether tables or features of these kinds are one of the app's own exports
    with more than its control areas, of which only ``control`` is to be read.

    >>> own_export_control(["control", "to_occupier", "control_after"])
    True
    >>> own_export_control(["control"]), own_export_control(["Occupied", "control"])
    (False, False)
    """
    found = set(kinds)
    return "control" in found and len(found) > 1 and found <= set(EXPORT_KINDS)


__all__ = ["CONTROLLED", "ControlLayer", "DateOrigin", "ImportReport", "credit_for"]

DateOrigin = Literal["argument", "metadata", "file name", "unknown"]


@dataclass(frozen=True)
class ImportReport:
    """What an importer did to the file's contents to make a control layer of it.

    Attributes
    ----------
    features_read : int
        Features (placemarks, records) found in the file.
    polygons_used : int
        Polygonal features kept, in one of the categories (:mod:`geodata.categories`).
    skipped_non_polygon : int
        Features skipped because they are points or lines (unit positions,
        attack arrows, labels).
    skipped_other_category : int
        Polygonal features skipped because they show territory outside Ukraine
        (DeepStateMap draws Transnistria, Abkhazia …) or a kind of area this
        version does not know.
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
            lines.append(f"skipped {noun} outside Ukraine or of kinds this version does not know")
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
        Geometry per category the source distinguishes, keyed as in
        :mod:`geodata.categories` (DeepStateMap: occupied since 2022, occupied
        before 2022, contested, liberated); a source with no categories has one,
        :data:`~geodata.categories.CONTROLLED`.
    report : ImportReport
        What the importer skipped or repaired.
    feature_names : tuple of str
        Distinct names the source gives its controlled features (a KML placemark's
        name, the English part of a DeepStateMap name), at most a dozen; text
        from the file, to be shown as text only.
    counting : Counting
        Which categories ``controlled`` counts (contested land only when the
        user's setting says so).
    """

    controlled: shapely.Geometry
    date: dt.date | None
    source: str
    source_format: str
    categories: Mapping[str, shapely.Geometry] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)
    feature_names: tuple[str, ...] = ()
    counting: Counting = DEFAULT_COUNTING

    def __post_init__(self) -> None:
        object.__setattr__(self, "categories", MappingProxyType(dict(self.categories)))

    def __reduce__(self):
        # The read-only view of the categories cannot be pickled; the plain dict can.
        fields = (self.controlled, self.date, self.source, self.source_format,
                  dict(self.categories), self.report, self.feature_names,
                  self.counting)  # fmt: skip
        return (type(self), fields)

    def with_counting(self, counting: Counting) -> ControlLayer:
        """The same layer with ``controlled`` counting the categories ``counting`` says.

        >>> from shapely import box
        >>> from geodata.categories import CONTESTED, OCCUPIED
        >>> layer = ControlLayer(box(37, 47, 38, 48), None, "x", "DeepStateMap",
        ...                      {OCCUPIED: box(37, 47, 38, 48), CONTESTED: box(38, 47, 39, 48)})
        >>> layer.with_counting(Counting(contested=True)).controlled.area
        2.0
        """
        if counting == self.counting or not self.categories:
            same = counting == self.counting
            return self if same else dataclasses.replace(self, counting=counting)
        counted = [g for key, g in self.categories.items() if counting.counts(key)]
        controlled = (
            shapely.Polygon() if not counted else counted[0] if len(counted) == 1
            else union_parts(counted)
        )  # fmt: skip
        return dataclasses.replace(
            self, controlled=controlled, categories=dict(self.categories), counting=counting
        )

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
