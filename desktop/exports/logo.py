"""A logo for briefing pages: PNG as it is, SVG drawn to a PNG first (with Qt's SVG renderer)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from geodata.errors import BadInputError
from geodata.importers import check_readable_file

#: Height in pixels an SVG logo is drawn at: sharp at a slide's or a print's size.
SVG_HEIGHT_PX = 600


def logo_png(path: Path | str | None) -> Path | None:
    """The PNG to put on the page for the logo file ``path`` (``None`` for none).

    An SVG is drawn to a PNG in a temporary folder; anything else must be a PNG
    (the briefing's reader says so when it is not).
    """
    if path is None or str(path) == "":
        return None
    path = Path(path)
    if not path.exists():
        raise BadInputError(path, QCoreApplication.translate("Export", "no such file (the logo)"))
    check_readable_file(path)  # a folder, a pipe or a device: refused unopened
    if path.suffix.lower() != ".svg":
        return path
    key = (str(path.resolve()), path.stat().st_mtime_ns)
    if key not in _drawn or not _drawn[key].exists():
        _drawn[key] = _svg_to_png(path)
    return _drawn[key]


def with_png_logo(template):
    """A briefing template whose logo is a PNG (an SVG drawn first); the same without a logo."""
    import dataclasses

    if not template.logo:
        return template
    return dataclasses.replace(template, logo=str(logo_png(template.logo)))


_drawn: dict[tuple[str, int], Path] = {}  # SVG logos drawn already (the preview asks often)


def _svg_to_png(path: Path) -> Path:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from geodata.exports.briefing import MAX_LOGO_PIXELS  # matplotlib: loaded when first used

    _gui_application(path)
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        reason = QCoreApplication.translate("Export", "it is not an SVG image Qt can draw")
        raise BadInputError(path, reason)
    size = renderer.defaultSize()
    height = SVG_HEIGHT_PX
    width = max(1, round(height * size.width() / max(1, size.height())))
    if width * height > MAX_LOGO_PIXELS:  # a wide wordmark: drawn smaller, never refused
        scale = (MAX_LOGO_PIXELS / (width * height)) ** 0.5
        width, height = max(1, int(width * scale)), max(1, int(height * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    out = Path(tempfile.mkdtemp(prefix="frontline-atlas-logo-")) / f"{path.stem}.png"
    if not image.save(str(out), "PNG"):
        reason = QCoreApplication.translate("Export", "it could not be drawn as a PNG")
        raise BadInputError(path, reason)
    return out


_made: list = []  # the application made for the command line, kept for the process's life


def _gui_application(path: Path) -> None:
    """Make sure a QGuiApplication exists: an SVG's text needs Qt's fonts, and Qt ends
    the process (SIGABRT) when they are used without one. The command line has none,
    so it gets one drawing offscreen, with no display needed."""
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        _made.append(QGuiApplication([sys.argv[0] or "frontline-atlas", "-platform", "offscreen"]))
    elif not isinstance(app, QGuiApplication):
        reason = QCoreApplication.translate(
            "Export", "an SVG logo cannot be drawn here; give a PNG instead"
        )
        raise BadInputError(path, reason)
