"""Reading reports from files: our drafts and exports, and published reports in the forms they come in.

``read_report`` recognises the file by its content (not only its name) and
returns the report with an import record: findings (rule ``IMPORT``) for what
was tolerated, mapped or could not be read.  Stated totals of a published
report go to ``report.stated``, where the checks T3-ROW, T3-SUM and T4-TOT
compare them.  Every file is untrusted: see ``importers.safety``.
"""
from __future__ import annotations

from pathlib import Path

from models import draft

from . import safety
from .record import ImportResult, Record, SourceError

__all__ = ["ImportResult", "SourceError", "read_report", "FORMAT_NAMES"]

FORMAT_NAMES = {
    "draft": "草稿",
    "text": "纯文本",
    "html": "网页",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "pdf": "PDF",
}


def read_report(path: str | Path) -> ImportResult:
    """The report in the file at ``path``; ``SourceError`` (Chinese) for whatever keeps it from being read.

    The libraries that read Word, Excel and PDF files fail on damaged files in
    ways of their own (an ``AttributeError`` in python-docx for a damaged
    ``[Content_Types].xml``, a ``KeyError``, a ``MemoryError``): every such
    failure is turned into the Chinese message here, with the original kept as
    ``__cause__`` for the developer.
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"找不到文件 {path}" if not path.exists() else f"{path} 不是文件")
    kind = "文件"
    try:
        if path.suffix.lower() == ".json":
            kind = FORMAT_NAMES["draft"]
            return _draft(path)
        data = safety.read_source(path)
        kind = _kind(data)
        return _read(path, data)
    except SourceError:
        raise
    except MemoryError:
        raise SourceError(f"{kind}过于庞大或复杂，读取时内存不足，已停止读取") from None
    except RecursionError:
        raise SourceError(f"{kind}的结构嵌套过深，不像是一份年度报告，已拒绝读取") from None
    except Exception as e:   # a library's own failure on a damaged file
        raise SourceError(f"{kind}已损坏或格式异常，无法读取。请在原来的程序（Word、WPS、Excel、PDF 阅读器）中"
                          "打开并另存一份后再导入") from e


def _kind(data: bytes) -> str:
    head = data[:8]
    if head.startswith(safety.ZIP_SIGNATURE):
        return "Word/Excel 文件"
    if head.startswith(b"%PDF"):
        return "PDF 文件"
    return "文件"


def _read(path: Path, data: bytes) -> ImportResult:
    head = data[:8]
    if head.startswith(safety.OLE_SIGNATURE):
        safety.refuse_ole(data)
    if head.startswith(safety.ZIP_SIGNATURE):
        from . import office
        try:
            return office.read(data)
        except safety.CORRUPT_ARCHIVE:
            # a damaged member met outside the checked reading of a part (a library reading the package)
            raise SourceError("文件已损坏，Word/Excel 文件中有部件无法解压或读取。"
                              "请在 Word/WPS/Excel 中打开并另存一份后再导入") from None
    if head.startswith(b"%PDF"):
        from . import pdf
        return pdf.read(path)
    from .text import decode
    text = decode(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return _draft(path)
    if _looks_like_html(stripped):
        from . import html
        return html.read(data)
    return read_plain_text(text)


def read_plain_text(text: str, source_format: str = "text") -> ImportResult:
    from . import text as plain
    from .outline import finish
    record = Record()
    outline, layout = plain.read(text)
    record.info("按排版文本读取（按空格对齐的表格、跨行的标签）" if layout == "layout"
                else "按复制的文本读取（制表符分隔的表格）")
    return finish(outline, record, source_format)


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return head.startswith("<") and any(tag in head for tag in ("<html", "<!doctype html", "<body", "<table",
                                                                "<p", "<div", "<meta"))


def _draft(path: Path) -> ImportResult:
    try:
        return ImportResult(draft.load(path))
    except draft.DraftError as e:
        raise SourceError(str(e)) from e
