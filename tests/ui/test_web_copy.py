"""复制为网页内容: the clipboard holds the report as text/html with its tables, and a plain-text alternative."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from exporters.html import fragment_html, plain_text
from importers import read_report
from models import draft
from tests.conftest import EXAMPLES
from ui.web_copy import COPIED_MESSAGE, copy_as_web_content


@pytest.fixture
def clipboard(qapp):
    """The application's clipboard, emptied afterwards: mime data still held when the offscreen platform shuts
    down at the interpreter's exit crashes it (a segmentation fault after the last test)."""
    board = QGuiApplication.clipboard()
    yield board
    board.clear()


def test_the_clipboard_holds_the_tables_as_html_and_the_text_as_plain(clipboard, tmp_path):
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.prior = None
    clipboard.setText("以前复制的内容")
    assert copy_as_web_content(report) == COPIED_MESSAGE

    mime = clipboard.mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert {"text/html", "text/plain"} <= set(mime.formats())
    markup = mime.html()
    assert markup == fragment_html(report)
    assert markup.count("<table") == 3 and "rowspan=" in markup and markup.count("<caption") == 3
    assert mime.text() == plain_text(report)
    assert "一、本年新收政府信息公开申请数量\t\t\t46\t9\t1\t0\t3\t1\t60" not in mime.text()  # a row starts at its label
    assert "一、本年新收政府信息公开申请数量\t46\t9\t1\t0\t3\t1\t60" in mime.text()

    # what a site's editor would publish from it reads back as the same draft
    page = tmp_path / "粘贴.html"
    page.write_text(f"<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8><title>年报</title></head>"
                    f"<body><div class=editor>{markup}</div></body></html>", encoding="utf-8")
    assert read_report(page).report == report
