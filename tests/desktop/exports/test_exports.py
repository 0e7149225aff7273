"""Exports from the window: the view as PNG (1×, 2×), copy, the briefing dialog, data files."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.desktop.helpers import PAGE_TIMEOUT_MS
from tests.geodata.importers.fixtures import write_control_file


@pytest.fixture
def window(open_window, qtbot, tmp_path):
    window = open_window(1200, 800)
    with qtbot.waitSignal(window.map.control_drawn, timeout=PAGE_TIMEOUT_MS):
        window.open_file(write_control_file(tmp_path, "front_20241120", ".geojson"))
    return window


def test_view_as_png_at_1x_and_2x(window, tmp_path):
    one = window.exports.save_view(tmp_path / "view.png", 1)
    two = window.exports.save_view(tmp_path / "view2.png", 2)
    small, large = QImage(str(one)), QImage(str(two))
    assert (small.width(), small.height()) == (window.map.width(), window.map.height())
    assert (large.width(), large.height()) == (2 * small.width(), 2 * small.height())
    dark_red = sum(
        1 for x in range(0, large.width(), 8) for y in range(0, large.height(), 8)
        if (c := large.pixelColor(x, y)).red() > c.green() + 60 and c.red() > c.blue() + 60
    )  # fmt: skip
    assert dark_red > 20  # the control layer made it into the 2× copy


def test_copy_view_puts_an_image_on_the_clipboard(window):
    QApplication.clipboard().clear()
    window.actions_by_name["copy_view"].trigger()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() == window.map.width()


def test_briefing_dialog_previews_and_saves(window, qtbot, tmp_path):
    dialog = window.exports.export_briefing()

    def drawn():
        return dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()

    qtbot.waitUntil(drawn, timeout=PAGE_TIMEOUT_MS)
    dialog.title.setText("Daily brief")
    dialog.page.setCurrentIndex(2)  # the 16:9 slide
    with qtbot.waitSignal(window.runner.busy_changed, timeout=PAGE_TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        dialog.save(tmp_path / "brief.pdf")
    page = PdfReader(tmp_path / "brief.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (960, 540)
    assert "Daily brief" in page.extract_text()
    dialog.close()


@pytest.mark.parametrize("logo", ["missing <b>logo</b> with a long name to wrap.png", "a pipe"])
def test_a_logo_that_cannot_be_read_is_said_in_the_preview_and_on_save(
    window, qtbot, tmp_path, monkeypatch, logo
):
    """The preview says why it cannot be drawn and Save shows one message: no internal
    error (both once raised a TypeError in the app, so a missing logo showed a bug report)."""
    import os

    shown, errors = [], []
    monkeypatch.setattr(
        QMessageBox, "open", lambda box: shown.append(box.text() + box.informativeText())
    )
    window.runner.error.connect(errors.append)
    path = tmp_path / "logo.png"
    if logo == "a pipe":
        os.mkfifo(path)
    else:
        path = tmp_path / logo
    dialog = window.exports.export_briefing()
    qtbot.waitUntil(lambda: dialog._pixmap is not None, timeout=PAGE_TIMEOUT_MS)
    dialog.logo.setText(str(path))
    qtbot.waitUntil(lambda: "Cannot draw the preview" in dialog.preview.text(), timeout=5000)
    assert str(path) in dialog.preview.text()
    # Said as plain text, wrapped: readable without scrolling sideways.
    assert dialog.preview.textFormat() == Qt.TextFormat.PlainText
    qtbot.wait(50)
    assert dialog.preview_area.horizontalScrollBar().maximum() == 0
    with qtbot.waitSignal(window.runner.busy_changed, timeout=PAGE_TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        dialog.save(tmp_path / "brief.pdf")
    assert len(shown) == 1 and str(path) in shown[0]
    assert not (tmp_path / "brief.pdf").exists() and errors == []
    dialog.close()


def test_data_exports_follow_the_extension(window, qtbot, tmp_path):
    with qtbot.waitSignal(window.exports.exported, timeout=PAGE_TIMEOUT_MS):
        window.exports.write_data(tmp_path / "stats.xlsx")
    book = openpyxl.load_workbook(tmp_path / "stats.xlsx")
    assert book["Regions"].max_row == 28
    with qtbot.waitSignal(window.exports.exported, timeout=PAGE_TIMEOUT_MS):
        window.exports.write_data(tmp_path / "map.html")
    assert "Atlas.start" in (tmp_path / "map.html").read_text()


def test_a_failed_export_is_reported_and_keeps_the_old_file(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "open", lambda box: shown.append(box.text() + box.informativeText())
    )
    target = tmp_path / "view.png"
    target.write_bytes(b"old")
    monkeypatch.setattr(
        "os.replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left"))
    )
    assert window.exports.save_view(target, 1) is None
    assert target.read_bytes() == b"old"
    assert shown and "the disk is full" in shown[0]


def test_briefing_dialog_sector_branding_and_a_preview_at_the_outputs_pixels(
    window, qtbot, tmp_path
):
    from pypdf import PdfReader

    dialog = window.exports.export_briefing()
    dialog.extent.setCurrentIndex(dialog.extent.findData("UA-14"))
    dialog.language.setCurrentIndex(dialog.language.findData("uk"))
    dialog.banner.setText("For training")
    dialog.author.setText("Briefing cell")
    dialog.page.setCurrentIndex(dialog.page.findData("slide"))
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(1.0))
    # The preview is the slide's own 1920 × 1080 pixels, shown at 100 % in a scroll area.
    qtbot.waitUntil(
        lambda: dialog._pixmap is not None and dialog._pixmap.width() == 1920,
        timeout=PAGE_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: dialog.preview.pixmap().width() == 1920, timeout=PAGE_TIMEOUT_MS)
    with qtbot.waitSignal(window.runner.busy_changed, timeout=PAGE_TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        dialog.save(tmp_path / "sector.pdf")
    reader = PdfReader(tmp_path / "sector.pdf")
    text = reader.pages[0].extract_text()
    assert "FOR TRAINING" in text and "Донецька область" in text
    assert reader.metadata.author == "Briefing cell"
    dialog.close()


def _open_history(window, qtbot, tmp_path):
    import shapely

    from tests.geodata.importers.fixtures import control_frame

    folder = tmp_path / "daily"
    folder.mkdir()
    for day, date in enumerate(("20250101", "20250108", "20250120")):
        frame = control_frame().iloc[:1].copy()
        frame.loc[0, "geometry"] = shapely.box(37.0, 47.5, 37.6 + 0.25 * day, 48.2)
        write_control_file(folder, f"deepstatemap_data_{date}", ".geojson", frame)
    with qtbot.waitSignal(window.history.opened, timeout=PAGE_TIMEOUT_MS):
        window.history.open_source(folder)
    qtbot.waitUntil(lambda: window.history.row >= 0, timeout=PAGE_TIMEOUT_MS)


def test_the_morning_pack_and_the_animation_from_the_open_history(window, qtbot, tmp_path):
    _open_history(window, qtbot, tmp_path)
    pack = window.exports.export_pack()
    assert "overview, sector, change, table, chart" in pack.pages.text()
    pack.since.setValue(10)
    with qtbot.waitSignal(window.runner.busy_changed, timeout=PAGE_TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        pack.save(tmp_path / "brief.pdf")
    assert len(PdfReader(tmp_path / "brief.pdf").pages) == 5
    # Ten days before 2025-01-20 has no map: the change page's start is said.
    said = window.statusBar().currentMessage()
    assert said.startswith("Wrote ") and "the change page starts on 2025-01-08" in said
    # The template is kept for tomorrow.
    from desktop.settings import BRIEFING_TEMPLATE

    assert window.settings.get(BRIEFING_TEMPLATE)["since_days"] == 10

    animation = window.exports.export_animation()
    assert animation.summary.text().startswith("4 frames")  # the last on the last date
    animation.size.setCurrentIndex(animation.size.findData("854x480"))
    with qtbot.waitSignal(window.runner.busy_changed, timeout=PAGE_TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        animation.save(tmp_path / "front.gif")
    assert (tmp_path / "front.gif").stat().st_size > 1000


def test_an_animation_needs_a_history(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[1]))
    assert window.exports.export_animation() is None
    assert shown == ["No history open"]


def test_a_box_drawn_on_the_map_is_the_briefing_maps_extent(window, qtbot):
    def saved_proposals() -> int:
        folder = window.proposals.folder
        return len(list(folder.glob("*.toml"))) if folder.is_dir() else 0

    before = saved_proposals()
    dialog = window.exports.export_briefing()
    dialog.start_box()
    assert not dialog.isVisible() and window.map.is_drawing
    # The page reports the corners clicked, as it does for a drawn proposal.
    window.map._on_polygon_drawn({"coordinates": [[36.5, 47.6], [38.8, 47.7], [38.7, 49.2]]})
    assert dialog.isVisible()
    assert dialog.extent.currentData() == "36.5000,47.6000,38.8000,49.2000"
    assert dialog.options().extent == (36.5, 47.6, 38.8, 49.2)
    assert saved_proposals() == before  # a box for an extent is no proposal
    dialog.close()
