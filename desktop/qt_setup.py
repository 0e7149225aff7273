"""What must happen before the QApplication exists: platform, Chromium flags, the atlas: scheme."""

from __future__ import annotations

import os
import sys

APP_NAME = "Frontline Atlas"
ORGANIZATION = "Frontline Atlas"


def has_display() -> bool:
    """True when a GUI can be shown: Windows, macOS, or an X11/Wayland display on Linux."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_qt(headless: bool = False) -> None:
    """Set up the environment Qt and QtWebEngine read at start; call before creating the app.

    Parameters
    ----------
    headless : bool
        Render without a screen (snapshots, exports, tests): the ``offscreen``
        platform unless one is already chosen.
    """
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    # Chromium refuses to run its sandbox as root; analysts in containers and CI
    # run as root, so the app passes the flag itself.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    # No pings, updates or field trials: the map works offline and stays quiet.
    flags += ["--disable-background-networking", "--disable-component-update", "--log-level=3"]
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(dict.fromkeys(flags))
    headless_platform = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    if headless_platform:
        # Without a GPU Qt falls back to software rendering and says so at length.
        rules = os.environ.get("QT_LOGGING_RULES", "")
        os.environ["QT_LOGGING_RULES"] = ";".join(
            r for r in (rules, "qt.rhi.*=false", "qt.webenginecontext.*=false") if r
        )

    # QtWebEngineWidgets must be imported before the QApplication is created.
    import PySide6.QtWebEngineWidgets  # noqa: F401
    from PySide6.QtCore import QCoreApplication

    from desktop.map.scheme import register_scheme

    register_scheme()
    if headless_platform:
        _quiet_software_rendering_notices()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)


# What Qt and Chromium print when they find no GPU and fall back to software
# rendering: expected without a screen, and nothing the user can act on.
SOFTWARE_RENDERING_NOTICES = (
    "QRhiGles2: Failed to create",
    "Failed to create RHI for backend",
    "does not support createPlatformVulkanInstance",
    "QVulkanInstance: Failed to initialize",
    "GBM is not supported",
    "GPUInfo not initialized",
    "Unable to detect GPU vendor",
    "This plugin does not support propagateSizeHints",
)


def _quiet_software_rendering_notices() -> None:
    """Drop the software-rendering notices from Qt's log; pass everything else on to stderr."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    def handler(mode, context, message: str) -> None:
        if any(notice in message for notice in SOFTWARE_RENDERING_NOTICES):
            return
        sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    # Keep the handler alive for the life of the process.
    global _MESSAGE_HANDLER
    _MESSAGE_HANDLER = handler
    qInstallMessageHandler(handler)


_MESSAGE_HANDLER = None
