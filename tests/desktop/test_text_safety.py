"""Text from data stays text in the GUI: folder, file and proposal names never render as HTML."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.error_dialog import show_error
from desktop.history.controller import HistoryController
from desktop.history.timeline_dock import TimelineDock
from desktop.main_window import MainWindow
from desktop.proposals.dock import ProposalsDock
from geodata.errors import GeodataError
from geodata.history.compute import compute_history
from geodata.history.sources import open_history
from geodata.history.store import Store
from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import find_proposal
from tests.geodata.history.test_history import growing_front
from tests.geodata.importers.fixtures import write_control_file

# File and folder names cannot hold "/", so no closing tags: Qt takes "<b>" alone for HTML,
# and "&amp;" before any tag too.
FOLDER = "&amp; <b>bold<img src=x>"


def shown(text: str) -> str:
    """What Qt shows for text where it guesses the format (tooltips, static message boxes)."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def test_a_history_folder_named_in_html_is_shown_literally(qtbot, tmp_path):
    folder = growing_front(tmp_path / FOLDER, days=2)
    series = compute_history(open_history(folder), Store(tmp_path / "store.sqlite"))
    dock = TimelineDock()
    qtbot.addWidget(dock)
    dock.set_series(series)
    header = dock.header
    assert header.text().startswith(f"{FOLDER}: 2 dates")
    assert header.textFormat() == Qt.TextFormat.PlainText
    # Drawn as plain text, the label is as wide as the tags themselves.
    assert header.sizeHint().width() >= QFontMetrics(header.font()).horizontalAdvance(FOLDER)


@pytest.fixture(scope="module")
def layer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("control")
    return read_control_layer(write_control_file(folder, "front_20241120", ".geojson"))


def test_a_proposal_named_in_html_is_shown_literally(qtbot, layer):
    name, description = "<i>x</i>", "<b>Bold</b> & <img src=x> claims"
    sources = ("<a href=x>link</a>",)
    mine = dataclasses.replace(find_proposal("june-2024-demand"), id="user-x", name=name,
                               description=description, sources=sources)  # fmt: skip
    other = find_proposal("freeze")
    dock = ProposalsDock()
    qtbot.addWidget(dock)
    dock.set_proposals([mine, other], select="user-x")
    dock.select("user-x", "freeze")
    dock.show_results(run_proposal(mine, layer), run_proposal(other, layer))
    picker = dock.primary
    assert picker.currentText().startswith(name)
    assert shown(picker.itemData(picker.currentIndex(), Qt.ItemDataRole.ToolTipRole)) == description
    assert dock.description.text() == description
    assert dock.sources.text() == "Sources: <a href=x>link</a>"
    assert f"(A) {name}" in dock.summary.text()
    for label in dock.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_an_error_about_a_file_named_in_html_is_shown_literally(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "<b>x.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(GeodataError) as raised:
        read_control_layer(bad)
    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: boxes.append(box))
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, raised.value, f"Opening {bad.name}")
    assert boxes == [box]
    assert box.text() == "Opening <b>x.geojson failed."
    assert "<b>x.geojson" in box.informativeText()
    labels = [label for label in box.findChildren(QLabel) if label.text()]
    assert len(labels) == 2
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_a_damaged_store_named_in_html_is_reported_literally(qtbot, tmp_path, monkeypatch):
    store = tmp_path / "<b>store.sqlite"
    store.write_bytes(b"not a database at all" * 50)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    parent = QWidget()
    qtbot.addWidget(parent)
    controller = HistoryController(parent, TimelineDock(parent), None, None, store)
    assert controller.store is not None
    assert warnings and "The old file is kept as" in shown(warnings[0])
    assert f"{tmp_path}/<b>store.sqlite.corrupt-" in shown(warnings[0])


def test_recent_files_show_their_names_and_paths_literally(qtbot, settings, tmp_path):
    path = tmp_path / "R&D <b>x.geojson"
    path.write_text("{}")
    settings.add_recent_file(path)
    window = MainWindow(settings, proposals_dir=tmp_path / "p", store_path=tmp_path / "s.sqlite")
    qtbot.addWidget(window)
    (action,) = window.recent_menu.actions()
    assert action.text() == "&1 R&&D <b>x.geojson"  # "&&" is a literal "&" in a menu
    assert shown(action.toolTip()) == str(path.resolve())
    assert action.statusTip() == str(path.resolve())  # the status bar shows plain text
