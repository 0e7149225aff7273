"""Settings, declared once (key, type, default), kept in an INI file in the user's config folder."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from geodata.user_folders import user_config_folder

T = TypeVar("T")
MAX_RECENT_FILES = 10


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: where it is stored, its type and its default, and optionally how a
    stored value is made one the app can use (``fit``: say, into a range)."""

    key: str
    type: type
    default: T
    doc: str = ""
    fit: Callable[[T], T] | None = None


ONLINE_BASEMAP = Setting("map/online_basemap", bool, False, "Show OpenStreetMap tiles (online)")
RECENT_FILES = Setting("files/recent", list, [], "Recently opened control files, newest first")
LAST_FOLDER = Setting("files/last_folder", str, "", "The folder of the last Open dialog")
WINDOW_GEOMETRY = Setting("window/geometry", bytes, b"", "Main window position and size")
WINDOW_STATE = Setting("window/state", bytes, b"", "Dock and toolbar layout")
LAYER_VISIBLE = Setting("layers/visible", dict, {}, "Layer name -> shown")
LAYER_OPACITY = Setting("layers/opacity", dict, {}, "Layer name -> opacity 0..1")
UI_LANGUAGE = Setting("view/language", str, "system", "The app's language: system, en or uk")
THEME = Setting("view/theme", str, "system", "Light or dark: system, light or dark")
PALETTE = Setting("view/palette", str, "default", "Colour palette: default or colour-blind")
LABEL_LANGUAGE = Setting(
    "map/label_language", str, "app", "Place names on the map: app (the app's language), en or uk"
)
#: Asked once, before the first online fetch of control data; withdrawn in Preferences.
ONLINE_CONSENTED = Setting("online/consented", bool, False, "Fetching control data online allowed")
LAST_HISTORY = Setting(
    "history/last", str, "", "The last history opened (a folder, a file or 'deepstate')"
)
BRIEFING_TEMPLATE = Setting(
    "exports/briefing_template", dict, {}, "The morning pack's last template (its TOML as data)"
)
COUNT_CONTESTED = Setting(
    "figures/count_contested",
    bool,
    False,
    "Count contested (grey zone) areas as occupied, where a source marks them",
)


def _tolerance(km: float) -> float:
    """A saved tolerance the figures accept: within 0 and the largest (4 km since 4.5 km moved
    the Dnipro front; a 5 km saved before reads as 4), a number, else the default 3 km."""
    from geodata.reconcile import DEFAULT_TOLERANCE_KM, MAX_TOLERANCE_KM

    if not math.isfinite(km):
        return DEFAULT_TOLERANCE_KM
    return min(max(km, 0.0), MAX_TOLERANCE_KM)


RECONCILE_KM = Setting(
    "figures/reconcile_km", float, 3.0, "Border and coast reconciliation tolerance, km (0 to 4)",
    fit=_tolerance,
)  # fmt: skip


def default_settings_path() -> Path:
    """The settings file: ``settings.ini`` in the user's config folder (platformdirs)."""
    return user_config_folder() / "settings.ini"


class Settings:
    """Typed access to the declared settings. A damaged value reads as its default."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_settings_path()
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when absent or unreadable."""
        raw = self._store.value(setting.key)
        if raw is None:
            return _copy(setting.default)
        try:
            if setting.type is bytes:
                return bytes(raw.data() if isinstance(raw, QByteArray) else raw)
            if setting.type is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
            if setting.type in (list, dict):
                value = json.loads(raw)
                return value if isinstance(value, setting.type) else _copy(setting.default)
            value = setting.type(raw)
            return setting.fit(value) if setting.fit else value
        except (TypeError, ValueError, AttributeError):
            return _copy(setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value (lists and dicts as JSON, so every platform reads them back alike)."""
        if setting.type in (list, dict):
            stored = json.dumps(value)
        elif setting.type is bytes:
            stored = QByteArray(bytes(value))
        else:
            stored = value
        self._store.setValue(setting.key, stored)

    def add_recent_file(self, path: Path) -> list[str]:
        """Put a file first in the recent list (no duplicates, at most 10); return the list."""
        entry = str(Path(path).resolve())
        recent = [entry] + [p for p in self.get(RECENT_FILES) if p != entry]
        recent = recent[:MAX_RECENT_FILES]
        self.set(RECENT_FILES, recent)
        return recent

    def remove_recent_file(self, path: str) -> list[str]:
        """Drop a file from the recent list; return the list."""
        recent = [p for p in self.get(RECENT_FILES) if p != path]
        self.set(RECENT_FILES, recent)
        return recent

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()


def _copy(value):
    return type(value)(value) if isinstance(value, list | dict) else value
