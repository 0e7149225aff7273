"""The shared state: what is on screen, and the signals that say it changed."""

from __future__ import annotations

from desktop.app_state import AppState


def test_the_state_says_what_changed(qtbot):
    state = AppState()
    with qtbot.waitSignal(state.control_changed) as changed:
        state.set_control("loaded")
    assert changed.args == ["loaded"] and state.control == "loaded"
    with qtbot.waitSignal(state.results_changed) as results:
        state.set_results("first")
    assert results.args == [("first", None)] and state.result == "first"


def test_the_window_and_its_controllers_share_one_state(open_window):
    window = open_window()
    assert window.proposals.results is window.state.results
    window.state.set_results("a result")
    assert window.proposals.results[0] == "a result" == window.exports._state.result


def test_history_and_selection_live_in_the_state(qtbot):
    state = AppState()
    with qtbot.waitSignal(state.selection_changed) as selected:
        state.set_selection(["UA-14"])
    assert selected.args == [("UA-14",)] and state.selection == ("UA-14",)
    with qtbot.waitSignal(state.history_changed):
        state.set_series("a series")
    assert state.series == "a series"


def test_the_window_shares_its_history_with_the_state(open_window):
    from tests.geodata.history.test_places_and_pace import _linear

    window = open_window()
    series = _linear(10, 1.0)
    window.history.series = series
    assert window.state.series is series


def test_panels_follow_the_state_and_let_go_when_closed(qtbot, tmp_path):
    """Panels built on a state show what it holds; a closed (deleted) panel is no longer called."""
    from PySide6.QtWidgets import QWidget

    from desktop.map.info_dock import InfoDock
    from desktop.statistics.control_loader import open_control_file
    from desktop.statistics.dock import StatsDock
    from desktop.statistics.method_dock import MethodDock
    from desktop.tasks import Progress
    from tests.geodata.importers.fixtures import write_control_file

    path = write_control_file(tmp_path, "front_20241120", ".geojson")
    loaded = open_control_file(path, Progress(lambda *_: None))
    state = AppState()
    parent = QWidget()
    qtbot.addWidget(parent)
    stats, info, method = (
        StatsDock(parent, state),
        InfoDock(parent, state),
        MethodDock(parent, state),
    )
    state.set_control(loaded)
    assert stats.model.rowCount() > 20
    assert info.fields["date"].text().startswith("2024-11-20")
    assert method.fields
    state.set_control(None)
    assert stats.model.rowCount() == 0 and info.fields["date"].text() == "—"

    with qtbot.waitSignal(stats.destroyed):
        stats.deleteLater()
    state.set_control(loaded)  # would fail on a deleted panel still connected
    assert info.fields["date"].text().startswith("2024-11-20")


def test_the_status_line_comes_through_the_state(open_window):
    window = open_window()
    window.state.say("Hello from a controller", 0)
    assert window.statusBar().currentMessage() == "Hello from a controller"
