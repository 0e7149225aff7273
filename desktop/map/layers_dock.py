"""The Layers panel: show, hide and fade each map layer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDockWidget, QGridLayout, QLabel, QSlider, QWidget

from desktop.map.view import HIDDEN_BY_DEFAULT, MAP_LAYERS


class LayersDock(QDockWidget):
    """One row per map layer: a check box to show it, a slider for its opacity."""

    visibility_changed = Signal(str, bool)
    opacity_changed = Signal(str, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Panels", "Layers"), parent)
        self.setObjectName("layers-dock")
        body = QWidget()
        grid = QGridLayout(body)
        opacity = QCoreApplication.translate("Layers", "Opacity")
        grid.addWidget(QLabel(opacity), 0, 1, alignment=Qt.AlignmentFlag.AlignCenter)
        self.checks: dict[str, QCheckBox] = {}
        self.sliders: dict[str, QSlider] = {}
        for row, (name, english) in enumerate(MAP_LAYERS.items(), start=1):
            title = QCoreApplication.translate("Layers", english)
            check = QCheckBox(title)
            check.setObjectName(f"layer-visible-{name}")
            check.setChecked(name not in HIDDEN_BY_DEFAULT)
            check.toggled.connect(lambda on, n=name: self.visibility_changed.emit(n, on))
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"layer-opacity-{name}")
            slider.setRange(0, 100)
            slider.setValue(100)
            of = QCoreApplication.translate("Layers", "Opacity of {layer}")
            slider.setToolTip(of.format(layer=title.lower()))
            slider.setAccessibleName(of.format(layer=title.lower()))
            shown = QCoreApplication.translate("Layers", "Show or hide {layer} on the map")
            check.setAccessibleDescription(shown.format(layer=title.lower()))
            slider.valueChanged.connect(lambda v, n=name: self.opacity_changed.emit(n, v / 100))
            grid.addWidget(check, row, 0)
            grid.addWidget(slider, row, 1)
            self.checks[name], self.sliders[name] = check, slider
        grid.setRowStretch(len(MAP_LAYERS) + 1, 1)
        self.setWidget(body)

    def visibility(self) -> dict[str, bool]:
        """Layer name -> shown."""
        return {name: check.isChecked() for name, check in self.checks.items()}

    def opacity(self) -> dict[str, float]:
        """Layer name -> opacity 0..1."""
        return {name: slider.value() / 100 for name, slider in self.sliders.items()}

    def restore(self, visibility: dict, opacity: dict) -> None:
        """Set the controls (emitting the usual signals, so the map follows)."""
        for name, shown in visibility.items():
            if name in self.checks and isinstance(shown, bool):
                self.checks[name].setChecked(shown)
        for name, value in opacity.items():
            if name in self.sliders and isinstance(value, int | float):
                self.sliders[name].setValue(round(max(0.0, min(1.0, value)) * 100))
