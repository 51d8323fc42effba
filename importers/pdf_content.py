"""What a PDF page holds for reading a report: its characters with their boxes, and its ruled lines.

Read with PDFium (``pypdfium2``, wheels for Windows, Linux and macOS): no
poppler, no external program.  Coordinates are points from the page's top
left corner, y growing downwards, as the eye reads.  Ruled lines are the
horizontal and vertical strokes of the page's paths (table borders: stroked
lines, or rectangles drawn thin and filled, as Word does); curves, paint that
does not show (white, transparent) and filled areas (shading, a white box WPS
lays under each line of text) are ignored.
"""
from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from models.ideographs import equivalent_ideographs

from .record import SourceError

MAX_PAGES = 300              # a year's report has a handful; a thousand-page file is not one
MAX_GLYPHS = 1_000_000
MAX_PATH_SEGMENTS = 200_000  # per page; a table page has a few hundred
MAX_FORM_DEPTH = 8
STRAIGHT = 1.0               # points a ruled line may lean over its length
THIN = 3.0                   # points: a filled shape no thicker than this is a line (Word draws borders so)
LOOSE_BOX_LIMIT = 4          # a loose character box this many times the page's usual one is not the character's
WHITE = 250                  # each of red, green and blue at least this: paint that does not show on paper


@dataclass(frozen=True)
class Glyph:
    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Rule:
    """A straight ruled line: horizontal (``at`` is y, ``start``–``end`` along x) or vertical (the reverse)."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Page:
    number: int          # from 1
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def read_pages(path: Path) -> list[Page]:
    """The pages of a PDF file; a file PDFium cannot open gives a ``SourceError`` in Chinese."""
    import pypdfium2 as pdfium
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise SourceError("PDF 文件受密码保护，无法读取。请取消密码后再导入") from None
        raise SourceError("PDF 文件已损坏，或不是有效的 PDF 文件，无法读取") from None
    try:
        if len(document) > MAX_PAGES:
            raise SourceError(f"PDF 有 {len(document)} 页，超过 {MAX_PAGES} 页，不像是一份年度报告，已拒绝读取")
        pages, glyphs = [], 0
        for index in range(len(document)):
            page = _read_page(document, index)
            glyphs += len(page.glyphs)
            if glyphs > MAX_GLYPHS:
                raise SourceError("PDF 中的文字异常之多，不像是一份年度报告，已拒绝读取")
            pages.append(page)
        return pages
    except pdfium.PdfiumError:
        raise SourceError("PDF 文件已损坏，其中的页面无法读取") from None
    finally:
        document.close()


def _read_page(document, index: int) -> Page:
    page = document[index]
    try:
        width, height = page.get_size()
        result = Page(index + 1, width, height)
        textpage = page.get_textpage()
        try:
            result.glyphs = _glyphs(textpage, height)
        finally:
            textpage.close()
        result.rules = _rules(page, height)
        return result
    finally:
        page.close()


def _glyphs(textpage, height: float) -> list[Glyph]:
    import pypdfium2.raw as pdfium_c

    # PDF writers that name a glyph by the lowest code point drawn with it (Qt, some others) call 止 ⽌ and 人 ⼈:
    # the Kangxi radical or stroke that looks the same stands for its unified ideograph
    unified = equivalent_ideographs()
    found: list[tuple[str, int, tuple[float, float, float, float]]] = []
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
            continue   # spaces and line ends PDFium makes up; gaps are measured instead
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        if code == 0 or code == 0xFFFE or code == 0xFFFF:
            continue
        text = chr(code) if code < 0x110000 else "\ufffd"
        text = unified.get(text, text)
        if text.isspace() or not text.isprintable():
            continue
        found.append((text, i, textpage.get_charbox(i, loose=True)))
    if not found:
        return []
    usual = statistics.median(top - bottom for _, _, (_, bottom, _, top) in found)
    glyphs = []
    for text, i, (left, bottom, right, top) in found:
        if max(right - left, top - bottom) > LOOSE_BOX_LIMIT * max(usual, 1.0):
            left, bottom, right, top = _ink_box(textpage, i)
        if right <= left or top <= bottom:
            continue
        glyphs.append(Glyph(text, left, right, height - top, height - bottom))
    return glyphs


def _ink_box(textpage, index: int) -> tuple[float, float, float, float]:
    """A square box round the character's ink, for a character whose loose box cannot be right.

    The loose box (the font's ascent to descent) puts the characters of a line
    on one baseline whatever their shapes; but for text set vertically (a tall
    merged label printed top to bottom, as WPS does) PDFium gives a loose box
    some twenty characters tall and wide, far from the character.
    """
    left, bottom, right, top = textpage.get_charbox(index)
    side = max(right - left, top - bottom, 1.0)
    x, y = (left + right) / 2, (bottom + top) / 2
    return x - side / 2, y - side / 2, x + side / 2, y + side / 2


# ---------------------------------------------------------------- ruled lines

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _rules(page, height: float) -> list[Rule]:
    import pypdfium2.raw as pdfium_c
    rules: list[Rule] = []
    budget = [MAX_PATH_SEGMENTS]

    def visit(obj, outer: Matrix, depth: int) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        matrix = pdfium_c.FS_MATRIX()
        own: Matrix = IDENTITY
        if pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        combined = _compose(own, outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            rules.extend(_path_rules(obj, combined, height, budget))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                visit(pdfium_c.FPDFFormObj_GetObject(obj, k), combined, depth + 1)

    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        visit(pdfium_c.FPDFPage_GetObject(page.raw, k), IDENTITY, 0)
    return rules


def _shows(obj, getter) -> bool:
    """Whether the stroke or fill colour of a page object leaves a mark on white paper."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return True   # no colour to be read: assume the default, black
    return a.value > 0 and min(r.value, g.value, b.value) < WHITE


def _path_rules(obj, matrix: Matrix, height: float, budget: list[int]) -> list[Rule]:
    """The ruled lines a path draws: its straight segments when it is stroked in a colour that shows, and each
    thin filled sub-path (a border drawn as a filled rectangle) as one line along its middle."""
    import pypdfium2.raw as pdfium_c
    count = pdfium_c.FPDFPath_CountSegments(obj)
    budget[0] -= max(count, 0)
    if count <= 0 or budget[0] < 0:
        return []
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroked)):
        fill_mode.value, stroked.value = pdfium_c.FPDF_FILLMODE_NONE, 1
    stroke = bool(stroked.value) and _shows(obj, pdfium_c.FPDFPageObj_GetStrokeColor)
    fill = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE and _shows(obj, pdfium_c.FPDFPageObj_GetFillColor)
    if not (stroke or fill):
        return []
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    rules: list[Rule] = []
    start = previous = None
    outline: list[tuple[float, float]] = []   # the points of the current sub-path
    for k in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (x.value * a + y.value * c + e, height - (x.value * b + y.value * d + f))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if fill and not stroke:
                _add_filled(rules, outline)
            start, outline = point, []
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None and stroke:
            _add_rule(rules, previous, point)
        outline.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None and stroke:
            _add_rule(rules, point, start)
        previous = point
    if fill and not stroke:
        _add_filled(rules, outline)
    return rules


def _add_filled(rules: list[Rule], points: list[tuple[float, float]]) -> None:
    """A filled sub-path: a line when it is thin and long (a border), nothing when it is an area."""
    if len(points) < 2:
        return
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width, tall = max(xs) - min(xs), max(ys) - min(ys)
    if tall <= THIN < width:
        rules.append(Rule(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
    elif width <= THIN < tall:
        rules.append(Rule(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))


def _add_rule(rules: list[Rule], p: tuple[float, float], q: tuple[float, float]) -> None:
    dx, dy = abs(p[0] - q[0]), abs(p[1] - q[1])
    if dy <= STRAIGHT < dx:
        rules.append(Rule(True, (p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))
    elif dx <= STRAIGHT < dy:
        rules.append(Rule(False, (p[0] + q[0]) / 2, min(p[1], q[1]), max(p[1], q[1])))
