"""The Info panel: the loaded layer's date, source, what the import did, and the credits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFormLayout, QLabel, QWidget

from desktop.app_state import AppState
from geodata.control import ControlLayer
from geodata.credits import DATA_CREDITS


class InfoDock(QDockWidget):
    """Facts about the control data on the map, and who to credit for what is shown."""

    def __init__(self, parent: QWidget | None = None, state: AppState | None = None) -> None:
        super().__init__("Info", parent)
        self.setObjectName("info-dock")
        body = QWidget()
        form = QFormLayout(body)
        self.fields: dict[str, QLabel] = {}
        for key, title in (
            ("date", "Date"),
            ("source", "Source"),
            ("format", "Format"),
            ("features", "Features"),
            ("notes", "Import notes"),
            ("credits", "Credits"),
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
        self.show_layer(loaded.layer if loaded is not None else None)

    def show_layer(self, layer: ControlLayer | None) -> None:
        """Describe a layer, or the empty state when None."""
        credits = list(DATA_CREDITS)
        if layer is None:
            values = {
                "date": "—",
                "source": "No control-area data loaded",
                "format": "—",
                "features": "—",
                "notes": "—",
            }
        else:
            origin = {
                "argument": "given",
                "metadata": "from the file's metadata",
                "file name": "from the file name",
                "unknown": "",
            }[layer.report.date_origin]
            date = layer.date.isoformat() if layer.date else "unknown"
            values = {
                "date": f"{date} ({origin})" if origin else date,
                "source": breakable(layer.source),
                "format": layer.source_format,
                "features": _features(layer),
                "notes": "\n".join(layer.report.messages()) or "none",
            }
            credits.append(f"Control areas: {layer.credit}")
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


def _features(layer: ControlLayer) -> str:
    if layer.report.features_read == 0 and not layer.is_empty:
        return "one day of a history (figures from the history store)"
    used = layer.report.polygons_used
    text = f"{used} polygon{'s' if used != 1 else ''} counted as occupied"
    if layer.feature_names:
        text += "\n" + "\n".join(layer.feature_names)
    return text
