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
MAX_PATH_SEGMENTS = 100_000  # every page together; a table page has a few hundred (beyond: further paths ignored)
MAX_FORM_DEPTH = 8
STRAIGHT = 1.0               # points a ruled line may lean over its length
THIN = 3.0                   # points: a filled shape no thicker than this is a line (Word draws borders so)
LOOSE_BOX_LIMIT = 4          # a loose character box this many times the page's usual one is not the character's
WHITE = 250                  # each of red, green and blue at least this: paint that does not show on paper

# Bounds checked before anything is built from a page: what a crafted file can demand of memory and time is
# known before the reading starts (text at x = 4e9 pt once made the layout reader pad a line with 5 GB of
# spaces).  A report's page is A4 or A3, its type 5–22 pt; the bounds are far beyond that.
MAX_PAGE_POINTS = 14_400     # the largest page the PDF format allows (200 inches)
OFF_PAGE_POINTS = 36         # a character further outside the page than this is not printed
MIN_GLYPH_POINTS = 0.5       # type smaller than this is not printed to be read
MAX_PAGE_GLYPHS = 30_000     # an A4 page set solid in 5-pt type holds some 20,000
MAX_GLYPHS = 100_000         # characters of every page together; a year's report has a few thousand
MAX_PAGE_RULES = 6_000       # ruled lines of one page; a page of table 三 drawn cell by cell has about 1,000
MAX_INFLATED_BYTES = 64 * 1024 * 1024   # every compressed stream of the file, inflated, embedded fonts included


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
    unprinted: int = 0   # characters left out: outside the page, or too small to be read


def refuse(what: str) -> SourceError:
    return SourceError(f"{what}，不像是一份年度报告，已拒绝读取")


def read_pages(path: Path) -> list[Page]:
    """The pages of a PDF file; a file PDFium cannot open, or one beyond the bounds, gives a ``SourceError``."""
    import pypdfium2 as pdfium

    from .safety import read_source
    data = read_source(path)
    check_streams(data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise SourceError("PDF 文件受密码保护，无法读取。请取消密码后再导入") from None
        raise SourceError("PDF 文件已损坏，或不是有效的 PDF 文件，无法读取") from None
    try:
        if len(document) > MAX_PAGES:
            raise SourceError(f"PDF 有 {len(document)} 页，超过 {MAX_PAGES} 页，不像是一份年度报告，已拒绝读取")
        pages: list[Page] = []
        budget = [MAX_GLYPHS]   # characters looked at, on every page together (each costs time to read)
        segments = [MAX_PATH_SEGMENTS]
        for index in range(len(document)):
            pages.append(_read_page(document, index, budget, segments))
        return pages
    except pdfium.PdfiumError:
        raise SourceError("PDF 文件已损坏，其中的页面无法读取") from None
    finally:
        document.close()


def _read_page(document, index: int, budget: list[int], segments: list[int]) -> Page:
    page = document[index]
    try:
        width, height = page.get_size()
        if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
            raise refuse(f"PDF 第 {index + 1} 页的尺寸异常（宽 {width:,.0f} 磅、高 {height:,.0f} 磅，"
                         f"PDF 格式允许的最大页面为 {MAX_PAGE_POINTS:,} 磅）")
        result = Page(index + 1, width, height)
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count > MAX_PAGE_GLYPHS:
                raise refuse(f"PDF 第 {index + 1} 页的文字异常之多（{count:,} 个，上限 {MAX_PAGE_GLYPHS:,}）")
            budget[0] -= count
            if budget[0] < 0:
                raise refuse(f"PDF 中的文字异常之多（到第 {index + 1} 页已超过 {MAX_GLYPHS:,} 个）")
            result.glyphs, result.unprinted = printed(_glyphs(textpage, height), width, height)
        finally:
            textpage.close()
        result.rules = _rules(page, height, segments)
        if len(result.rules) > MAX_PAGE_RULES:
            raise refuse(f"PDF 第 {index + 1} 页的线条异常之多（{len(result.rules):,} 条）")
        return result
    finally:
        page.close()


def printed(glyphs: list[Glyph], width: float, height: float) -> tuple[list[Glyph], int]:
    """The characters a reader of the printed page sees, and how many others there are: a character outside
    the page (a crafted file may place one at x = 4e9 pt) or too small to read is not part of the report."""
    kept = [g for g in glyphs
            if -OFF_PAGE_POINTS <= g.left and g.right <= width + OFF_PAGE_POINTS
            and -OFF_PAGE_POINTS <= g.top and g.bottom <= height + OFF_PAGE_POINTS
            and MIN_GLYPH_POINTS <= g.size and MIN_GLYPH_POINTS / 4 <= g.right - g.left]
    return kept, len(glyphs) - len(kept)


def check_streams(data: bytes) -> None:
    """Refuse a file whose compressed streams inflate beyond ``MAX_INFLATED_BYTES`` — before PDFium inflates
    them into memory (a 200 KB file can hold a content stream of gigabytes).  Each stream is inflated in
    pieces and thrown away, so this costs time, not memory; a stream compressed twice is counted inflated twice."""
    import re
    import zlib
    budget = MAX_INFLATED_BYTES
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        chunk = data[match.end(): end if end >= 0 else len(data)]
        if not chunk.startswith((b"\x78", b"\x08", b"\x18", b"\x28", b"\x38", b"\x48", b"\x58", b"\x68")):
            continue   # not a zlib stream: images in JPEG, uncompressed text (its size is the file's)
        budget = _inflate(chunk, budget, zlib)
        if budget < 0:
            raise refuse(f"PDF 中的压缩内容解压后超过 {MAX_INFLATED_BYTES // 1024 // 1024} MB（可能是“压缩炸弹”）")


def _inflate(chunk: bytes, budget: int, zlib) -> int:
    """``budget`` less what ``chunk`` inflates to — and, when that is zlib data again (a stream compressed
    twice), less what that inflates to."""
    outer, inner = zlib.decompressobj(), None
    pending = chunk
    try:
        while pending and budget >= 0:
            piece = outer.decompress(pending, 1 << 20)
            pending = outer.unconsumed_tail
            budget -= len(piece)
            if inner is None and piece[:1] == b"\x78":
                inner = zlib.decompressobj()
            if inner is not None and not inner.eof:
                budget = _drain(inner, piece, budget, zlib)
            if outer.eof or not piece:
                break
    except zlib.error:
        pass   # not zlib after all, or damaged: PDFium decides
    return budget


def _drain(inflater, data: bytes, budget: int, zlib) -> int:
    try:
        while data and budget >= 0 and not inflater.eof:
            piece = inflater.decompress(data, 1 << 20)
            data = inflater.unconsumed_tail
            budget -= len(piece)
            if not piece:
                break
    except zlib.error:
        pass
    return budget


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


def _rules(page, height: float, budget: list[int]) -> list[Rule]:
    import pypdfium2.raw as pdfium_c
    rules: list[Rule] = []

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
