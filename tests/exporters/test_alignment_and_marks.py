"""The form's facts on paper: every label aligned as the screen shows it; forced and draft exports marked.

The screen (``ui.table_model``), the DOCX, the XLSX and the PDF each read
``TableDef.alignment``; this compares what each of them actually made, cell by
cell, and what the first page and the file's properties say about an export
forced past the checks or marked as a draft (the web page's notice and
metadata: ``test_html.py``).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from exporters import export
from exporters.common import DRAFT_MARKS, ExportError, Marks, Table, document_blocks
from exporters.xlsx import GRID_FIRST_ROW
from models.form_2021 import FORM_2021
from tests.export_support import balanced_report, unbalanced_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

LABELS = [(table, cell) for table in FORM_2021.tables for cell in table.cells if not cell.is_number]


def screen_alignment(qapp) -> dict[tuple[str, int, int], str]:
    from ui.document import ReportDocument
    from ui.table_model import ReportTableModel
    document = ReportDocument()
    result = {}
    for table in FORM_2021.tables:
        model = ReportTableModel(document, table)
        for cell in table.cells:
            flags = Qt.AlignmentFlag(model.data(model.index(cell.row, cell.col), Qt.ItemDataRole.TextAlignmentRole))
            if flags & Qt.AlignmentFlag.AlignTop:
                result[(table.id, cell.row, cell.col)] = "top"
            elif flags & Qt.AlignmentFlag.AlignLeft:
                result[(table.id, cell.row, cell.col)] = "left"
            else:
                result[(table.id, cell.row, cell.col)] = "center"
    return result


def docx_alignment(path) -> dict[tuple[str, int, int], str]:
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
        styles = etree.fromstring(z.read("word/styles.xml"))
    style_jc = {s.get(W + "styleId"): s.find("w:pPr/w:jc", NS).get(W + "val")
                for s in styles.findall("w:style", NS) if s.find("w:pPr/w:jc", NS) is not None}
    result = {}
    for tbl, table in zip(body.findall("w:tbl", NS), FORM_2021.tables):
        rows = tbl.findall("w:tr", NS)
        for cell in table.cells:
            # the grid column of each w:tc of the row
            col, tc = 0, None
            for candidate in rows[cell.row].findall("w:tc", NS):
                if col == cell.col:
                    tc = candidate
                    break
                span = candidate.find("w:tcPr/w:gridSpan", NS)
                col += int(span.get(W + "val")) if span is not None else 1
            assert tc is not None
            p_pr = tc.find("w:p/w:pPr", NS)
            jc = p_pr.find("w:jc", NS)
            horizontal = jc.get(W + "val") if jc is not None else style_jc[p_pr.find("w:pStyle", NS).get(W + "val")]
            vertical = tc.find("w:tcPr/w:vAlign", NS).get(W + "val")
            result[(table.id, cell.row, cell.col)] = ("top" if vertical == "top" else
                                                      "left" if horizontal == "left" else "center")
    return result


def xlsx_alignment(path) -> dict[tuple[str, int, int], str]:
    workbook = load_workbook(path)
    result = {}
    for table in FORM_2021.tables:
        ws = workbook[table.caption]
        for cell in table.cells:
            alignment = ws.cell(cell.row + GRID_FIRST_ROW, cell.col + 1).alignment
            result[(table.id, cell.row, cell.col)] = ("top" if alignment.vertical == "top" else
                                                      "left" if alignment.horizontal == "left" else "center")
    return result


def pdf_alignment(report) -> dict[tuple[str, int, int], str]:
    from exporters.pdf import render_pdf
    _, pages = render_pdf(report)
    result = {}
    for layout in pages.tables:
        table = layout.block.table
        for cell in table.cells:
            text = layout.texts[(cell.row, cell.col)]
            if text is None:
                continue
            flags = text.layout.textOption().alignment()
            result[(table.id, cell.row, cell.col)] = ("top" if text.top else
                                                      "left" if flags & Qt.AlignmentFlag.AlignLeft else "center")
    return result


def test_the_screen_and_the_three_files_align_every_label_as_the_form_says(tmp_path, qapp):
    report = balanced_report()
    export(report, tmp_path / "a.docx", "docx")
    export(report, tmp_path / "a.xlsx", "xlsx")
    form = {(table.id, cell.row, cell.col): table.alignment(cell) for table, cell in LABELS}
    assert len(form) == 79 and set(form.values()) == {"left", "center", "top"}
    for name, made in (("screen", screen_alignment(qapp)), ("docx", docx_alignment(tmp_path / "a.docx")),
                       ("xlsx", xlsx_alignment(tmp_path / "a.xlsx")), ("pdf", pdf_alignment(report))):
        differing = {key: (want, made.get(key)) for key, want in form.items() if made.get(key) != want}
        assert not differing, (name, differing)


# ---------------------------------------------------------------- marks


def first_page_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_clean_export_carries_no_mark(tmp_path):
    report = balanced_report()
    assert not [b for b in document_blocks(report) if isinstance(b, Marks)]
    export(report, tmp_path / "a.docx", "docx")
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/header")]
        assert b"gkbg-mark" not in z.read("docProps/custom.xml")
    export(report, tmp_path / "a.xlsx", "xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    assert all(not ws.firstHeader.left.text for ws in workbook.worksheets)
    assert {p.name: p.value for p in workbook.custom_doc_props.props}["gkbg-check-errors"] == 0
    export(report, tmp_path / "a.html", "html")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert 'role="note"' not in page and "gkbg-mark" not in page
    assert '<meta name="gkbg-check-errors" content="0">' in page


def test_the_checks_errors_are_counted_and_a_draft_mark_is_one_of_two():
    report = unbalanced_report()
    marks = next(b for b in document_blocks(report, "征求意见稿") if isinstance(b, Marks))
    assert marks.errors >= 1 and marks.draft == "征求意见稿"
    assert marks.lines == (f"未通过检查：{marks.errors} 处错误", "征求意见稿")
    assert DRAFT_MARKS == ("草稿", "征求意见稿")
    with pytest.raises(ExportError):
        list(document_blocks(balanced_report(), "定稿"))


def test_a_forced_docx_says_so_on_its_first_page_and_in_its_properties(tmp_path):
    report = unbalanced_report()
    export(report, tmp_path / "a.docx", "docx", mark="草稿")
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        document = etree.fromstring(z.read("word/document.xml"))
        headers = {n: z.read(n).decode() for n in z.namelist() if n.startswith("word/header")}
        core = z.read("docProps/core.xml").decode()
        custom = z.read("docProps/custom.xml").decode()
    sect = document.find(".//w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    first = sect.find("w:headerReference[@w:type='first']", NS)
    assert first is not None and sect.find("w:footerReference[@w:type='first']", NS) is not None
    assert any("未通过检查：" in text and "草稿" in text for text in headers.values())
    assert "未通过检查：" in core and "gkbg-mark" in custom


def test_a_forced_xlsx_says_so_in_its_first_pages_header_and_properties(tmp_path):
    export(unbalanced_report(), tmp_path / "a.xlsx", "xlsx", mark="征求意见稿")
    workbook = load_workbook(tmp_path / "a.xlsx")
    first = workbook.worksheets[0]
    assert "未通过检查：" in first.firstHeader.left.text and "征求意见稿" in first.firstHeader.left.text
    assert "&P" in first.firstFooter.right.text   # the first page keeps its number
    assert workbook.properties.keywords.startswith("未通过检查：")
    assert {p.name: p.value for p in workbook.custom_doc_props.props}["gkbg-check-errors"] >= 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="未安装 poppler-utils（pdftotext）")
def test_a_forced_pdf_says_so_on_its_first_page_and_in_its_properties(tmp_path):
    result = export(unbalanced_report(), tmp_path / "a.pdf", "pdf", mark="征求意见稿")
    first = first_page_text(tmp_path / "a.pdf")
    assert re.search(r"未通过检查：\d+ 处错误", first) and "征求意见稿" in first
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "a.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert "未通过检查" not in second
    info = subprocess.run(["pdfinfo", str(tmp_path / "a.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Subject:\s+未通过检查：\d+ 处错误；征求意见稿", info)
    assert result.pages >= 3
    clean = export(balanced_report(), tmp_path / "b.pdf", "pdf")
    assert "未通过检查" not in first_page_text(clean.path)
    assert "Subject" not in subprocess.run(["pdfinfo", str(clean.path)], capture_output=True, text=True).stdout


def test_the_command_line_takes_a_draft_mark(tmp_path):
    from cli.export import add_arguments
    import argparse
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args(["d.json", "--mark", "草稿"]).mark == "草稿"
    with pytest.raises(SystemExit):
        parser.parse_args(["d.json", "--mark", "定稿"])


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf", "html"])
def test_every_writer_warns_of_an_incomplete_signature(tmp_path, fmt):
    result = export(balanced_report(date=None, agency=""), tmp_path / f"a.{fmt}", fmt)
    assert any("成文日期" in w for w in result.warnings) and any("发文机关" in w for w in result.warnings)
    assert "成文日期" in result.summary()


def test_table_blocks_are_the_same_for_every_writer():
    # the label lines depend only on the table and its numbers, never on the writer
    from exporters.geometry import fit_table, label_lines
    block = next(b for b in document_blocks(balanced_report()) if isinstance(b, Table) and b.table.id == "requests")
    lines = label_lines(block, fit_table(block))
    assert all(not line.startswith("）") for cell_lines in lines.values() for line in cell_lines)


# each writer once in the quick run, dated or not; every pairing in the full run
@pytest.mark.parametrize("fmt, date", [("docx", "2026-01-20"), ("xlsx", None), ("pdf", "2026-01-20"), ("html", None),
                                       *(pytest.param(f, d, marks=pytest.mark.slow) for f, d in (
                                           ("docx", None), ("xlsx", "2026-01-20"), ("pdf", None),
                                           ("html", "2026-01-20")))])
def test_a_long_name_broken_over_lines_and_a_marked_export_read_back_whole(tmp_path, fmt, date):
    from importers import read_report
    from tests.exporters.stress import AGENCY_57
    report = unbalanced_report()
    report.agency, report.date = AGENCY_57, date
    export(report, tmp_path / f"a.{fmt}", fmt, mark="征求意见稿")
    back = read_report(tmp_path / f"a.{fmt}").report
    assert (back.agency, back.date) == (AGENCY_57, date)
    assert "征求意见稿" not in back.section_text("other") and "年月日" not in back.section_text("other")
