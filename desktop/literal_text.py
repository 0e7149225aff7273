"""Text from data shown as written, wherever Qt would read it as HTML."""

from __future__ import annotations

from PySide6 import QtGui


def literal_text(text: str) -> str:
    """Text from data for a place where Qt guesses whether text is HTML, shown as written.

    Tooltips (``setToolTip``, a model's ``ToolTipRole``) and the static
    ``QMessageBox`` helpers read text that looks like HTML as HTML: a file named
    ``<b>x</b>`` would show in bold. Such text is given as HTML that shows it
    literally (and wraps, as a long description should); any other text is
    returned unchanged.
    """
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return QtGui.Qt.convertFromPlainText(text, QtGui.Qt.WhiteSpaceMode.WhiteSpaceNormal)
