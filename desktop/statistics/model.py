"""A Qt table model over :class:`geodata.stats.ControlStats`: groups first, then the 27 units."""

from __future__ import annotations

from functools import cmp_to_key

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.i18n import compare_text, current_language, number
from geodata.boundaries import load_boundaries
from geodata.figures import is_negligible
from geodata.groups import GROUPS
from geodata.palette import current, rgba
from geodata.stats import ADDED, ControlStats

#: Column titles (English; shown with :func:`column_title`). A title's first space becomes
#: a line break in the header.
COLUMNS = (
    QT_TRANSLATE_NOOP("Statistics", "Region"),
    QT_TRANSLATE_NOOP("Statistics", "Area km²"),
    QT_TRANSLATE_NOOP("Statistics", "Occupied km²"),
    QT_TRANSLATE_NOOP("Statistics", "Occupied %"),
)
SHARE_COLUMN = 3
SORT_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # region code ("UA-14") or group id ("annexed-2022")
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
SHARE_ROLE = Qt.ItemDataRole.UserRole + 3
BAR_ALPHA = 110 / 255  # the map's occupied colour, lighter for text on top

_Index = QModelIndex | QPersistentModelIndex

#: Short names for the group rows, to fit the panel; the tooltip and copies give the full name.
#: English; shown with :func:`group_label`.
GROUP_LABELS = {
    "annexed-2022": QT_TRANSLATE_NOOP("Statistics", "Annexed 2022"),
    "crimea-2014": QT_TRANSLATE_NOOP("Statistics", "Annexed 2014"),
    "ukraine": QT_TRANSLATE_NOOP("Statistics", "All of Ukraine"),
}


def column_title(section: int) -> str:
    """A column's title in the language in use."""
    return QCoreApplication.translate("Statistics", COLUMNS[section])


def group_title(key: str, default: str) -> str:
    """A group's whole name in the language in use (``default`` if it is no group).

    >>> group_title("annexed-2022", "?")
    'Four regions annexed in 2022'
    """
    group = next((g for g in GROUPS if g.id == key), None)
    return group.title(current_language()) if group else default


def group_label(key: str, default: str) -> str:
    """A group row's short name in the language in use (``default`` if it has none)."""
    label = GROUP_LABELS.get(key)
    return QCoreApplication.translate("Statistics", label) if label else default


def unit_name(code: str, english: str) -> str:
    """A first-level unit's name in the language in use (by its ISO code)."""
    return load_boundaries().name_of(code, current_language(), default=english)


def names_in_language(frame, code: str = "code", name: str = "name"):
    """``frame`` with its oblasts' and groups' names (found by their codes) in the language in use.

    The one place a table from the core gets its names translated: the Changes
    and Compare panels, whose rows name oblasts, groups, or places' oblasts.
    """
    language = current_language()
    if frame is None or language == "en" or frame.empty:
        return frame
    boundaries = load_boundaries()
    groups = {group.id for group in GROUPS}
    names = [group_title(c, n) if c in groups else boundaries.name_of(c, language, default=n)
             for c, n in zip(frame[code], frame[name], strict=True)]  # fmt: skip
    return frame.assign(**{name: names})


def sorted_by_name(records: list[dict]) -> list[dict]:
    """Records in the order of their ``name``: Ukrainian names in the Ukrainian alphabet's."""
    return sorted(records, key=lambda record: NAME_ORDER(record["name"]))


#: A sort key for names in the language in use (Ukrainian in the Ukrainian alphabet's order).
NAME_ORDER = cmp_to_key(compare_text)


class StatsTableModel(QAbstractTableModel):
    """Rows: the three groups, then the units, each with area, occupied area and share."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_stats(self, stats: ControlStats | None) -> None:
        """Show these statistics (None: an empty table).

        The same rows with new figures (another date of a history) change the
        cells in place: the view keeps its selection and re-sorts, and nothing
        is laid out again, so a date switch stays quick.
        """
        rows = []
        if stats is not None:
            for record in stats.groups.to_dict("records"):
                rows.append({**record, "key": record["id"], "is_group": True})
            # By name, so rows with equal values stay in alphabetical order when sorted.
            units = [
                {**record, "name": unit_name(record["code"], record["name"])}
                for record in stats.regions.to_dict("records")
            ]
            for record in sorted_by_name(units):
                rows.append({**record, "key": record["code"], "is_group": False})
        same = [r["key"] for r in rows] == [r["key"] for r in self._rows]
        if same and rows and [r.keys() for r in rows] == [r.keys() for r in self._rows]:
            self._rows = rows
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of_key(self, key: str) -> int | None:
        """The row of a region code or group id, or None."""
        for row, record in enumerate(self._rows):
            if record["key"] == key:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # Units on a second line keep the number columns narrow.
            title = column_title(section)
            return title if section == 0 else title.replace(" ", "\n", 1)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(section)
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, column = self._rows[index.row()], index.column()
        values = (
            record["name"],
            record["area_km2"],
            record["controlled_km2"],
            record["controlled_pct"],
        )
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return (
                    group_label(record["key"], record["name"])
                    if record["is_group"]
                    else record["name"]
                )
            return number(values[column], 2 if column == SHARE_COLUMN else 1)
        if role == SORT_ROLE:
            return values[column]
        if role == KEY_ROLE:
            return record["key"]
        if role == IS_GROUP_ROLE:
            return record["is_group"]
        if role == SHARE_ROLE:
            return float(record["controlled_pct"])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column)
        if role == Qt.ItemDataRole.FontRole and record["is_group"]:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if record["is_group"]:
                name = group_title(record["key"], record["name"])
            else:
                name = f"{record['name']} ({record['key']})"
            added = record.get(ADDED, 0.0)
            if not is_negligible(added):
                name += "\n" + QCoreApplication.translate(
                    "Statistics", "Occupied km² include {km2} km² of border and coast slivers"
                ).format(km2=number(added, 1))
            return name
        return None


class StatsSortProxy(QSortFilterProxyModel):
    """Sorts by the raw values, keeping the group rows on top in either order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        left_group, right_group = left.data(IS_GROUP_ROLE), right.data(IS_GROUP_ROLE)
        if left_group != right_group:
            # Qt reverses lessThan for a descending sort; answer so groups stay first.
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return bool(left_group) if ascending else bool(right_group)
        if left_group:  # groups keep their own order
            return (
                left.row() < right.row()
                if self.sortOrder() == Qt.SortOrder.AscendingOrder
                else (left.row() > right.row())
            )
        if left.column() == 0 and current_language() == "uk":
            # Names in the Ukrainian alphabet's order, not by code points.
            return compare_text(str(left.data(SORT_ROLE)), str(right.data(SORT_ROLE))) < 0
        return super().lessThan(left, right)


class ShareBarDelegate(QStyledItemDelegate):
    """Draws the occupied share as a bar behind the number."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        share = index.data(SHARE_ROLE)
        if share is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        bar = QRectF(option.rect.adjusted(3, 4, -3, -4))
        bar.setWidth(bar.width() * max(0.0, min(100.0, share)) / 100)
        painter.save()
        painter.fillRect(bar, QColor(*rgba(current().occupied, BAR_ALPHA)))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        )
        painter.setPen(option.palette.color(role))
        painter.setFont(option.font)
        painter.drawText(option.rect.adjusted(4, 0, -4, 0), int(cell_alignment(SHARE_COLUMN)), text)
        painter.restore()


def cell_alignment(column: int):
    """Names to the left, numbers to the right (column 0 holds the names)."""
    if column == 0:
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
