"""A Qt table model over one proposal's result, or two side by side."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.i18n import number as shown_number
from desktop.i18n import signed
from desktop.statistics.model import cell_alignment, group_label, group_title, unit_name
from geodata.figures import is_negligible
from geodata.palette import current
from geodata.scenarios.engine import ScenarioResult, regions_in_order

SORT_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class ProposalTableModel(QAbstractTableModel):
    """Rows: the groups, then the units a proposal changes or that are held.

    Columns: region, held before (%), and for each proposal shown: held after
    (%), change (km²) and change (percentage points).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._results: list[ScenarioResult] = []
        self._rows: list[dict] = []

    def set_results(self, results: list[ScenarioResult]) -> None:
        """Show one result, two side by side, or none (an empty list)."""
        self.beginResetModel()
        self._results = [r for r in results if r is not None]
        self._rows = _rows(self._results)
        self.endResetModel()

    def headers(self) -> list[str]:
        """Column titles (units on a second line); two proposals are marked (A) and (B)."""
        return [title for title, _kind in self._columns()]

    def _columns(self) -> list[tuple[str, str]]:
        """(title, kind) per column; kinds: name, pct, delta_km2, delta_pp, zone_km2.

        Only what says something is shown: no change columns for a proposal
        that moves nothing (a zone on the current line), no zone columns
        without a zone, no percentage points side by side.
        """
        pair = len(self._results) > 1
        moves = pair or (bool(self._results) and _moves_territory(self._results[0]))
        occupied = (
            QCoreApplication.translate("Proposals", "Occupied\nbefore %")
            if moves
            else QCoreApplication.translate("Proposals", "Occupied\n%")
        )
        columns = [(QCoreApplication.translate("Proposals", "Region"), "name"), (occupied, "pct")]
        for number in range(len(self._results)):
            mark = f" ({'AB'[number]})" if pair else ""
            if moves:
                columns += [
                    (
                        QCoreApplication.translate("Proposals", "After\n%{mark}").format(mark=mark),
                        "pct",
                    ),
                    (
                        QCoreApplication.translate("Proposals", "Change\nkm²{mark}").format(
                            mark=mark
                        ),
                        "delta_km2",
                    ),
                ]
        if not pair:
            if moves:
                columns.append((QCoreApplication.translate("Proposals", "Change\npp"), "delta_pp"))
            if _has_zone(self._results):
                columns += [
                    (QCoreApplication.translate("Proposals", "Zone km²\noccupied"), "zone_km2"),
                    (QCoreApplication.translate("Proposals", "Zone km²\nUkrainian"), "zone_km2"),
                ]
        return columns

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.headers()) if self._results else 0

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(section)
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        kind = self._columns()[column][1]
        value = row["values"][column]
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "name":
                return value
            if kind == "delta_km2":
                return shown_number(0, 1) if is_negligible(value) else signed(value, 1)
            if kind == "delta_pp":
                return signed(value, 2) if abs(value) >= 0.005 else shown_number(0, 2)
            if kind == "zone_km2":
                return shown_number(value, 1)
            return shown_number(value, 2)
        if role == SORT_ROLE:
            return value
        if role == KEY_ROLE:
            return row["key"]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column)
        if role == Qt.ItemDataRole.FontRole and row["is_group"]:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and kind in ("delta_km2", "delta_pp"):
            if value > 0.005:
                return QBrush(QColor(current().to_occupier))
            if value < -0.005:
                return QBrush(QColor(current().to_ukraine))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["tooltip"]
        return None


def _rows(results: list[ScenarioResult]) -> list[dict]:
    if not results:
        return []
    tables = [(r.groups.set_index("id"), r.regions.set_index("code")) for r in results]
    rows = []
    first_groups = tables[0][0]
    pair = len(results) > 1
    moves = pair or _moves_territory(results[0])
    group_tables = [groups for groups, _regions in tables]
    for key in first_groups.index:
        name = first_groups.loc[key, "name"]
        row = _row(key, group_label(key, name), group_title(key, name), True, group_tables, pair,
                   moves)  # fmt: skip
        group_zones = results[0].zone_km2("groups") if not pair else None
        if group_zones is not None:
            row["values"] += [float(group_zones.loc[key, "occupier_side_km2"]),
                              float(group_zones.loc[key, "ukraine_side_km2"])]  # fmt: skip
        rows.append(row)
    zones = results[0].zone_km2("regions") if not pair else None
    region_tables = [regions for _groups, regions in tables]
    for key, record in regions_in_order(results).iterrows():
        name = unit_name(key, record["name"])
        row = _row(key, name, f"{name} ({key})", False, region_tables, pair, moves)
        if zones is not None:
            row["values"] += [float(zones.loc[key, "occupier_side_km2"]),
                              float(zones.loc[key, "ukraine_side_km2"])]  # fmt: skip
        rows.append(row)
    return rows


def _moves_territory(result: ScenarioResult) -> bool:
    return not (is_negligible(result.to_occupier_km2) and is_negligible(result.to_ukraine_km2))


def _has_zone(results: list[ScenarioResult]) -> bool:
    return bool(results) and bool(results[0].demilitarized_zones)


def _row(
    key: str, label: str, tooltip: str, is_group: bool, tables, pair: bool, moves: bool
) -> dict:
    first = tables[0].loc[key]
    values: list = [label, float(first["controlled_pct_before"])]
    for table in tables if moves else []:
        record = table.loc[key]
        values += [float(record["controlled_pct_after"]), float(record["delta_km2"])]
        if not pair:
            values.append(float(record["delta_pct_points"]))
    return {"key": key, "values": values, "is_group": is_group, "tooltip": tooltip}
