"""The report laid out on A4 pages and painted with a QPainter.

One drawing code behind the PDF (``exporters.pdf``) and the print preview
(``ui.print_preview``): ``ReportPages(report, device)`` breaks the content of
``exporters.common.document_blocks`` into pages for that paint device, and
``paint(painter, index)`` draws one page.  The layout follows the spec's
"Layout of the exported document" (GB/T 9704): margins, fixed 28.95 pt lines,
two-character indents, the tables drawn from their ``TableDef`` grid cells with
every merge and border, table 三's header rows repeated on each page and no
row split across pages, "— N —" page numbers right on odd pages and left on
even ones.

Everything is measured in the device's own units (``dpi / 72`` per point), so
the layout is the same on a 1200 dpi PDF writer and on a printer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter,
                           QPagedPaintDevice, QPaintDevice, QPen, QRawFont, QTextCharFormat, QTextLayout,
                           QTextOption)

from models.line_breaking import room_to_keep

from . import common, geometry
from .common import Heading, Marks, Paragraph, Signature, Table, Title, document_blocks
from .pdf_fonts import FontSet, postscript_name

# The measures below are those of the DOCX writer (exporters/docx.py), so that the PDF and the
# Word file of one report look alike.
PT_PER_MM = 72 / 25.4
TITLE_LINE_PT = common.TITLE_PT * common.TITLE_LINE_FACTOR
BORDER_PT = 0.5                         # Word's single ½ pt border

_LATIN_RUN = re.compile(r"[\x20-\x7e]*[0-9A-Za-z][\x20-\x7e]*")


def page_layout() -> QPageLayout:
    """A4 portrait with no device margins: the layout places everything itself."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


# ---------------------------------------------------------------- page geometry


class Geometry:
    """Page, margins and text area in device units."""

    def __init__(self, dpi: float) -> None:
        self.unit = dpi / 72.0  # device units per point
        self.page_width = self.mm(common.PAGE_WIDTH_MM)
        self.page_height = self.mm(common.PAGE_HEIGHT_MM)
        self.left = self.mm(common.MARGIN_LEFT_MM)
        self.right = self.page_width - self.mm(common.MARGIN_RIGHT_MM)
        self.top = self.mm(common.MARGIN_TOP_MM)
        self.bottom = self.page_height - self.mm(common.MARGIN_BOTTOM_MM)
        self.text_width = self.right - self.left

    def pt(self, points: float) -> float:
        return points * self.unit

    def mm(self, millimetres: float) -> float:
        return millimetres * PT_PER_MM * self.unit


# ---------------------------------------------------------------- what a page holds


@dataclass
class PlacedLine:
    layout: QTextLayout
    index: int
    x: float          # left of the layout's box
    baseline: float


@dataclass
class Page:
    lines: list[PlacedLine] = field(default_factory=list)
    boxes: list[QRectF] = field(default_factory=list)   # table cell borders
    fills: list[QRectF] = field(default_factory=list)   # shaded cells (表二's group rows)


@dataclass
class _Unit:
    """A slice of the flow that is never split: a line of text, or a whole table (which splits itself)."""

    height: float
    lines: list[tuple[QTextLayout, int, float, float]] = field(default_factory=list)  # layout, index, x, baseline
    keep_with_next: bool = False
    table: _TableLayout | None = None

    @property
    def lead(self) -> float:
        """The height that must fit for the unit to start on a page."""
        return self.table.lead if self.table else self.height


# ---------------------------------------------------------------- the document


class ReportPages:
    """The report broken into pages for ``device``; ``paint(painter, i)`` draws page ``i``."""

    def __init__(self, report, device: QPaintDevice, fonts: FontSet | None = None, *,
                 mark: str | None = None, marks: Marks | None = None) -> None:
        self.device = device
        self.geometry = Geometry(device.logicalDpiY())
        self.fonts = fonts or FontSet()
        self.characters: set[str] = set()   # every character drawn, for the PDF's ToUnicode repair
        self.pages: list[Page] = [Page()]
        self.tables: list[_TableLayout] = []
        self._spacings: dict[tuple[str, float], float] = {}
        self._y = self.geometry.top
        self.warnings: list[str] = []
        blocks = list(document_blocks(report, mark, marks=marks))
        self.marks = next((b for b in blocks if isinstance(b, Marks)), None)
        self.missing = self.fonts.cover(_characters(blocks))   # no face of this machine has them
        self._place(self._units(blocks))
        for number, page in enumerate(self.pages, start=1):
            page.lines.append(self._page_number(number))
        if self.marks is not None:
            self.pages[0].lines += self._mark_lines(self.marks)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    # ------------------------------------------------------------ text

    def _text_layout(self, text: str, font: QFont, width: float, alignment: Qt.AlignmentFlag, *,
                     first_indent: float = 0.0, latin: QFont | None = None,
                     colour: QColor | None = None) -> QTextLayout:
        self.characters.update(text)
        layout = QTextLayout(text, font, self.device)
        option = QTextOption(alignment)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if latin is not None:
            ranges = []
            for run in _LATIN_RUN.finditer(text):
                fmt = QTextLayout.FormatRange()
                start, end = _utf16_index(text, run.start()), _utf16_index(text, run.end())
                fmt.start, fmt.length = start, end - start
                char_format = QTextCharFormat()
                char_format.setFont(latin)
                fmt.format = char_format
                ranges.append(fmt)
            layout.setFormats(ranges)
        if colour is not None:
            whole = QTextLayout.FormatRange()
            char_format = QTextCharFormat()
            char_format.setForeground(colour)
            whole.start, whole.length, whole.format = 0, _utf16_index(text, len(text)), char_format
            layout.setFormats([whole])
        layout.setCacheEnabled(True)
        layout.beginLayout()
        first = True
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            indent = first_indent if first else 0.0
            line.setLineWidth(max(width - indent, 1.0))
            line.setPosition(QPointF(indent, 0))
            first = False
        layout.endLayout()
        return layout

    def _text_units(self, text: str, role: str, line_pt: float, alignment: Qt.AlignmentFlag, *,
                    indent: bool, keep: bool, latin: bool = False, point_size: float | None = None,
                    left_pt: float = 0.0, right_pt: float = 0.0) -> list[_Unit]:
        g = self.geometry
        font = self.fonts.font(role, point_size)
        spaced = role != "title"   # body and headings: 28 characters a line
        if spaced:
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, self._spacing(font))
        latin_font = None
        if latin and self.fonts.has_latin():
            latin_font = self.fonts.font("latin", font.pointSizeF())
            if spaced:
                latin_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, self._spacing(font))
        width = g.text_width - g.pt(left_pt + right_pt)
        layout = self._text_layout(text, font, width, alignment,
                                   first_indent=g.pt(common.INDENT_CHARS * common.CHAR_PITCH_PT) if indent else 0.0,
                                   latin=latin_font)
        line_height = g.pt(line_pt)
        baseline = _baseline_in(line_height, QFontMetricsF(font, self.device))
        x = g.left + g.pt(left_pt)
        units = []
        for i in range(layout.lineCount()):
            placed: tuple[QTextLayout, int] = (layout, i)
            if alignment == Qt.AlignmentFlag.AlignJustify and i < layout.lineCount() - 1:
                placed = self._unstretched(layout, i, text, font, latin_font, g.pt(common.CHAR_PITCH_PT))
            units.append(_Unit(line_height, [(placed[0], placed[1], x, baseline)], keep_with_next=keep))
        return units

    def _unstretched(self, layout: QTextLayout, index: int, text: str, font: QFont, latin: QFont | None,
                     em: float) -> tuple[QTextLayout, int]:
        """A justified line that ends more than two characters short (the next word, a phone number or an
        address, cannot move up) is set flush left instead of stretched glyph by glyph."""
        line = layout.lineAt(index)
        if line.naturalTextWidth() >= line.width() - 2 * em:
            return layout, index
        start = _python_index(text, line.textStart())
        end = _python_index(text, line.textStart() + line.textLength())
        piece = text[start:end].rstrip()
        single = self._text_layout(piece, font, line.width(), Qt.AlignmentFlag.AlignLeft, latin=latin)
        if single.lineCount() != 1:
            return layout, index
        # keep the first line's indent: the single line is placed at the same x as the layout's line
        single.lineAt(0).setPosition(line.position())
        return single, 0

    def _spacing(self, font: QFont) -> float:
        """The letter spacing, in Qt's units for this device, that makes a Chinese character advance
        ``CHAR_PITCH_PT`` (Qt does not count absolute spacing in device pixels on every device: measured)."""
        key = (font.family(), font.pointSizeF())
        if key not in self._spacings:
            def advance(spacing: float) -> float:
                probe = QFont(font)
                probe.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
                layout = QTextLayout("国" * 10, probe, self.device)
                layout.beginLayout()
                line = layout.createLine()
                line.setLineWidth(1e9)
                layout.endLayout()
                return line.naturalTextWidth() / 10
            natural, per_unit = advance(0.0), advance(1.0) - advance(0.0)
            wanted = self.geometry.pt(common.CHAR_PITCH_PT) - 0.001 * self.geometry.unit
            self._spacings[key] = (wanted - natural) / per_unit if per_unit else 0.0
        return self._spacings[key]

    # ------------------------------------------------------------ blocks to units

    def _units(self, blocks: Iterable) -> Iterator[_Unit]:
        justify = Qt.AlignmentFlag.AlignJustify
        last_text: list[_Unit] = []   # the lines of the paragraph just laid out
        for block in blocks:
            if isinstance(block, Title):
                for line in block.lines:
                    if line:
                        yield from self._text_units(line, "title", TITLE_LINE_PT, Qt.AlignmentFlag.AlignHCenter,
                                                    indent=False, keep=True)
                yield _Unit(self.geometry.pt(TITLE_LINE_PT))  # GB/T 9704: one blank line below the title
            elif isinstance(block, Heading):
                role = "heading1" if block.level == 1 else "heading2"
                yield from self._text_units(block.text, role, common.BODY_LINE_PT, justify, indent=True, keep=True)
            elif isinstance(block, Paragraph):
                last_text = self._text_units(block.text, "body", common.BODY_LINE_PT, justify,
                                             indent=True, keep=False, latin=True)
                yield from last_text
                continue
            elif isinstance(block, Table):
                table = _TableLayout(self, block)
                self.tables.append(table)
                yield _Unit(table.height, table=table)
                yield self._blank_line()  # as in the DOCX, where Word needs a paragraph after a table
            elif isinstance(block, Signature):
                # the 落款 goes with the end of the text: at least its last two lines (all of a shorter paragraph)
                for unit in last_text[-2:]:
                    unit.keep_with_next = True
                yield from self._signature_units(block)
            elif isinstance(block, Marks):
                continue   # drawn in the first page's top margin
            last_text = []

    def _signature_units(self, block: Signature) -> Iterator[_Unit]:
        """GB/T 9704 §7.3.5.1: the date 右空四字, the agency centred over it in the lines the content model
        broke it into (an empty name keeps its line free for the seal)."""
        box = common.signature_box(block.date)
        yield self._blank_line(keep=True)
        yield self._blank_line(keep=True)
        if not block.agency:
            yield self._blank_line(keep=True)
        for line in block.agency:
            yield from self._text_units(line, "body", common.BODY_LINE_PT, Qt.AlignmentFlag.AlignHCenter,
                                        indent=False, keep=True, latin=True, left_pt=box.agency_left)
        yield from self._text_units(block.date, "body", common.BODY_LINE_PT, Qt.AlignmentFlag.AlignRight,
                                    indent=False, keep=False, latin=True, right_pt=box.date_right)

    def _mark_lines(self, marks: Marks) -> list[PlacedLine]:
        """The marks of a forced or draft export in the top margin of the first page, 黑体 三号, as the
        DOCX's first-page header; the body's pages stay as a clean export's."""
        g = self.geometry
        font = self.fonts.font("heading1", common.MARK_PT)
        metrics = QFontMetricsF(font, self.device)
        placed = []
        y = g.mm(common.MARK_TOP_MM)
        for line in marks.lines:
            colour = QColor("#" + common.MARK_COLOUR) if line.startswith("未通过") else None
            layout = self._text_layout(line, font, g.text_width, Qt.AlignmentFlag.AlignLeft, colour=colour)
            placed.append(PlacedLine(layout, 0, g.left, y + metrics.ascent()))
            y += metrics.lineSpacing()
        return placed

    def _blank_line(self, keep: bool = False) -> _Unit:
        return _Unit(self.geometry.pt(common.BODY_LINE_PT), keep_with_next=keep)

    # ------------------------------------------------------------ pagination

    def _room(self) -> float:
        return self.geometry.bottom - self._y

    def _new_page(self) -> None:
        self.pages.append(Page())
        self._y = self.geometry.top

    def _at_page_top(self) -> bool:
        return self._y <= self.geometry.top + 0.01

    def _place(self, units: Iterable[_Unit]) -> None:
        units = list(units)
        page_body = self.geometry.bottom - self.geometry.top
        for i, unit in enumerate(units):
            # a heading (or title) goes with what follows it: its own lines and the next one's start
            needed = room_to_keep(units, i, keeps=lambda u: u.keep_with_next, height=lambda u: u.height,
                                  start=lambda u: u.lead, page=page_body)
            if needed > self._room() + 0.01 and not self._at_page_top():
                self._new_page()
            if not unit.lines and unit.table is None and self._at_page_top():
                continue  # a blank line is not carried to the top of a page
            if unit.table is not None:
                unit.table.place()
                continue
            page = self.pages[-1]
            for layout, index, x, baseline in unit.lines:
                page.lines.append(PlacedLine(layout, index, x, self._y + baseline))
            self._y += unit.height

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, index: int) -> None:
        page = self.pages[index]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(0, 0, 0), self.geometry.pt(BORDER_PT)))
        fill = QColor("#" + geometry.GROUP_ROW_FILL)
        for box in page.fills:
            painter.fillRect(box, fill)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box in page.boxes:
            painter.drawRect(box)
        painter.setPen(QColor(0, 0, 0))
        for placed in page.lines:
            line = placed.layout.lineAt(placed.index)
            line.draw(painter, QPointF(placed.x, placed.baseline - line.y() - line.ascent()))
        painter.restore()

    def _page_number(self, number: int) -> PlacedLine:
        """"— N —" in 宋体 四号: odd pages right and even pages left, one character in from the text area's
        edge, the top of its line 7 mm under the text area (GB/T 9704)."""
        g = self.geometry
        font = self.fonts.font("page_number")
        em = g.pt(font.pointSizeF())
        alignment = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
        layout = self._text_layout(common.page_number_text(number), font, g.text_width - 2 * em, alignment)
        metrics = QFontMetricsF(font, self.device)
        return PlacedLine(layout, 0, g.left + em, g.bottom + g.mm(common.PAGE_NUMBER_GAP_MM) + metrics.ascent())

    def paint_all(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        for index in range(self.page_count):
            if index:
                device.newPage()
            self.paint(painter, index)

    # ------------------------------------------------------------ what was drawn

    def drawn_glyphs(self) -> dict[str, DrawnFace]:
        """Each face the pages draw with, by PostScript name, with the glyphs drawn in it.

        Taken from the shaped lines themselves, in painting order, so a glyph
        that shaping chose (Noto's Chinese em dash) maps to the character the
        clerk typed, as does a glyph a font shares between 人 and the radical ⼈.
        """
        faces: dict[str, DrawnFace] = {}
        names: dict[tuple, str] = {}
        flags = (QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
                 | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes)
        for page in self.pages:
            for placed in page.lines:
                line = placed.layout.lineAt(placed.index)
                runs = []
                for run in line.glyphRuns(-1, -1, flags):
                    raw = run.rawFont()
                    key = (raw.familyName(), raw.styleName(), raw.weight(), raw.style())
                    if key not in names:
                        names[key] = postscript_name(raw)
                    runs.append((names[key], raw, list(run.glyphIndexes()), list(run.stringIndexes())))
                clusters = _clusters(placed.layout.text(), line.textStart() + line.textLength(),
                                     [i for *_, indexes in runs for i in indexes])
                for name, raw, glyphs, indexes in runs:
                    face = faces.get(name)
                    if face is None:
                        face = faces[name] = DrawnFace(raw)
                    for glyph, index in zip(glyphs, indexes):
                        face.add(glyph, clusters.pop(index, ""))  # a cluster's text goes with its first glyph
        return faces


@dataclass
class DrawnFace:
    """A face as the pages used it: its glyphs in the order first drawn, and the text each drew."""

    raw: QRawFont
    order: list[int] = field(default_factory=list)
    characters: dict[int, set[str]] = field(default_factory=dict)

    def add(self, glyph: int, character: str) -> None:
        if glyph not in self.characters:
            self.characters[glyph] = set()
            self.order.append(glyph)
        if character:
            self.characters[glyph].add(character)


def _characters(blocks: list) -> set[str]:
    characters: set[str] = set()
    for block in blocks:
        if isinstance(block, (Title, Signature, Marks)):
            for line in block.lines:
                characters.update(line)
        elif isinstance(block, (Heading, Paragraph)):
            characters.update(block.text)
        elif isinstance(block, Table):
            for text in block.texts.values():
                characters.update(text)
    return characters


def _clusters(text: str, end: int, indexes: list[int]) -> dict[int, str]:
    """UTF-16 index of each cluster's first character → the cluster's text ("——" when shaping joined two dashes)."""
    utf16 = text.encode("utf-16-le")
    starts = sorted(set(indexes))
    clusters = {}
    for start, stop in zip(starts, starts[1:] + [end]):
        piece = utf16[2 * start:2 * stop].decode("utf-16-le", errors="ignore")
        clusters[start] = piece.rstrip() or piece  # trailing spaces at a line's end draw nothing
    return clusters


def _python_index(text: str, utf16: int) -> int:
    """The index in ``text`` of Qt's UTF-16 index ``utf16``."""
    count = 0
    for i, ch in enumerate(text):
        if count >= utf16:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _utf16_index(text: str, index: int) -> int:
    """Qt counts UTF-16 code units: a character beyond U+FFFF (𠀀, 👍) takes two."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def _baseline_in(line_height: float, metrics: QFontMetricsF) -> float:
    """Baseline offset from the top of a fixed-height line: the face's ascent+descent box centred."""
    return (line_height - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()


# ---------------------------------------------------------------- tables


@dataclass
class _CellText:
    layout: QTextLayout
    height: float
    top: bool = False    # set at the top of its cell (a tall merged label), else centred


class _TableLayout:
    """One table: column widths from its TableDef, row heights from its text, rows placed page by page."""

    def __init__(self, pages: ReportPages, block: Table) -> None:
        self.pages = pages
        self.block = block
        definition = block.table
        g = pages.geometry

        # one size for the whole table, number columns as wide as their widest number, the labels broken
        # into lines: all as the DOCX and the XLSX (exporters.geometry), so the files paginate alike
        self.fit = geometry.fit_table(block, g.text_width / g.unit)
        warning = geometry.overflow_warning(block, self.fit)
        if warning:
            pages.warnings.append(warning)
        self.x = [g.left]
        for width in self.fit.widths:
            self.x.append(self.x[-1] + g.pt(width))
        self.font = pages.fonts.font("table", self.fit.font_pt)
        self.metrics = QFontMetricsF(self.font, pages.device)
        self.line_height = g.pt(geometry.table_line_pt(self.fit))
        self.pad_x = g.mm(common.CELL_PAD_X_MM)
        self.lines = geometry.label_lines(block, self.fit)
        self.texts = {(c.row, c.col): self._lay_cell(c) for c in definition.cells}
        self.row_heights = [g.pt(h) for h in geometry.row_heights_pt(block, self.fit, self.lines)]
        self.header = list(range(definition.header_rows))
        self.row_top: dict[int, list[tuple[int, float]]] = {}   # row → [(page, top)]; header rows may repeat
        self.cell_boxes: dict[tuple[int, int], list[tuple[int, QRectF]]] = {}  # (row, col) → [(page, box)]

    @property
    def height(self) -> float:
        return sum(self.row_heights)

    @property
    def lead(self) -> float:
        """What must fit for the table to start on a page: all of a short table, else the header and a row."""
        if len(self.row_heights) <= common.KEEP_TOGETHER_ROWS:
            return self.height
        rows = self.header + [len(self.header)] if len(self.header) < len(self.row_heights) else self.header
        return sum(self.row_heights[r] for r in rows)

    def _lay_cell(self, cell) -> _CellText | None:
        text = self.block.text_of(cell)
        if not text:
            return None
        lines = self.lines.get((cell.row, cell.col), (text,))
        width = self.x[cell.col + cell.colspan] - self.x[cell.col] - 2 * self.pad_x
        alignment = self.block.table.alignment(cell)   # the form's, as the screen shows it
        flag = Qt.AlignmentFlag.AlignLeft if alignment == "left" else Qt.AlignmentFlag.AlignHCenter
        layout = self.pages._text_layout("\u2028".join(lines), self.font, width, flag)
        return _CellText(layout, layout.lineCount() * self.line_height, alignment == "top")

    # ------------------------------------------------------------ placing

    def place(self) -> None:
        """Rows onto pages: a row never splits; on a new page the header rows come first again."""
        pages = self.pages
        definition = self.block.table
        row_top = self.row_top
        for row in range(definition.n_rows):
            height = self.row_heights[row]
            if row >= len(self.header) and height > pages._room() + 0.01 and not pages._at_page_top():
                pages._new_page()
                for h in self.header:
                    row_top.setdefault(h, []).append((len(pages.pages) - 1, pages._y))
                    pages._y += self.row_heights[h]
            row_top.setdefault(row, []).append((len(pages.pages) - 1, pages._y))
            pages._y += height
        for cell in definition.cells:
            self._place_cell(cell, row_top)

    def _place_cell(self, cell, row_top: dict[int, list[tuple[int, float]]]) -> None:
        """Borders of the cell on each page it reaches, and its text in one of those parts."""
        segments: dict[int, list[float]] = {}  # page → [top, bottom]
        for row in range(cell.row, cell.row + cell.rowspan):
            for page, top in row_top[row]:
                bottom = top + self.row_heights[row]
                span = segments.setdefault(page, [top, bottom])
                span[0], span[1] = min(span[0], top), max(span[1], bottom)
        left, right = self.x[cell.col], self.x[cell.col + cell.colspan]
        text = self.texts[(cell.row, cell.col)]
        repeated = cell.row < len(self.header)
        parts = sorted(segments.items())
        # a merged cell cut by a page break shows its text once, as Word does: in its first part,
        # unless that part is too short for it
        holder = None
        if text is not None and parts:
            holder = next((page for page, (top, bottom) in parts if bottom - top >= text.height - 0.01),
                          max(parts, key=lambda item: item[1][1] - item[1][0])[0])
        for page, (top, bottom) in parts:
            box = QRectF(left, top, right - left, bottom - top)
            self.pages.pages[page].boxes.append(box)
            if geometry.is_group_row(self.block.table, cell):
                self.pages.pages[page].fills.append(box)
            self.cell_boxes.setdefault((cell.row, cell.col), []).append((page, box))
            if text is not None and (repeated or page == holder):
                self._place_text(page, text, left, top, bottom)

    def _place_text(self, page: int, text: _CellText, left: float, top: float, bottom: float) -> None:
        baseline = _baseline_in(self.line_height, self.metrics)
        y = top if text.top else top + max((bottom - top - text.height) / 2, 0)
        target = self.pages.pages[page].lines
        for i in range(text.layout.lineCount()):
            target.append(PlacedLine(text.layout, i, left + self.pad_x, y + i * self.line_height + baseline))
