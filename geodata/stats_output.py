"""Write a :class:`~geodata.stats.ControlStats` as a table for people, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from geodata.groups import get_group
from geodata.stats import ControlStats

OutputFormat = Literal["table", "csv", "json"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("table", "csv", "json")

CSV_COLUMNS = ["date", "level", "code", "name", "area_km2", "controlled_km2", "controlled_pct"]


def format_stats(
    stats: ControlStats, output: OutputFormat = "table", group: str | None = None
) -> str:
    """Render statistics as ``table``, ``csv`` or ``json``, optionally limited to one group.

    Parameters
    ----------
    stats : ControlStats
        From :func:`geodata.stats.compute_stats`.
    output : {"table", "csv", "json"}
        A table for people, or CSV / JSON for machines.
    group : str, optional
        A group id (``annexed-2022``, ``crimea-2014``, ``ukraine``): show that group
        and its members only.

    Raises
    ------
    ValueError
        For an unknown ``output``; :class:`~geodata.errors.UnknownRegionError`
        for an unknown group.
    """
    if group is not None:
        stats = only_group(stats, group)
    if output == "json":
        return json.dumps(stats.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        return _csv(stats)
    if output == "table":
        return _table(stats)
    raise ValueError(
        f"unknown output format {output!r}; choose one of: {', '.join(OUTPUT_FORMATS)}"
    )


def only_group(stats: ControlStats, group_id: str) -> ControlStats:
    """The same statistics limited to one group and its member units.

    >>> import pandas as pd
    >>> from geodata.stats import ControlStats
    >>> regions = pd.DataFrame({"code": ["UA-43", "UA-40", "UA-63"]})
    >>> groups = pd.DataFrame({"id": ["annexed-2022", "crimea-2014", "ukraine"]})
    >>> only_group(ControlStats(None, "x", regions, groups), "crimea-2014").regions["code"].tolist()
    ['UA-43', 'UA-40']
    """
    group = get_group(group_id)
    regions = stats.regions[stats.regions["code"].isin(group.codes)]
    groups = stats.groups[stats.groups["id"] == group.id]
    return ControlStats(stats.date, stats.source, regions.reset_index(drop=True), groups)


def stats_csv_rows(stats: ControlStats) -> list[dict]:
    """One row per group, then per unit, with the :data:`CSV_COLUMNS` fields, rounded as in JSON."""
    data = stats.to_dict()
    rows = []
    for level, key, records in (
        ("group", "id", data["groups"]),
        ("region", "code", data["regions"]),
    ):
        for record in records:
            rows.append(
                {
                    "date": data["date"] or "",
                    "level": level,
                    "code": record[key],
                    "name": record["name"],
                    "area_km2": record["area_km2"],
                    "controlled_km2": record["controlled_km2"],
                    "controlled_pct": record["controlled_pct"],
                }
            )
    return rows


def _csv(stats: ControlStats) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(stats_csv_rows(stats))
    return buffer.getvalue()


def _table(stats: ControlStats) -> str:
    date = stats.date.isoformat() if stats.date else "date unknown"
    lines = [f"Controlled area — {stats.source} ({date})", ""]
    header = f"{'':40} {'area km²':>11} {'controlled km²':>15} {'controlled %':>13}"
    lines.append(header)
    for row in stats.groups.itertuples():
        lines.append(_table_line(row.name, row))
    lines.append("")
    regions = stats.regions.sort_values(["controlled_pct", "name"], ascending=[False, True])
    for row in regions.itertuples():
        lines.append(_table_line(f"{row.name} ({row.code})", row))
    return "\n".join(lines) + "\n"


def _table_line(label: str, row) -> str:
    bar = "█" * round(row.controlled_pct / 10)
    return (
        f"{label[:40]:40} {row.area_km2:11,.1f} {row.controlled_km2:15,.1f} "
        f"{row.controlled_pct:12.2f}  {bar}"
    )
