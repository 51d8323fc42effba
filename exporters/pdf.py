"""The report as a PDF, made by the application itself (Qt's PDF writer; no office suite).

``write_pdf(report, path)`` lays the report out with ``exporters.pdf_layout``
(the same drawing code as the print preview), writes it with QPdfWriter,
repairs the fonts' ToUnicode maps so that the text copies and searches as
written (``exporters.pdf_text``), and moves the file into place atomically.
The result says which face drew each part and which official faces were
missing on this machine.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QGuiApplication, QPainter, QPdfWriter, QRawFont

from .common import ExportError, write_atomically
from .pdf_fonts import ROLE_BY_KEY, FontSet, postscript_name
from .pdf_layout import ReportPages, page_layout
from .pdf_text import PdfStructureError, equivalent_ideographs, repair_to_unicode, unified_text

PDF_RESOLUTION = 1200  # dpi; QPdfWriter's default, stated so that the preview can use the same


@dataclass(frozen=True)
class PdfExport:
    """What ``write_pdf`` wrote: the file, its pages, and the faces it used."""

    path: Path
    pages: int
    fonts: dict[str, str]                 # role ("title", "body", …) → face used
    substitutions: list[str]              # Chinese notes: an official face missing, and what stands in
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Chinese lines for the command line and the window."""
        lines = [f"已导出 PDF：{self.path}（共 {self.pages} 页）"]
        lines += [f"  {ROLE_BY_KEY[role].label}：{face}" for role, face in self.fonts.items()]
        if self.substitutions:
            lines.append("  本机缺少公文字体，已用相近字体代替（打印、盖章前请核对版式）：")
            lines += [f"    {note}" for note in self.substitutions]
        lines += [f"  注意：{w}" for w in self.warnings]
        return "\n".join(lines)


def write_pdf(report, path: str | os.PathLike) -> PdfExport:
    """Write ``report`` to ``path`` as an A4 PDF in the official layout; raises ``ExportError``."""
    built = build_pdf(report)
    write_atomically(path, lambda tmp: tmp.write_bytes(built.data))
    return PdfExport(Path(path), built.pages.page_count, built.fonts.used, built.fonts.substitutions,
                     built.warnings)


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    pages: ReportPages        # the layout the file was drawn from
    fonts: FontSet
    warnings: list[str]


def build_pdf(report, fonts: FontSet | None = None) -> BuiltPdf:
    """The finished PDF in memory (ToUnicode maps repaired) with the layout it was drawn from."""
    ensure_gui_application()
    fonts = fonts or FontSet()
    data, pages = render_pdf(report, fonts)
    warnings = []
    try:
        data = repair_to_unicode(data, _Resolver(pages.characters, fonts)).data
    except PdfStructureError:
        # the pages are right; only copying text may give radicals (⼈ for 人)
        warnings.append("未能修正 PDF 中部分汉字的文字编码，复制或搜索个别汉字可能得到部首字符")
    return BuiltPdf(data, pages, fonts, warnings)


def render_pdf(report, fonts: FontSet | None = None) -> tuple[bytes, ReportPages]:
    """The PDF as Qt writes it (ToUnicode maps not yet repaired), and its layout."""
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle("".join(report.title_lines))
    writer.setCreator("政府信息公开工作年度报告")
    pages = ReportPages(report, writer, fonts)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("无法生成 PDF：Qt 的 PDF 输出未能启动")
    try:
        pages.paint_all(painter, writer)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data()), pages


_application = None


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; the command line has none, and may run with no display."""
    global _application
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise ExportError("无法生成 PDF：程序未以图形模式初始化")
        return
    args = [sys.argv[0] if sys.argv and sys.argv[0] else "gkbg"]
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and "QT_QPA_PLATFORM" not in os.environ:
        args += ["-platform", "offscreen"]
    _application = QGuiApplication(args)


class _Resolver:
    """Which text a glyph of an embedded font stands for, judged by the characters the report drew.

    Qt names a glyph by the lowest code point the font maps to it.  For a face
    of ours, every drawn character is looked up in that face: a name that is a
    different code point for the same glyph is replaced by the drawn character
    (人 for ⼈, 户 for ⼾, a space for a tab).  For a face Qt chose by itself,
    Unicode's equivalent-ideograph table is used, when the ideograph was drawn.
    """

    def __init__(self, characters: set[str], fonts: FontSet) -> None:
        self.characters = characters
        self.fonts = fonts
        self._faces: dict[str, QRawFont] | None = None
        self._maps: dict[str, dict[int, str]] = {}

    def __call__(self, font: str, text: str) -> str:
        key = _normalized(font)
        if self._faces is None:
            self._faces = {_normalized(postscript_name(raw)): raw for raw in self.fonts.raw_fonts()}
        raw = self._faces.get(key)
        if raw is None:
            fixed = unified_text(text)
            return fixed if all(ch in self.characters for ch in fixed) else text
        if key not in self._maps:
            self._maps[key] = self._glyph_map(raw)
        glyph_to_char = self._maps[key]
        if len(text) != 1:
            return text
        glyph = _glyph(raw, text)
        return glyph_to_char.get(glyph, text) if glyph else text

    def _glyph_map(self, raw: QRawFont) -> dict[int, str]:
        radicals = equivalent_ideographs()
        # a character that is not a radical wins a shared glyph; then the one typed more plainly
        ordered = sorted(self.characters, key=lambda ch: (ch in radicals, not ch.isprintable(), unicodedata.category(ch) != "Lo", ch),
                         reverse=True)
        result: dict[int, str] = {}
        for ch in ordered:  # later entries win
            glyph = _glyph(raw, ch)
            if glyph:
                result[glyph] = ch
        return result


def _glyph(raw: QRawFont, ch: str) -> int:
    glyphs = raw.glyphIndexesForString(ch)
    return glyphs[0] if glyphs else 0


def _normalized(name: str) -> str:
    return "".join(ch for ch in name.split("+", 1)[-1] if ch.isalnum()).casefold()
