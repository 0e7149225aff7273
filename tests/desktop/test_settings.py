"""Stored settings read back as values the app can use."""

from __future__ import annotations

import pytest

from desktop.settings import RECONCILE_KM, Settings


@pytest.mark.parametrize(("saved", "read"), [(3.0, 3.0), (0.0, 0.0), (5.0, 4.0), (10.0, 4.0),
                                             (-2.0, 0.0), (float("nan"), 3.0)])  # fmt: skip
def test_a_saved_tolerance_is_one_the_figures_accept(tmp_path, saved, read):
    # The largest is 4 km since 4.5 km moved the Dnipro front: a 5 km saved before, or a
    # hand-edited value, once reached the figures and failed there.
    settings = Settings(tmp_path / "settings.ini")
    settings.set(RECONCILE_KM, saved)
    assert settings.get(RECONCILE_KM) == read
