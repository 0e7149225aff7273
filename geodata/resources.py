"""Where the bundled data files (``resources/``) are, in a checkout, a wheel or a bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """Return the directory that holds the bundled ``resources/`` tree.

    A frozen (PyInstaller) bundle keeps it beside the executable's data, an
    installed wheel inside this package as ``_resources``, and a source checkout
    at the repository root.

    >>> (resources_dir() / "boundaries").is_dir()
    True
    """
    candidates = []
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        candidates.append(Path(bundle_root) / "resources")
    candidates += [_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "the bundled resources folder is missing; looked in "
        + ", ".join(str(c) for c in candidates)
        + " (reinstall Frontline Atlas)"
    )


#: Points to a folder of control data to use as the bundled data (tests, custom installs).
DATA_VARIABLE = "FRONTLINE_ATLAS_DATA"


def bundled_data_dir() -> Path | None:
    """The control data shipped with an installed bundle (``data/`` beside the program), if any.

    ``FRONTLINE_ATLAS_DATA`` overrides it; a source checkout has none.

    >>> import os; os.environ.pop(DATA_VARIABLE, None) and None
    >>> bundled_data_dir() is None
    True
    """
    override = os.environ.get(DATA_VARIABLE)
    if override:
        folder = Path(override)
        return folder if folder.is_dir() else None
    if getattr(sys, "frozen", False):
        folder = Path(sys.executable).resolve().parent / "data"
        if folder.is_dir() and any(folder.iterdir()):
            return folder
    return None


def newest_bundled_file() -> Path | None:
    """The bundled control file with the latest date in its name (or the last by name), if any."""
    from geodata.dates import date_from_filename
    from geodata.importers import SUPPORTED_FORMATS

    folder = bundled_data_dir()
    if folder is None:
        return None
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_FORMATS
    )
    if not files:
        return None
    dated = [(date_from_filename(p.name), p) for p in files]
    dated = [(d, p) for d, p in dated if d is not None]
    return max(dated)[1] if dated else files[-1]


def bundled_history_folder() -> Path | None:
    """The bundled data folder when it makes a history: two or more files with dates in their names.

    An installer built ``--with-data`` copies the files flat into ``data/``, so
    the folder opens as a history (``open_history``) as it is.

    >>> import os, tempfile; from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("front_20241120.geojson", "front_20241121.geojson"):
    ...         _ = (Path(folder) / name).write_text("{}")
    ...     os.environ[DATA_VARIABLE] = folder
    ...     found = bundled_history_folder() == Path(folder)
    ...     del os.environ[DATA_VARIABLE]
    >>> found
    True
    """
    from geodata.dates import date_from_filename
    from geodata.importers import SUPPORTED_FORMATS

    folder = bundled_data_dir()
    if folder is None:
        return None
    dates = {
        date_from_filename(p.name)
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED_FORMATS
    }
    dates.discard(None)
    return folder if len(dates) >= 2 else None


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled file, e.g. ``resource_path("boundaries", "PROVENANCE.md")``."""
    return resources_dir().joinpath(*parts)
