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
