"""Every menu command of the app, declared once; menus and shortcuts are built from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
        QT_TRANSLATE_NOOP("Actions", "&Open…"),
        QKeySequence.StandardKey.Open,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Open a control-area file (GeoJSON, DeepStateMap, KML/KMZ, Shapefile, GeoPackage)",
        ),
        "document-open",
    ),
    ActionSpec(
        "open_history",
        QT_TRANSLATE_NOOP("Actions", "Open &History Folder…"),
        "Ctrl+Shift+O",
        QT_TRANSLATE_NOOP(
            "Actions", "Open a folder of dated control files as a history, with a timeline"
        ),
        "folder-open",
    ),
    ActionSpec(
        "open_history_file",
        QT_TRANSLATE_NOOP("Actions", "Open History &File…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Open one file whose features carry a date column, as a history"
        ),
    ),
    ActionSpec(
        "compare_with",
        QT_TRANSLATE_NOOP("Actions", "&Compare With Another Source…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Compare the data on screen with a second source's file: where they agree and differ",
        ),
    ),
    ActionSpec(
        "fetch_latest",
        QT_TRANSLATE_NOOP("Actions", "Fetch the &Latest DeepStateMap Map…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Download DeepStateMap's latest daily map (goes online; asks once first)"
        ),
        "download",
    ),
    ActionSpec(
        "fetch_updates",
        QT_TRANSLATE_NOOP("Actions", "Fetch &DeepStateMap Updates…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Download DeepStateMap's new map updates into the local store (goes online; asks once first)",  # noqa: E501
        ),
        "download",
    ),
    ActionSpec(
        "export_briefing",
        QT_TRANSLATE_NOOP("Actions", "&Briefing Map (PDF, SVG, PNG)…"),
        "Ctrl+E",
        QT_TRANSLATE_NOOP(
            "Actions", "A print-quality map with title, legend, scale, credits and statistics"
        ),
        "document-export",
    ),
    ActionSpec(
        "export_pack",
        QT_TRANSLATE_NOOP("Actions", "Morning &Pack (PDF)…"),
        "Ctrl+Shift+E",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Overview, sector, change since a date, table and chart in one PDF, from a template",
        ),
    ),
    ActionSpec(
        "export_animation",
        QT_TRANSLATE_NOOP("Actions", "&Animation (MP4, GIF)…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "The open history's front over time, a frame a day, week or month"
        ),
    ),
    ActionSpec(
        "export_view",
        QT_TRANSLATE_NOOP("Actions", "&View as PNG…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "Save exactly what the map shows"),
    ),
    ActionSpec(
        "export_view_2x",
        QT_TRANSLATE_NOOP("Actions", "View as PNG at &2×…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "The map view at twice its pixel density"),
    ),
    ActionSpec(
        "export_data",
        QT_TRANSLATE_NOOP("Actions", "&Data or Interactive Map…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Statistics (XLSX, CSV, JSON), geodata (GeoJSON, GeoPackage) or the map as one HTML file",  # noqa: E501
        ),
    ),
    ActionSpec(
        "copy_view",
        QT_TRANSLATE_NOOP("Actions", "&Copy View"),
        "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("Actions", "Copy the map, as an image, to the clipboard"),
        "edit-copy",
    ),
    ActionSpec(
        "close_data",
        QT_TRANSLATE_NOOP("Actions", "&Close Control Data"),
        "Ctrl+W",
        QT_TRANSLATE_NOOP("Actions", "Remove the control layer"),
        "document-close",
    ),
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QKeySequence.StandardKey.Quit,
        QT_TRANSLATE_NOOP("Actions", "Quit Frontline Atlas"),
        "application-exit",
    ),
    ActionSpec(
        "zoom_ukraine",
        QT_TRANSLATE_NOOP("Actions", "&Zoom to Ukraine"),
        "Ctrl+0",
        QT_TRANSLATE_NOOP("Actions", "Fit all of Ukraine in the map"),
        "zoom-fit-best",
    ),
    ActionSpec(
        "focus_timeline",
        QT_TRANSLATE_NOOP("Actions", "&Timeline"),
        "Ctrl+T",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Go to the timeline: ←/→ a date, Shift+←/→ a week, Space plays, Ctrl+G types a date",
        ),
    ),
    ActionSpec(
        "find_place",
        QT_TRANSLATE_NOOP("Actions", "&Find a Place…"),
        QKeySequence.StandardKey.Find,
        QT_TRANSLATE_NOOP(
            "Actions", "Type a town or village (English or Ukrainian); the map flies there"
        ),
        "edit-find",
    ),
    ActionSpec(
        "clear_selection",
        QT_TRANSLATE_NOOP("Actions", "Clear &Selection"),
        "Esc",
        QT_TRANSLATE_NOOP("Actions", "Deselect oblasts on the map and in the table"),
    ),
    ActionSpec(
        "preferences",
        QT_TRANSLATE_NOOP("Actions", "&Preferences…"),
        "Ctrl+,",
        QT_TRANSLATE_NOOP("Actions", "Online basemap and other options"),
        "preferences-system",
    ),
    ActionSpec(
        "manual",
        QT_TRANSLATE_NOOP("Actions", "&User Manual"),
        QKeySequence.StandardKey.HelpContents,
        QT_TRANSLATE_NOOP("Actions", "The manual, offline and searchable"),
        "help-contents",
    ),
    ActionSpec(
        "about",
        QT_TRANSLATE_NOOP("Actions", "&About Frontline Atlas"),
        None,
        QT_TRANSLATE_NOOP("Actions", "Versions and data credits"),
        "help-about",
    ),
    ActionSpec(
        "draw_area",
        QT_TRANSLATE_NOOP("Actions", "&Draw an Area…"),
        "Ctrl+D",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Draw an area on the map (click corners, double-click to finish) to make a proposal",
        ),
        "draw-polygon",
    ),
    ActionSpec(
        "import_area",
        QT_TRANSLATE_NOOP("Actions", "&Import an Area…"),
        "Ctrl+I",
        QT_TRANSLATE_NOOP("Actions", "Make a proposal from a polygon in a file"),
    ),
)

#: Menu title -> action names; "-" is a separator, "@name" a submenu the window fills.
MENUS: dict[str, tuple[str, ...]] = {
    QT_TRANSLATE_NOOP("Menus", "&File"): (
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
    QT_TRANSLATE_NOOP("Menus", "&Edit"): ("copy_view",),
    QT_TRANSLATE_NOOP("Menus", "&View"): (
        "zoom_ukraine",
        "find_place",
        "focus_timeline",
        "clear_selection",
        "-",
        "@panels",
        "-",
        "preferences",
    ),
    QT_TRANSLATE_NOOP("Menus", "&Proposals"): ("draw_area", "import_area"),
    QT_TRANSLATE_NOOP("Menus", "&Help"): ("manual", "about"),
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
        text = QCoreApplication.translate("Actions", spec.text)
        tip = QCoreApplication.translate("Actions", spec.tip) if spec.tip else ""
        action = QAction(QIcon.fromTheme(spec.icon) if spec.icon else QIcon(), text, parent)
        action.setObjectName(f"action-{spec.name}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False, h=handlers[spec.name]: h())
        parent.addAction(action)  # shortcuts work even with the menu bar hidden
        actions[spec.name] = action
    return actions


def build_menus(
    menu_bar: QMenuBar, actions: dict[str, QAction], submenus: dict[str, object]
) -> None:
    """Fill the menu bar from :data:`MENUS`; ``submenus`` maps "@name" entries to QMenus."""
    for title, entries in MENUS.items():
        menu = menu_bar.addMenu(QCoreApplication.translate("Menus", title))
        for entry in entries:
            if entry == "-":
                menu.addSeparator()
            elif entry.startswith("@"):
                menu.addMenu(submenus[entry[1:]])
            else:
                menu.addAction(actions[entry])
