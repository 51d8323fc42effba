"""Writing a report as DOCX, XLSX, PDF or a web page in the official layout: the one registry of export formats.

Each writer is a function ``(report, path, *, mark=None)`` of its own module,
imported only when used (``mark``: the clerk's 草稿 / 征求意见稿, one of
``DRAFT_MARKS``; a writer marks a report the checks find errors in by
itself); it reads the content from ``exporters.common.document_blocks``,
writes through ``exporters.writing.write_atomically`` and raises
``ExportError`` (Chinese message) when the file cannot be written.  Adding a
format is one module and one entry in ``FORMATS``.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass

from .writing import DRAFT_MARKS, ExportError, ExportExists, ExportResult, creating_only


@dataclass(frozen=True)
class ExportFormat:
    id: str        # "docx": the command line's --docx, the suffix without its dot
    name: str      # Chinese name for menus and messages
    suffix: str    # ".docx"
    module: str    # the writer's module, imported when first used
    function: str  # the writer: function(report, path, *, mark=None) -> ExportResult

    @property
    def file_filter(self) -> str:
        """For the file dialog: "Word 文档 (*.docx)"."""
        return f"{self.name} (*{self.suffix})"

    def write(self, report, path: str | os.PathLike, *, mark: str | None = None):
        writer = getattr(importlib.import_module(self.module), self.function)
        return writer(report, path, mark=mark)


FORMATS: dict[str, ExportFormat] = {f.id: f for f in (
    ExportFormat("docx", "Word 文档", ".docx", "exporters.docx", "write_docx"),
    ExportFormat("xlsx", "Excel 工作簿", ".xlsx", "exporters.xlsx", "write_xlsx"),
    ExportFormat("pdf", "PDF 文件", ".pdf", "exporters.pdf", "write_pdf"),
    ExportFormat("html", "网页", ".html", "exporters.html", "write_html"),
)}


def export(report, path: str | os.PathLike, fmt: str, *, replace: bool = True, mark: str | None = None):
    """Write ``report`` to ``path`` in ``fmt`` ("docx", "xlsx", "pdf" or "html"); what the writer did.

    ``mark``: "草稿" or "征求意见稿" printed on the first page and written in the
    file's properties; a report with errors (an export forced past the checks)
    is marked "未通过检查：N 处错误" whatever is chosen.

    Every writer returns what it did with a Chinese ``summary()`` and a list of
    Chinese ``warnings`` (a number too long for its table, characters no font
    draws); the PDF's also names the faces it used and their substitutions.
    Without ``replace`` the file is created only where none exists
    (``ExportExists`` otherwise), so two exports at once cannot both win.
    """
    if replace:
        return FORMATS[fmt].write(report, path, mark=mark)
    with creating_only():
        return FORMATS[fmt].write(report, path, mark=mark)


__all__ = ["DRAFT_MARKS", "FORMATS", "ExportError", "ExportExists", "ExportFormat", "ExportResult", "export"]
