"""Exports by file type, shared by ``frontline-atlas export`` and the app (no Qt here).

The extension chooses the output: ``.pdf .svg .png`` a briefing map;
``.html`` the interactive map in one offline file; ``.csv .xlsx .json`` the
statistics (or a proposal's results); ``.geojson .gpkg`` the control layer (and
the proposal's areas and lines).
"""

from __future__ import annotations

from pathlib import Path

from desktop.map.page import write_standalone_map
from geodata.control import ControlLayer
from geodata.exports.briefing import BRIEFING_FORMATS, BriefingOptions, render_briefing
from geodata.exports.geo import GEO_FORMATS, write_geodata
from geodata.exports.tables import TABLE_FORMATS, write_table
from geodata.scenarios.engine import ScenarioResult
from geodata.stats import ControlStats

EXPORT_FORMATS = (*BRIEFING_FORMATS, ".html", *TABLE_FORMATS, *GEO_FORMATS)


def export(
    out: Path,
    layer: ControlLayer,
    stats: ControlStats,
    result: ScenarioResult | None = None,
    options: BriefingOptions | None = None,
) -> Path:
    """Write one export; the format follows ``out``'s extension (:data:`EXPORT_FORMATS`)."""
    out = Path(out)
    kind = out.suffix.lower()
    if kind in BRIEFING_FORMATS:
        return render_briefing(out, layer, stats, result, options)
    if kind == ".html":
        return write_standalone_map(out, layer, stats, result)
    if kind in TABLE_FORMATS:
        return write_table(out, stats, result, layer.credit)
    if kind in GEO_FORMATS:
        return write_geodata(out, layer, result)
    raise ValueError(
        f"cannot export to {out.name}: the extension must be one of {', '.join(EXPORT_FORMATS)}"
    )
