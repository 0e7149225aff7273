"""Helpers for GUI tests: run JavaScript in the map page, wait for the map."""

from __future__ import annotations

import json

PAGE_TIMEOUT_MS = 30_000


def run_js(qtbot, view, script: str):
    """Evaluate the expression ``script`` in the map page and return its value.

    The value travels as JSON text: PySide hands objects back as empty strings.
    """
    wrapped = f"JSON.stringify((function () {{ return ({script}); }})())"
    with qtbot.waitCallback(timeout=PAGE_TIMEOUT_MS) as callback:
        view.page().runJavaScript(wrapped, 0, callback)
    text = callback.args[0]
    return None if text in (None, "", "undefined") else json.loads(text)


def page_state(qtbot, view) -> dict:
    """What the page reports it shows (``Atlas.state()``)."""
    return run_js(qtbot, view, "Atlas.state()")
