"""What the app shows now, shared by the window, the controllers and the panels.

One :class:`AppState` per window holds the control data on screen and the
proposals' results on it, and says when either changes; controllers read it
(and connect to it) instead of reaching into the window's fields.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppState(QObject):
    """The current control data and proposal results, with change signals."""

    control_changed = Signal(object)  # the LoadedControl shown, or None
    results_changed = Signal(object)  # (first, second) ScenarioResult or None each

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = None
        self.results: tuple = (None, None)

    @property
    def result(self):
        """The first (or only) proposal's result on the current data, or None."""
        return self.results[0]

    def set_control(self, loaded) -> None:
        """Show other control data (or none)."""
        self.control = loaded
        self.control_changed.emit(loaded)

    def set_results(self, first, second=None) -> None:
        """The proposals' results on the current data changed."""
        self.results = (first, second)
        self.results_changed.emit(self.results)
