"""The About box: versions and data credits."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import geodata
from desktop.i18n import current_language
from desktop.map.page import LEAFLET_VERSION
from geodata.credits import DATA_CREDITS_LONG
from geodata.language import say


def versions() -> dict[str, str]:
    """Versions of the app and the libraries its figures and map depend on."""
    import pyogrio
    import pyproj
    import shapely

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    return {
        "Frontline Atlas": geodata.__version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": package("PySide6"),
        "shapely / GEOS": f"{shapely.__version__} / {shapely.geos_version_string}",
        "GDAL (pyogrio)": pyogrio.__gdal_version_string__,
        "PROJ (pyproj)": pyproj.proj_version_str,
        "geopandas": package("geopandas"),
        "folium": package("folium"),
        "Leaflet": LEAFLET_VERSION,
    }


def about_text() -> str:
    """The About box's text, plain."""

    lines = [
        QCoreApplication.translate(
            "About", "Frontline Atlas — control areas in Ukraine, per oblast and region group."
        ),
        "",
    ]
    lines += [f"{name}: {value}" for name, value in versions().items()]
    lines += ["", QCoreApplication.translate("About", "Data credits:")]
    lines += [f"  {say(credit, current_language())}" for credit in DATA_CREDITS_LONG]
    lines += ["", QCoreApplication.translate("About", "Licence: GPL-3.0-or-later")]
    return "\n".join(lines)


def show_about(parent: QWidget) -> QMessageBox:
    """Open the About box."""
    box = QMessageBox(parent)
    box.setObjectName("about-dialog")
    box.setWindowTitle(QCoreApplication.translate("About", "About Frontline Atlas"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text())
    box.setIcon(QMessageBox.Icon.Information)
    box.open()
    return box
