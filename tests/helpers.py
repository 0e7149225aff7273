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


def csv_records(text: str) -> list[dict]:
    """The rows of a CSV export as dicts, after its ``#`` method notes (which must be there)."""
    import csv
    import io

    lines = text.splitlines()
    notes = [line for line in lines if line.startswith("#")]
    assert notes and lines[: len(notes)] == notes, "CSV exports start with '#' method notes"
    return list(csv.DictReader(io.StringIO("\n".join(lines[len(notes) :]))))


def csv_header(text: str) -> str:
    """The header line of a CSV export (the first line that is not a ``#`` note)."""
    return next(line for line in text.splitlines() if not line.startswith("#"))
