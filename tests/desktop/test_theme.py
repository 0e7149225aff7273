"""A dark screen: the map page, legend and welcome panel follow; briefing maps stay light."""

from __future__ import annotations

from desktop.settings import THEME
from geodata.palette import COLOUR_BLIND, DEFAULT, current, dark_variant
from tests.desktop.helpers import run_js


def test_the_dark_variant_keeps_the_data_colours():
    for palette in (DEFAULT, COLOUR_BLIND):
        dark = dark_variant(palette)
        for role in ("occupied", "to_occupier", "to_ukraine", "gained", "regained", "selected"):
            assert getattr(dark, role) == getattr(palette, role), role
        assert dark.sea != palette.sea and dark.text != palette.text


def test_a_dark_theme_darkens_the_page_and_the_welcome_panel_not_the_exports(
    settings, open_window, qtbot
):
    settings.set(THEME, "dark")
    window = open_window()
    assert window.dark
    assert run_js(qtbot, window.map, "document.documentElement.classList.contains('atlas-dark')")
    background = run_js(
        qtbot, window.map,
        "getComputedStyle(document.querySelector('.atlas-legend')).backgroundColor",
    )  # fmt: skip
    red, green, blue = (int(v) for v in background[background.index("(") + 1 :].split(",")[:3])
    assert max(red, green, blue) < 80  # a dark box
    assert dark_variant(current()).card_background in window.welcome.styleSheet()
    assert current().sea == DEFAULT.sea  # briefing maps and charts keep the light palette


def test_the_light_theme_is_light(settings, open_window, qtbot):
    settings.set(THEME, "light")
    window = open_window()
    assert not window.dark
    assert not run_js(
        qtbot, window.map, "document.documentElement.classList.contains('atlas-dark')"
    )


def test_the_page_text_follows_the_system_font_size(open_window, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.theme import system_font_scale

    app = QApplication.instance()
    font = app.font()
    before = font.pointSizeF()
    font.setPointSizeF(before * 1.5)
    app.setFont(font)
    try:
        window = open_window()
        scale = run_js(
            qtbot, window.map,
            "getComputedStyle(document.documentElement).getPropertyValue('--atlas-font-scale')",
        )  # fmt: skip
        assert abs(float(scale) - min(2.0, system_font_scale())) < 0.01 and float(scale) > 1.2
    finally:
        font.setPointSizeF(before)
        app.setFont(font)
