"""编辑 → 复制为网页内容: the report put on the clipboard as the markup a government site's content editor takes.

A browser-based editor (TRS WCM, 大汉 and the like) pastes ``text/html`` with
its tables, merges and headers kept; an editor or a program that takes only
text gets the plain-text alternative.  The markup is the web page's own
(``exporters.html``), body only, its little style inlined.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from exporters.html import fragment_html, plain_text
from models.report import Report

COPIED_MESSAGE = "已复制为网页内容（正文与三张统计表），可在网站内容编辑器中粘贴"


def copy_as_web_content(report: Report, clipboard: QClipboard | None = None, *, mark: str | None = None) -> str:
    """Put ``report`` on the clipboard as ``text/html`` with a ``text/plain`` alternative; the message to show.

    ``mark``: the clerk's 草稿 / 征求意见稿, shown in the copy's notice as on an exported page."""
    mime = QMimeData()
    mime.setHtml(fragment_html(report, mark))
    mime.setText(plain_text(report, mark))
    (clipboard or QGuiApplication.clipboard()).setMimeData(mime)
    return COPIED_MESSAGE
