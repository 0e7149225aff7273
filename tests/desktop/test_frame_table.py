"""The core's tables in the app: in the core's order until a header is clicked."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt

from desktop.frame_model import FrameModel, frame_table, text_cell, whole_cell


def _shown(view) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_rows_keep_the_cores_order_until_sorted(qtbot):
    model = FrameModel([("name", "Place", text_cell), ("population", "People", whole_cell)])
    view = frame_table(model, "places", "Places")
    qtbot.addWidget(view)
    model.set_frame(pd.DataFrame({"name": ["Bakhmut", "Avdiivka", "Chasiv Yar"],
                                  "population": [72000, 31000, 12000]}))  # fmt: skip
    # Qt's header would start at "first column, descending": Chasiv Yar, Bakhmut, Avdiivka.
    assert _shown(view) == ["Bakhmut", "Avdiivka", "Chasiv Yar"]
    assert view.horizontalHeader().sortIndicatorSection() == -1
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _shown(view) == ["Avdiivka", "Bakhmut", "Chasiv Yar"]
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _shown(view) == ["Bakhmut", "Avdiivka", "Chasiv Yar"]


def test_numbers_sort_as_numbers_and_a_missing_one_last_in_either_order(qtbot):
    model = FrameModel([("name", "Place", text_cell), ("km2", "km²", str)])
    view = frame_table(model, "areas", "Areas")
    qtbot.addWidget(view)
    model.set_frame(pd.DataFrame({"name": ["a", "b", "c", "d"],
                                  "km2": [9.5, float("nan"), 100.25, 10.0]}))  # fmt: skip
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _shown(view) == ["c", "d", "a", "b"]  # 100.25, 10, 9.5 (as numbers), then none
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _shown(view) == ["a", "d", "c", "b"]  # and none last again


def test_ukrainian_names_sort_in_the_ukrainian_alphabet(qtbot):
    from desktop.i18n import current_language, set_language

    model = FrameModel([("name", "Place", text_cell)])
    view = frame_table(model, "places", "Places")
    qtbot.addWidget(view)
    model.set_frame(pd.DataFrame({"name": ["Київ", "Ізюм", "", "Житомир", "Ґорґани", "Євпаторія",
                                           "Яготин"]}))  # fmt: skip
    before = current_language()
    set_language("uk")
    try:
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # By code points: Євпаторія, Ізюм, Житомир, Київ, Яготин, Ґорґани.
        # A place with no Ukrainian name comes last, not first.
        assert _shown(view) == ["Ґорґани", "Євпаторія", "Житомир", "Ізюм", "Київ", "Яготин", ""]
    finally:
        set_language(before)
