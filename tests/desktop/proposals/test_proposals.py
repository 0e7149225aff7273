"""The Proposals panel, the claims and proposal overlays, and drawing an area on the map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from desktop.main_window import MainWindow
from tests.desktop.helpers import PAGE_TIMEOUT_MS, page_state, run_js
from tests.geodata.importers.fixtures import write_control_file


@pytest.fixture
def window(open_window):
    return open_window()


@pytest.fixture
def loaded(window, qtbot, snapshot_20241120):
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(snapshot_20241120)
    return window


def choose(qtbot, window, first: str, second: str = ""):
    with qtbot.waitSignal(window.proposals.results_shown, timeout=PAGE_TIMEOUT_MS) as shown:
        window.proposals_dock.select(first, second)
    return shown.args


def test_the_picker_lists_the_built_ins(window):
    picker = window.proposals_dock.primary
    ids = [picker.itemData(i) for i in range(picker.count())]
    assert ids == ["", "freeze", "june-2024-demand", "nov-2024-offer", "carve-up", "dmz-15km"]


def test_a_proposal_shows_its_table_summary_and_overlay(loaded, qtbot):
    with qtbot.waitSignal(loaded.map.proposal_drawn, timeout=PAGE_TIMEOUT_MS) as drawn:
        first, second = choose(qtbot, loaded, "june-2024-demand")
    assert second is None and round(first.to_occupier_km2) == 24086  # reconciled (raw 24,628)
    assert drawn.args[0] == 2  # the area to the occupier and the new line
    dock = loaded.proposals_dock
    assert "24,086 km²" in dock.summary.text() and "Kramatorsk" in dock.summary.text()
    assert "14 June 2024" in dock.description.text()
    model = dock.table.model()
    cells = {model.index(r, 0).data(): model.index(r, 3).data() for r in range(model.rowCount())}
    # All the rest of the four regions: 106,166.6 - 82,080.7 km² (once 0.1 km² short, a sliver
    # of Kherson left out by an overlay made in longitude and latitude).
    assert cells["Annexed 2022"] == "+24,085.9" and cells["Donetsk"] == "+9,339.2"
    state = page_state(qtbot, loaded.map)
    assert state["proposalFeatures"] == 2 and "To the occupying side" in state["legend"]
    assert "Crimea and Sevastopol (claimed 2014): 100.00 % occupied" in dock.claims.text()
    assert "0 km² claimed, not occupied" in dock.claims.text()


def test_two_proposals_side_by_side(loaded, qtbot):
    _first, second = choose(qtbot, loaded, "june-2024-demand", "nov-2024-offer")
    assert round(second.to_ukraine_km2) == 1102  # reconciled (raw 1,073)
    headers = loaded.proposals_dock.model.headers()
    assert "After\n% (A)" in headers and "Change\nkm² (B)" in headers
    assert "(B) Reported November 2024 offer" in loaded.proposals_dock.summary.text()


def test_choosing_none_clears_the_overlay(loaded, qtbot):
    choose(qtbot, loaded, "nov-2024-offer")
    choose(qtbot, loaded, "")
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["proposalFeatures"] == 0, timeout=5000)
    assert loaded.proposals_dock.model.rowCount() == 0


def test_claims_and_proposal_layers_switch_on_and_off(loaded, qtbot):
    assert not page_state(qtbot, loaded.map)["claimsShown"]  # off until asked for
    loaded.layers_dock.checks["claims"].setChecked(True)
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["claimsShown"], timeout=5000)
    assert "Annexation claims" in page_state(qtbot, loaded.map)["legend"]
    hatch = "document.querySelector('#atlas-hatch-claim') !== null"
    assert run_js(qtbot, loaded.map, hatch)
    choose(qtbot, loaded, "dmz-15km")
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["proposalFeatures"] == 2, timeout=5000)
    loaded.layers_dock.checks["proposal"].setChecked(False)
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["proposalFeatures"] == 0, timeout=5000)


def map_point(qtbot, window, lat, lon) -> QPoint:
    x, y = run_js(qtbot, window.map, f"Atlas.containerPoint({lat}, {lon})")
    return QPoint(int(x), int(y))


_clock = [10_000_000]


def click(window, point: QPoint, double: bool = False):
    """Left-click (or double-click) the map as a mouse does: press and release events.

    QTest spaces its clicks so that they never make a double-click, and its
    double-click event reaches Chromium as a lone press; these events carry
    their own timestamps instead.
    """
    target = window.map.focusProxy()
    for _ in range(2 if double else 1):
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            _clock[0] += 40
            pressed = (
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton
            )
            at, screen = QPointF(point), QPointF(target.mapToGlobal(point))
            left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
            event = QMouseEvent(kind, at, screen, left, pressed, none)
            event.setTimestamp(_clock[0])
            QApplication.sendEvent(target, event)
    _clock[0] += 2000  # the next click is a new one


def test_drawing_an_area_makes_a_proposal_of_ones_own(loaded, qtbot, monkeypatch):
    # Accept the dialog as it opens: the area passes to Ukraine, the default name.
    monkeypatch.setattr(
        "desktop.proposals.area_dialog.AreaProposalDialog.exec",
        lambda self: QDialog.DialogCode.Accepted,
    )
    loaded.proposals_dock.draw_button.click()
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["drawing"] == 0, timeout=5000)
    corners = [(47.2, 35.3), (47.2, 36.2), (46.8, 36.2)]  # in occupied Zaporizhzhia oblast
    # A fixed view, not animated: a click computed while the map still moves (the
    # opening fit, a dock resizing the window on a loaded machine) lands elsewhere.
    run_js(qtbot, loaded.map, "Atlas.setView(47.0, 35.75, 8)")
    for lat, lon in corners[:-1]:
        click(loaded, map_point(qtbot, loaded, lat, lon))
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["drawing"] == 2, timeout=5000)
    with qtbot.waitSignal(loaded.proposals.proposal_saved, timeout=PAGE_TIMEOUT_MS) as saved:
        click(loaded, map_point(qtbot, loaded, *corners[-1]), double=True)
    proposal_id = saved.args[0]
    assert (loaded.proposals.folder / f"{proposal_id}.toml").is_file()
    assert loaded.proposals_dock.selected_id() == proposal_id
    qtbot.waitUntil(lambda: loaded.proposals.results[0] is not None, timeout=PAGE_TIMEOUT_MS)
    result = loaded.proposals.results[0]
    assert result.proposal.id == proposal_id
    # The triangle is about 1,500 km², nearly all of it held before: that returns.
    assert 1200 < result.to_ukraine_km2 < 1600 and result.to_occupier_km2 < 1
    assert page_state(qtbot, loaded.map)["drawing"] == -1


def test_escape_cancels_drawing(loaded, qtbot):
    loaded.map.start_drawing()
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["drawing"] == 0, timeout=5000)
    click(loaded, map_point(qtbot, loaded, 49.0, 31.0))
    with qtbot.waitSignal(loaded.map.drawing_cancelled, timeout=5000):
        QTest.keyClick(loaded, Qt.Key.Key_Escape)  # the window's Esc shortcut
    assert page_state(qtbot, loaded.map)["drawing"] == -1


def test_importing_an_area_from_a_file(loaded, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "desktop.proposals.area_dialog.AreaProposalDialog.exec",
        lambda self: QDialog.DialogCode.Accepted,
    )
    monkeypatch.setattr(
        "desktop.proposals.area_dialog.AreaProposalDialog.side", lambda self: "occupier"
    )
    path = write_control_file(tmp_path, "area", ".gpkg")
    with qtbot.waitSignal(loaded.proposals.proposal_saved, timeout=PAGE_TIMEOUT_MS) as saved:
        loaded.proposals.import_area_from(path)
    assert saved.args[0].startswith("user-area")
    qtbot.waitUntil(lambda: loaded.proposals.results[0] is not None, timeout=PAGE_TIMEOUT_MS)
    assert loaded.proposals.results[0].to_occupier_km2 > 0


def test_a_broken_saved_proposal_is_reported_not_fatal(qtbot, settings, tmp_path):
    folder = tmp_path / "proposals"
    folder.mkdir()
    (folder / "broken.toml").write_text('name = "x"\n[[operations]]\ntype = "cede"\n')
    window = MainWindow(settings, proposals_dir=folder)
    qtbot.addWidget(window)
    assert "broken.toml" in window.statusBar().currentMessage()
    assert window.proposals_dock.primary.count() == 6


def test_a_drawn_areas_description_states_what_changes_hands(loaded, qtbot, monkeypatch):
    """A box half over occupied land: the description gives the box and, apart, what passes."""
    import shapely

    from geodata.scenarios.drawn import area_in_ukraine_km2, changing_hands_km2

    monkeypatch.setattr(
        "desktop.proposals.area_dialog.AreaProposalDialog.exec",
        lambda self: QDialog.DialogCode.Accepted,
    )
    controlled = loaded.state.control.layer.controlled
    west, south, east, north = shapely.bounds(controlled)
    box = shapely.box((west + east) / 2 - 0.5, (south + north) / 2 - 0.5,
                      (west + east) / 2 + 0.5, (south + north) / 2 + 0.5)  # fmt: skip
    whole = area_in_ukraine_km2(box)
    passing = changing_hands_km2(box, "ukraine", controlled)
    proposal = loaded.proposals.propose_area(box, "Half and half")
    assert f"An area of {whole:,.0f} km², of which {passing:,.0f} km² changes hands" in (
        proposal.description
    )
    qtbot.waitUntil(lambda: loaded.proposals.results[0] is not None, timeout=PAGE_TIMEOUT_MS)
    result = loaded.proposals.results[0]
    assert abs(result.to_ukraine_km2 - passing) < 0.02 * whole  # what the engine moves


def test_the_zone_width_is_a_control(loaded, qtbot):
    dock = loaded.proposals_dock
    first, _ = choose(qtbot, loaded, "dmz-15km")
    assert dock.zone_width.isEnabled() and dock.zone_width.value() == 15
    zone_15 = first.demilitarized_zones[0]
    with qtbot.waitSignal(loaded.proposals.results_shown, timeout=PAGE_TIMEOUT_MS) as shown:
        dock.zone_width.setValue(30)
    wider = shown.args[0].demilitarized_zones[0]
    assert wider.width_km == 30 and wider.area_km2 > 1.5 * zone_15.area_km2
    # A proposal without a zone has no width to set.
    choose(qtbot, loaded, "june-2024-demand")
    assert not dock.zone_width.isEnabled()


def test_both_compared_proposals_can_be_shown_on_the_map(loaded, qtbot):
    dock = loaded.proposals_dock
    choose(qtbot, loaded, "june-2024-demand", "nov-2024-offer")
    assert dock.map_shows.isEnabled()

    def legend() -> str:
        return page_state(qtbot, loaded.map)["legend"]

    qtbot.waitUntil(lambda: "June 2024 demand" in legend(), timeout=5000)
    dock.map_shows.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "November 2024 offer" in legend(), timeout=5000)
    dock.map_shows.setCurrentIndex(0)
    qtbot.waitUntil(lambda: "June 2024 demand" in legend(), timeout=5000)
    choose(qtbot, loaded, "june-2024-demand")
    assert not dock.map_shows.isEnabled()


def test_drawing_says_what_to_do_takes_back_corners_and_the_button_stops_it(loaded, qtbot):
    dock = loaded.proposals_dock
    dock.draw_button.click()
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["drawing"] == 0, timeout=5000)
    assert dock.draw_button.text() == "Stop drawing"
    assert "Drawing an area: 0 corners" in loaded.statusBar().currentMessage()
    for lat, lon in ((47.2, 35.3), (47.2, 36.2)):
        click(loaded, map_point(qtbot, loaded, lat, lon))
    qtbot.waitUntil(lambda: "2 corners" in loaded.statusBar().currentMessage(), timeout=5000)
    loaded.map.undo_corner()
    qtbot.waitUntil(lambda: page_state(qtbot, loaded.map)["drawing"] == 1, timeout=5000)
    assert "1 corner —" in loaded.statusBar().currentMessage()
    with qtbot.waitSignal(loaded.map.drawing_cancelled, timeout=5000):
        dock.draw_button.click()  # "Stop drawing"
    assert dock.draw_button.text() == "Draw area…" and not loaded.map.is_drawing


def test_a_proposal_of_ones_own_can_be_renamed_and_deleted(loaded, qtbot, monkeypatch):
    import shapely
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        "desktop.proposals.area_dialog.AreaProposalDialog.exec",
        lambda self: QDialog.DialogCode.Accepted,
    )
    proposal = loaded.proposals.propose_area(shapely.box(35.3, 46.8, 36.2, 47.2), "Strip")
    dock = loaded.proposals_dock
    assert dock.selected_id() == proposal.id and dock.rename_button.isEnabled()
    loaded.proposals.rename(proposal.id, "Zaporizhzhia strip")
    assert dock.selected_id() == proposal.id
    assert dock.primary.currentText() == "Zaporizhzhia strip  (yours)"
    assert (
        'name = "Zaporizhzhia strip"'
        in (loaded.proposals.folder / f"{proposal.id}.toml").read_text()
    )
    # A name longer than a proposal file may hold: one message, the file as it was.
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    before = (loaded.proposals.folder / f"{proposal.id}.toml").read_text()
    loaded.proposals.rename(proposal.id, "N" * 300)
    assert len(shown) == 1
    assert (loaded.proposals.folder / f"{proposal.id}.toml").read_text() == before
    assert dock.primary.currentText() == "Zaporizhzhia strip  (yours)"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dock.delete_button.click()
    assert not (loaded.proposals.folder / f"{proposal.id}.toml").exists()
    assert dock.primary.findData(proposal.id) == -1
    choose(qtbot, loaded, "june-2024-demand")
    assert not dock.rename_button.isEnabled() and not dock.delete_button.isEnabled()


def test_the_corners_of_a_drawn_area_can_be_moved_and_deleted(loaded, qtbot, monkeypatch):
    import shapely

    from geodata.scenarios.drawn import editable_corners
    from geodata.scenarios.proposals import read_proposal

    monkeypatch.setattr(
        "desktop.proposals.area_dialog.AreaProposalDialog.exec",
        lambda self: QDialog.DialogCode.Accepted,
    )
    box = shapely.Polygon([(35.3, 46.8), (36.2, 46.8), (36.2, 47.2), (35.8, 47.4), (35.3, 47.2)])
    proposal = loaded.proposals.propose_area(box, "Five corners")
    dock = loaded.proposals_dock
    assert dock.edit_button.isEnabled()
    dock.edit_button.click()
    qtbot.waitUntil(
        lambda: (
            run_js(qtbot, loaded.map, "document.querySelectorAll('.atlas-corner-handle').length")
            == 5
        ),
        timeout=5000,
    )
    run_js(qtbot, loaded.map, "Atlas.deleteCorner(3) || 1")  # the peak goes
    run_js(qtbot, loaded.map, "Atlas.moveCorner(1, 46.8, 36.6) || 1")  # a corner moves east
    with qtbot.waitSignal(loaded.map.polygon_edited, timeout=5000):
        run_js(qtbot, loaded.map, "Atlas.finishEditing() || 1")
    saved = read_proposal(loaded.proposals.folder / f"{proposal.id}.toml")
    corners = editable_corners(saved)
    assert len(corners) == 4 and [36.6, 46.8] in [[round(x, 4), round(y, 4)] for x, y in corners]
    assert saved.id == proposal.id and saved.name == "Five corners"
    assert "changes hands" in saved.description
