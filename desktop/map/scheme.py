"""The ``atlas:`` URL scheme: serves the map page and its assets from memory and local files."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from desktop.map.page import LEAFLET_DIR, WEB_DIR_PARTS
from geodata.resources import resource_path

SCHEME = b"atlas"
HOST = "app"


def register_scheme() -> None:
    """Declare the ``atlas:`` scheme; must run before the QApplication exists."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure and local: the page may use its own assets, and (with
    # LocalContentCanAccessRemoteUrls off) cannot reach the network.
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


class AtlasSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``atlas://app/...``: pages held in memory, Leaflet and ``resources/web`` files."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pages: dict[str, bytes] = {}
        self._roots = {
            "leaflet": LEAFLET_DIR.resolve(),
            "web": resource_path(*WEB_DIR_PARTS).resolve(),
        }

    def publish_page(self, name: str, html: str) -> str:
        """Hold a page in memory and return its URL, ``atlas://app/<name>``."""
        self._pages[name] = html.encode("utf-8")
        return f"{SCHEME.decode()}://{HOST}/{name}"

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        path = url.path().lstrip("/")
        if url.host() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        if path in self._pages:
            self._reply(job, b"text/html", self._pages[path])
            return
        file = self._asset(path)
        if file is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._reply(job, mime.encode(), file.read_bytes())

    def _asset(self, path: str) -> Path | None:
        root_name, _, rest = path.partition("/")
        root = self._roots.get(root_name)
        if root is None or not rest:
            return None
        candidate = (root / rest).resolve()
        # Never serve anything outside the two asset folders (no "../").
        if root not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def _reply(self, job: QWebEngineUrlRequestJob, mime: bytes, data: bytes) -> None:
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime, buffer)
