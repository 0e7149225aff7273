"""The welcome panel: over the map while no control data is loaded, it says where to get some.

Four actions, each a button with one line on where such data comes from: two
online (DeepStateMap's latest map, its whole history) and two from this
computer (a file, a folder of dated files). The window passes the handlers in
(by the names of its commands in :mod:`desktop.actions`), places the panel
over the map with :meth:`WelcomePanel.cover`, and shows it while nothing is
loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.theme import screen_palette

TITLE = QT_TRANSLATE_NOOP("Welcome", "No control-area data yet")
INTRO = QT_TRANSLATE_NOOP(
    "Welcome",
    "Frontline Atlas ships no control-area data of its own. Get it from one of these sources:",
)
ONLINE_HEADING = QT_TRANSLATE_NOOP("Welcome", "Online")
ONLINE_NOTE = QT_TRANSLATE_NOOP("Welcome", "Asks you once before it connects")
LOCAL_HEADING = QT_TRANSLATE_NOOP("Welcome", "On this computer")
FOOTNOTE = QT_TRANSLATE_NOOP("Welcome", "You can also drop a file onto the window.")
FETCHING = QT_TRANSLATE_NOOP(
    "Welcome", "Fetching… the progress, and Cancel, are in the status bar below."
)


def _t(text: str) -> str:
    """``text`` in the app's language (the catalogue's "Welcome" context)."""
    return QCoreApplication.translate("Welcome", text)


MAX_WIDTH_PX = 620  # wide enough for each source on one or two lines, narrow enough to see the map
MARGIN_PX = 24  # the least map left visible round the panel
NARROW_BELOW_PX = 520  # narrower than this, each source goes under its button


@dataclass(frozen=True)
class WelcomeAction:
    """One way to get data: the command it runs, its button and where such data comes from."""

    name: str  # the handler's key: the window's command of that name (desktop.actions)
    text: str
    source: str
    online: bool


WELCOME_ACTIONS: tuple[WelcomeAction, ...] = (
    WelcomeAction(
        "fetch_latest",
        QT_TRANSLATE_NOOP("Welcome", "Fetch the latest map"),
        QT_TRANSLATE_NOOP(
            "Welcome",
            "DeepStateMap's latest daily map (deepstatemap.live)",
        ),
        online=True,
    ),
    WelcomeAction(
        "fetch_updates",
        QT_TRANSLATE_NOOP("Welcome", "Fetch the whole history"),
        QT_TRANSLATE_NOOP(
            "Welcome",
            "DeepStateMap's map updates since 2024, or its public mirror on GitHub",
        ),
        online=True,
    ),
    WelcomeAction(
        "open",
        QT_TRANSLATE_NOOP("Welcome", "Open a file…"),
        QT_TRANSLATE_NOOP(
            "Welcome",
            "An export of the ISW/CTP map, DeepStateMap GeoJSON, your own KML, GeoPackage or Shapefile",  # noqa: E501
        ),
        online=False,
    ),
    WelcomeAction(
        "open_history",
        QT_TRANSLATE_NOOP("Welcome", "Open a history folder…"),
        QT_TRANSLATE_NOOP(
            "Welcome",
            "A folder of dated files (…_20241120.geojson)",
        ),
        online=False,
    ),
)


class WelcomePanel(QFrame):
    """Where to get control data, as four buttons; shown over the map while none is loaded."""

    def __init__(
        self,
        handlers: Mapping[str, Callable[[], object]],
        parent: QWidget | None = None,
        dark: bool = False,
    ) -> None:
        super().__init__(parent)
        self._dark = dark
        missing = {action.name for action in WELCOME_ACTIONS} - set(handlers)
        if missing:
            raise ValueError(f"no handler for welcome actions: {', '.join(sorted(missing))}")
        self.setObjectName("welcome-panel")
        self.setAccessibleName(_t(TITLE))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._style()
        self._covered: QWidget | None = None

        self.title = _label(_t(TITLE), "welcome-title")
        self.intro = _label(_t(INTRO), "welcome-intro")
        self.status = _label(_t(FETCHING), "welcome-status")
        self.status.hide()
        self.footnote = _label(_t(FOOTNOTE), "welcome-footnote")
        self.buttons: dict[str, QPushButton] = {}
        self.sources: dict[str, QLabel] = {}
        # The grid's content, in order: ("heading", label, note), ("action", button, source),
        # ("status", label, None), ("gap", None, None). It is laid out wide or narrow.
        self._rows: list[tuple[str, QWidget | None, QWidget | None]] = []
        for online, heading, note in ((True, ONLINE_HEADING, ONLINE_NOTE),
                                      (False, LOCAL_HEADING, "")):  # fmt: skip
            note_label = _label(_t(note), "welcome-note") if note else None
            self._rows.append(
                ("heading", _label(_t(heading).upper(), "welcome-heading"), note_label)
            )
            for action in (a for a in WELCOME_ACTIONS if a.online == online):
                button = QPushButton(_t(action.text))
                button.setObjectName(f"welcome-{action.name}")
                button.setAutoDefault(True)  # Enter, as well as Space, presses the focused button
                button.setAccessibleDescription(_t(action.source))
                button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda _checked=False, h=handlers[action.name]: h())
                source = _label(_t(action.source), "welcome-source")
                source.setBuddy(button)
                self.buttons[action.name] = button
                self.sources[action.name] = source
                self._rows.append(("action", button, source))
            if online:
                self._rows += [("status", self.status, None), ("gap", None, None)]
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(8)
        self._narrow: bool | None = None

        # The content scrolls when the map is too small to show it whole.
        self._content = QWidget()
        self._content.setObjectName("welcome-content")
        scroll = QScrollArea(self)
        scroll.setObjectName("welcome-scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)  # the frame keeps them inside its border
        outer.addWidget(scroll)
        column = QVBoxLayout(self._content)
        column.setContentsMargins(27, 23, 27, 19)
        column.setSpacing(0)
        column.addWidget(self.title)
        column.addSpacing(6)
        column.addWidget(self.intro)
        column.addSpacing(18)
        column.addLayout(self._grid)
        column.addSpacing(14)
        column.addWidget(self.footnote)
        self._arrange(narrow=False)
        # One width for all buttons, measured once the style sheet applies to them.
        self.ensurePolished()
        width = max(button.sizeHint().width() for button in self.buttons.values()) + 8
        for button in self.buttons.values():
            button.setFixedWidth(width)
        buttons = list(self.buttons.values())
        self.setFocusProxy(buttons[0])
        for before, after in pairwise(buttons):
            QWidget.setTabOrder(before, after)

    def set_fetching(self, fetching: bool) -> None:
        """While an online fetch runs, its buttons wait and a line points to the progress."""
        for action in WELCOME_ACTIONS:
            if action.online:
                self.buttons[action.name].setEnabled(not fetching)
        self.status.setVisible(fetching)
        self._place()

    def cover(self, widget: QWidget) -> None:
        """Float over ``widget`` (a sibling: the map), centred, and follow its size."""
        self._covered = widget
        widget.installEventFilter(self)
        self.raise_()
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._covered and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        self._place()
        super().showEvent(event)

    def _place(self) -> None:
        if self._covered is None:
            return
        area = self._covered.geometry()
        width = max(0, min(MAX_WIDTH_PX, area.width() - 2 * MARGIN_PX))
        self._arrange(narrow=width < NARROW_BELOW_PX)
        self._content.layout().activate()
        edge = 2 * self.frameWidth()
        height = self._content.layout().totalHeightForWidth(width - edge) + edge
        height = min(height, max(0, area.height() - 2 * MARGIN_PX))
        # A little above the middle: the eye starts there, and the south coast stays in view.
        top = area.top() + max(MARGIN_PX, (area.height() - height) * 2 // 5)
        self.setGeometry(area.left() + (area.width() - width) // 2, top, width, height)

    def _arrange(self, narrow: bool) -> None:
        """Wide: each source beside its button. Narrow: each source under its button."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        grid = self._grid
        for _kind, first, second in self._rows:
            for widget in (first, second):
                if widget is not None:
                    grid.removeWidget(widget)
        for row in range(grid.rowCount()):
            grid.setRowMinimumHeight(row, 0)
        grid.setColumnStretch(1, 0 if narrow else 1)
        row = 0
        for kind, first, second in self._rows:
            if kind == "gap":
                grid.setRowMinimumHeight(row, 10)  # between the online and the local group
            elif kind == "status":
                grid.addWidget(first, row, 0, 1, 2)
            elif narrow:
                grid.addWidget(first, row, 0, 1, 2)
                if second is not None:
                    row += 1
                    grid.addWidget(second, row, 0, 1, 2)
            else:
                grid.addWidget(first, row, 0, Qt.AlignmentFlag.AlignVCenter)
                if second is not None:
                    grid.addWidget(second, row, 1, Qt.AlignmentFlag.AlignVCenter)
            row += 1

    def _style(self) -> None:
        palette = screen_palette(self._dark)
        self.setStyleSheet(
            f"#welcome-panel {{ background: {palette.card_background}; "
            f"border: 1px solid {palette.card_edge}; border-radius: 6px; }}"
            "#welcome-scroll, #welcome-content { background: transparent; }"
            f"#welcome-title {{ color: {palette.text}; font-size: 18px; font-weight: 600; }}"
            f"#welcome-intro {{ color: {palette.subtitle_text}; font-size: 13px; }}"
            f"#welcome-heading {{ color: {palette.muted_text}; font-size: 11px; "
            "font-weight: 600; letter-spacing: 0.5px; }"
            f"#welcome-note {{ color: {palette.muted_text}; font-size: 12px; }}"
            f"#welcome-source {{ color: {palette.subtitle_text}; font-size: 13px; }}"
            f"#welcome-status {{ color: {palette.text}; font-size: 12px; font-style: italic; }}"
            f"#welcome-footnote {{ color: {palette.muted_text}; font-size: 12px; }}"
            "#welcome-panel QPushButton { font-size: 13px; padding: 5px 12px; }"
        )


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
