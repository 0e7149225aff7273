"""The one table of export formats, shared by ``frontline-atlas export`` and the app (no Qt here).

Each :class:`ExportFormat` names its extension, what a person calls it, its
group (a briefing map, the interactive map, data) and how it is written. The
command line's check, the app's file dialogs and the README's list read it; a
new export format is one more row here (and its writer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from geodata.errors import UnknownValueError

if TYPE_CHECKING:  # the writers are imported when used: the table itself is light (CLI help)
    from geodata.control import ControlLayer
    from geodata.exports.briefing import BriefingOptions
    from geodata.scenarios.engine import ScenarioResult
    from geodata.stats import ControlStats

Group = Literal["briefing", "data"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a format's name for translation (``pyside6-lupdate`` finds it; Qt is not imported).

    The app's file dialogs show the name translated (:func:`shown_name`); the
    command line and the README read it as it is.
    """
    return text


def shown_name(name: str) -> str:
    """A format's name as the app's dialogs show it: in the language of the user interface."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Export", name)


@dataclass(frozen=True)
class ExportFormat:
    """One export format: ``write(out, layer, stats, result, options)`` writes it."""

    extension: str
    name: str
    group: Group
    write: Callable[..., Path]

    @property
    def dialog_filter(self) -> str:
        """The file dialog's filter, e.g. ``Spreadsheet (*.xlsx)`` (the name translated)."""
        return f"{shown_name(self.name)} (*{self.extension})"


def _briefing(out, layer, stats, result, options):
    from geodata.exports.briefing import render_briefing

    return render_briefing(out, layer, stats, result, options)


def _table(out, layer, stats, result, _options):
    from geodata.exports.tables import write_table

    return write_table(out, stats, result, layer.credit)


def _geodata(driver: str, one_table_per_kind: bool = False):
    def write(out, layer, _stats, result, _options):
        from geodata.exports.geo import write_geodata

        return write_geodata(out, layer, result, driver, one_table_per_kind)

    return write


def _html(out, layer, stats, result, options):
    from desktop.map.page import write_standalone_map

    # In the briefing's language when one was chosen (the command line's --language).
    language = options.language if options is not None else None
    return write_standalone_map(out, layer, stats, result, language)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(".pdf", QT_TRANSLATE_NOOP("Export", "PDF (vector)"), "briefing", _briefing),
    ExportFormat(".svg", QT_TRANSLATE_NOOP("Export", "SVG (vector)"), "briefing", _briefing),
    ExportFormat(".png", QT_TRANSLATE_NOOP("Export", "PNG (image)"), "briefing", _briefing),
    ExportFormat(".xlsx", QT_TRANSLATE_NOOP("Export", "Spreadsheet"), "data", _table),
    ExportFormat(".csv", "CSV", "data", _table),
    ExportFormat(".json", "JSON", "data", _table),
    ExportFormat(".geojson", "GeoJSON", "data", _geodata("GeoJSON")),
    ExportFormat(".gpkg", "GeoPackage", "data", _geodata("GPKG", one_table_per_kind=True)),
    ExportFormat(
        ".html",
        QT_TRANSLATE_NOOP("Export", "Interactive map, one offline HTML file"),
        "data",
        _html,
    ),
)
#: Every export extension, in the table's order.
EXPORT_FORMATS = tuple(f.extension for f in FORMATS)


class UnknownExportFormatError(UnknownValueError):
    """An output whose extension is not an export format.

    >>> str(export_format(Path("x.txt"))).startswith("unknown")
    Traceback (most recent call last):
    desktop.exports.export.UnknownExportFormatError: cannot export to x.txt: unknown export format \
'.txt'; choose one of: .pdf, .svg, .png, .xlsx, .csv, .json, .geojson, .gpkg, .html
    """

    def __init__(self, out: Path) -> None:
        super().__init__("export format", Path(out).suffix.lower() or "(none)", EXPORT_FORMATS)
        self.args = (f"cannot export to {Path(out).name}: {self.args[0]}",)


def export_format(out: Path) -> ExportFormat:
    """The format of an output, by its extension (any case)."""
    suffix = Path(out).suffix.lower()
    for fmt in FORMATS:
        if fmt.extension == suffix:
            return fmt
    raise UnknownExportFormatError(out)


def extensions(group: Group | None = None) -> str:
    """The extensions of a group (or all), for help texts: ``.pdf .svg .png``."""
    return " ".join(f.extension for f in FORMATS if group is None or f.group == group)


def formats_of(group: Group) -> tuple[ExportFormat, ...]:
    """The formats of one group, in the table's order."""
    return tuple(f for f in FORMATS if f.group == group)


def dialog_filters(group: Group) -> str:
    """A file dialog's filters for one group (``;;``-separated)."""
    return ";;".join(f.dialog_filter for f in formats_of(group))


#: Any table a panel shows (the Changes panel's, …) is written as one of these.
TABLE_EXPORTS = (".xlsx", ".csv")
#: The timeline chart: as an image, or its data.
CHART_EXPORTS = (".png", ".svg", ".csv")


def filters_for(extensions_wanted: tuple[str, ...]) -> str:
    """A file dialog's filters for these extensions, named as in :data:`FORMATS` (translated)."""
    names = {}
    for fmt in FORMATS:
        names.setdefault(fmt.extension, shown_name(fmt.name))
    return ";;".join(f"{names[ext]} (*{ext})" for ext in extensions_wanted)


def export(
    out: Path,
    layer: ControlLayer,
    stats: ControlStats,
    result: ScenarioResult | None = None,
    options: BriefingOptions | None = None,
) -> Path:
    """Write one export; the format follows ``out``'s extension (:data:`FORMATS`)."""
    return export_format(out).write(Path(out), layer, stats, result, options)
