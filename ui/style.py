"""Looks shared by the window's pages, set with fonts and palettes.

No style sheets: with one, Qt draws every widget through its style-sheet
style, which costs a noticeable share of each repaint.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from models.checks import Severity

HINT_COLOR = QColor("#555555")
OK_COLOR = QColor("#1b7f2a")
WARNING_COLOR = QColor("#8a5a00")
ERROR_COLOR = QColor("#b00020")


def severity_icons(widget: QWidget) -> dict[Severity, QIcon]:
    """The style's icon for each severity (错误, 警告, 提示), as the findings and the tab titles show them.

    Asked for when a finding is first shown: PySide6 builds the enums of ``QStyle`` (dozens) on its first
    use, a cost the window's first paint need not wait for.
    """
    from PySide6.QtWidgets import QStyle
    pixmaps = {Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
               Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
               Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation}
    return {severity: widget.style().standardIcon(pixmap) for severity, pixmap in pixmaps.items()}


def set_text_color(widget: QWidget, color: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    widget.setPalette(palette)


def title_label(text: str) -> QLabel:
    """The heading of a page: the section's title, a size larger than the page's text, zoomed with it.

    (Larger by ``<big>``, not by a font size of its own: a label with its own size would no longer
    follow the page's font when the clerk zooms.)
    """
    label = QLabel(f"<big>{escape(text)}</big>")
    label.setTextFormat(Qt.TextFormat.RichText)
    font = QFont()
    font.setBold(True)  # only the weight is the label's own: the size comes from the page
    label.setFont(font)
    label.setContentsMargins(0, 2, 0, 4)
    label.setAccessibleName(text)
    return label


def sub_title_label(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 6, 0, 0)
    return label


def hint_label(text: str = "", wrap: bool = True) -> QLabel:
    """A short, grey explanation of what belongs on the page."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    set_text_color(label, HINT_COLOR)
    return label
