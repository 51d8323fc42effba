"""The report as an Excel workbook: one sheet per table in the official layout, and one with the text.

Layout of a table sheet (an importer reads it by position): row 1 holds the
section title, the form's grid starts at row ``GRID_FIRST_ROW`` column A, one
spreadsheet cell per grid position, merges exactly as the form declares.
Inputs are numbers; totals are formulas built from the form's ComputedDef
terms, so the spreadsheet program computes them.  A blank input stays blank and
a total of nothing but blanks shows blank, as in the application.

The workbook carries the custom property ``gkbg-form`` (the form id) and a
defined name per table (``gkbg_active``, ``gkbg_requests``, ``gkbg_appeals``)
covering its grid.
"""
from __future__ import annotations

import math
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from models.form import CellRef, NumberKind, TableDef
from models.report import Report

from .common import (BODY_FONT, FORM_PROPERTY, HEADING1_FONT, HEADING2_FONT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
                     MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_NUMBER_FONT, TABLE_FONT, TITLE_FONT, Heading,
                     Paragraph, Signature, Table, Title, document_blocks, page_number_text, write_atomically)

GRID_FIRST_ROW = 2          # the form's row 0 is spreadsheet row 2 (row 1 holds the section title)
TEXT_SHEET = "正文"
TABLE_PT = 11
TEXT_PT = 12
PRINT_WIDTH_UNITS = 84      # width of A4 portrait between the margins, in Excel's character units
MAX_ROW_HEIGHT = 409        # Excel's limit, in points
MAX_CELL_CHARS = 32767      # Excel's limit

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TABLE_FONT_STYLE = Font(name=TABLE_FONT, size=TABLE_PT)
SECTION_FONT = Font(name=HEADING1_FONT, size=14)


def sheet_name(table: TableDef) -> str:
    return table.caption  # 表二, 表三, 表四


def defined_name(table: TableDef) -> str:
    return f"gkbg_{table.id}"


def cell_address(table_row: int, table_col: int) -> str:
    return f"{get_column_letter(table_col + 1)}{table_row + GRID_FIRST_ROW}"


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


# ---------------------------------------------------------------- table sheets

def column_widths(table: TableDef) -> list[float]:
    """The form's relative widths scaled to A4 portrait's printable width."""
    total = sum(table.column_widths)
    return [round(PRINT_WIDTH_UNITS * w / total, 1) for w in table.column_widths]


def _lines_needed(text: str, width_units: float, font_pt: float) -> int:
    """How many lines ``text`` wraps to in a column ``width_units`` wide (CJK characters count double)."""
    if not text:
        return 1
    # Excel's width unit is one digit of the default font, about half a CJK character of 11 pt
    capacity = max(1.0, (width_units - 0.8) * 11 / font_pt)
    lines = 0
    for line in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1.1 for ch in line)
        lines += max(1, math.ceil(units / capacity))
    return lines


def row_heights(block: Table, widths: list[float]) -> list[float]:
    """Heights (points) that show every wrapped label; Excel does not size rows by itself on opening."""
    table = block.table
    line_height = TABLE_PT * 1.45
    heights = [max(line_height + 6, 20.0)] * table.n_rows
    spanning = []
    for cell in table.cells:
        width = sum(widths[cell.col:cell.col + cell.colspan])
        needed = _lines_needed(block.text_of(cell), width, TABLE_PT) * line_height + 6
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], needed)
        else:
            spanning.append((cell, needed))
    for cell, needed in spanning:
        rows = range(cell.row, cell.row + cell.rowspan)
        missing = needed - sum(heights[r] for r in rows)
        if missing > 0:
            for r in rows:
                heights[r] += missing / cell.rowspan
    return [min(MAX_ROW_HEIGHT, round(h, 1)) for h in heights]


def write_table_sheet(ws: Worksheet, report: Report, block: Table, title: str) -> None:
    table = block.table
    widths = column_widths(table)
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width

    ws.cell(1, 1, title).font = SECTION_FONT
    ws.cell(1, 1).alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[1].height = 28

    computed = {d.ref: d for d in table.computed}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                target = ws.cell(r + GRID_FIRST_ROW, c + 1)   # every cell of a merge gets the style
                target.border = BORDER
                target.font = TABLE_FONT_STYLE
                target.alignment = _alignment(table, cell)
        target = ws.cell(cell.row + GRID_FIRST_ROW, cell.col + 1)
        if cell.ref is None:
            target.value = cell.text
        elif cell.ref in computed:
            target.value = sum_formula(table, computed[cell.ref].terms)
            target.number_format = "0"
        else:
            value = report.values.get(cell.ref)
            if value is None:
                pass  # blank stays blank
            elif report.form.definition(cell.ref).kind is NumberKind.DECIMAL:
                target.value, target.number_format = decimal_cell(str(value))
            else:
                target.value = int(value)
                target.number_format = "0"
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=cell.row + GRID_FIRST_ROW, start_column=cell.col + 1,
                           end_row=cell.row + cell.rowspan - 1 + GRID_FIRST_ROW,
                           end_column=cell.col + cell.colspan)

    for i, height in enumerate(row_heights(block, widths)):
        ws.row_dimensions[i + GRID_FIRST_ROW].height = height

    last = cell_address(table.n_rows - 1, table.n_cols - 1)
    ws.print_area = f"A1:{last}"
    if table.header_rows:
        ws.print_title_rows = f"{GRID_FIRST_ROW}:{GRID_FIRST_ROW + table.header_rows - 1}"
        ws.freeze_panes = ws.cell(GRID_FIRST_ROW + table.header_rows, 1)
    _print_setup(ws)


def _alignment(table: TableDef, cell) -> Alignment:
    """Row labels of a table body flush left (as in the Word export); everything else centred."""
    if not cell.is_number and not cell.header and table.header_rows > 0 and cell.rowspan == 1:
        return LEFT
    return CENTRE


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    inch = 25.4
    ws.page_margins.left = MARGIN_LEFT_MM / inch
    ws.page_margins.right = MARGIN_RIGHT_MM / inch
    ws.page_margins.top = MARGIN_TOP_MM / inch
    ws.page_margins.bottom = MARGIN_BOTTOM_MM / inch
    ws.page_margins.footer = 20 / inch
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = page_number_text("&P")
    ws.oddFooter.center.font = PAGE_NUMBER_FONT
    ws.oddFooter.center.size = 14


# ---------------------------------------------------------------- the text sheet

# One column is never split across pages nor shrunk to fit (LibreOffice prints it past the margins), so it
# must fit A4 by itself: 62 units are 115 mm in Excel (Calibri) and about 150 mm where Calibri is missing.
TEXT_WIDTH_UNITS = 62
TEXT_STYLES = {
    "title": (Font(name=TITLE_FONT, size=18), Alignment(horizontal="center", vertical="center",
                                                          wrap_text=True)),
    "heading1": (Font(name=HEADING1_FONT, size=TEXT_PT), Alignment(vertical="top", wrap_text=True)),
    "heading2": (Font(name=HEADING2_FONT, size=TEXT_PT), Alignment(vertical="top", wrap_text=True)),
    "body": (Font(name=BODY_FONT, size=TEXT_PT), Alignment(vertical="top", wrap_text=True, indent=2)),
    "signature": (Font(name=BODY_FONT, size=TEXT_PT), Alignment(horizontal="right", vertical="top",
                                                                  wrap_text=True)),
}


def write_text_sheet(ws: Worksheet, blocks: list) -> None:
    """Title, preamble, every section title, sub-head and paragraph, one per row in column A."""
    ws.column_dimensions["A"].width = TEXT_WIDTH_UNITS
    rows: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Title):
            rows += [("title", line) for line in block.lines]
        elif isinstance(block, Heading):
            rows.append(("heading1" if block.level == 1 else "heading2", block.text))
        elif isinstance(block, Paragraph):
            rows += [("body", piece) for piece in _cell_pieces(block.text)]
        elif isinstance(block, Signature):
            rows += [("signature", line) for line in block.lines]
    for i, (kind, text) in enumerate(rows, start=1):
        font, alignment = TEXT_STYLES[kind]
        cell = ws.cell(i, 1, text)
        cell.font, cell.alignment = font, alignment
        size = font.sz or TEXT_PT
        lines = _lines_needed(text, TEXT_WIDTH_UNITS - (4 if kind == "body" else 0), size)
        ws.row_dimensions[i].height = min(MAX_ROW_HEIGHT, round(lines * size * 1.45 + 4, 1))
    ws.print_area = f"A1:A{max(1, len(rows))}"
    _print_setup(ws)


def _cell_pieces(text: str) -> list[str]:
    """A paragraph longer than a cell can hold goes on in the next rows."""
    return [text[i:i + MAX_CELL_CHARS] for i in range(0, len(text), MAX_CELL_CHARS)] or [""]


# ---------------------------------------------------------------- workbook

def build_workbook(report: Report) -> Workbook:
    blocks = list(document_blocks(report))
    wb = Workbook()
    text_sheet = wb.active
    text_sheet.title = TEXT_SHEET
    write_text_sheet(text_sheet, blocks)
    heading = None
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            heading = block.text
        elif isinstance(block, Table):
            table = block.table
            ws = wb.create_sheet(sheet_name(table))
            write_table_sheet(ws, report, block, heading or table.caption)
            grid = f"$A${GRID_FIRST_ROW}:${get_column_letter(table.n_cols)}${table.n_rows - 1 + GRID_FIRST_ROW}"
            wb.defined_names[defined_name(table)] = DefinedName(
                defined_name(table), attr_text=f"{quote_sheetname(ws.title)}!{grid}")
    wb.custom_doc_props.append(StringProperty(name=FORM_PROPERTY, value=report.form.id))
    title = next(b for b in blocks if isinstance(b, Title))
    wb.properties.title = "".join(title.lines)
    wb.properties.creator = title.lines[0] or None
    wb.properties.language = "zh-CN"
    wb.calculation.fullCalcOnLoad = True
    return wb


def write_xlsx(report: Report, path: str | os.PathLike) -> None:
    """Write the report to ``path`` as XLSX; ``ExportError`` (Chinese) when it cannot be written."""
    wb = build_workbook(report)

    def write(tmp: Path) -> None:
        wb.save(tmp)

    write_atomically(path, write)
