"""Every menu command of the app, declared once; menus and shortcuts are built from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    """One command: its name (for lookup), menu text, shortcut, status tip and theme icon."""

    name: str
    text: str
    shortcut: Shortcut = None
    tip: str = ""
    icon: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "open",
        "&Open…",
        QKeySequence.StandardKey.Open,
        "Open a control-area file (GeoJSON, DeepStateMap, KML/KMZ, Shapefile, GeoPackage)",
        "document-open",
    ),
    ActionSpec(
        "open_history",
        "Open &History Folder…",
        "Ctrl+Shift+O",
        "Open a folder of dated control files as a history, with a timeline",
        "folder-open",
    ),
    ActionSpec(
        "open_history_file",
        "Open History &File…",
        None,
        "Open one file whose features carry a date column, as a history",
    ),
    ActionSpec(
        "compare_with",
        "&Compare With Another Source…",
        None,
        "Compare the data on screen with a second source's file: where they agree and differ",
    ),
    ActionSpec(
        "fetch_latest",
        "Fetch the &Latest DeepStateMap Map…",
        None,
        "Download DeepStateMap's latest daily map (goes online; asks once first)",
        "download",
    ),
    ActionSpec(
        "fetch_updates",
        "Fetch &DeepStateMap Updates…",
        None,
        "Download DeepStateMap's new map updates into the local store (goes online; asks once "
        "first)",
        "download",
    ),
    ActionSpec(
        "export_briefing",
        "&Briefing Map (PDF, SVG, PNG)…",
        "Ctrl+E",
        "A print-quality map with title, legend, scale, credits and statistics",
        "document-export",
    ),
    ActionSpec(
        "export_pack",
        "Morning &Pack (PDF)…",
        "Ctrl+Shift+E",
        "Overview, sector, change since a date, table and chart in one PDF, from a template",
    ),
    ActionSpec(
        "export_animation",
        "&Animation (MP4, GIF)…",
        None,
        "The open history's front over time, a frame a day, week or month",
    ),
    ActionSpec("export_view", "&View as PNG…", None, "Save exactly what the map shows"),
    ActionSpec(
        "export_view_2x", "View as PNG at &2×…", None, "The map view at twice its pixel density"
    ),
    ActionSpec(
        "export_data",
        "&Data or Interactive Map…",
        None,
        "Statistics (XLSX, CSV, JSON), geodata (GeoJSON, GeoPackage) or the map as one HTML file",
    ),
    ActionSpec(
        "copy_view",
        "&Copy View",
        "Ctrl+Shift+C",
        "Copy the map, as an image, to the clipboard",
        "edit-copy",
    ),
    ActionSpec(
        "close_data", "&Close Control Data", "Ctrl+W", "Remove the control layer", "document-close"
    ),
    ActionSpec(
        "quit", "&Quit", QKeySequence.StandardKey.Quit, "Quit Frontline Atlas", "application-exit"
    ),
    ActionSpec(
        "zoom_ukraine",
        "&Zoom to Ukraine",
        "Ctrl+0",
        "Fit all of Ukraine in the map",
        "zoom-fit-best",
    ),
    ActionSpec(
        "focus_timeline",
        "&Timeline",
        "Ctrl+T",
        "Go to the timeline: ←/→ a date, Shift+←/→ a week, Space plays, Ctrl+G types a date",
    ),
    ActionSpec(
        "find_place",
        "&Find a Place…",
        QKeySequence.StandardKey.Find,
        "Type a town or village (English or Ukrainian); the map flies there",
        "edit-find",
    ),
    ActionSpec(
        "clear_selection", "Clear &Selection", "Esc", "Deselect oblasts on the map and in the table"
    ),
    ActionSpec(
        "preferences",
        "&Preferences…",
        "Ctrl+,",
        "Online basemap and other options",
        "preferences-system",
    ),
    ActionSpec(
        "manual",
        "&User Manual",
        QKeySequence.StandardKey.HelpContents,
        "The manual, offline and searchable",
        "help-contents",
    ),
    ActionSpec("about", "&About Frontline Atlas", None, "Versions and data credits", "help-about"),
    ActionSpec(
        "draw_area",
        "&Draw an Area…",
        "Ctrl+D",
        "Draw an area on the map (click corners, double-click to finish) to make a proposal",
        "draw-polygon",
    ),
    ActionSpec(
        "import_area", "&Import an Area…", "Ctrl+I", "Make a proposal from a polygon in a file"
    ),
)

#: Menu title -> action names; "-" is a separator, "@name" a submenu the window fills.
MENUS: dict[str, tuple[str, ...]] = {
    "&File": (
        "open",
        "@recent",
        "-",
        "open_history",
        "open_history_file",
        "compare_with",
        "fetch_latest",
        "fetch_updates",
        "-",
        "@export",
        "-",
        "close_data",
        "-",
        "quit",
    ),
    "&Edit": ("copy_view",),
    "&View": (
        "zoom_ukraine",
        "find_place",
        "focus_timeline",
        "clear_selection",
        "-",
        "@panels",
        "-",
        "preferences",
    ),
    "&Proposals": ("draw_area", "import_area"),
    "&Help": ("manual", "about"),
}


def create_actions(
    parent: QWidget, handlers: dict[str, Callable[[], object]]
) -> dict[str, QAction]:
    """Create a QAction for every declared command, connected to ``handlers[name]``."""
    missing = {spec.name for spec in ACTIONS} - set(handlers)
    if missing:
        raise ValueError(f"no handler for actions: {', '.join(sorted(missing))}")
    actions = {}
    for spec in ACTIONS:
        action = QAction(QIcon.fromTheme(spec.icon) if spec.icon else QIcon(), spec.text, parent)
        action.setObjectName(f"action-{spec.name}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip or spec.text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False, h=handlers[spec.name]: h())
        parent.addAction(action)  # shortcuts work even with the menu bar hidden
        actions[spec.name] = action
    return actions


def build_menus(
    menu_bar: QMenuBar, actions: dict[str, QAction], submenus: dict[str, object]
) -> None:
    """Fill the menu bar from :data:`MENUS`; ``submenus`` maps "@name" entries to QMenus."""
    for title, entries in MENUS.items():
        menu = menu_bar.addMenu(title)
        for entry in entries:
            if entry == "-":
                menu.addSeparator()
            elif entry.startswith("@"):
                menu.addMenu(submenus[entry[1:]])
            else:
                menu.addAction(actions[entry])
