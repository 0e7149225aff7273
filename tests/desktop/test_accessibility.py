"""Accessible names on every control, panel, table and the map; the dialogs too."""

from __future__ import annotations

from desktop.accessibility import unnamed


def test_every_widget_of_the_main_window_has_an_accessible_name(open_window):
    window = open_window()
    assert unnamed(window) == []
    assert window.map.accessibleName() == "Map of Ukraine"
    assert window.stats_dock.table.accessibleName()
    assert window.layers_dock.sliders["control"].accessibleName() == "Opacity of control areas"
    assert window.timeline_dock.slider.accessibleName() == "Date shown"


def test_the_dialogs_name_their_controls(open_window, qtbot, tmp_path):
    from desktop.accessibility import name_widgets
    from desktop.preferences import PreferencesDialog

    window = open_window()
    dialog = PreferencesDialog(window.settings, window)
    name_widgets(dialog)
    assert unnamed(dialog) == []
    dialog.close()
