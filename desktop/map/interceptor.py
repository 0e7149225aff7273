"""Every request the map page makes passes here; anything not local is refused and logged."""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

LOCAL_SCHEMES = frozenset({"atlas", "qrc", "data", "blob"})
log = logging.getLogger(__name__)


class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
    """Allows the app's own schemes, plus the online basemap's host when the user switched it on.

    ``requests`` keeps the most recent URLs with whether each was blocked, for the
    About box's diagnostics and for tests.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.allowed_hosts: frozenset[str] = frozenset()
        self.requests: deque[tuple[str, bool]] = deque(maxlen=2000)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        allowed = url.scheme() in LOCAL_SCHEMES or (
            url.scheme() == "https" and url.host() in self.allowed_hosts
        )
        self.requests.append((url.toString(), not allowed))
        if not allowed:
            log.warning("blocked a request from the map page: %s", url.toString())
            info.block(True)
