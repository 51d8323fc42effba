"""Exports ready to sign at any size: numbers never broken, 落款 never alone, long text never cut, totals visible.

The fast tests read the files' structure; the slow ones print the stress drafts (9-digit counts, a
20,000-character section, a 60-character agency, eight sub-heads, Ext-B characters) through LibreOffice
or the PDF writer and read the pages back with ``pdftotext -bbox``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from exporters import export
from exporters.common import (CHAR_PITCH_PT, CHARS_PER_LINE, LINES_PER_PAGE, TABLE_PT, TEXT_WIDTH_PT, Marks,
                              Paragraph, Signature, Table, Title, document_blocks)
from exporters.common import signature_box
from exporters.geometry import estimate_width, fit_table
from exporters.xlsx import GRID_FIRST_ROW, MORE_TEXT_SHEET, TEXT_SHEET
from models.form_2021 import FORM_2021
from models.report import Subsection
from tests.export_support import balanced_report, soffice_convert
from tests.exporters import page_check
from tests.conftest import shared_path
from tests.exporters.stress import AGENCY_23, AGENCY_57, LONG_AGENCY, provincial_report, stress_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def table_blocks(report) -> dict[str, Table]:
    return {b.table.id: b for b in document_blocks(report) if isinstance(b, Table)}


def printed_numbers(report) -> set[str]:
    return {b.text_of(c) for b in table_blocks(report).values() for c in b.table.cells
            if c.is_number and b.text_of(c)}


# ---------------------------------------------------------------- widths (fast)


@pytest.mark.parametrize("table", FORM_2021.tables, ids=lambda t: t.id)
def test_number_columns_hold_their_widest_number_at_the_tables_one_size(table):
    block = table_blocks(stress_report())[table.id]
    fit = fit_table(block)
    assert fit.fits
    assert sum(fit.widths) == pytest.approx(TEXT_WIDTH_PT)
    for cell in table.cells:
        text = block.text_of(cell)
        if cell.is_number and text:
            width = sum(fit.widths[cell.col:cell.col + cell.colspan])
            assert estimate_width(text, fit.font_pt) < width, (cell, text)


def test_small_numbers_keep_the_forms_proportions_and_the_official_size():
    block = table_blocks(balanced_report())["requests"]
    fit = fit_table(block)
    assert fit.font_pt == TABLE_PT
    weights = block.table.column_widths
    assert [round(w / fit.widths[0], 2) for w in fit.widths] == [round(x / weights[0], 2) for x in weights]


def test_a_table_no_page_can_hold_says_so(tmp_path):
    result = export(stress_report(every_number_huge=True, long_section=100), tmp_path / "a.docx", "docx")
    assert any("表四" in w and "折成两行" in w for w in result.warnings)
    assert "表四" in result.summary()


def test_the_docx_sets_table_widths_and_size_from_the_fit(tmp_path):
    report = stress_report(long_section=100)
    export(report, tmp_path / "a.docx", "docx")
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        xml = etree.fromstring(z.read("word/document.xml"))
    tables = xml.findall(".//w:tbl", NS)
    for tbl, table in zip(tables, FORM_2021.tables):
        fit = fit_table(table_blocks(report)[table.id], sum(int(c.get(W + "w")) for c in
                                                             tbl.findall("w:tblGrid/w:gridCol", NS)) / 20)
        grid = [int(c.get(W + "w")) / 20 for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
        assert grid == pytest.approx(list(fit.widths), abs=1)
        sizes = {int(s.get(W + "val")) / 2 for s in tbl.findall(".//w:r/w:rPr/w:sz", NS)}
        assert sizes == {fit.font_pt}


# ---------------------------------------------------------------- 落款 and 28 a line (fast)


def test_signature_box_centres_the_agency_over_the_date_four_characters_in():
    box = signature_box("2026年1月20日", measure=lambda text, em: len(text) * 10)
    assert box.date_right == pytest.approx(4 * CHAR_PITCH_PT)
    date_centre = TEXT_WIDTH_PT - box.date_right - 50   # ten characters of 10 pt
    assert (box.agency_left + TEXT_WIDTH_PT) / 2 == pytest.approx(date_centre)


def test_docx_keeps_the_last_lines_of_the_text_with_the_signature(tmp_path):
    export(balanced_report(), tmp_path / "a.docx", "docx")
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    texts = ["".join(t.text or "" for t in p.iter(W + "t")) for p in paragraphs]
    date = texts.index("2026年1月20日")
    agency = date - 1
    assert texts[agency] == "测试市测试区人民政府办公室"
    last_text = agency - 3
    assert texts[last_text] == "本年度未收取信息处理费。"
    for p in paragraphs[last_text:date]:
        assert p.find("w:pPr/w:keepNext", NS) is not None
    assert paragraphs[last_text].find("w:pPr/w:widowControl", NS) is not None
    assert paragraphs[agency].find("w:pPr/w:jc", NS).get(W + "val") == "center"
    left = int(paragraphs[agency].find("w:pPr/w:ind", NS).get(W + "left"))
    right = int(paragraphs[date].find("w:pPr/w:ind", NS).get(W + "right"))
    assert right == round(4 * CHAR_PITCH_PT * 20) and left > 0


def test_docx_body_fits_28_characters_a_line():
    assert CHARS_PER_LINE * CHAR_PITCH_PT <= TEXT_WIDTH_PT < (CHARS_PER_LINE + 1) * CHAR_PITCH_PT


# ---------------------------------------------------------------- XLSX (fast)


def test_totals_carry_their_values_for_readers_that_do_not_recalculate(tmp_path):
    report = balanced_report()
    export(report, tmp_path / "a.xlsx", "xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx", data_only=True)
    totals = report.totals()
    assert totals
    for table in FORM_2021.tables:
        ws = workbook[table.caption]
        for cell in table.cells:
            if cell.ref in totals:
                value = ws.cell(cell.row + GRID_FIRST_ROW, cell.col + 1).value
                assert value == totals[cell.ref], cell.ref


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://example.com","点击")', "\t=WEBSERVICE(\"http://x\")",
                                     *(pytest.param(h, marks=pytest.mark.slow)   # test_text_as_text meets them too
                                       for h in ("+1+2", "-3", "@SUM(A1)", '=cmd|"/c calc"!A1'))])
def test_text_that_looks_like_a_formula_stays_text(tmp_path, hostile):
    report = balanced_report(agency=hostile, preamble=hostile)
    report.sections["other"] = [Subsection(hostile, hostile)]
    export(report, tmp_path / "a.xlsx", "xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        formulas = [name for name in z.namelist() if name.startswith("xl/worksheets/")
                    if b"<f>" in z.read(name) and "sheet1" in name]
    assert formulas == []   # the text sheet has no formula at all
    ws = load_workbook(tmp_path / "a.xlsx")[TEXT_SHEET]
    cells = [c for c in ws["A"] if c.value and hostile.strip() in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert any(c.quotePrefix or c.value.startswith("\u3000") for c in cells)


def test_long_paragraphs_print_one_line_a_row_and_22_rows_a_page(tmp_path):
    report = stress_report(long_section=20_000)
    export(report, tmp_path / "a.xlsx", "xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    assert workbook.sheetnames == [TEXT_SHEET, "表二", "表三", "表四", MORE_TEXT_SHEET]
    text = ""
    for name in (TEXT_SHEET, MORE_TEXT_SHEET):
        ws = workbook[name]
        heights = [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]
        assert all(h is not None and h <= 36 for h in heights)
        breaks = [b.id for b in ws.row_breaks.brk]
        pages = [b - a for a, b in zip([0] + breaks, breaks + [ws.max_row])]
        assert max(pages) <= LINES_PER_PAGE, pages
        if name == TEXT_SHEET:
            # pages full but for the last, one that ends before a heading, and the title's
            assert Counter(pages).most_common(1)[0][0] == LINES_PER_PAGE, pages
        text += "".join(c.value or "" for c in ws["A"]).replace("\u3000", "")
    for block in document_blocks(report):
        if isinstance(block, Paragraph):
            assert block.text in text


def test_text_sheet_in_the_official_sizes_with_page_numbers_on_alternate_sides(tmp_path):
    export(balanced_report(), tmp_path / "a.xlsx", "xlsx")
    ws = load_workbook(tmp_path / "a.xlsx")[TEXT_SHEET]
    assert ws["A1"].font.sz == 22 and ws["A4"].font.sz == 16
    assert ws["A4"].value.startswith("\u3000\u3000")
    # one page, page 1: its number on the right whichever way a viewer counts odd and even pages
    assert "&P" in ws.oddFooter.right.text and "&P" in ws.evenFooter.right.text
    export(stress_report(), tmp_path / "b.xlsx", "xlsx")
    workbook = load_workbook(tmp_path / "b.xlsx")
    ws = workbook[TEXT_SHEET]
    assert ws.HeaderFooter.differentOddEven
    assert "&P" in ws.oddFooter.right.text and "&P" in ws.evenFooter.left.text
    # the numbers run on across the sheets
    starts = [int(sheet.page_setup.firstPageNumber or 1) for sheet in workbook.worksheets]
    assert starts[0] == 1 and starts == sorted(starts) and len(set(starts)) == len(starts)


# ---------------------------------------------------------------- the printed pages (slow)


def missing_everywhere(text: str) -> set[str]:
    """Characters beyond the BMP that no font of this machine has (they print as boxes, with a warning)."""
    missing = set()
    for ch in {c for c in text if ord(c) > 0xFFFF}:
        found = subprocess.run(["fc-list", f":charset={ord(ch):x}", "family"], capture_output=True, text=True)
        if not found.stdout.strip():
            missing.add(ch)
    return missing


def printed(report, fmt: str, tmp_path: Path, lo_profile) -> tuple[Path, object]:
    path = tmp_path / f"报告.{fmt}"
    result = export(report, path, fmt)
    if fmt == "pdf":
        return path, result
    pdf, = soffice_convert(path, tmp_path / f"pdf-{fmt}", "pdf", lo_profile)
    return pdf, result


@pytest.fixture(scope="module")
def stress():
    return stress_report()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="未安装 poppler-utils（pdftotext）")
@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_stress_draft_prints_whole(stress, fmt, tmp_path, lo_profile):
    pdf, result = printed(stress, fmt, tmp_path, lo_profile)
    words = page_check.words(pdf)
    lines = page_check.lines(words)

    # no number split over two lines
    assert page_check.split_numbers(words, printed_numbers(stress)) == []

    # the 落款: agency and date on one page, with text of the report above them
    agency_pages, date_pages = page_check.signature_pages(lines, LONG_AGENCY, "2026年1月20日")
    assert len(date_pages) == 1 and agency_pages == date_pages, (agency_pages, date_pages)
    page, = date_pages
    others = page_check.text_lines_on(lines, page, LONG_AGENCY + "2026年1月20日")
    assert others, "落款独占一页"

    # no text missing (characters no font on this machine has print as boxes; the PDF names them)
    boxes = missing_everywhere("".join(b.text for b in document_blocks(stress) if isinstance(b, Paragraph)))
    text = "".join(ch for ch in page_check.reading_text(lines) if ch not in boxes)
    for block in document_blocks(stress):
        if isinstance(block, Paragraph):
            expected = "".join(ch for ch in block.text if ch not in boxes and not ch.isspace())
            assert expected in text, block.text[:40]
    if fmt == "pdf" and boxes:
        assert all(ch in result.summary() for ch in boxes)

    # 28 characters on a full line of body text, 22 lines on a page of text (the XLSX's text column is a
    # spreadsheet's, not the page's)
    if fmt != "xlsx":
        counts = Counter(page_check.body_line_lengths(lines))
        assert counts.most_common(1)[0][0] == CHARS_PER_LINE and max(counts) == CHARS_PER_LINE, counts
        per_page = Counter(line.page for line in lines if not page_check.PAGE_NUMBER.match(line.text))
        assert Counter(per_page.values()).most_common(1)[0][0] == LINES_PER_PAGE


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="未安装 poppler-utils（pdftotext）")
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_short_report_puts_the_signature_under_its_text(fmt, tmp_path, lo_profile):
    report = balanced_report()
    pdf, _ = printed(report, fmt, tmp_path, lo_profile)
    lines = page_check.lines(page_check.words(pdf))
    agency_pages, date_pages = page_check.signature_pages(lines, report.agency, "2026年1月20日")
    assert agency_pages == date_pages and len(date_pages) == 1
    agency = next(line for line in reversed(lines) if line.text == report.agency)   # not the title's
    date = next(line for line in lines if line.text == "2026年1月20日")
    # the agency centred over the date (within a character), the date four characters from the right margin
    assert (agency.x0 + agency.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=16)
    assert page_check.RIGHT_MARGIN - date.x1 == pytest.approx(4 * CHAR_PITCH_PT, abs=8)



# ---------------------------------------------------------------- PDF fonts (fast)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="未安装 poppler-utils（pdffonts）")
def test_pdf_names_the_characters_no_face_has_and_tags_its_subsets(tmp_path):
    rare = "𪚥"
    if not missing_everywhere(rare):
        pytest.skip(f"本机有能显示 {rare} 的字体")
    report = balanced_report(agency=f"测试{rare}局")
    result = export(report, tmp_path / "a.pdf", "pdf")
    assert any(rare in w and "U+2A6A5" in w for w in result.warnings)
    assert "U+2A6A5" in result.summary()
    fonts = subprocess.run(["pdffonts", str(tmp_path / "a.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[0][6] == "+" for line in fonts), fonts


def test_pdf_draws_a_rare_character_with_a_face_that_has_it(tmp_path):
    rare = "𠮷"   # Extension B, in Noto CJK
    if missing_everywhere(rare):
        pytest.skip(f"本机没有能显示 {rare} 的字体")
    result = export(balanced_report(agency=f"测试{rare}局"), tmp_path / "a.pdf", "pdf")
    assert not any(rare in w for w in result.warnings)


# ---------------------------------------------------------------- PDF justification (fast)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="未安装 poppler-utils（pdftotext）")
def test_pdf_never_stretches_a_line_glyph_by_glyph_when_its_last_word_cannot_move(tmp_path):
    address = "邮编：223001，电话：0517-83605210，地址：明川市清河区人民路1号。"
    report = balanced_report(preamble="\n".join("办" * k + address for k in range(28)))
    export(report, tmp_path / "a.pdf", "pdf")
    lines = page_check.lines(page_check.words(tmp_path / "a.pdf"))
    checked = 0
    for line in lines:
        text = line.text
        if "223001" not in text and "0517" not in text:
            continue
        checked += 1
        # the width its characters need (a Chinese character one pitch, a figure at most 0.6 of one)
        needed = sum(CHAR_PITCH_PT if ord(ch) > 0x2E7F else 0.6 * CHAR_PITCH_PT for ch in text)
        assert line.x1 - line.x0 < needed + 2 * CHAR_PITCH_PT, (text, line.x1 - line.x0, needed)
    assert checked >= 28


# ---------------------------------------------------------------- every case a clerk meets, printed (slow)


def printed_as_a_chinese_pc(report, fmt: str, tmp_path: Path, lo_profile, mark: str | None = None):
    """The export as a signer gets it on paper: the PDF itself, or the DOCX and XLSX as LibreOffice prints
    them on a PC in Chinese (UOS, Kylin: LibreOffice then substitutes missing faces with Chinese ones).

    The file name is ASCII: this test machine may not have the zh_CN locale, in which LibreOffice then
    cannot open a Chinese path."""
    path = tmp_path / f"report.{fmt}"
    result = export(report, path, fmt, mark=mark)
    if fmt == "pdf":
        return path, result
    outdir = tmp_path / f"pdf-{fmt}"
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
    subprocess.run(["soffice", f"-env:UserInstallation={lo_profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
                   capture_output=True, timeout=300, env=env)
    pdf = outdir / "report.pdf"
    assert pdf.exists(), f"LibreOffice 未能转换 {path.name}"
    return pdf, result


def imported_draft():
    """A real published report read as a draft: no 成文日期 (the importer leaves it for the clerk)."""
    from app.session import workflows
    report = workflows.import_report(shared_path("real-reports", "01_huaian-city-gov-2024.txt")).report
    report.date = None
    return report


CASES = {
    "imported-draft": imported_draft,
    "agency-23": lambda: balanced_report(agency=AGENCY_23, date=None),
    "agency-57": lambda: balanced_report(agency=AGENCY_57),
    "provincial": lambda: provincial_report(agency=AGENCY_23),
    "section-20000": lambda: stress_report(big_numbers=False),
    "forced": lambda: stress_report(long_section=3000),   # 9-digit counts, totals that fail T3-BAL
}


def starts_a_paragraph(text: str, report) -> bool:
    return any(b.text.startswith(text[:6]) for b in document_blocks(report) if isinstance(b, Paragraph))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="未安装 poppler-utils（pdftotext）")
@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
@pytest.mark.parametrize("case", list(CASES))
def test_every_case_prints_ready_to_sign(case, fmt, tmp_path, lo_profile):
    report = CASES[case]()
    mark = "征求意见稿" if case == "forced" else None
    blocks = list(document_blocks(report, mark))
    title = next(b for b in blocks if isinstance(b, Title))
    signature = next(b for b in blocks if isinstance(b, Signature))
    marks = next((b for b in blocks if isinstance(b, Marks)), None)
    pdf, result = printed_as_a_chinese_pc(report, fmt, tmp_path, lo_profile, mark)
    lines = page_check.lines(page_check.words(pdf))
    texts = [(line.page, line.text.replace(" ", "").replace("\u3000", "")) for line in lines]
    last_page = max(page for page, _ in texts)

    # the title's lines as the rule broke them, each whole on the first page
    for expected in title.lines:
        assert (0, expected.replace(" ", "")) in texts, (expected, [t for p, t in texts if p == 0][:8])

    # the 落款 on the last page, its agency lines whole, the date (or the room for it) under them, and text
    # of the report above it on that page
    for expected in signature.agency:
        assert (last_page, expected) in texts, (expected, [t for p, t in texts if p == last_page])
    date = signature.date.replace("\u3000", "")
    assert (last_page, date) in texts
    signature_lines = set(signature.agency) | {date}
    others = [t for p, t in texts if p == last_page and t not in signature_lines
              and not page_check.PAGE_NUMBER.match(t)]
    assert others, "落款独占一页"
    if not signature.dated:
        assert any("成文日期" in w for w in result.warnings)

    # no line starts with closing punctuation, but a paragraph that starts so
    starting = [t for _, t in texts if t and t[0] in "，。、；：？！）》”" and not starts_a_paragraph(t, report)]
    assert not starting, starting[:5]

    # a forced (or draft) export says so on its first page and no other
    if case == "forced":
        assert marks is not None and marks.errors and marks.draft
    if marks is not None:
        first = "".join(t for p, t in texts if p == 0)
        assert all(line.replace(" ", "") in first for line in marks.lines), marks.lines
        assert not any(line.replace(" ", "") in t for p, t in texts if p > 0 for line in marks.lines)
    else:
        assert not any("未通过检查" in t for _, t in texts)

    if fmt == "xlsx":
        # tables one page each (表三 whole, its merged labels uncut), in the official order, the text after
        pages_of = {caption: {p for p, t in texts if t.startswith(heading)} for caption, heading in
                    (("表三", "三、收到和处理政府信息公开申请情况"), ("表四", "四、政府信息公开行政复议"))}
        requests_page, = pages_of["表三"]
        assert any(t.startswith("四、结转下年度继续办理") for p, t in texts if p == requests_page)
        appeals_page, = pages_of["表四"]
        assert requests_page < appeals_page < last_page
        body = Counter(p for p, t in texts if p not in (requests_page, appeals_page))
        if case == "section-20000":
            # pages full: 22 lines and the page number
            assert Counter(body.values()).most_common(1)[0][0] == LINES_PER_PAGE + 1, body


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="未安装 poppler-utils（pdfinfo）")
def test_pdf_and_docx_paginate_alike_at_nine_digit_counts(tmp_path, lo_profile):
    report = stress_report(long_section=2000)
    pages = {fmt: page_check.page_count(printed_as_a_chinese_pc(report, fmt, tmp_path, lo_profile)[0])
             for fmt in ("docx", "pdf")}
    assert pages["docx"] == pages["pdf"], pages
