"""The place search box: type a few letters (English or Ukrainian); the map flies there."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from geodata.boundaries import load_boundaries
from geodata.gazetteer import load_gazetteer, search_places

SUGGESTIONS = 12
_PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


class PlaceSearch(QLineEdit):
    """A search box over the gazetteer with type-ahead; says which place was chosen."""

    place_chosen = Signal(float, float, str)  # lat, lon, name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("place-search")
        self.setPlaceholderText("Find a place…  (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(360)
        self.model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.model, self)
        # The gazetteer already matched and ordered them: show every suggestion as it is.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(SUGGESTIONS)
        self.setCompleter(self.completer_)
        self.textEdited.connect(self.suggest)
        self.completer_.activated[QModelIndex].connect(self._chosen)
        self.returnPressed.connect(self._first)
        self._regions = dict(
            zip(load_boundaries().codes, load_boundaries().units["name"], strict=True)
        )
        places = load_gazetteer()
        self._cities = dict(zip(places["geonameid"], places["name"], strict=True))

    def suggest(self, text: str) -> int:
        """Fill the list of suggestions for what is typed; returns how many there are."""
        self.model.clear()
        for place in search_places(text, SUGGESTIONS).itertuples():
            shown = f"{place.name} ({place.name_uk})" if place.name_uk else place.name
            region = self._regions.get(place.region_code, place.region_code)
            if place.part_of:
                region = f"district of {self._cities.get(place.part_of, '?')}, {region}"
            people = f", {place.population:,}" if place.population else ""
            item = QStandardItem(f"{shown} — {region}{people}")
            item.setData((float(place.lat), float(place.lon), str(place.name)), _PLACE_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.completer_.complete()
        return self.model.rowCount()

    def _chosen(self, index: QModelIndex) -> None:
        lat, lon, name = index.data(_PLACE_ROLE)
        self.setText(name)
        self.place_chosen.emit(lat, lon, name)

    def _first(self) -> None:
        if self.model.rowCount() == 0 and self.text().strip():
            self.suggest(self.text())
        if self.model.rowCount():
            self._chosen(self.model.index(0, 0))
            self.completer_.popup().hide()
