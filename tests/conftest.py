"""Shared test set-up: headless Qt, and the real control data in ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import API_SAMPLE, SNAPSHOT_20241120, require_shared

# Qt must never look for a display in tests; CI has none.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def snapshot_20241120() -> Path:
    """The DeepStateMap daily snapshot of 2024-11-20 (the seed article's date)."""
    return require_shared(SNAPSHOT_20241120)


@pytest.fixture(scope="session")
def api_sample_20241120() -> Path:
    """DeepStateMap's /api/history/last document for 2024-11-20."""
    return require_shared(API_SAMPLE / "history-last-20241120.json")


@pytest.fixture(autouse=True)
def _user_folders_in_tmp(tmp_path_factory, monkeypatch):
    """Keep tests out of the user's data and config folders (saved proposals, settings)."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture(autouse=True)
def _online_sources_stay_local(monkeypatch):
    """No test reaches the internet by default: the online sources point at a closed local port.

    Tests that fetch name their own local server (``127.0.0.1``).
    """
    from geodata.history.deepstate_online import BASE_URL_VARIABLE
    from geodata.history.mirror import SETTINGS

    for variable in (BASE_URL_VARIABLE, SETTINGS["api_url"][0], SETTINGS["raw_url"][0]):
        monkeypatch.setenv(variable, "http://127.0.0.1:9")
