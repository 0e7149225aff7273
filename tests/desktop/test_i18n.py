"""Ukrainian through Qt's translation system: the catalogue is complete and current."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.i18n import install_translator, ui_language

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "frontline-atlas_uk.ts"


def _build_translations():
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "tools" / "build_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_catalogue_holds_every_marked_string_translated():
    """lupdate over the sources finds nothing new, and every string has its Ukrainian."""
    assert _build_translations().main(["--check"]) == 0, "run tools/build_translations.py"
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) >= 60
    untranslated = [
        m.find("source").text for m in messages
        if m.find("translation").get("type") == "unfinished" or not m.find("translation").text
    ]  # fmt: skip
    assert untranslated == []


def test_in_ukrainian_the_menus_and_panels_speak_ukrainian(open_window):
    assert ui_language("uk") == "uk" and ui_language("en") == "en"
    app = QApplication.instance()
    translator = install_translator(app, "uk")
    assert translator is not None
    try:
        window = open_window()
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus[:5] == ["&Файл", "&Редагування", "&Вигляд", "&Пропозиції", "&Довідка"]
        assert window.stats_dock.windowTitle() == "Статистика"
        assert window.actions_by_name["open"].text() == "&Відкрити…"
        assert window.welcome.title.text() == "Ще немає даних про зони контролю"
        assert window.welcome.buttons["open"].text() == "Відкрити файл…"
        assert window.layers_dock.checks["control"].text() == "Зони контролю"
        assert (
            window.layers_dock.sliders["control"].accessibleName() == "Непрозорість: зони контролю"
        )
    finally:
        app.removeTranslator(translator)
