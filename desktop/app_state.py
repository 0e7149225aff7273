"""What the app shows now, shared by the window, the controllers and the panels.

One :class:`AppState` per window holds the control data on screen, the
proposals' results on it, the history open and the units selected, and says
when any of them changes; controllers and panels read it (and connect to it)
instead of reaching into the window's fields.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from geodata.categories import DEFAULT_COUNTING, Counting
from geodata.reconcile import DEFAULT_TOLERANCE_KM


class AppState(QObject):
    """The current control data and proposal results, with change signals."""

    control_changed = Signal(object)  # the LoadedControl shown, or None
    results_changed = Signal(object)  # (first, second) ScenarioResult or None each
    history_changed = Signal(object)  # the HistorySeries open, or None
    selection_changed = Signal(object)  # tuple of unit codes, possibly empty
    message = Signal(str, int)  # a status-bar line, and for how long (ms; 0: until replaced)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = None
        self.results: tuple = (None, None)
        self.series = None
        self.selection: tuple[str, ...] = ()
        #: The border and coast reconciliation tolerance new figures use (from Preferences).
        self.reconcile_km: float = DEFAULT_TOLERANCE_KM
        #: Which categories count as occupied (contested land: a Preferences setting).
        self.counting: Counting = DEFAULT_COUNTING

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """Show a line in the window's status bar."""
        self.message.emit(text, timeout_ms)

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

    def set_series(self, series) -> None:
        """Another history was opened (or none)."""
        self.series = series
        self.history_changed.emit(series)

    def set_selection(self, codes) -> None:
        """The units selected (in the table or on the map) changed."""
        self.selection = tuple(codes)
        self.selection_changed.emit(self.selection)
