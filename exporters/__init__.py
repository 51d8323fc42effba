"""Writing a report as DOCX, XLSX, PDF or a web page in the official layout: the one registry of export formats.

Each writer is a function ``(report, path)`` of its own module, imported only
when used; it reads the content from ``exporters.common.document_blocks``,
writes through ``exporters.common.write_atomically`` and raises
``ExportError`` (Chinese message) when the file cannot be written.  Adding a
format is one module and one entry in ``FORMATS``.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass

from .common import ExportError, ExportExists, ExportResult, creating_only


@dataclass(frozen=True)
class ExportFormat:
    id: str        # "docx": the command line's --docx, the suffix without its dot
    name: str      # Chinese name for menus and messages
    suffix: str    # ".docx"
    module: str    # the writer's module, imported when first used
    function: str  # the writer: function(report, path) -> ExportResult

    @property
    def file_filter(self) -> str:
        """For the file dialog: "Word 文档 (*.docx)"."""
        return f"{self.name} (*{self.suffix})"

    def write(self, report, path: str | os.PathLike):
        return getattr(importlib.import_module(self.module), self.function)(report, path)


FORMATS: dict[str, ExportFormat] = {f.id: f for f in (
    ExportFormat("docx", "Word 文档", ".docx", "exporters.docx", "write_docx"),
    ExportFormat("xlsx", "Excel 工作簿", ".xlsx", "exporters.xlsx", "write_xlsx"),
    ExportFormat("pdf", "PDF 文件", ".pdf", "exporters.pdf", "write_pdf"),
    ExportFormat("html", "网页", ".html", "exporters.html", "write_html"),
)}


def export(report, path: str | os.PathLike, fmt: str, *, replace: bool = True):
    """Write ``report`` to ``path`` in ``fmt`` ("docx", "xlsx", "pdf" or "html"); what the writer did.

    Every writer returns what it did with a Chinese ``summary()`` and a list of
    Chinese ``warnings`` (a number too long for its table, characters no font
    draws); the PDF's also names the faces it used and their substitutions.
    Without ``replace`` the file is created only where none exists
    (``ExportExists`` otherwise), so two exports at once cannot both win.
    """
    if replace:
        return FORMATS[fmt].write(report, path)
    with creating_only():
        return FORMATS[fmt].write(report, path)


__all__ = ["FORMATS", "ExportError", "ExportExists", "ExportFormat", "ExportResult", "export"]
