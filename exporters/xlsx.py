"""The report as an Excel workbook: one sheet per table in the official layout, and one with the text.

Written with XlsxWriter, which stores each total's computed value next to its
formula, so a viewer that does not recalculate (phone and OA previews,
openpyxl or pandas reading the values) shows the totals; openpyxl stays the
reader (importers, tests).

Layout of a table sheet (an importer reads it by position): row 1 holds the
section title, the form's grid starts at row ``GRID_FIRST_ROW`` column A, one
spreadsheet cell per grid position, merges exactly as the form declares.
Inputs are numbers; totals are formulas built from the form's ComputedDef
terms.  A blank input stays blank and a total of nothing but blanks shows
blank, as in the application.  Number columns are as wide as their widest
number, so none shows as "###".

The text is printed as a report: one row per printed line of 28 characters
(broken by ``models.line_breaking``, so no line starts with "，" or "）"), 22
lines a page with page breaks the export sets itself (a heading stays with
its text, the 落款 with the last lines of the text, pages full).  The sheets
follow the official order: "正文" (title, preamble, 一), 表二, 表三, 表四, then
"正文（续）" (五, 六 and the 落款), so printing the workbook prints the report;
page numbers run on across the sheets, right on odd pages and left on even
ones.  The workbook's default font is 宋体 11 (as Chinese Excel's), the unit of
every column width: widths are measured in the faces the cells name (Chinese
characters one em), never in Calibri, which UOS and Kylin lack.  Every text is
written as text: one that begins with "=", "+", "-", "@" or a tab is never a
formula.

The workbook carries the custom property ``gkbg-form`` (the form id) and a
defined name per table (``gkbg_active``, ``gkbg_requests``, ``gkbg_appeals``)
covering its grid.
"""
from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from models.form import CellRef, NumberKind, TableDef
from models.line_breaking import fill_lines, room_to_keep
from models.report import Report

from . import common
from .common import (BODY_FONT, FORM_PROPERTY, HEADING1_FONT, HEADING2_FONT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
                     MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_NUMBER_FONT, PAGE_NUMBER_PT, TABLE_FONT, TITLE_FONT,
                     Heading, Marks, Paragraph, Signature, Table, Title, document_blocks, em_width, export_marks,
                     page_number_text, signature_warnings)
from .geometry import GROUP_ROW_FILL, estimate_width, fit_table, is_group_row, label_lines, overflow_warning, spread
from .sheet_text import write_xlsxwriter_text
from .writing import ExportError, ExportResult, write_atomically

GRID_FIRST_ROW = 2          # the form's row 0 is spreadsheet row 2 (row 1 holds the section title)
TEXT_SHEET = "正文"
MORE_TEXT_SHEET = "正文（续）"   # the text after the tables: 五, 六 and the 落款
TABLE_PT = common.TABLE_PT   # 五号, as the other exports
MAX_ROW_HEIGHT = 409        # Excel's limit, in points
# the workbook's default font: the unit of column widths is its widest digit (宋体 11: 8 px, as Chinese Excel's)
DEFAULT_FONT = {"font_name": common.TABLE_FONT, "font_size": 11}
DEFAULT_COLUMN_PX = 72      # XlsxWriter's name for "a digit of 8 px": 宋体 11's widest digit at 96 dpi, the width unit


def sheet_name(table: TableDef) -> str:
    return table.caption  # 表二, 表三, 表四


def defined_name(table: TableDef) -> str:
    return f"gkbg_{table.id}"


def cell_address(table_row: int, table_col: int) -> str:
    return xl_rowcol_to_cell(table_row + GRID_FIRST_ROW - 1, table_col)


# ---------------------------------------------------------------- numbers

def decimal_cell(text: str) -> tuple[float | str, str]:
    """A decimal string as (value, number format) showing exactly the digits typed.

    A number when the float holds the same value (so spreadsheet arithmetic
    works); otherwise the exact text, since digits must never be lost.
    """
    try:
        exact = Decimal(text)
    except InvalidOperation:
        return text, "@"
    decimals = len(text.partition(".")[2])
    number_format = "0" if decimals == 0 else "0." + "0" * decimals
    digits = len(exact.as_tuple().digits)
    as_float = float(exact)
    if digits <= 15 and Decimal(repr(as_float)) == exact:
        return as_float, number_format
    return text, "@"


def sum_formula(table: TableDef, terms: tuple[CellRef, ...]) -> str:
    """=IF(COUNT(r)=0,"",SUM(r)) over the terms' cells, contiguous runs as ranges.

    The IF keeps a total of nothing but blank cells blank instead of inventing 0.
    """
    positions = sorted(table.position(t) for t in terms)
    ranges = ",".join(_ranges(positions))
    return f'=IF(COUNT({ranges})=0,"",SUM({ranges}))'


def _ranges(positions: list[tuple[int, int]]) -> list[str]:
    """Maximal vertical or horizontal runs of adjacent positions, as A1 ranges."""
    by_column: dict[int, list[int]] = {}
    for row, col in positions:
        by_column.setdefault(col, []).append(row)
    if len(by_column) == 1:
        (col, rows), = by_column.items()
        return [_span((start, col), (end, col)) for start, end in _runs(rows)]
    by_row: dict[int, list[int]] = {}
    for row, col in positions:
        by_row.setdefault(row, []).append(col)
    if len(by_row) == 1:
        (row, cols), = by_row.items()
        return [_span((row, start), (row, end)) for start, end in _runs(cols)]
    return [cell_address(row, col) for row, col in positions]


def _runs(values: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for v in sorted(values):
        if runs and v == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], v)
        else:
            runs.append((v, v))
    return runs


def _span(first: tuple[int, int], last: tuple[int, int]) -> str:
    return cell_address(*first) if first == last else f"{cell_address(*first)}:{cell_address(*last)}"


# ---------------------------------------------------------------- widths and heights

PT_PER_PX = 72 / 96


def pt_to_px(points: float) -> int:
    return round(points / PT_PER_PX)


TABLE_LINE_FACTOR = 1.5     # a wrapped line in a cell, × the size: the face's own spacing, with room for a
#                             substitute face's taller one (Noto CJK: 1.45)


def row_heights(block: Table, fit, lines: dict[tuple[int, int], tuple[str, ...]]) -> list[float]:
    """Heights (points) that show every label's lines; Excel does not size rows by itself on opening."""
    table = block.table
    line_height = fit.font_pt * TABLE_LINE_FACTOR
    heights = [common.MIN_ROW_MM * common.MM_TO_PT] * table.n_rows
    for cell in sorted(table.cells, key=lambda c: c.rowspan):
        count = len(lines.get((cell.row, cell.col), ())) or 1
        spread(heights, cell.row, cell.rowspan, count * line_height + 4)
    return [min(MAX_ROW_HEIGHT, round(h, 1)) for h in heights]


# ---------------------------------------------------------------- formats


TABLE_CELL = {"font_name": TABLE_FONT, "font_size": TABLE_PT, "border": 1, "valign": "vcenter", "text_wrap": True}
LABEL = {**TABLE_CELL, "align": "center"}
ROW_LABEL = {**TABLE_CELL, "align": "left"}
TOP_LABEL = {**TABLE_CELL, "align": "center", "valign": "top"}
GROUP_ROW = {**ROW_LABEL, "bg_color": "#" + GROUP_ROW_FILL, "pattern": 1}
SECTION = {"font_name": HEADING1_FONT, "font_size": 14, "valign": "vcenter"}
_TEXT = {"valign": "top", "text_wrap": True}
TEXT_FORMATS = {
    "title": {**_TEXT, "font_name": TITLE_FONT, "font_size": common.TITLE_PT, "align": "center",
              "valign": "vcenter"},
    "heading1": {**_TEXT, "font_name": HEADING1_FONT, "font_size": common.BODY_PT},
    "heading2": {**_TEXT, "font_name": HEADING2_FONT, "font_size": common.BODY_PT},
    "body": {**_TEXT, "font_name": BODY_FONT, "font_size": common.BODY_PT, "align": "justify"},
    "note": {**_TEXT, "font_name": BODY_FONT, "font_size": common.BODY_PT},
    "signature": {**_TEXT, "font_name": BODY_FONT, "font_size": common.BODY_PT, "align": "left"},
    "blank": {**_TEXT, "font_name": BODY_FONT, "font_size": common.BODY_PT},
}


class Formats:
    """The workbook's cell formats by their properties, each made once."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self._made: dict[tuple, object] = {}
        self.table_pt = TABLE_PT   # the size of the table being written

    def __call__(self, props: dict, **more):
        props = {**props, **more}
        if "border" in props:
            props["font_size"] = self.table_pt
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self.wb.add_format(props)
        return self._made[key]

    def number(self, number_format: str):
        return self(LABEL, num_format=number_format)


def write_text(ws, row: int, col: int, text: str, props: dict, formats: Formats) -> None:
    """A text cell that never becomes a formula, whatever it begins with (``exporters.sheet_text``)."""
    write_xlsxwriter_text(ws, row, col, text, formats(props), formats(props, quote_prefix=True))


# ---------------------------------------------------------------- table sheets


def write_table_sheet(ws, formats: Formats, report: Report, block: Table, title: str) -> list[str]:
    """The table in its official layout, printed on one page; what the clerk should know."""
    table = block.table
    # the same fit and the same label lines as the DOCX and the PDF (exporters.geometry)
    fit = fit_table(block)
    formats.table_pt = fit.font_pt
    warning = overflow_warning(block, fit)
    lines = label_lines(block, fit)
    for i, width in enumerate(fit.widths):
        ws.set_column_pixels(i, i, pt_to_px(width))
    write_text(ws, 0, 0, title, SECTION, formats)
    ws.set_row(0, 28)

    computed = {d.ref: d for d in table.computed}
    totals = report.totals() if table.computed else {}
    first = GRID_FIRST_ROW - 1
    for cell in table.cells:
        row, col = cell.row + first, cell.col
        props = _label_format(table, cell)
        if cell.rowspan > 1 or cell.colspan > 1:
            # every cell of a merge gets the format (its borders); the value goes in the first
            ws.merge_range(row, col, row + cell.rowspan - 1, col + cell.colspan - 1, "", formats(props))
        if cell.ref is None:
            text = "\n".join(lines.get((cell.row, cell.col), (cell.text,)))
            write_text(ws, row, col, text, props, formats)
        elif cell.ref in computed:
            total = totals.get(cell.ref)
            # the value a viewer that does not recalculate shows
            ws.write_formula(row, col, sum_formula(table, computed[cell.ref].terms), formats.number("0"),
                             "" if total is None else int(total))
        else:
            _write_input(ws, row, col, report, cell.ref, formats)

    for i, height in enumerate(row_heights(block, fit, lines)):
        ws.set_row(i + first, height)

    ws.print_area(0, 0, table.n_rows - 1 + first, table.n_cols - 1)
    if table.header_rows:
        ws.repeat_rows(first, first + table.header_rows - 1)
        ws.freeze_panes(first + table.header_rows, 0)
    _print_setup(ws)
    ws.fit_to_pages(1, 1)    # a table on one page, as the form prints it (表三 at a province's numbers too)
    return [warning] if warning else []


def _write_input(ws, row: int, col: int, report: Report, ref: CellRef, formats: Formats) -> None:
    value = report.values.get(ref)
    if value is None:
        ws.write_blank(row, col, None, formats.number("0"))   # blank stays blank
    elif report.form.is_input(ref) and report.form.definition(ref).kind is NumberKind.DECIMAL:  # type: ignore[union-attr]
        number, number_format = decimal_cell(str(value))
        if isinstance(number, str):
            write_text(ws, row, col, number, LABEL, formats)   # more digits than a double holds: as text
        else:
            ws.write_number(row, col, number, formats.number(number_format))
    else:
        ws.write_number(row, col, int(value), formats.number("0"))


def _label_format(table: TableDef, cell) -> dict:
    """The form's alignment (as the screen and the other files); 表二's group rows shaded as the template."""
    if cell.ref is not None:
        return LABEL
    if is_group_row(table, cell):
        return GROUP_ROW
    alignment = table.alignment(cell)
    if alignment == "left":
        return ROW_LABEL
    if alignment == "top":
        return TOP_LABEL
    return LABEL


INCH = 25.4


def _print_setup(ws, left_mm: float = MARGIN_LEFT_MM, right_mm: float = MARGIN_RIGHT_MM, *,
                 centred: bool = True) -> None:
    ws.set_paper(9)   # A4
    ws.set_portrait()
    ws.set_margins(left=left_mm / INCH, right=right_mm / INCH, top=MARGIN_TOP_MM / INCH,
                   bottom=MARGIN_BOTTOM_MM / INCH)
    # the footers (odd and even pages) are written by _headers_and_footers: XlsxWriter has one footer only
    ws.set_footer(_page_number("&R"), {"margin": 20 / INCH, "scale_with_doc": False})
    ws.set_header("", {"margin": common.MARK_TOP_MM / INCH, "scale_with_doc": False})
    if centred:
        ws.center_horizontally()


def _page_number(position: str) -> str:
    """"— N —" in 宋体 四号, one character in from the side (GB/T 9704 7.5), as the Word export ("&&" would
    be a literal ampersand)."""
    number = page_number_text("&P")
    number = f"{number}\u3000" if position == "&R" else f"\u3000{number}" if position == "&L" else number
    return f'{position}&"{PAGE_NUMBER_FONT},Regular"&{PAGE_NUMBER_PT:g}{number}'


# ---------------------------------------------------------------- the text sheets

CHARS_PER_LINE = common.CHARS_PER_LINE
TEXT_LINE_WIDTH_PT = CHARS_PER_LINE * common.BODY_PT   # 28 characters of 三号: no character spacing in a cell
# the text column: 28 characters and the cell's own padding, within A4 with margins 1–2 mm narrower than
# GB/T 9704's (a spreadsheet cannot set characters 0.25 pt closer as the DOCX and the PDF do)
TEXT_COLUMN_PT = TEXT_LINE_WIDTH_PT + 8
TEXT_MARGIN_LEFT_MM, TEXT_MARGIN_RIGHT_MM = 25, 24
LINE_PX = 38                  # a printed line: 28.5 pt (Excel sets heights in whole pixels: 28.95 pt is 39 px)
TITLE_LINE_PX = round(common.TITLE_PT * common.TITLE_LINE_FACTOR / PT_PER_PX)
PAGE_BODY_PX = int((common.PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * common.MM_TO_PT / PT_PER_PX) - 6
FIRST_LINE_INDENT = "\u3000" * common.INDENT_CHARS   # two ideographic spaces: the first-line indent


@dataclass(frozen=True)
class TextRow:
    """One printed line of a text sheet."""

    kind: str            # a key of TEXT_FORMATS
    text: str
    height_px: int
    keep_with_next: bool = False


def _measure(text: str) -> float:
    """A line's width at 三号, erring wide (figures as the widest substitute face sets them)."""
    return estimate_width(text, common.BODY_PT)


def text_rows(blocks: list) -> list[TextRow]:
    """The printed lines of a run of text blocks, in order."""
    rows: list[TextRow] = []
    last_paragraph: list[int] = []
    for block in blocks:
        if isinstance(block, Title):
            rows += [TextRow("title", line, TITLE_LINE_PX, keep_with_next=True) for line in block.lines]
            rows.append(TextRow("blank", "", TITLE_LINE_PX))
        elif isinstance(block, Heading):
            kind = "heading1" if block.level == 1 else "heading2"
            lines = _indented_lines(block.text)
            rows += [TextRow(kind, line, LINE_PX, keep_with_next=True) for line in lines]
        elif isinstance(block, Paragraph):
            start = len(rows)
            rows += [TextRow("body", line, LINE_PX) for line in _indented_lines(block.text)]
            last_paragraph = list(range(start, len(rows)))
            continue
        elif isinstance(block, Signature):
            # the 落款 goes with the last two lines of the text, as in the DOCX and the PDF
            for i in last_paragraph[-2:]:
                rows[i] = TextRow(rows[i].kind, rows[i].text, rows[i].height_px, keep_with_next=True)
            rows += [TextRow("blank", "", LINE_PX, keep_with_next=True)] * 2
            rows += [TextRow("signature", line, LINE_PX, keep_with_next=True) for line in _signature_lines(block)]
            rows[-1] = TextRow("signature", rows[-1].text, LINE_PX)
        last_paragraph = []
    return rows


def _indented_lines(text: str) -> list[str]:
    lines = fill_lines(text, TEXT_LINE_WIDTH_PT, _measure, first_indent=common.INDENT_CHARS * common.BODY_PT)
    return [FIRST_LINE_INDENT + line if i == 0 else line for i, line in enumerate(lines)]


def _signature_lines(block: Signature) -> list[str]:
    """The 落款 set flush left in its cell, each line led by as many ideographic spaces as end the date
    four characters from the end of a 28-character line and put the agency's centre over the date's
    (GB/T 9704 7.3.5.1; to half a character: a cell has no indents of its own).  Counted from the cell's
    left edge, the places hold whatever width a viewer gives the column."""
    date_em = em_width(block.date, 1.0)
    date_lead = int(CHARS_PER_LINE - common.SIGNATURE_RIGHT_CHARS - date_em)   # at least four from the end
    centre = date_lead + date_em / 2
    lines = ["\u3000" * max(0, round(centre - em_width(line, 1.0) / 2)) + line
             if line else "" for line in block.agency or ("",)]
    return [*lines, "\u3000" * date_lead + block.date]


def paginate(rows: list[TextRow]) -> tuple[list[TextRow], list[int]]:
    """The rows without blank lines at the top of a page, and the rows that start a new page.

    As the DOCX and the PDF break pages: a row that does not fit goes to the next page, a heading (or the
    落款) with what follows it; the pages fill, since every row is one line.
    """
    kept: list[TextRow] = []
    breaks: list[int] = []
    used = 0
    for i, row in enumerate(rows):
        needed = room_to_keep(rows, i, keeps=lambda r: r.keep_with_next, height=lambda r: r.height_px,
                              start=lambda r: r.height_px, page=PAGE_BODY_PX)
        if used and used + needed > PAGE_BODY_PX:
            breaks.append(len(kept))
            used = 0
        if not used and row.kind == "blank" and kept:
            continue   # a blank line is not carried to the top of a page
        kept.append(row)
        used += row.height_px
    return kept, breaks


def write_text_sheet(ws, formats: Formats, rows: list[TextRow], breaks: list[int]) -> None:
    """The printed lines in column A, one a row, with the page breaks ``paginate`` chose."""
    ws.set_column_pixels(0, 0, pt_to_px(TEXT_COLUMN_PT))
    for i, row in enumerate(rows):
        if row.text:
            write_text(ws, i, 0, row.text, TEXT_FORMATS[row.kind], formats)
        ws.set_row_pixels(i, row.height_px)
    ws.print_area(0, 0, max(0, len(rows) - 1), 0)
    if breaks:
        ws.set_h_pagebreaks(breaks)
    # not centred: the column fills the width, and LibreOffice centres a column it must shrink (its unit
    # wider than Excel's where no Chinese face stands in for 宋体) as if unshrunk, past the left margin
    _print_setup(ws, TEXT_MARGIN_LEFT_MM, TEXT_MARGIN_RIGHT_MM, centred=False)
    ws.fit_to_pages(1, 0)    # only where a viewer's unit is wider than Excel's; pages as paginated


# ---------------------------------------------------------------- workbook


def sheets_in_order(blocks: list) -> list[tuple[str, list]]:
    """(sheet, blocks) in the official order: the text up to the first table, each table with its
    section's title, the text after the tables."""
    sheets: list[tuple[str, list]] = []
    text: list = []
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Heading) and block.level == 1 and isinstance(following, Table):
            continue   # the title of a table's section heads its sheet
        if isinstance(block, Table):
            if any(not isinstance(b, Marks) for b in text):
                sheets.append((TEXT_SHEET if not sheets else MORE_TEXT_SHEET, text))
            text = []
            sheets.append((sheet_name(block.table), [blocks[i - 1], block]))
            continue
        text.append(block)
    if text:
        sheets.append((TEXT_SHEET if not sheets else MORE_TEXT_SHEET, text))
    return sheets


def build_workbook(report: Report, path: Path, mark: str | None = None) -> list[str]:
    """Write the workbook; what the clerk should know."""
    marks = export_marks(report, mark)
    blocks = list(document_blocks(report, marks=marks))
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False, "default_format_properties": DEFAULT_FONT,
                                         "default_column_width": DEFAULT_COLUMN_PX})
    formats = Formats(wb)
    warnings = signature_warnings(report)
    first_pages: list[int] = []   # each sheet's first page number, so that the numbers run on
    page = 1
    for name, sheet_blocks in sheets_in_order(blocks):
        ws = wb.add_worksheet(name)
        first_pages.append(page)
        ws.set_start_page(page)
        if isinstance(sheet_blocks[-1], Table):
            heading, block = sheet_blocks
            warnings += write_table_sheet(ws, formats, report, block, heading.text)
            table = block.table
            last_col = xl_col_to_name(table.n_cols - 1)
            grid = f"$A${GRID_FIRST_ROW}:${last_col}${table.n_rows - 1 + GRID_FIRST_ROW}"
            wb.define_name(defined_name(table), f"='{ws.name}'!{grid}")
            page += 1
        else:
            rows, breaks = paginate(text_rows(sheet_blocks))
            write_text_sheet(ws, formats, rows, breaks)
            page += len(breaks) + 1
    first_pages.append(page)
    wb.set_custom_property(FORM_PROPERTY, report.form.id)
    wb.set_custom_property("gkbg-check-errors", marks.errors)
    if marks.lines:
        wb.set_custom_property("gkbg-mark", marks.text)
    title = next(b for b in blocks if isinstance(b, Title))
    wb.set_properties({"title": "".join(title.lines), "author": report.agency,
                       "comments": "政府信息公开工作年度报告", "subject": marks.text, "keywords": marks.text,
                       "status": marks.text})
    wb.close()
    _headers_and_footers(path, marks, first_pages)
    return warnings


# ---------------------------------------------------------------- odd and even pages, the first page's marks

_HEADER_FOOTER = re.compile(r"<headerFooter[^>]*>.*?</headerFooter>|<headerFooter[^>]*/>", re.S)


def _headers_and_footers(path: Path, marks: Marks, first_pages: list[int]) -> None:
    """Page numbers right on odd pages and left on even ones, and the marks of a forced or draft export
    in the header of the first page: XlsxWriter writes one footer for all pages, so the sheets'
    ``headerFooter`` elements are rewritten here (raw XML only where the library has no API).

    ``first_pages``: each sheet's first page number, and the one after the last.  LibreOffice counts a
    sheet's pages as odd and even from the sheet's own first page: a one-page sheet gets its number on
    the side of its place in the report, a sheet that starts on an even page its sides swapped.
    """
    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    right, left = escape(_page_number("&R")), escape(_page_number("&L"))
    first_header = ""
    if marks.lines:
        colour = f"&K{common.MARK_COLOUR}" if marks.errors else ""
        first_header = escape(f'&L&"{HEADING1_FONT},Regular"&{common.MARK_PT:g}{colour}'
                              + "\u3000".join(marks.lines))
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info.filename) for info in z.infolist()}
    sheets = sorted((name for name in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)),
                    key=lambda name: int(re.findall(r"\d+", name)[0]))
    for index, name in enumerate(sheets):
        xml = parts[name].decode("utf-8")
        start, pages = first_pages[index], first_pages[index + 1] - first_pages[index]
        odd, even = right, left
        if pages == 1:
            odd = even = right if start % 2 else left
        elif start % 2 == 0:
            odd, even = left, right
        if index == 0 and first_header:
            element = (f'<headerFooter differentOddEven="1" differentFirst="1" scaleWithDoc="0">'
                       f"<oddFooter>{odd}</oddFooter><evenFooter>{even}</evenFooter>"
                       f"<firstHeader>{first_header}</firstHeader><firstFooter>{odd}</firstFooter></headerFooter>")
        else:
            element = (f'<headerFooter differentOddEven="1" scaleWithDoc="0">'
                       f"<oddFooter>{odd}</oddFooter><evenFooter>{even}</evenFooter></headerFooter>")
        xml, count = _HEADER_FOOTER.subn(element.replace("\\", "\\\\"), xml)
        if count != 1:
            raise ExportError("无法导出 Excel：页码设置失败")
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def write_xlsx(report: Report, path: str | os.PathLike, *, mark: str | None = None) -> ExportResult:
    """Write the report to ``path`` as XLSX; ``ExportError`` (Chinese) when it cannot be written."""
    warnings: list[str] = []

    def write(tmp: Path) -> None:
        try:
            warnings.extend(build_workbook(report, tmp, mark))
        except XlsxWriterException as e:
            cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else e.__context__
            if isinstance(cause, OSError):
                raise cause from None   # the disk's reason, said in Chinese by write_atomically
            raise ExportError(f"无法导出 Excel：表格内容超出了 Excel 文件的限制（{type(e).__name__}）") from e

    write_atomically(path, write)
    return ExportResult(Path(path), "Excel", warnings)
