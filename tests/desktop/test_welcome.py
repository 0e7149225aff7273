"""The first run: the welcome panel, asking once before going online, bundled data as a history."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from desktop.app import open_startup_data
from desktop.preferences import PreferencesDialog
from desktop.settings import LAST_HISTORY, ONLINE_CONSENTED
from desktop.welcome import TITLE, WELCOME_ACTIONS, WelcomePanel
from geodata.history.deepstate_online import BASE_URL_VARIABLE
from geodata.history.mirror import SETTINGS as MIRROR_SETTINGS
from geodata.resources import DATA_VARIABLE
from tests.desktop.helpers import PAGE_TIMEOUT_MS
from tests.geodata.history.test_history import growing_front
from tests.geodata.importers.fixtures import write_control_file


@pytest.fixture
def window(open_window):
    return open_window(1400, 900)


def open_and_wait(qtbot, window, path):
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(path)


# -- the panel ---------------------------------------------------------------------------------


def test_the_panel_shows_without_data_hides_with_a_file_and_returns_on_close(
    window, qtbot, tmp_path
):
    panel = window.welcome
    assert panel.isVisible() and panel.title.text() == TITLE == "No control-area data yet"
    # Over the map, inside it, and whole at the window's default size.
    assert window.map.geometry().contains(panel.geometry())
    assert panel.height() >= panel._content.sizeHint().height() - 40
    assert panel.focusProxy() is panel.buttons["fetch_latest"]
    open_and_wait(qtbot, window, write_control_file(tmp_path, "front_20241120", ".geojson"))
    assert not panel.isVisible()
    window.actions_by_name["close_data"].trigger()
    assert panel.isVisible()


def test_the_panel_hides_with_a_history_and_close_closes_the_history(window, qtbot, tmp_path):
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(growing_front(tmp_path / "daily", days=2))
    assert not window.welcome.isVisible() and window.timeline_dock.isVisible()
    window.close_data()
    assert window.welcome.isVisible()
    assert window.history.series is None and not window.timeline_dock.isVisible()


def test_the_panel_says_where_each_kind_of_data_comes_from(qtbot):
    panel = WelcomePanel({action.name: lambda: None for action in WELCOME_ACTIONS})
    qtbot.addWidget(panel)
    texts = {name: (button.text(), panel.sources[name].text())
             for name, button in panel.buttons.items()}  # fmt: skip
    assert texts == {
        "fetch_latest": ("Fetch the latest map",
                         "DeepStateMap's latest daily map (deepstatemap.live)"),
        "fetch_updates": ("Fetch the whole history",
                          "DeepStateMap's map updates since 2024, or its public mirror on GitHub"),
        "open": ("Open a file…", "An export of the ISW/CTP map, DeepStateMap GeoJSON, your own "
                                 "KML, GeoPackage or Shapefile"),
        "open_history": ("Open a history folder…",
                         "A folder of dated files (…_20241120.geojson)"),
    }  # fmt: skip
    labels = panel.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_each_button_calls_its_handler_by_mouse_and_by_keyboard(qtbot):
    called = []
    panel = WelcomePanel({action.name: lambda n=action.name: called.append(n)
                          for action in WELCOME_ACTIONS})  # fmt: skip
    qtbot.addWidget(panel)
    panel.show()
    for name, button in panel.buttons.items():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert called[-1] == name
    called.clear()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        QTest.keyClick(panel.buttons["open_history"], key)
    assert called == ["open_history", "open_history"]


def test_the_panels_commands_are_also_in_the_file_menu(window):
    file_menu = window.menuBar().actions()[0].menu()
    for action in WELCOME_ACTIONS:
        assert window.actions_by_name[action.name] in file_menu.actions(), action.name


def test_a_handler_missing_is_refused(qtbot):
    with pytest.raises(ValueError, match="no handler for welcome actions: open_history"):
        WelcomePanel({a.name: print for a in WELCOME_ACTIONS if a.name != "open_history"})


def test_open_a_file_and_open_a_history_folder_open_what_is_chosen(
    window, qtbot, tmp_path, monkeypatch
):
    path = write_control_file(tmp_path, "front_20241120", ".geojson")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.welcome.buttons["open"].click()
    assert window.current.path == path and not window.welcome.isVisible()
    window.close_data()
    folder = growing_front(tmp_path / "daily", days=2)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
        window.welcome.buttons["open_history"].click()
    assert len(window.history.series) == 2 and not window.welcome.isVisible()


def test_a_file_dropped_on_the_panel_opens(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = write_control_file(tmp_path, "dropped_20241120", ".geojson")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    footnote = window.welcome.footnote
    at = footnote.mapTo(window, footnote.rect().center())
    assert window.childAt(at) is footnote
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # QPoint: all PySide6 releases take it; later ones warn
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window.windowHandle(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, buttons, keys)
    with qtbot.waitSignal(window.loaded, timeout=PAGE_TIMEOUT_MS):
        QApplication.sendEvent(window.windowHandle(), drop)
    assert window.current.path == path and not window.welcome.isVisible()


# -- consent, once -------------------------------------------------------------------------------


@pytest.fixture
def questions(monkeypatch):
    """Every consent question asked (its text), answered with ``questions.answer``."""

    class Asked(list):
        answer = QMessageBox.StandardButton.Yes

    asked = Asked()

    def exec_(box):
        asked.append(box.text() + "\n" + box.informativeText())
        return asked.answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


@pytest.fixture
def fetches(window, monkeypatch):
    """The fetches started (instead of going anywhere): "latest" or "updates"."""
    started = []
    for kind in ("latest", "updates"):
        monkeypatch.setattr(window.history, f"fetch_{kind}_now",
                            lambda kind=kind: started.append(kind))  # fmt: skip
    return started


def test_consent_is_asked_once_then_again_after_it_is_withdrawn_in_preferences(
    window, questions, fetches, monkeypatch
):
    for variable in (BASE_URL_VARIABLE, MIRROR_SETTINGS["api_url"][0],
                     MIRROR_SETTINGS["raw_url"][0]):  # fmt: skip
        monkeypatch.delenv(variable)  # the real addresses, as the user is asked about them
    window.welcome.buttons["fetch_latest"].click()
    assert len(questions) == 1 and fetches == ["latest"]
    for host in ("deepstatemap.live", "api.github.com", "raw.githubusercontent.com"):
        assert host in questions[0]
    assert window.settings.get(ONLINE_CONSENTED)
    window.welcome.buttons["fetch_updates"].click()
    window.actions_by_name["fetch_latest"].trigger()
    assert len(questions) == 1 and fetches == ["latest", "updates", "latest"]

    dialog = PreferencesDialog(window.settings, window)
    assert dialog.online_data.isChecked()
    assert dialog.online_data.text() == "Allow fetching control data online (asked once)"
    dialog.online_data.setChecked(False)
    dialog.accept()
    window.welcome.buttons["fetch_updates"].click()
    assert len(questions) == 2 and fetches[-1] == "updates"


def test_refusing_consent_contacts_nothing_and_asks_again_next_time(
    window, questions, fetches, monkeypatch
):
    contacted = []
    for name in ("fetch_latest", "fetch_updates"):  # the geodata functions that go online
        monkeypatch.setattr(
            f"desktop.history.controller.{name}", lambda *a, **_: contacted.append(a)
        )
    questions.answer = QMessageBox.StandardButton.No
    window.welcome.buttons["fetch_latest"].click()
    window.actions_by_name["fetch_updates"].trigger()
    assert len(questions) == 2  # not remembered: asked each time
    assert fetches == [] and contacted == [] and window.runner.active_tasks() == []
    assert not window.settings.get(ONLINE_CONSENTED)


def test_the_latest_map_fetched_with_consent_is_shown_and_the_panel_goes(
    window, qtbot, questions, monkeypatch
):
    from tests.geodata.history.test_online import Server, synthetic_map

    latest = {"id": 1732104000, "datetime": "2024-11-20T12:00:00.000Z", "map": synthetic_map()}
    server = Server(map_document=latest)  # answers /last with it
    try:
        monkeypatch.setenv(BASE_URL_VARIABLE, server.url)
        busy = []
        window.history.fetching.connect(busy.append)
        with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
            window.welcome.buttons["fetch_latest"].click()
    finally:
        server.close()
    assert len(questions) == 1 and "127.0.0.1" in questions[0]
    assert busy == [True, False]
    assert window.timeline_dock.date_label.text() == "2024-11-20"
    assert not window.welcome.isVisible()
    assert window.welcome.buttons["fetch_latest"].isEnabled()  # enabled again for next time


def test_while_a_fetch_runs_the_online_buttons_wait(qtbot):
    panel = WelcomePanel({action.name: lambda: None for action in WELCOME_ACTIONS})
    qtbot.addWidget(panel)
    panel.set_fetching(True)
    assert not panel.buttons["fetch_latest"].isEnabled()
    assert not panel.buttons["fetch_updates"].isEnabled()
    assert panel.buttons["open"].isEnabled() and not panel.status.isHidden()
    panel.set_fetching(False)
    assert panel.buttons["fetch_latest"].isEnabled() and panel.status.isHidden()


# -- bundled data, on the first start ----------------------------------------------------------


def test_the_first_start_opens_the_bundled_data_as_a_history(window, qtbot, tmp_path, monkeypatch):
    bundle = growing_front(tmp_path / "data", days=3)  # stands in for the installer's data/
    monkeypatch.setenv(DATA_VARIABLE, str(bundle))
    with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
        assert open_startup_data(window) == bundle
    assert len(window.history.series) == 3 and window.timeline_dock.isVisible()
    assert window.timeline_dock.date_label.text() == "2024-11-22"
    assert window.settings.get(LAST_HISTORY) == str(bundle)
    qtbot.waitUntil(lambda: not window.welcome.isVisible(), timeout=PAGE_TIMEOUT_MS)


def test_a_later_start_opens_the_newest_bundled_map(window, qtbot, tmp_path, monkeypatch):
    bundle = growing_front(tmp_path / "data", days=3)
    monkeypatch.setenv(DATA_VARIABLE, str(bundle))
    window.settings.set(LAST_HISTORY, str(bundle))  # a history was opened before
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        assert open_startup_data(window) == bundle / "front_2024-11-22.geojson"
    assert window.history.series is None


def test_a_bundle_of_one_map_and_a_file_named_on_the_command_line(
    window, qtbot, tmp_path, monkeypatch
):
    bundle = tmp_path / "data"
    bundle.mkdir()
    single = write_control_file(bundle, "front_20241120", ".geojson")
    monkeypatch.setenv(DATA_VARIABLE, str(bundle))
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        assert open_startup_data(window) == single  # one date: a map, not a history
    named = write_control_file(tmp_path, "mine_20241121", ".geojson")
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        assert open_startup_data(window, named) == named
    assert window.current.path == named and window.history.series is None


def test_without_bundled_data_nothing_opens_and_the_panel_stays(window, monkeypatch):
    monkeypatch.delenv(DATA_VARIABLE, raising=False)
    assert open_startup_data(window) is None
    assert window.welcome.isVisible()
