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


# What Qt's X11 ("xcb") platform plugin loads, and the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def missing_display_libraries() -> list[str]:
    """Packages to install before Qt can open a window on this X11 display (Linux only).

    Qt aborts the whole process when its X11 plugin cannot load; checking first
    lets the app say what to install instead.
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if (
        not sys.platform.startswith("linux")
        or platform not in ("", "xcb")
        or not os.environ.get("DISPLAY")
    ):
        return []
    if platform == "" and os.environ.get("WAYLAND_DISPLAY"):
        return []
    import ctypes

    missing = []
    for library, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


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
    # Also under Xvfb or a desktop with no GPU driver, where the same notices appear.
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
    "Failed to create platform Vulkan instance",
    "Failed to load vulkan",
    "No Vulkan library available",
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
