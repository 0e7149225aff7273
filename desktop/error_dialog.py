"""The one place errors end up in the GUI: a dialog that names the file and the problem."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from geodata.errors import GeodataError

log = logging.getLogger(__name__)


def show_error(
    parent: QWidget | None, error: BaseException, action: str = "", log_file=None
) -> QMessageBox:
    """Tell the user what went wrong; the data shown before stays shown.

    Parameters
    ----------
    parent : QWidget
        The window the dialog belongs to.
    error : BaseException
        A :class:`~geodata.errors.GeodataError` (bad input, unknown value …) is
        shown as its message; anything else is an internal error, shown with its
        details for a bug report.
    action : str
        What the user was doing, e.g. "Opening a control file".
    log_file : Path, optional
        Where the details of an internal error were also written (said in the dialog).
    """
    box = QMessageBox(parent)
    box.setWindowTitle("Frontline Atlas")
    box.setTextFormat(_plain())
    if isinstance(error, GeodataError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            QCoreApplication.translate("Errors", "{action} failed.").format(action=action)
            if action
            else QCoreApplication.translate("Errors", "That did not work.")
        )
        # The error's own message (from geodata: the file and the problem) is shown as it is.
        box.setInformativeText(
            _capitalised(str(error))
            + "\n\n"
            + QCoreApplication.translate("Errors", "The data shown before is unchanged.")
        )
    else:
        log.error("internal error", exc_info=error)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(
            QCoreApplication.translate("Errors", "Something went wrong inside Frontline Atlas.")
            + (f" ({action})" if action else "")
        )
        where = (
            " "
            + QCoreApplication.translate("Errors", "They are also in {file}.").format(file=log_file)
            if log_file
            else ""
        )
        box.setInformativeText(
            f"{type(error).__name__}: {error}\n\n"
            + QCoreApplication.translate(
                "Errors",
                "The data shown before is unchanged. Please report this with the details below.",
            )
            + where
        )
        box.setDetailedText("".join(traceback.format_exception(error)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("error-dialog")
    box.open()
    return box


def _plain():
    from PySide6.QtCore import Qt

    # File names and messages are text: never let Qt read them as HTML.
    return Qt.TextFormat.PlainText


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
