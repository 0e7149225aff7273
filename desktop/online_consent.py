"""Asking once before the app fetches control data online, and remembering the answer.

Every online action for control data (the latest map, the whole history, the
GitHub mirror) goes through :meth:`OnlineConsent.ask` before its first request.
The first time it says exactly which hosts will be contacted and asks; a "yes"
is kept in the settings (``online/consented``) and Preferences can withdraw it,
after which the next online action asks again. The online basemap tiles have
their own switch in Preferences and do not pass through here.
"""

from __future__ import annotations

import os
import urllib.parse

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.settings import ONLINE_CONSENTED, Settings
from geodata.errors import SettingError
from geodata.history.deepstate_online import BASE_URL_VARIABLE, Client
from geodata.history.mirror import SETTINGS as MIRROR_SETTINGS
from geodata.history.mirror import Mirror

TITLE = QT_TRANSLATE_NOOP("Online", "Fetch control data online?")


class OnlineConsent:
    """The user's permission to fetch control data online: asked once, kept in ``settings``.

    Without ``settings`` (a controller used on its own) nothing is remembered
    and every online action asks.
    """

    def __init__(self, settings: Settings | None, parent: QWidget | None = None) -> None:
        self._settings = settings
        self._parent = parent

    @property
    def granted(self) -> bool:
        """True once the user allowed it (and has not withdrawn it in Preferences)."""
        return self._settings is not None and self._settings.get(ONLINE_CONSENTED)

    def ask(self) -> bool:
        """True when online fetching is allowed, asking first if it never was.

        A refusal is not remembered: the next online action asks again.
        """
        if self.granted:
            return True
        box = QMessageBox(self._parent)
        box.setObjectName("online-consent")
        box.setWindowTitle(QCoreApplication.translate("Online", TITLE))
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)  # an overridden address is shown as written
        box.setText(consent_question())
        box.setInformativeText(consent_details())
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(
            QCoreApplication.translate("Online", "Allow")
        )
        box.button(QMessageBox.StandardButton.No).setText(
            QCoreApplication.translate("Online", "Not Now")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        if self._settings is not None:
            self._settings.set(ONLINE_CONSENTED, True)
        return True


def contacted_hosts() -> list[tuple[tuple[str, ...], str]]:
    """The hosts online fetching may contact, grouped by what they serve (for the question).

    They are read from the addresses the fetch will use, so one set in the
    environment (``FRONTLINE_ATLAS_DEEPSTATE_URL``, the mirror's variables) is
    the one named.
    """
    deepstate = (Client().url(""), BASE_URL_VARIABLE)
    try:
        mirror = Mirror()
        mirrored = [(mirror.api_url, MIRROR_SETTINGS["api_url"][0]),
                    (mirror.raw_url, MIRROR_SETTINGS["raw_url"][0])]  # fmt: skip
        repository = mirror.repository
    except SettingError:  # a mistyped variable: the fetch will say so; name the defaults here
        mirrored = [(default, "") for _variable, default in
                    (MIRROR_SETTINGS["api_url"], MIRROR_SETTINGS["raw_url"])]  # fmt: skip
        repository = MIRROR_SETTINGS["repository"][1]
    return [
        _hosts(
            [deepstate],
            QCoreApplication.translate("Online", "DeepStateMap's maps and its list of map updates"),
        ),
        _hosts(
            mirrored,
            QCoreApplication.translate(
                "Online",
                "the public mirror of DeepStateMap's daily maps ({repository}), "
                "if DeepStateMap refuses the list",
            ).format(repository=repository),
        ),
    ]


def host_list() -> str:
    """The hosts as one phrase: ``deepstatemap.live, api.github.com and raw.githubusercontent.com``.

    (By default; an address set in the environment is named instead.)
    """
    return _and_list([host for hosts, _what in contacted_hosts() for host in hosts])


def consent_question() -> str:
    """The question's first line."""
    return QCoreApplication.translate(
        "Online", "Frontline Atlas works offline. To fetch control-area data it connects to:"
    )


def consent_details() -> str:
    """What will be contacted, what they see, and how to withdraw the permission."""
    hosts = "\n".join(f"•  {_and_list(hosts)}: {what}" for hosts, what in contacted_hosts())
    return f"{hosts}\n\n" + QCoreApplication.translate(
        "Online",
        "It connects only when you ask for data. These servers see your IP address, as with "
        "any web request; Frontline Atlas sends them nothing else.\n\n"
        'You will not be asked again. Preferences ▸ "Allow fetching control data online" '
        "withdraws this.",
    )


def _hosts(addresses: list[tuple[str, str]], what: str) -> tuple[tuple[str, ...], str]:
    hosts = tuple(dict.fromkeys(urllib.parse.urlsplit(url).hostname or url for url, _ in addresses))
    overridden = [variable for url, variable in addresses if variable and os.environ.get(variable)]
    if overridden:
        what += " " + QCoreApplication.translate(
            "Online", "(the address set in {variables})"
        ).format(variables=_and_list(overridden))
    return hosts, what


def _and_list(names) -> str:
    names = list(names)
    if len(names) == 1:
        return names[0]
    return QCoreApplication.translate("Online", "{names} and {last}").format(
        names=", ".join(names[:-1]), last=names[-1]
    )
