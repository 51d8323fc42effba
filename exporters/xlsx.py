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

The text sheet holds every paragraph in column A in the official sizes; a
paragraph too long for one row (Excel's rows stop at 409 pt) goes on in the
rows below, so nothing is cut on screen or in print.  Every text is written as
text: one that begins with "=", "+", "-", "@" or a tab is never a formula.

The workbook carries the custom property ``gkbg-form`` (the form id) and a
defined name per table (``gkbg_active``, ``gkbg_requests``, ``gkbg_appeals``)
covering its grid.
"""
from __future__ import annotations

import math
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from models.form import CellRef, NumberKind, TableDef
from models.report import Report

from . import common
from .common import (BODY_FONT, FORM_PROPERTY, HEADING1_FONT, HEADING2_FONT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
                     MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_NUMBER_FONT, PAGE_NUMBER_PT, TABLE_FONT, TITLE_FONT,
                     ExportError, ExportResult, Heading, Paragraph, Signature, Table, Title, document_blocks,
                     page_number_text, write_atomically)
from .sheet_text import write_xlsxwriter_text
from .geometry import GROUP_ROW_FILL, estimate_width, fit_table, is_group_row, is_wide, spread

GRID_FIRST_ROW = 2          # the form's row 0 is spreadsheet row 2 (row 1 holds the section title)
TEXT_SHEET = "正文"
TABLE_PT = common.TABLE_PT   # 五号, as the other exports
PRINT_WIDTH_UNITS = 84      # width of A4 portrait between the margins, in Excel's character units
MAX_ROW_HEIGHT = 409        # Excel's limit, in points


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

PX_PER_UNIT = 7             # Excel's width unit: one digit of the default font (Calibri 11), 7 px at 96 dpi
PT_PER_PX = 72 / 96


def units_to_pt(units: float) -> float:
    return (units * PX_PER_UNIT + 5) * PT_PER_PX


def pt_to_units(points: float) -> float:
    return max(0.0, (points / PT_PER_PX - 5) / PX_PER_UNIT)


def table_fit(block: Table) -> tuple[list[float], float]:
    """Column widths (Excel units) and the table's one font size.

    As in the DOCX and the PDF (``fit_table``): number columns as wide as their widest number, labels
    giving up the width, within A4's printable width.  When no size fits, the columns grow instead and the
    sheet prints scaled to the page's width: a spreadsheet shows "###" for a number wider than its column.
    """
    def measure(text: str, size: float) -> float:
        return estimate_width(text, size) * 1.1 + 2   # Excel adds a little padding of its own

    fit = fit_table(block, units_to_pt(PRINT_WIDTH_UNITS), measure, pad=8)
    if fit.fits:
        return [round(pt_to_units(w), 1) for w in fit.widths], fit.font_pt
    table = block.table
    total = sum(table.column_widths)
    widths = [PRINT_WIDTH_UNITS * w / total for w in table.column_widths]
    for cell in table.cells:
        text = block.text_of(cell)
        if cell.is_number and text and cell.colspan == 1:
            widths[cell.col] = max(widths[cell.col], pt_to_units(measure(text, TABLE_PT) + 8))
    return [round(w, 1) for w in widths], TABLE_PT


def _lines_needed(text: str, width_pt: float, font_pt: float) -> int:
    """How many lines ``text`` wraps to in ``width_pt`` (Chinese characters one em, the rest at most 0.64 em)."""
    capacity = max(font_pt, width_pt)
    lines = 0
    for line in text.split("\n"):
        lines += max(1, math.ceil(estimate_width(line, font_pt) / capacity))
    return lines


def row_heights(block: Table, widths: list[float], size: float = TABLE_PT) -> list[float]:
    """Heights (points) that show every wrapped label; Excel does not size rows by itself on opening."""
    table = block.table
    line_height = size * 1.45
    heights = [max(line_height + 6, 20.0)] * table.n_rows
    spanning = []
    for cell in table.cells:
        width = units_to_pt(sum(widths[cell.col:cell.col + cell.colspan])) - 6
        needed = _lines_needed(block.text_of(cell), width, size) * line_height + 6
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], needed)
        else:
            spanning.append((cell, needed))
    for cell, needed in spanning:
        spread(heights, cell.row, cell.rowspan, needed)
    return [min(MAX_ROW_HEIGHT, round(h, 1)) for h in heights]


# ---------------------------------------------------------------- formats


TABLE_CELL = {"font_name": TABLE_FONT, "font_size": TABLE_PT, "border": 1, "valign": "vcenter", "text_wrap": True}
LABEL = {**TABLE_CELL, "align": "center"}
ROW_LABEL = {**TABLE_CELL, "align": "left"}
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
    "signature": {**_TEXT, "font_name": BODY_FONT, "font_size": common.BODY_PT, "align": "right"},
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


def write_table_sheet(ws, formats: Formats, report: Report, block: Table, title: str) -> None:
    table = block.table
    widths, formats.table_pt = table_fit(block)
    for i, width in enumerate(widths):
        ws.set_column(i, i, width)
    write_text(ws, 0, 0, title, SECTION, formats)
    ws.set_row(0, 28)

    computed = {d.ref: d for d in table.computed}
    totals = report.totals() if table.computed else {}
    first = GRID_FIRST_ROW - 1
    for cell in table.cells:
        row, col = cell.row + first, cell.col
        props = _label_format(table, cell)
        if cell.ref is not None:
            props = LABEL
        if cell.rowspan > 1 or cell.colspan > 1:
            # every cell of a merge gets the format (its borders); the value goes in the first
            ws.merge_range(row, col, row + cell.rowspan - 1, col + cell.colspan - 1, "", formats(props))
        if cell.ref is None:
            write_text(ws, row, col, cell.text, props, formats)
        elif cell.ref in computed:
            total = totals.get(cell.ref)
            # the value a viewer that does not recalculate shows
            ws.write_formula(row, col, sum_formula(table, computed[cell.ref].terms), formats.number("0"),
                             "" if total is None else int(total))
        else:
            _write_input(ws, row, col, report, cell.ref, formats)

    for i, height in enumerate(row_heights(block, widths, formats.table_pt)):
        ws.set_row(i + first, height)

    ws.print_area(0, 0, table.n_rows - 1 + first, table.n_cols - 1)
    if table.header_rows:
        ws.repeat_rows(first, first + table.header_rows - 1)
        ws.freeze_panes(first + table.header_rows, 0)
    _print_setup(ws)


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
    """Row labels of a table body flush left (as in the Word export); everything else centred."""
    if is_group_row(table, cell):
        return GROUP_ROW
    if not cell.is_number and not cell.header and table.header_rows > 0 and cell.rowspan == 1:
        return ROW_LABEL
    return LABEL


def _print_setup(ws) -> None:
    ws.set_paper(9)   # A4
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    inch = 25.4
    ws.set_margins(left=MARGIN_LEFT_MM / inch, right=MARGIN_RIGHT_MM / inch, top=MARGIN_TOP_MM / inch,
                   bottom=MARGIN_BOTTOM_MM / inch)
    # "— N —" in 宋体 四号, as the Word export; "&&" would be a literal ampersand
    ws.set_footer(f'&C&"{PAGE_NUMBER_FONT},Regular"&{PAGE_NUMBER_PT:g}{page_number_text("&P")}',
                  {"margin": 20 / inch, "scale_with_doc": False})
    ws.center_horizontally()


# ---------------------------------------------------------------- the text sheet

# One column is never split across pages nor shrunk to fit (LibreOffice prints it past the margins), so it
# must fit A4 by itself: 62 units are 115 mm in Excel (Calibri) and about 150 mm where Calibri is missing.
TEXT_WIDTH_UNITS = 62
LINE_FACTOR = 1.35            # a wrapped line's height, × the font size
MAX_ROW_LINES = 17            # a paragraph goes on in the next row after this many lines (17 × 21.6 pt < 409 pt)
FIRST_LINE_INDENT = "\u3000" * common.INDENT_CHARS   # two ideographic spaces: the first-line indent


def text_rows(blocks: list) -> list[tuple[str, str]]:
    """(kind, text) of every row of the text sheet, in order."""
    width = units_to_pt(TEXT_WIDTH_UNITS) - 4
    rows: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Title):
            rows += [("title", line) for line in block.lines]
        elif isinstance(block, Heading):
            kind = "heading1" if block.level == 1 else "heading2"
            rows += [(kind, piece) for piece in _pieces(FIRST_LINE_INDENT + block.text, width, common.BODY_PT)]
        elif isinstance(block, Paragraph):
            rows += [("body", piece) for piece in _pieces(FIRST_LINE_INDENT + block.text, width, common.BODY_PT)]
        elif isinstance(block, Table):
            rows.append(("note", f"{FIRST_LINE_INDENT}（见工作表“{sheet_name(block.table)}”）"))
        elif isinstance(block, Signature):
            rows += [("signature", line) for line in block.lines]
    return rows


def _pieces(text: str, width_pt: float, font_pt: float) -> list[str]:
    """The paragraph cut into pieces of at most ``MAX_ROW_LINES`` lines each, at a sentence end when one
    is near; each piece is one row."""
    limit = width_pt * MAX_ROW_LINES * 0.95
    pieces = []
    start, used, last_stop = 0, 0.0, -1
    for i, ch in enumerate(text):
        used += font_pt if is_wide(ch) else font_pt * 0.64
        if ch in "。！？；":
            last_stop = i
        if used > limit:
            cut = last_stop + 1 if last_stop >= start and (i - last_stop) < 60 else i
            pieces.append(text[start:cut])
            start = cut
            used = estimate_width(text[start:i + 1], font_pt)
            last_stop = -1
    pieces.append(text[start:])
    return [p for p in pieces if p] or [""]


def write_text_sheet(ws, formats: Formats, blocks: list) -> None:
    """Title, preamble, every section title (with where its table is), sub-head and paragraph in column A."""
    ws.set_column(0, 0, TEXT_WIDTH_UNITS)
    width = units_to_pt(TEXT_WIDTH_UNITS) - 4
    rows = text_rows(blocks)
    for i, (kind, text) in enumerate(rows):
        write_text(ws, i, 0, text, TEXT_FORMATS[kind], formats)
        size = common.TITLE_PT if kind == "title" else common.BODY_PT
        lines = _lines_needed(text, width, size)
        ws.set_row(i, min(MAX_ROW_HEIGHT, round(lines * size * LINE_FACTOR + 4, 1)))
    ws.print_area(0, 0, max(0, len(rows) - 1), 0)
    _print_setup(ws)


# ---------------------------------------------------------------- workbook


def build_workbook(report: Report, path: Path) -> None:
    blocks = list(document_blocks(report))
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    formats = Formats(wb)
    write_text_sheet(wb.add_worksheet(TEXT_SHEET), formats, blocks)
    heading = None
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            heading = block.text
        elif isinstance(block, Table):
            table = block.table
            ws = wb.add_worksheet(sheet_name(table))
            write_table_sheet(ws, formats, report, block, heading or table.caption)
            last_col = xl_col_to_name(table.n_cols - 1)
            grid = f"$A${GRID_FIRST_ROW}:${last_col}${table.n_rows - 1 + GRID_FIRST_ROW}"
            wb.define_name(defined_name(table), f"='{ws.name}'!{grid}")
    wb.set_custom_property(FORM_PROPERTY, report.form.id)
    title = next(b for b in blocks if isinstance(b, Title))
    wb.set_properties({"title": "".join(title.lines), "author": title.lines[0] or "",
                       "comments": "政府信息公开工作年度报告"})
    wb.close()


def write_xlsx(report: Report, path: str | os.PathLike) -> ExportResult:
    """Write the report to ``path`` as XLSX; ``ExportError`` (Chinese) when it cannot be written."""

    def write(tmp: Path) -> None:
        try:
            build_workbook(report, tmp)
        except XlsxWriterException as e:
            cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else e.__context__
            if isinstance(cause, OSError):
                raise cause from None   # the disk's reason, said in Chinese by write_atomically
            raise ExportError(f"无法导出 Excel：表格内容超出了 Excel 文件的限制（{type(e).__name__}）") from e

    write_atomically(path, write)
    return ExportResult(Path(path), "Excel")
