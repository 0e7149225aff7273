"""Where the bundled data files (``resources/``) are, in a checkout, a wheel or a bundle."""

from __future__ import annotations

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


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled file, e.g. ``resource_path("boundaries", "PROVENANCE.md")``."""
    return resources_dir().joinpath(*parts)
