"""Light or dark: the app follows the system's theme unless Preferences say otherwise.

The map page, its legend and the welcome panel use :func:`screen_palette`; briefing
maps and charts stay light whatever the screen (they go on paper and slides).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from geodata.palette import Palette, current, dark_variant

#: Preferences' choices: value -> what the user reads.
THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


def is_dark(choice: str = "system") -> bool:
    """Whether the screen is to be dark: the choice, or for ``system`` the system's theme."""
    if choice in ("light", "dark"):
        return choice == "dark"
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


#: The point size the page's text sizes were made for (Qt's default font on Linux).
DEFAULT_POINT_SIZE = 9.0


def system_font_scale() -> float:
    """The system's font size against the default: the map page's text follows it."""
    app = QGuiApplication.instance()
    if app is None:
        return 1.0
    size = app.font().pointSizeF()
    return size / DEFAULT_POINT_SIZE if size > 0 else 1.0


def screen_palette(dark: bool) -> Palette:
    """The palette for what is drawn on screen (the chosen palette, dark when ``dark``)."""
    return dark_variant(current()) if dark else current()


def apply_theme(app, choice: str) -> bool:
    """Give the Qt widgets a dark palette when the user chose dark; return whether dark."""
    dark = is_dark(choice)
    if choice == "dark":
        app.setStyle("Fusion")
        app.setPalette(_dark_qt_palette())
    return dark


def _dark_qt_palette() -> QPalette:
    chrome = dark_variant(current())
    palette = QPalette()
    role = QPalette.ColorRole
    # Every colour from the palette's dark chrome (geodata.palette.DARK_ROLES).
    for name, colour in (
        (role.Window, chrome.card_background), (role.WindowText, chrome.text),
        (role.Base, chrome.preview_background), (role.AlternateBase, chrome.land),
        (role.Text, chrome.text), (role.Button, chrome.track), (role.ButtonText, chrome.text),
        (role.ToolTipBase, chrome.card_background), (role.ToolTipText, chrome.text),
        (role.PlaceholderText, chrome.placeholder_text), (role.Highlight, chrome.selected),
        (role.HighlightedText, chrome.text),
    ):  # fmt: skip
        palette.setColor(name, QColor(colour))
    return palette
