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

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice
from PySide6.QtGui import QGuiApplication, QPainter, QPdfWriter, QRawFont

from .common import Marks, export_marks, signature_warnings
from .writing import ExportError, write_atomically
from .pdf_fonts import ROLE_BY_KEY, FontSet
from .pdf_layout import DrawnFace, ReportPages, page_layout
from models.ideographs import equivalent_ideographs, unified_text

from .pdf_text import PdfStructureError, repair_to_unicode, set_document_info, tag_subsets

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


def write_pdf(report, path: str | os.PathLike, *, mark: str | None = None) -> PdfExport:
    """Write ``report`` to ``path`` as an A4 PDF in the official layout; raises ``ExportError``.

    ``mark``: the clerk's 草稿 / 征求意见稿 (``exporters.common.DRAFT_MARKS``)."""
    built = build_pdf(report, mark=mark)
    def write(tmp: Path) -> None:
        tmp.write_bytes(built.data)

    write_atomically(path, write)
    return PdfExport(Path(path), built.pages.page_count, built.fonts.used, built.fonts.substitutions,
                     built.warnings)


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    pages: ReportPages        # the layout the file was drawn from
    fonts: FontSet
    warnings: list[str]


def build_pdf(report, fonts: FontSet | None = None, *, mark: str | None = None) -> BuiltPdf:
    """The finished PDF in memory (ToUnicode maps repaired) with the layout it was drawn from."""
    ensure_gui_application()
    fonts = fonts or FontSet()
    marks = export_marks(report, mark)
    data, pages = render_pdf(report, fonts, marks=marks)
    warnings = signature_warnings(report) + list(pages.warnings)
    faces = pages.drawn_glyphs()
    missing = set(pages.missing)
    for face in faces.values():
        missing.update(ch for text in face.characters.get(0, ()) for ch in text if not ch.isspace())
    if missing:
        warnings.append(missing_characters_warning(missing))
    try:
        data = repair_to_unicode(data, _Resolver(pages, faces)).data
    except PdfStructureError:
        # the pages are right; only copying text may give radicals (⼈ for 人)
        warnings.append("未能修正 PDF 中部分汉字的文字编码，复制或搜索个别汉字可能得到部首字符")
    try:
        data = tag_subsets(data)
    except PdfStructureError:
        pass  # the fonts keep their names without the subset tag; the pages are right
    if marks.lines:
        try:
            data = set_document_info(data, {"Subject": marks.text, "Keywords": marks.text})
        except PdfStructureError:
            warnings.append("未能在 PDF 的文档属性中写入“" + marks.text + "”（首页已标明）")
    return BuiltPdf(data, pages, fonts, warnings)


def missing_characters_warning(characters: set[str]) -> str:
    """Names the characters no face of this machine draws, each with its code point."""
    named = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in sorted(characters)[:20])
    more = f"等 {len(characters)} 个字符" if len(characters) > 20 else ""
    return (f"本机没有能显示 {named}{more}的字体，PDF 中这些字符显示为空框；请安装含这些字符的字体"
            f"（Windows 可安装“SimSun-ExtB”等生僻字字体）后重新导出，或核对原文用字")


def render_pdf(report, fonts: FontSet | None = None, *, marks: Marks | None = None) -> tuple[bytes, ReportPages]:
    """The PDF as Qt writes it (ToUnicode maps not yet repaired), and its layout."""
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle("".join(report.title_lines))
    writer.setCreator("政府信息公开工作年度报告")
    pages = ReportPages(report, writer, fonts, marks=marks)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("无法生成 PDF：Qt 的 PDF 输出未能启动")
    try:
        pages.paint_all(painter, writer)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data()), pages


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
    # a QApplication, not a bare QGuiApplication: there is one application object per process, and a
    # window (or the print preview) opened later in the same process needs the widgets kind
    from PySide6.QtWidgets import QApplication
    _application = QApplication(args)


class _Resolver:
    """The text each glyph of an embedded font stands for, from what the pages drew with it.

    Qt names a glyph in a ToUnicode map by the lowest code point that the
    font's cmap maps to it (⼈ U+2F08 for the glyph of 人, ⼾ for 户, U+2015 for
    the Chinese em dash that shaping put in place of "—") and leaves out a
    glyph no code point maps to (the joined em dashes of "——").  Qt numbers a
    font's glyphs in the order it first paints them, after the .notdef glyph;
    the pages know that order and the character behind each glyph, so each
    code gets the character actually drawn.  Should the numbering not match
    what Qt wrote, each name is looked up in the face's cmap instead; for a
    face the pages did not draw with, Unicode's equivalent-ideograph table
    is used, when the ideograph was drawn.
    """

    def __init__(self, pages: ReportPages, faces: dict[str, DrawnFace] | None = None) -> None:
        self.pages = pages
        self._faces = {_normalized(name): face for name, face in (faces or pages.drawn_glyphs()).items()}

    def __call__(self, font: str, entries: dict[int, str]) -> dict[int, str]:
        face = self._faces.get(_normalized(font))
        if face is None:
            return {code: self._unified(text) for code, text in entries.items()}
        glyph_of_code = self._numbering(face, entries)
        result = dict(entries)
        if glyph_of_code is not None:
            for code, glyph in glyph_of_code.items():
                if face.characters.get(glyph):
                    result[code] = _preferred(face.characters[glyph])
            return result
        for code, text in entries.items():
            glyph = _glyph(face.raw, text) if len(text) == 1 else 0
            if face.characters.get(glyph):
                result[code] = _preferred(face.characters[glyph])
        return result

    @staticmethod
    def _numbering(face: DrawnFace, entries: dict[int, str]) -> dict[int, int] | None:
        """Code → glyph if Qt numbered the glyphs in painting order after .notdef, as every named glyph confirms."""
        glyphs = [0] + [g for g in face.order if g != 0]
        if max(entries, default=0) >= len(glyphs):
            return None
        for code, text in entries.items():
            if code and len(text) == 1 and _glyph(face.raw, text) != glyphs[code]:
                return None
        return dict(enumerate(glyphs))

    def _unified(self, text: str) -> str:
        fixed = unified_text(text)
        return fixed if all(ch in self.pages.characters for ch in fixed) else text


def _preferred(texts: set[str]) -> str:
    """Of the texts drawn with one glyph: not a radical, printable, a letter, the lowest code point."""
    radicals = equivalent_ideographs()
    return min(texts, key=lambda t: (t in radicals, not t.isprintable(), unicodedata.category(t[0]) != "Lo", t))


def _glyph(raw: QRawFont, ch: str) -> int:
    glyphs = raw.glyphIndexesForString(ch)
    return glyphs[0] if glyphs else 0


def _normalized(name: str) -> str:
    return "".join(ch for ch in name.split("+", 1)[-1] if ch.isalnum()).casefold()
