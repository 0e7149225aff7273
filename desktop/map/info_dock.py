"""The Info panel: the loaded layer's date, source, what the import did, and the credits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QFormLayout, QLabel, QWidget

from desktop.app_state import AppState
from desktop.i18n import current_language, date_text, number
from geodata.categories import label_of
from geodata.control import ControlLayer
from geodata.credits import data_credits
from geodata.stats import ControlStats


class InfoDock(QDockWidget):
    """Facts about the control data on the map, and who to credit for what is shown."""

    def __init__(self, parent: QWidget | None = None, state: AppState | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Info"), parent)
        self.setObjectName("info-dock")
        body = QWidget()
        form = QFormLayout(body)
        self.fields: dict[str, QLabel] = {}
        for key, title in (
            ("date", QCoreApplication.translate("Info", "Date")),
            ("source", QCoreApplication.translate("Info", "Source")),
            ("format", QCoreApplication.translate("Info", "Format")),
            ("features", QCoreApplication.translate("Info", "Features")),
            ("categories", QCoreApplication.translate("Info", "Categories")),
            ("notes", QCoreApplication.translate("Info", "Import notes")),
            ("credits", QCoreApplication.translate("Info", "Credits")),
        ):
            label = QLabel()
            label.setObjectName(f"info-{key}")
            # Text from files (names, descriptions) is shown as text, never as HTML.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setMinimumWidth(120)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, label)
            self.fields[key] = label
        self.setWidget(body)
        self.show_layer(None)
        if state is not None:
            state.control_changed.connect(self._show_control)

    def _show_control(self, loaded) -> None:
        if loaded is None:
            self.show_layer(None)
        else:
            self.show_layer(loaded.layer, loaded.stats)

    def show_layer(self, layer: ControlLayer | None, stats: ControlStats | None = None) -> None:
        """Describe a layer (with its statistics' per-category figures), or the empty state."""
        credits = data_credits(current_language())
        if layer is None:
            values = {
                "date": "—",
                "source": QCoreApplication.translate("Info", "No control-area data loaded"),
                "format": "—",
                "features": "—",
                "categories": "—",
                "notes": "—",
            }
        else:
            origin = {
                "argument": QCoreApplication.translate("Info", "given"),
                "metadata": QCoreApplication.translate("Info", "from the file's metadata"),
                "file name": QCoreApplication.translate("Info", "from the file name"),
                "unknown": "",
            }[layer.report.date_origin]
            date = (
                date_text(layer.date)
                if layer.date
                else QCoreApplication.translate("Info", "unknown")
            )
            values = {
                "date": f"{date} ({origin})" if origin else date,
                "source": breakable(layer.source),
                "format": layer.source_format,
                "features": _features(layer),
                "categories": _categories(stats),
                "notes": "\n".join(layer.report.messages())
                or QCoreApplication.translate("Info", "none"),
            }
            credits.append(
                QCoreApplication.translate("Info", "Control areas: {credit}").format(
                    credit=layer.credit
                )
            )
        values["credits"] = "\n".join(credits)
        for key, value in values.items():
            self.fields[key].setText(value)


def breakable(name: str) -> str:
    """A file name the panel may wrap after ``_``, ``-`` and ``.``, so long names fit.

    >>> breakable("a_b.json") == "a_\u200bb.\u200bjson"
    True
    """
    for mark in "_-.":
        name = name.replace(mark, mark + "\u200b")
    return name


def _categories(stats: ControlStats | None) -> str:
    totals = stats.category_totals() if stats is not None else []
    if not totals:
        return QCoreApplication.translate("Info", "one kind of area: all of it counts as occupied")
    counted = QCoreApplication.translate(
        "Info", "{label}: {km2} km² ({pct} % of Ukraine), counted as occupied"
    )
    not_counted = QCoreApplication.translate(
        "Info", "{label}: {km2} km² ({pct} % of Ukraine), not counted as occupied"
    )
    return "\n".join(
        (counted if t["counted"] else not_counted).format(
            label=label_of(t["category"], current_language()),
            km2=number(t["km2"], 0),
            pct=number(t["pct"], 2),
        )
        for t in totals
    )


def _features(layer: ControlLayer) -> str:
    if layer.report.features_read == 0 and not layer.is_empty:
        return QCoreApplication.translate(
            "Info", "one day of a history (figures from the history store)"
        )
    used = layer.report.polygons_used
    text = (
        QCoreApplication.translate("Info", "{n} polygon used")
        if used == 1
        else QCoreApplication.translate("Info", "{n} polygons used")
    ).format(n=used)
    if layer.feature_names:
        text += "\n" + "\n".join(layer.feature_names)
    return text
