"""文件 → 打印预览: Qt's preview dialog drawing the PDF's own pages, in Chinese."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QToolBar

from exporters.pdf import build_pdf
from models.draft import load
from tests.conftest import EXAMPLES
from tests.export_support import balanced_report
from ui.app import configure
from ui.print_preview import ReportPrintPreview, show_print_preview


def preview_widget(dialog) -> QPrintPreviewWidget:
    return dialog.findChild(QPrintPreviewWidget)


@pytest.fixture
def preview(qtbot, qapp):
    configure(qapp)  # the application's own set-up: Qt's zh_CN translation among it

    def make(report):
        dialog = ReportPrintPreview(report)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.pages is not None and preview_widget(dialog).pageCount() > 0)
        return dialog

    return make


def test_preview_shows_the_pages_of_the_pdf(preview, tmp_path):
    report = load(EXAMPLES / "qinghe-scjg-2024.json")
    dialog = preview(report)
    built = build_pdf(report)
    assert preview_widget(dialog).pageCount() == built.pages.page_count
    # the same layout: every page holds the same lines of text and the same table cells
    for mine, theirs in zip(dialog.pages.pages, built.pages.pages):
        assert [p.layout.text() for p in mine.lines] == [p.layout.text() for p in theirs.lines]
        assert len(mine.boxes) == len(theirs.boxes)
    assert "打印预览" in dialog.windowTitle() and report.agency in dialog.windowTitle()


def test_preview_pages_are_drawn(preview, tmp_path):
    dialog = preview(balanced_report())
    dialog.resize(900, 1000)
    shot = dialog.grab()
    path = tmp_path / "preview.png"
    assert shot.save(str(path))
    image = shot.toImage()
    widget = preview_widget(dialog)
    centre = widget.mapTo(dialog, widget.rect().center())
    # the page is white paper with black text somewhere near the middle of the view
    dark = sum(1 for x in range(centre.x() - 150, centre.x() + 150, 3)
               for y in range(centre.y() - 300, centre.y() + 300, 3)
               if QColor(image.pixel(x, y)).lightness() < 100)
    assert dark > 50


def test_toolbar_in_chinese_without_orientation_buttons(preview):
    dialog = preview(balanced_report())
    toolbar = dialog.findChild(QToolBar)
    visible = [a.text() for a in toolbar.actions() if a.isVisible() and a.text()]
    assert "打印" in visible and "下一页" in visible
    assert not {"纵向", "横向", "Portrait", "Landscape"} & set(visible)


def test_font_note_names_the_stand_in_faces(preview):
    dialog = preview(balanced_report())
    note = dialog.font_note.text()
    missing = {c.role.official: c.description for c in dialog.fonts.choices.values() if not c.official}
    if missing:
        for official, used in missing.items():
            assert f"{official} → {used}" in note
    else:
        assert "本机有全部公文字体" in note


def test_a_changed_page_setup_is_put_back_to_a4_portrait(preview):
    dialog = preview(balanced_report())
    printer = dialog.report_printer
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Landscape,
                                      printer.pageLayout().margins()))
    dialog.pages = None
    preview_widget(dialog).updatePreview()
    assert dialog.pages is not None
    layout = printer.pageLayout()
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    assert layout.orientation() == QPageLayout.Orientation.Portrait


def test_show_print_preview_is_modal_and_returns(qtbot, qapp):
    configure(qapp)
    seen = []

    def close_it():
        dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, ReportPrintPreview) and w.isVisible()]
        try:
            seen.extend(d.findChild(QPrintPreviewWidget).pageCount() for d in dialogs)
        finally:
            for dialog in dialogs:
                dialog.reject()

    QTimer.singleShot(500, close_it)
    assert show_print_preview(balanced_report()) == 0
    assert len(seen) == 1 and seen[0] > 0
