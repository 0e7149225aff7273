"""The place search box: type a few letters (English or Ukrainian); the map flies there."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.i18n import current_language, number, place
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
        self.setPlaceholderText(QCoreApplication.translate("Map", "Find a place…  (Ctrl+F)"))
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
        units = load_boundaries().units
        self._regions = {
            code: place(name, name_uk)
            for code, name, name_uk in zip(
                units["code"], units["name"], units["name_uk"], strict=True
            )
        }
        places = load_gazetteer()
        self._cities = {
            geonameid: place(name, name_uk)
            for geonameid, name, name_uk in zip(
                places["geonameid"], places["name"], places["name_uk"], strict=True
            )
        }

    def suggest(self, text: str) -> int:
        """Fill the list of suggestions for what is typed; returns how many there are."""
        self.model.clear()
        ukrainian = current_language() == "uk"
        for found in search_places(text, SUGGESTIONS).itertuples():
            shown = found.name
            if found.name_uk:  # both names, the one in the language in use first
                first, second = (
                    (found.name_uk, found.name) if ukrainian else (found.name, found.name_uk)
                )
                shown = f"{first} ({second})"
            region = self._regions.get(found.region_code, found.region_code)
            if found.part_of:
                region = QCoreApplication.translate("Map", "district of {city}, {region}").format(
                    city=self._cities.get(found.part_of, "?"), region=region
                )
            people = f", {number(found.population, 0)}" if found.population else ""
            item = QStandardItem(f"{shown} — {region}{people}")
            item.setData((float(found.lat), float(found.lon), str(found.name)), _PLACE_ROLE)
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
