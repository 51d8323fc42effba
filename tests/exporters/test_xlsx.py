"""XLSX export: sheets in the form's grid, styled merges, numbers and formulas; LibreOffice computes the totals."""
from __future__ import annotations

import csv
import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from exporters.common import Heading, Paragraph, Signature, Table, Title, document_blocks
from exporters.xlsx import GRID_FIRST_ROW, MORE_TEXT_SHEET, TEXT_SHEET, decimal_cell, write_xlsx
from models.form import CellRef, NumberKind
from models.form_2021 import FORM_2021
from models.report import Subsection
from tests.conftest import EXAMPLES
from tests.export_support import (CSV_ALL_SHEETS, FEES, balanced_report,
                                  soffice_convert)

TABLES = FORM_2021.tables
INDENT = "\u3000\u3000"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "报告.xlsx"
    report = balanced_report()
    write_xlsx(report, path)
    return report, path, load_workbook(path)


def grid_cell(ws, row, col):
    return ws.cell(row + GRID_FIRST_ROW, col + 1)


def test_one_sheet_per_table_between_the_text_before_and_after_the_tables(exported):
    _, _, wb = exported
    assert wb.sheetnames == [TEXT_SHEET, "表二", "表三", "表四", MORE_TEXT_SHEET]
    assert wb["表三"]["A1"].value == "三、收到和处理政府信息公开申请情况"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.id)
def test_merges_are_exactly_the_forms_and_every_cell_of_them_is_bordered(exported, table):
    _, _, wb = exported
    ws = wb[table.caption]
    merged = {str(r) for r in ws.merged_cells.ranges}
    expected = set()
    for cell in table.cells:
        if cell.rowspan > 1 or cell.colspan > 1:
            first, last = grid_cell(ws, cell.row, cell.col), grid_cell(ws, cell.row + cell.rowspan - 1,
                                                                      cell.col + cell.colspan - 1)
            expected.add(f"{first.coordinate}:{last.coordinate}")
    assert merged == expected
    # each spreadsheet cell carries the border of every side on which its form cell (merge) ends
    for row in range(table.n_rows):
        for col in range(table.n_cols):
            cell = table.cell_at(row, col)
            border = grid_cell(ws, row, col).border
            outer = {"left": col == cell.col, "right": col == cell.col + cell.colspan - 1,
                     "top": row == cell.row, "bottom": row == cell.row + cell.rowspan - 1}
            for side, on_edge in outer.items():
                if on_edge:
                    assert getattr(border, side).style == "thin", (row, col, side)
    for cell in table.cells:
        assert grid_cell(ws, cell.row, cell.col).alignment.wrap_text


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.id)
def test_labels_inputs_as_numbers_and_totals_as_formulas_of_their_terms(exported, table):
    report, _, wb = exported
    ws = wb[table.caption]
    computed = {d.ref: d for d in table.computed}
    for cell in table.cells:
        value = grid_cell(ws, cell.row, cell.col).value
        if cell.ref is None:
            assert value.replace("\n", "") == cell.text   # broken into lines as the DOCX and the PDF
        elif cell.ref in computed:
            assert isinstance(value, str) and value.startswith("=")
            assert formula_cells(ws, value) == {table.position(t) for t in computed[cell.ref].terms}
        elif FORM_2021.definition(cell.ref).kind is NumberKind.DECIMAL:
            assert value == float(FEES)
            assert grid_cell(ws, cell.row, cell.col).number_format == "0.000000"
        else:
            assert type(value) is int and value == report.get(cell.ref)


def formula_cells(ws, formula: str) -> set[tuple[int, int]]:
    """Grid positions the formula's SUM reads."""
    inner = re.search(r"SUM\(([^)]*)\)", formula)[1]
    cells = set()
    for part in inner.split(","):
        min_col, min_row, max_col, max_row = range_boundaries(part)
        cells |= {(r - GRID_FIRST_ROW, c - 1) for r in range(min_row, max_row + 1)
                  for c in range(min_col, max_col + 1)}
    return cells


def test_print_setup_a4_one_page_a_table_and_header_rows_repeated(exported):
    _, _, wb = exported
    for table in TABLES:
        ws = wb[table.caption]
        assert int(ws.page_setup.paperSize) == 9  # A4
        # fitToWidth 1 is the schema's default, which XlsxWriter leaves out
        assert ws.page_setup.fitToWidth in (None, 1) and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToHeight in (None, 1)
        for col in range(table.n_cols):
            assert ws.column_dimensions[get_column_letter(col + 1)].width > 3
    assert wb["表三"].print_title_rows == f"${GRID_FIRST_ROW}:${GRID_FIRST_ROW + 2}"
    assert wb["表四"].print_title_rows == f"${GRID_FIRST_ROW}:${GRID_FIRST_ROW + 2}"


def test_custom_property_and_defined_names(exported):
    _, _, wb = exported
    assert {p.name: p.value for p in wb.custom_doc_props.props}["gkbg-form"] == "2021"
    assert wb.defined_names["gkbg_requests"].attr_text == "'表三'!$A$2:$J$29"


def test_text_sheets_carry_the_whole_narrative_in_order(exported):
    report, _, wb = exported
    column = [ws.cell(r, 1).value for ws in (wb[TEXT_SHEET], wb[MORE_TEXT_SHEET]) for r in range(1, ws.max_row + 1)]
    expected = []
    blocks = list(document_blocks(report))
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, (Title, Signature)):
            expected += block.lines
        elif isinstance(block, (Heading, Paragraph)) and not isinstance(following, Table):
            expected.append(block.text)
    assert "".join(v or "" for v in column).replace(INDENT, "").replace("\u3000", "") == "".join(expected)
    assert INDENT + "（二）改进情况" in column and INDENT + "本年度未收取信息处理费。" in column


def test_blank_stays_blank_and_a_total_of_blanks_is_blank(tmp_path):
    report = balanced_report()
    for group in ("litigation_direct",):
        for item in ("upheld", "corrected", "other", "pending"):
            report.set(CellRef("appeals", f"{group}.{item}"), None)
    write_xlsx(report, tmp_path / "a.xlsx")
    ws = load_workbook(tmp_path / "a.xlsx")["表四"]
    table = FORM_2021.table("appeals")
    row, col = table.position(CellRef("appeals", "litigation_direct.upheld"))
    assert grid_cell(ws, row, col).value is None
    row, col = table.position(CellRef("appeals", "litigation_direct.total"))
    assert 'IF(COUNT(' in grid_cell(ws, row, col).value and '""' in grid_cell(ws, row, col).value


@pytest.mark.parametrize("text, value, number_format", [
    ("96171.6", 96171.6, "0.0"), ("7730.28", 7730.28, "0.00"), ("4166.241619", 4166.241619, "0.000000"),
    ("12.30", 12.3, "0.00"), ("0", 0.0, "0"),
    # more digits than a double holds: kept as text, never rounded
    ("123456789012345.123456789012", "123456789012345.123456789012", "@"),
])
def test_fees_keep_every_digit(text, value, number_format):
    assert decimal_cell(text) == (value, number_format)


def test_forbidden_characters_long_section_and_rare_unicode(tmp_path):
    long_text = ("依申请公开" * 4000)[:20000]
    rare = "𠀀𪚥 😀👍🏻 ①Ⅻ é"
    report = balanced_report(agency="测试\x00机关\x1f", preamble="第一行\x0b第二行\x08")
    report.sections["overview"] = [Subsection("主动公开", long_text), Subsection("生僻字\x01", rare)]
    write_xlsx(report, tmp_path / "a.xlsx")
    column = [c.value for c in load_workbook(tmp_path / "a.xlsx")[TEXT_SHEET]["A"]]
    assert column[0] == "测试机关"
    assert column[3:5] == [INDENT + "第一行", INDENT + "第二行"]
    # the long section over as many rows as it needs, every character kept, in order
    assert long_text in "".join(v or "" for v in column).replace(INDENT, "")
    assert INDENT + rare in column and INDENT + "（二）生僻字" in column


# ---------------------------------------------------------------- LibreOffice

def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")) + [None],
                         ids=lambda p: p.stem if p else "balanced")
def test_libreoffice_computes_the_reports_totals(tmp_path, lo_profile, example):
    from models import draft
    report = draft.load(example) if example else balanced_report()
    path = tmp_path / "报告.xlsx"
    write_xlsx(report, path)
    made = soffice_convert(path, tmp_path / "csv", CSV_ALL_SHEETS, lo_profile)
    sheets = {p.stem.rsplit("-", 1)[-1]: read_csv(p) for p in made}
    assert set(sheets) == {TEXT_SHEET, "表二", "表三", "表四", MORE_TEXT_SHEET}
    totals = report.totals()
    for table in TABLES:
        rows = sheets[table.caption]
        for cell in table.cells:
            shown = rows[cell.row + GRID_FIRST_ROW - 1][cell.col]
            if cell.ref is None:
                assert shown.replace("\n", "") == cell.text
            elif cell.ref in totals:
                expected = totals[cell.ref]
                assert shown == ("" if expected is None else str(expected)), cell.ref
            else:
                value = report.values.get(cell.ref)
                assert shown == ("" if value is None else str(value)), cell.ref


def test_libreoffice_prints_it_on_a4(tmp_path, lo_profile):
    import subprocess
    path = tmp_path / "报告.xlsx"
    write_xlsx(balanced_report(), path)
    pdf, = soffice_convert(path, tmp_path / "pdf", "pdf", lo_profile)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) >= 4  # the text, then one page or more per table
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "四、结转下年度继续办理" in text and "复议后起诉" in text
    # nothing printed into the side margins (26 mm at least; a too wide text column would run past them)
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    margin = 25 / 25.4 * 72
    for page in re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S):
        width = float(page[1])
        for word in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', page[2]):
            assert margin < float(word[1]) and float(word[2]) < width - margin, word[3]
