"""Writing a report as DOCX, XLSX or PDF in the official layout.

Each writer is a function ``write_<format>(report, path)`` of its own module
(``exporters.docx``, ``exporters.xlsx``, ``exporters.pdf``), imported only
when used; they read the content from ``exporters.common.document_blocks`` and
write through ``exporters.common.write_atomically``, raising ``ExportError``
(Chinese message) when the file cannot be written.
"""
from __future__ import annotations

import importlib
import os

from .common import ExportError, ExportResult

# format → (module, function, Chinese name for messages)
FORMATS = {
    "docx": ("exporters.docx", "write_docx", "Word"),
    "xlsx": ("exporters.xlsx", "write_xlsx", "Excel"),
    "pdf": ("exporters.pdf", "write_pdf", "PDF"),
}


def export(report, path: str | os.PathLike, fmt: str):
    """Write ``report`` to ``path`` in ``fmt`` ("docx", "xlsx" or "pdf"); what the writer did.

    Every writer returns what it did with a Chinese ``summary()`` and a list of
    Chinese ``warnings`` (a number too long for its table, characters no font
    draws); the PDF's also names the faces it used and their substitutions.
    """
    module, function, _ = FORMATS[fmt]
    return getattr(importlib.import_module(module), function)(report, path)


__all__ = ["ExportError", "ExportResult", "FORMATS", "export"]
