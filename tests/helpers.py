"""Paths and helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data" / "deepstate"
DAILY = SHARED_DATA / "daily"
SNAPSHOT_20241120 = DAILY / "deepstatemap_data_20241120.geojson"
API_SAMPLE = SHARED_DATA / "api-sample"


def require_shared(path: Path) -> Path:
    """Skip the calling test, saying why, when a file of ../shared is not on this machine."""
    if not path.exists():
        pytest.skip(
            f"real control data not available: {path} is absent (it lives outside the repo)"
        )
    return path
