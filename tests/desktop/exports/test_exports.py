"""Exports from the window: the view as PNG (1×, 2×), copy, the briefing dialog, data files."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader
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
