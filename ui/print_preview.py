"""文件 → 打印预览: the report as it will print, drawn by the PDF's own layout code.

The dialog is Qt's print preview (its toolbar in Chinese once the application
has loaded Qt's zh_CN translation, see ``ui.app.configure``).  Its pages come
from ``exporters.pdf_layout.ReportPages`` on a printer set up like the PDF
writer (A4, no device margins, the same resolution), so the preview, the
printout and the exported PDF break pages alike.  A line under the pages says
which faces stand in for missing official fonts.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrinter
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from exporters.pdf import PDF_RESOLUTION
from exporters.pdf_fonts import FontSet
from exporters.pdf_layout import ReportPages, page_layout

from .screen_fit import RemembersSize


def report_printer(report) -> QPrinter:
    """A printer set up as the PDF writer: A4, the layout's own margins, the PDF's resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PDF_RESOLUTION)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout())
    printer.setDocName("".join(report.title_lines) or "政府信息公开工作年度报告")
    printer.setCreator("政府信息公开工作年度报告")
    return printer


class ReportPrintPreview(RemembersSize, QPrintPreviewDialog):
    """Qt's print preview of ``report``; printing from it prints these very pages."""

    size_key = "printPreview"

    def __init__(self, report, parent: QWidget | None = None) -> None:
        self.report = report
        self.report_printer = report_printer(report)
        super().__init__(self.report_printer, parent)
        self.fonts = FontSet()
        self.pages: ReportPages | None = None
        agency, year_title = report.title_lines
        self.setWindowTitle(f"打印预览 — {agency}{year_title}" if agency else f"打印预览 — {year_title}")
        self.paintRequested.connect(self.paint_pages)
        self._hide_orientation_actions()
        self.font_note = QLabel(self._font_note(), self)
        self.font_note.setObjectName("hint")
        self.font_note.setWordWrap(True)
        self.font_note.setContentsMargins(8, 4, 8, 4)
        self.layout().addWidget(self.font_note)
        self.restore_size(900, 1000)  # as tall as the screen allows (a 768-pixel one included), never taller

    def _hide_orientation_actions(self) -> None:
        """The report is always A4 portrait (GB/T 9704); a landscape button would only mislead."""
        names = {QCoreApplication.translate("QPrintPreviewDialog", text) for text in ("Portrait", "Landscape")}
        toolbar = self.findChild(QToolBar)
        for action in toolbar.actions() if toolbar else ():
            if action.text() in names:
                action.setVisible(False)

    def _font_note(self) -> str:
        faces: dict[str, str] = {}
        for choice in self.fonts.choices.values():
            if not choice.official:
                faces.setdefault(choice.role.official, choice.description)
        if not faces:
            return "字体：本机有全部公文字体。"
        return ("本机缺少公文字体，预览、打印和导出的 PDF 用相近字体代替："
                + "；".join(f"{official} → {used}" for official, used in faces.items()) + "。")

    def paint_pages(self, printer: QPrinter) -> None:
        # the page set-up dialog may have changed paper or orientation: the report is A4 portrait
        if not printer.pageLayout().isEquivalentTo(page_layout()):
            printer.setPageLayout(page_layout())
        printer.setFullPage(True)
        pages = ReportPages(self.report, printer, self.fonts)
        painter = QPainter()
        if not painter.begin(printer):
            return  # the printer refused (e.g. cancelled); Qt reports it to the user
        try:
            pages.paint_all(painter, printer)
        finally:
            painter.end()
        self.pages = pages


def show_print_preview(report, parent: QWidget | None = None) -> int:
    """Show the print preview of ``report`` (modal); returns the dialog's result."""
    dialog = ReportPrintPreview(report, parent)
    return dialog.exec()
