"""The 审查清单: a PDF a supervisor hands on, the reports with errors first, each with its findings.

Laid out as rich text (QTextDocument) and printed with QPdfWriter, in the
faces the report PDF uses (``exporters.pdf_fonts``); the fonts' ToUnicode
maps are repaired so that the text copies and searches as written.
"""
from __future__ import annotations

import datetime
import os
import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from models.checks.presentation import HEADINGS, shown
from models.report import CHINESE_NUMERALS
from models.review import KEY_FIGURES, ReviewEntry, ReviewResult
from models.review.figures import format_figure

from .writing import ExportError, write_atomically
from .pdf import ensure_gui_application
from .pdf_fonts import FontSet
from .pdf_text import PdfStructureError, repair_to_unicode, unify_entries

TITLE = "政府信息公开工作年度报告 审查清单"
RESOLUTION = 300
STYLE = """
h1 { font-size: 16pt; text-align: center; margin-bottom: 4pt; }
h2 { font-size: 13pt; margin-top: 14pt; margin-bottom: 4pt; }
h3 { font-size: 11pt; margin-top: 10pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 2pt; }
td, th { padding: 2pt 4pt; vertical-align: top; }
th { background-color: #dde7f3; font-weight: bold; }
.meta { color: #444444; }
.error { color: #b3261e; font-weight: bold; }
.warning { color: #8a5a00; font-weight: bold; }
.flag { color: #6b3fa0; }
"""


def write_review_pdf(result: ReviewResult, path: str | os.PathLike) -> int:
    """Write the 审查清单 to ``path``; the number of pages.  Raises ``ExportError``."""
    data, pages = build_review_pdf(result)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(path, write)
    return pages


def build_review_pdf(result: ReviewResult) -> tuple[bytes, int]:
    ensure_gui_application()
    document = QTextDocument()
    document.setDefaultFont(_font())
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(review_html(result))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(TITLE)
    writer.setCreator("政府信息公开工作年度报告")
    # an unpaginated document: print_ lays a copy out on the writer's pages, scaled, with page numbers
    document.print_(writer)
    del writer
    buffer.close()
    data = bytes(buffer.data().data())
    if not data.startswith(b"%PDF"):
        raise ExportError("无法生成 PDF：Qt 的 PDF 输出未能写出内容")
    try:
        data = repair_to_unicode(data, unify_entries).data
    except PdfStructureError:
        pass  # the pages are right; only copying some characters may give radicals
    return data, len(re.findall(rb"/Type\s*/Page\b", data))


def _font() -> QFont:
    """The table face, without the OpenType substitutions whose glyphs Qt leaves out of the PDF's ToUnicode maps
    (with them, "gov-2023.txt" copies as "gov-" and "file" as "ﬁle"); the SC family's own glyphs stay as they are."""
    font = FontSet().font("table", 10.5)
    if hasattr(font, "setFeature"):  # Qt 6.7 and later
        for tag in ("locl", "liga", "clig", "dlig", "calt"):
            font.setFeature(QFont.Tag(tag), 0)
    return font


def _counts(entry: ReviewEntry) -> str:
    parts = [f"{entry.errors} 个错误" if entry.errors else "", f"{entry.warnings} 个警告" if entry.warnings else "",
             f"{len(entry.flags)} 处异常" if entry.flags else ""]
    return "，".join(p for p in parts if p) or "全部通过"


def _figures(entry: ReviewEntry) -> str:
    return "；".join(f"{f.name} {format_figure(f, entry.figures.get(f.key))}" for f in KEY_FIGURES)


def _entry_html(n: int, entry: ReviewEntry) -> str:
    head = f"{n}. {escape(entry.title)}（{escape(entry.level or '级别未识别')}）：{_counts(entry)}"
    meta = f"文件：{escape(Path(entry.file).name)}"
    if entry.pairing:
        meta += f"；{escape(entry.pairing)}"
    html = [f"<h3>{head}</h3>", f"<p class='meta'>{meta}</p>", f"<p class='meta'>{escape(_figures(entry))}</p>"]
    listed = sorted((f for f in entry.findings if f.severity != "info"), key=lambda f: f.rank)
    if listed:
        rows = "".join(
            f"<tr><td class='{f.severity}'>{escape(words.severity)}</td><td>{escape(words.rule)}</td>"
            f"<td>{escape(words.place or '—')}</td><td>{escape(words.message)}</td></tr>"
            for f, words in ((f, shown(f)) for f in listed))
        widths = ("8%", "14%", "24%", "")
        head = "".join(f"<th width='{w}'>{h}</th>" if w else f"<th>{h}</th>" for w, h in zip(widths, HEADINGS))
        html.append(f"<table border='1' cellspacing='0' width='100%'><tr>{head}</tr>" + rows + "</table>")
    for flag in entry.flags:
        html.append(f"<p class='flag'>异常：{escape(flag.message)}</p>")
    return "".join(html)


def review_html(result: ReviewResult, today: datetime.date | None = None) -> str:
    """The 审查清单 as rich text: errors first, then unreadable files, warnings and flags, and what passed."""
    entries = result.entries
    readable = result.readable
    with_errors = sorted((e for e in readable if e.errors), key=lambda e: (-e.errors, e.index))
    unreadable = [e for e in entries if not e.readable]
    to_look_at = [e for e in readable if not e.errors and (e.warnings or e.flags)]
    passed = [e for e in readable if not (e.errors or e.warnings or e.flags)]
    today = today or datetime.date.today()
    html = [f"<h1>{TITLE}</h1>",
            f"<p class='meta' align='center'>{today:%Y年%m月%d日}　共 {len(entries)} 个文件：读取 {len(readable)} 份，"
            f"有错误 {len(with_errors)} 份，需留意 {len(to_look_at)} 份，全部通过 {len(passed)} 份，"
            f"无法读取 {len(unreadable)} 个</p>"]
    parts = iter(CHINESE_NUMERALS)  # the parts present are numbered in turn: 一, 二, 三 … with none missing
    if with_errors:
        html.append(f"<h2>{next(parts)}、有错误的报告（{len(with_errors)} 份，按错误数排列）</h2>")
        html += [_entry_html(n, e) for n, e in enumerate(with_errors, 1)]
    if unreadable:
        html.append(f"<h2>{next(parts)}、无法读取的文件（{len(unreadable)} 个）</h2>")
        rows = "".join(f"<tr><td>{escape(Path(e.file).name)}</td><td>{escape(e.error or '')}</td></tr>"
                       for e in unreadable)
        html.append("<table border='1' cellspacing='0' width='100%'><tr><th width='35%'>文件</th><th>原因</th></tr>"
                    + rows + "</table>")
    if to_look_at:
        html.append(f"<h2>{next(parts)}、有警告或异常的报告（{len(to_look_at)} 份）</h2>")
        html += [_entry_html(n, e) for n, e in enumerate(to_look_at, 1)]
    if passed:
        html.append(f"<h2>{next(parts)}、全部通过的报告（{len(passed)} 份）</h2>")
        rows = "".join(f"<tr><td>{escape(e.title)}</td><td>{escape(e.level or '—')}</td>"
                       f"<td>{escape(Path(e.file).name)}</td></tr>" for e in passed)
        html.append("<table border='1' cellspacing='0' width='100%'><tr><th>报告</th><th width='14%'>级别</th>"
                    "<th width='35%'>文件</th></tr>" + rows + "</table>")
    return "".join(html)
