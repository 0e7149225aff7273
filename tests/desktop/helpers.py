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


#: The boxes of every label the page shows (not hidden as colliding): [left, top, right, bottom].
LABEL_BOXES_JS = """Array.from(document.querySelectorAll('.atlas-label:not(.atlas-collides) span'))
    .map(function (s) { return s.getBoundingClientRect(); })
    .filter(function (b) { return b.width > 0; })
    .map(function (b) { return [b.left, b.top, b.right, b.bottom]; })"""


def assert_no_overlap(boxes: list, context=None, slack: float = 2) -> None:
    """No two label boxes overlap (by more than ``slack`` px on each side)."""
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = (
                a[0] + slack < b[2] and a[2] - slack > b[0]
                and a[1] + slack < b[3] and a[3] - slack > b[1]
            )  # fmt: skip
            assert not overlap, (context, a, b)
