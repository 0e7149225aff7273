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
    window = open_window()
    window.history.series = "a series"
    assert window.state.series == "a series"
