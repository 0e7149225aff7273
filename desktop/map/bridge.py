"""The one channel between Python and the map page.

The page sends ``{"cmd": ..., "args": {...}}`` as text through a single
QWebChannel slot; :class:`MapBridge` routes it to a handler by name. Python calls
the page with :meth:`MapBridge.call_js`, which queues calls made before the page
says it is ready and sends them, in order, once it does.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage

log = logging.getLogger(__name__)

Handler = Callable[[dict], None]
_FUNCTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A message larger than this is not something the page legitimately sends.
_MAX_MESSAGE_CHARS = 100_000


class _PageEndpoint(QObject):
    """The only object the page sees: one slot, ``send(text)``, and nothing else."""

    received = Signal(str)

    @Slot(str)
    def send(self, message: str) -> None:
        self.received.emit(message)


class MapBridge(QObject):
    """Routes page messages to handlers and queues Python-to-page calls until the page is ready."""

    ready = Signal()

    def __init__(self, page: QWebEnginePage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._handlers: dict[str, Handler] = {"ready": self._on_ready}
        self._queue: list[str] = []
        self._is_ready = False
        self._endpoint = _PageEndpoint(self)
        self._endpoint.received.connect(self._route)
        self._channel = QWebChannel(self)
        self._channel.registerObject("bridge", self._endpoint)
        page.setWebChannel(self._channel)

    def on(self, command: str, handler: Handler) -> None:
        """Handle the page's messages named ``command`` with ``handler(args)``."""
        self._handlers[command] = handler

    def call_js(self, function: str, *args: object) -> None:
        """Call ``Atlas.<function>(*args)`` in the page; arguments travel as JSON.

        Calls made before the page is ready are queued and sent in order.
        """
        self.call_js_json(function, json.dumps(list(args), allow_nan=False))

    def call_js_json(self, function: str, arguments: str) -> None:
        """:meth:`call_js` with the arguments already as JSON text: one array, spread.

        Big layers are serialised off the GUI thread, so sending them costs it nothing.
        """
        if not _FUNCTION_NAME.fullmatch(function):
            raise ValueError(f"not a page function name: {function!r}")
        if not arguments.startswith("["):
            raise ValueError("the arguments must be a JSON array")
        script = f"Atlas.{function}(...{arguments});"
        if self._is_ready:
            self._page.runJavaScript(script)
        else:
            self._queue.append(script)

    def page_reloading(self) -> None:
        """The page is loading anew: hold calls until it is ready again."""
        self._is_ready = False

    def _on_ready(self, _args: dict) -> None:
        self._is_ready = True
        queued, self._queue = self._queue, []
        for script in queued:
            self._page.runJavaScript(script)
        self.ready.emit()

    @Slot(str)
    def _route(self, message: str) -> None:
        if len(message) > _MAX_MESSAGE_CHARS:
            log.warning("ignored an oversized message from the map page")
            return
        try:
            parsed = json.loads(message)
        except json.JSONDecodeError:
            log.warning("ignored a malformed message from the map page: %.200s", message)
            return
        if not isinstance(parsed, dict) or not isinstance(parsed.get("cmd"), str):
            log.warning("ignored a message without a command: %.200s", message)
            return
        args = parsed.get("args")
        handler = self._handlers.get(parsed["cmd"])
        if handler is None:
            log.warning("ignored unknown command from the map page: %.80s", parsed["cmd"])
            return
        handler(args if isinstance(args, dict) else {})
