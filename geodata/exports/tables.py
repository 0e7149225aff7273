"""Statistics (and proposal results) as CSV, JSON and XLSX files.

Every XLSX cell is written through :func:`geodata.exports.text.xlsx_append`: a
proposal or file name that begins with ``=`` is stored as text, not as a formula.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from geodata.credits import credit_line
from geodata.exports.atomic import write_atomically
from geodata.exports.text import frame_csv, table_value, xlsx_append
from geodata.scenarios.engine import ScenarioResult
from geodata.scenarios.output import format_scenario, scenario_to_dict, zone_lines
from geodata.stats import ControlStats
from geodata.stats_output import COLUMN_LABELS, format_stats

TABLE_FORMATS = (".csv", ".json", ".xlsx")


def write_table(
    path: Path, stats: ControlStats, result: ScenarioResult | None = None, credit: str = ""
) -> Path:
    """Write statistics, or a proposal's result, as CSV, JSON or XLSX (by the extension)."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind == ".csv":
        text = format_scenario(result, "csv") if result else format_stats(stats, "csv")
        return write_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))
    if kind == ".json":
        data = scenario_to_dict(result) if result else stats.to_dict()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return write_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))
    if kind == ".xlsx":
        # Saved in memory first: openpyxl's zip file, left open by a failed write
        # (a full disk), would fail once more when collected.
        buffer = io.BytesIO()
        _workbook(stats, result, credit).save(buffer)
        return write_atomically(path, lambda p: p.write_bytes(buffer.getvalue()))
    raise ValueError(f"unknown table format {kind!r}; choose one of: {', '.join(TABLE_FORMATS)}")


def _workbook(stats: ControlStats, result: ScenarioResult | None, credit: str) -> openpyxl.Workbook:
    """Sheets ``Groups`` and ``Regions`` with the JSON's numbers, and ``About`` with the method."""
    data = scenario_to_dict(result) if result else stats.to_dict()
    book = openpyxl.Workbook()
    groups = book.active
    groups.title = "Groups"
    _sheet(groups, data["groups"], "id")
    _sheet(book.create_sheet("Regions"), data["regions"], "code")
    about = book.create_sheet("About")
    rows = [("Date", data["date"] or "unknown"), ("Source", data["source"])]
    rows += (result.before if result else stats).method.lines()
    if result:
        rows += [
            ("Proposal", data["scenario"]["name"]),
            ("To the occupying side, km²", data["to_occupier_km2"]),
            ("To Ukraine, km²", data["to_ukraine_km2"]),
            ("Line of contact before, km", data["contact_line_km_before"]),
            ("Line of contact after, km", data["contact_line_km_after"]),
            *(("Demilitarized zone", line) for line in zone_lines(data)),
        ]
        for number, zone in enumerate(data["demilitarized_zones"], start=1):
            # Its figures per region (the JSON's), on a sheet of its own.
            title = "Zone" if len(data["demilitarized_zones"]) == 1 else f"Zone {number}"
            _sheet(book.create_sheet(title), zone["regions"], "code")
    if "people" in data["metadata"]:
        rows.append(("People", data["metadata"]["people"]))
    rows += [("Credits", credit_line(credit or data["source"]))]
    for row in rows:
        xlsx_append(about, row)
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 60
    return book


def _sheet(sheet, records: list[dict], key: str) -> None:
    columns = list(records[0]) if records else [key]
    xlsx_append(sheet, [COLUMN_LABELS.get(column, column) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        xlsx_append(sheet, [record[c] for c in columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(
            12, len(COLUMN_LABELS.get(column, column)) + 2
        )


FRAME_FORMATS = (".csv", ".xlsx")


def write_frame(
    path: Path, table, notes: list[str] | tuple[str, ...] = (), sheet: str = "Data"
) -> Path:
    """Write any table the app shows (a pandas DataFrame) as CSV or XLSX, by the extension.

    ``notes`` (method, source, credits) go first as ``#`` lines in CSV and on an
    ``About`` sheet in XLSX. Text cells are neutralised like every other export.
    """
    path = Path(path)
    kind = path.suffix.lower()
    if kind == ".csv":
        text = frame_csv(table, notes)
        return write_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))
    if kind == ".xlsx":
        book = openpyxl.Workbook()
        data = book.active
        data.title = sheet[:31]
        xlsx_append(data, [str(c) for c in table.columns])
        for cell in data[1]:
            cell.font = Font(bold=True)
        for row in table.itertuples(index=False):
            xlsx_append(data, [table_value(c, v) for c, v in zip(table.columns, row, strict=True)])
        data.freeze_panes = "A2"
        if notes:
            about = book.create_sheet("About")
            for note in notes:
                xlsx_append(about, [note])
        buffer = io.BytesIO()
        book.save(buffer)
        return write_atomically(path, lambda p: p.write_bytes(buffer.getvalue()))
    raise ValueError(f"unknown table format {kind!r}; choose one of: {', '.join(FRAME_FORMATS)}")
