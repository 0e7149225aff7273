"""The one way the GUI runs work off its thread: progress, cancel, results back on the GUI thread.

Usage::

    runner.run(lambda progress: load(path, progress), label="Opening x.geojson",
               on_result=show, on_error=complain)

The work function gets a :class:`Progress`: it reports with ``progress.report``
and stops early when ``progress.check()`` raises :class:`TaskCancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, Signal, Slot

from desktop.i18n import current_language

# One pool of Python threads for the whole app, never shut down while it runs.
# Python threads (not Qt's pool threads, which Qt ends and recreates) keep the
# per-thread state of pyproj and GDAL valid: a reused thread id with stale
# thread-local data crashes them.
_EXECUTOR: ThreadPoolExecutor | None = None
WORKER_THREADS = 2


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        _EXECUTOR = ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="atlas-task")
    return _EXECUTOR


class TaskCancelled(Exception):
    """Raised inside a task by :meth:`Progress.check` once cancel was requested."""


class Progress:
    """Handed to a task's function: report progress, notice cancel. Safe to use from any thread."""

    def __init__(self, emit: Callable[[object, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        #: The core writes its progress messages in this language (geodata.language.language_of).
        self.language = current_language()

    def report(self, fraction: float | None, message: str = "") -> None:
        """Report progress: ``fraction`` from 0 to 1, or None when unknown."""
        self._emit(None if fraction is None else max(0.0, min(1.0, float(fraction))), message)

    @property
    def cancelled(self) -> bool:
        """True once cancel was requested."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`TaskCancelled` if cancel was requested."""
        if self._cancel.is_set():
            raise TaskCancelled

    def _request_cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """Lives in the GUI thread. The worker emits its signals; its own slots, being
    methods of a GUI-thread object, then run on the GUI thread (queued connections)."""

    progressed = Signal(object, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, callbacks: dict[str, Callable]) -> None:
        super().__init__()
        self._callbacks = callbacks
        self.progressed.connect(self._on_progressed)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.finished.connect(self._on_finished)

    @Slot(object, str)
    def _on_progressed(self, fraction, message: str) -> None:
        self._callbacks["progressed"](fraction, message)

    @Slot(object)
    def _on_succeeded(self, result) -> None:
        self._callbacks["succeeded"](result)

    @Slot(object)
    def _on_failed(self, error) -> None:
        self._callbacks["failed"](error)

    @Slot()
    def _on_finished(self) -> None:
        self._callbacks["finished"]()


class TaskHandle:
    """A running (or finished) task: its label, whether it runs, and a way to cancel it."""

    def __init__(self, label: str, progress: Progress) -> None:
        self.label = label
        self._progress = progress
        self._running = True

    @property
    def is_running(self) -> bool:
        """True until the task's callbacks have run."""
        return self._running

    def cancel(self) -> None:
        """Ask the task to stop; its result, if it still comes, is dropped."""
        self._progress._request_cancel()


class _Job:
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, relay: _Relay) -> None:
        self._fn, self._progress, self._relay = fn, progress, relay

    def run(self) -> None:
        """Run the work function in a worker thread; report through the relay."""
        try:
            result = self._fn(self._progress)
        except TaskCancelled:
            pass
        # The worker-thread boundary is the one place a broad catch belongs: an
        # error must reach the GUI thread to be shown, not vanish with the thread.
        except Exception as error:  # noqa: BLE001
            if not self._progress.cancelled:
                self._relay.failed.emit(error)
        else:
            if not self._progress.cancelled:
                self._relay.succeeded.emit(result)
        finally:
            self._relay.finished.emit()


class TaskRunner(QObject):
    """Runs tasks on the app's worker threads; every callback runs on the GUI thread."""

    error = Signal(object)  # an exception no on_error handled
    busy_changed = Signal(bool)
    progress_changed = Signal(str, object, str)  # label, fraction or None, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active: dict[TaskHandle, tuple[_Job, _Relay]] = {}

    def run(
        self,
        fn: Callable[[Progress], Any],
        *,
        label: str,
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[float | None, str], object] | None = None,
        on_done: Callable[[], object] | None = None,
    ) -> TaskHandle:
        """Start ``fn(progress)`` off the GUI thread and return its handle.

        ``on_result(result)`` or ``on_error(exception)`` follows, unless the task
        was cancelled; ``on_done()`` always comes last. Without ``on_error``,
        errors go to the :attr:`error` signal.
        """
        callbacks: dict[str, Callable] = {}
        relay = _Relay(callbacks)  # created here, so it lives in the GUI thread
        progress = Progress(relay.progressed.emit)
        handle = TaskHandle(label, progress)

        def progressed(fraction, message):
            if on_progress is not None:
                on_progress(fraction, message)
            self.progress_changed.emit(label, fraction, message)

        def succeeded(result):
            if not progress.cancelled:
                on_result(result)

        def failed(error):
            if progress.cancelled:
                return
            if on_error is not None:
                on_error(error)
            else:
                self.error.emit(error)

        def finished():
            handle._running = False
            self._active.pop(handle, None)
            if on_done is not None:
                on_done()
            if not self._active:
                self.busy_changed.emit(False)

        callbacks.update(
            progressed=progressed, succeeded=succeeded, failed=failed, finished=finished
        )
        job = _Job(fn, progress, relay)
        was_idle = not self._active
        self._active[handle] = (job, relay)
        if was_idle:
            self.busy_changed.emit(True)
        _executor().submit(job.run)
        return handle

    def active_tasks(self) -> list[TaskHandle]:
        """The tasks still running."""
        return list(self._active)

    def cancel_all(self) -> None:
        """Ask every running task to stop."""
        for handle in list(self._active):
            handle.cancel()

    def wait_for_done(self, timeout_ms: int = 30_000) -> bool:
        """Wait, processing events, until no task runs; False on timeout."""
        timer = QElapsedTimer()
        timer.start()
        while self._active and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            threading.Event().wait(0.005)
        return not self._active
