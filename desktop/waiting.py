"""Waiting for the map page without blocking the window: a local event loop with a time limit."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer


def wait_for(signal, timeout_ms: int) -> bool:
    """Run events until ``signal`` fires or ``timeout_ms`` passes; True if it fired."""
    loop = QEventLoop()
    fired = []

    def on_signal(*_args) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    return bool(fired)


def pause(ms: int) -> None:
    """Run events for ``ms`` milliseconds (to let the page paint what it was given)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save_png(image, path) -> object:
    """Write a QImage as PNG, whole or not at all (see geodata.exports.atomic)."""
    from pathlib import Path

    from geodata.errors import ExportError
    from geodata.exports.atomic import write_atomically

    def write(temporary: Path) -> None:
        if not image.save(str(temporary), "PNG"):
            raise ExportError(path, "the image could not be encoded as PNG")

    return write_atomically(path, write)
