"""The task runner: work off the GUI thread, outcome back on it, progress and cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from desktop.tasks import TaskCancelled, TaskRunner
from geodata.errors import BadInputError


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait_for_done(5000)


def test_result_arrives_on_the_gui_thread(runner, qtbot):
    seen = {}

    def work(progress):
        seen["worker"] = QThread.currentThread()
        return 42

    def on_result(value):
        seen["value"] = value
        seen["callback"] = QThread.currentThread()

    runner.run(work, label="answer", on_result=on_result)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["callback"] is qtbot_main_thread()
    assert seen["worker"] is not qtbot_main_thread()


def qtbot_main_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_errors_go_to_on_error_or_to_the_error_signal(runner, qtbot):
    def fail(progress):
        raise BadInputError("x.geojson", "the file is empty")

    errors = []
    runner.run(fail, label="a", on_result=lambda r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], BadInputError)
    with qtbot.waitSignal(runner.error, timeout=5000) as signal:
        runner.run(fail, label="b", on_result=lambda r: None)
    assert "the file is empty" in str(signal.args[0])


def test_progress_reports_arrive_in_order(runner, qtbot):
    reports, done = [], []

    def work(progress):
        for step in range(5):
            progress.report(step / 4, f"step {step}")
        return "ok"

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda busy: not busy):
        runner.run(
            work,
            label="steps",
            on_result=lambda r: None,
            on_progress=lambda f, m: reports.append((f, m)),
            on_done=lambda: done.append(1),
        )
    assert reports == [(s / 4, f"step {s}") for s in range(5)]
    assert done == [1]


def test_cancel_drops_the_result_and_still_calls_on_done(runner, qtbot):
    release = threading.Event()
    results, done = [], []

    def work(progress):
        release.wait(5)
        return "late"

    handle = runner.run(
        work, label="slow", on_result=results.append, on_done=lambda: done.append(1)
    )
    handle.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert results == [] and not handle.is_running


def test_check_raises_task_cancelled(runner, qtbot):
    started, release = threading.Event(), threading.Event()
    outcome, errors = [], []

    def work(progress):
        started.set()
        release.wait(5)
        try:
            progress.check()
        except TaskCancelled:
            outcome.append("cancelled")
            raise
        return "finished"

    handle = runner.run(work, label="x", on_result=outcome.append, on_error=errors.append)
    started.wait(5)
    handle.cancel()
    release.set()
    assert runner.wait_for_done(5000)
    assert outcome == ["cancelled"] and errors == []


def test_busy_signal_and_concurrent_tasks(runner, qtbot):
    states, results = [], []
    runner.busy_changed.connect(states.append)
    barrier = threading.Barrier(2, timeout=5)

    def work(progress):
        barrier.wait()  # both run at once, or this times out
        return QThread.currentThread()

    runner.run(work, label="1", on_result=results.append)
    runner.run(work, label="2", on_result=results.append)
    assert len(runner.active_tasks()) == 2
    assert runner.wait_for_done(5000)
    assert len(results) == 2 and results[0] is not results[1]
    assert states == [True, False]
