"""A bare map view with its page loaded and settled, for the map page's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def view(qtbot):
    """A MapView, 1100 × 750, shown, its page ready and its first fit to Ukraine done."""
    from desktop.map.view import MapView
    from tests.desktop.helpers import PAGE_TIMEOUT_MS

    view = MapView()
    qtbot.addWidget(view)
    view.resize(1100, 750)
    with qtbot.waitSignal(view.page_ready, timeout=PAGE_TIMEOUT_MS):
        view.show()
    qtbot.wait(500)  # the page's first fit to Ukraine settles
    return view
