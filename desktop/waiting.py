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


#: Image formats a map view is saved in, by extension (the format follows the file's name).
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def save_image(image, path) -> object:
    """Write a QImage, whole or not at all (see geodata.exports.atomic), as PNG or JPEG.

    The format follows the extension (:data:`IMAGE_FORMATS`); any other is refused
    rather than written with the wrong bytes inside.
    """
    from pathlib import Path

    from geodata.errors import ExportError
    from geodata.exports.atomic import write_atomically

    kind = IMAGE_FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        allowed = ", ".join(IMAGE_FORMATS)
        raise ExportError(path, f"an image is written as {allowed}; choose one of these")

    def write(temporary: Path) -> None:
        if not image.save(str(temporary), kind, 95 if kind == "JPEG" else -1):
            raise ExportError(path, f"the image could not be encoded as {kind}")

    return write_atomically(path, write)
