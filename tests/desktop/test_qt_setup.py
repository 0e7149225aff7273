"""Chromium flags and platform choice made before Qt starts."""

from __future__ import annotations

import os

from desktop.qt_setup import has_display, prepare_qt


def test_root_gets_no_sandbox_and_flags_are_not_repeated(monkeypatch):
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--foo")
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    prepare_qt(headless=True)
    prepare_qt(headless=True)
    flags = os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].split()
    assert flags.count("--no-sandbox") == 1
    assert "--foo" in flags and "--disable-background-networking" in flags


def test_non_root_keeps_the_sandbox(monkeypatch):
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    prepare_qt(headless=True)
    assert "--no-sandbox" not in os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].split()


def test_display_detection(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert has_display() is False
    monkeypatch.setenv("DISPLAY", ":99")
    assert has_display() is True


def test_missing_x11_libraries_are_named_not_fatal(monkeypatch, capsys):
    import ctypes

    from desktop import qt_setup
    from desktop.app import run_app

    real = ctypes.CDLL

    def cdll(name, *args, **kwargs):
        if name == "libxcb-cursor.so.0":
            raise OSError("not found")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    monkeypatch.setattr(qt_setup.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    missing = qt_setup.missing_display_libraries()
    assert "libxcb-cursor0" in missing
    assert run_app(None) == 2
    assert "sudo apt-get install" in capsys.readouterr().err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qt_setup.missing_display_libraries() == []
