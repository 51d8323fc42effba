"""PDF (全真版) read with PDFium from characters' positions and ruled lines; no poppler needed.

PDFs are made the way agencies make them: the official Word template filled in with a real report's
numbers and converted by LibreOffice, and our own PDF export; every number is compared.
"""
import copy
import shutil

import pytest

from exporters.docx import write_docx
from importers import SourceError, read_report
from importers.pdf_content import Glyph, Rule
from importers.ruled import RuledTable, build_grid, find_tables
from models.checks import Severity, run_checks
from models.checks.text import compact
from models.form_2021 import FORM_2021
from tests.conftest import shared_path
from tests.export_support import balanced_report, soffice_convert
from tests.importers.test_docx import fill_template

REAL_REPORTS = ["00_weibin-gongxin-2025.txt", "01_huaian-city-gov-2024.txt", "02_hongze-district-gov-2023.txt",
                "03_hongze-district-gov-2024.txt"]


def read_pdf(path):
    """The PDF imported with a PATH that has no pdftotext (nor any other program), as on a Windows office PC."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(path.parent / "no-programs-here"))
        assert shutil.which("pdftotext") is None
        return read_report(path)


def real_report(name):
    return read_report(shared_path("real-reports", name)).report


def same_text(a, b):
    """Equal but for the spaces a PDF puts between Chinese and Latin text ("2025 年")."""
    return compact(a) == compact(b)


def assert_same_text(imported, source):
    assert (imported.agency, imported.year, imported.date) == (source.agency, source.year, source.date)
    assert same_text(imported.preamble, source.preamble)
    for section_id, subs in source.sections.items():
        got = imported.sections[section_id]
        assert [s.heading for s in got] == [s.heading for s in subs]
        assert all(same_text(g.text, s.text) for g, s in zip(got, subs))
        assert [g.text.count("\n") for g in got] == [s.text.count("\n") for s in subs]


def printed_totals(source):
    """What the filled template prints in the total cells: the computed sums, or the report's own."""
    totals = source.totals()
    return {**{d.ref: totals[d.ref] for d in FORM_2021.computed}, **source.stated}


# ---------------------------------------------------------------- tables from ruled lines, without a PDF

def box(text, left, top, width=10.0, size=10.0):
    return Glyph(text, left, left + width, top, top + size)


def h(y, x0, x1):
    return Rule(True, y, x0, x1)


def v(x, y0, y1):
    return Rule(False, x, y0, y1)


def test_a_number_centred_beside_a_wrapped_label_lands_in_its_row():
    # two rows; the first row's label wraps over three lines, its numbers sit in the middle line and its
    # 总计 lower down: text lines would split the row, the borders keep it whole
    rules = [h(0, 0, 300), h(60, 0, 300), h(80, 0, 300), v(0, 0, 80), v(150, 0, 80), v(200, 0, 80),
             v(300, 0, 80), v(300.6, 0, 80)]   # a double right border, drawn twice
    glyphs = [box("部", 5, 2), box("分", 15, 2), box("公", 5, 22), box("开", 15, 22), box("的", 5, 42),
              box("4", 170, 25, 5), box("4", 175, 25, 5), box("7", 180, 25, 5), box("4", 240, 45, 5),
              box("其", 5, 65), box("他", 15, 65), box("1", 170, 65, 5), box("2", 240, 65, 5)]
    tables = find_tables(rules, glyphs)
    assert len(tables) == 1
    grid = build_grid(tables[0])
    assert [[c.text for c in row] for row in grid] == [["部分公开的", "447", "4"], ["其他", "1", "2"]]


def test_merged_cells_share_one_origin():
    # a label cell spanning two rows (no border between them in its column) and a heading spanning two columns
    rules = [h(0, 0, 300), h(20, 0, 300), h(40, 100, 300), h(60, 0, 300),
             v(0, 0, 60), v(100, 0, 60), v(200, 20, 60), v(300, 0, 60)]
    glyphs = [box("合", 140, 5), box("三", 40, 30), box("5", 150, 25, 5), box("6", 250, 45, 5)]
    grid = build_grid(find_tables(rules, glyphs)[0])
    assert grid[0][1].origin == grid[0][2].origin == (0, 1) and grid[0][1].text == "合"
    assert grid[1][0].origin == grid[2][0].origin == (1, 0) and grid[1][0].text == "三"
    assert (grid[1][1].text, grid[2][2].text, grid[1][2].text) == ("5", "6", "")


def test_table_continued_on_next_page_drops_its_repeated_heading():
    first = RuledTable([h(0, 0, 100), h(20, 0, 100), h(40, 0, 100), v(0, 0, 40), v(100, 0, 40)],
                       [box("头", 40, 5), box("甲", 40, 25)])
    continued = RuledTable([h(500, 0, 100), h(520, 0, 100), h(540, 0, 100), v(0, 500, 540), v(100, 500, 540)],
                           [box("头", 40, 505), box("乙", 40, 525)])
    grid = build_grid(first.followed_by(continued))
    assert [row[0].text for row in grid] == ["头", "甲", "乙"]


def two_pages(last_row, first_row):
    """A table whose last row on page 1 and first row on page 2 hold these (label, number) texts."""
    first = RuledTable([h(0, 0, 200), h(20, 0, 200), v(0, 0, 20), v(100, 0, 20), v(200, 0, 20)],
                       [box(t, 10 + 10 * k, 5) for k, t in enumerate(last_row[0])] + [box(last_row[1], 150, 5, 5)])
    second = RuledTable([h(600, 0, 200), h(620, 0, 200), v(0, 600, 620), v(100, 600, 620), v(200, 600, 620)],
                        [box(t, 10 + 10 * k, 605) for k, t in enumerate(first_row[0])]
                        + ([box(first_row[1], 150, 605, 5)] if first_row[1] else []))
    return build_grid(first.followed_by(second))


def test_a_row_broken_by_the_page_is_one_row_again():
    grid = two_pages(("逾期", "6"), ("缴费", ""))
    assert [[c.text for c in row] for row in grid] == [["逾期缴费", "6"]]


def test_two_whole_rows_either_side_of_a_page_break_stay_two():
    grid = two_pages(("规章", "6"), ("文件", "8"))
    assert [[c.text for c in row] for row in grid] == [["规章", "6"], ["文件", "8"]]


def test_an_underline_is_no_border():
    """LibreOffice and browsers draw an underline as a short rule under each line of a label: the label is one
    cell, however many lines it wraps over; a rule as long as its row is a border."""
    rules = [h(0, 0, 300), h(40, 0, 300), v(0, 0, 40), v(200, 0, 40), v(300, 0, 40),
             h(13, 10, 50), h(33, 10, 40), h(13, 240, 250)]     # under each of the label's lines, under the number
    glyphs = [box("部", 10, 2), box("分", 20, 2), box("公", 30, 2), box("开", 40, 2),
              box("情", 10, 22), box("形", 20, 22), box("其", 30, 22), box("4", 240, 2)]
    grid = build_grid(find_tables(rules, glyphs)[0])
    assert [[c.text for c in row] for row in grid] == [["部分公开情形其", "4"]]


def test_a_continuation_left_open_at_the_top_is_joined():
    """A browser draws no rule above a row that goes on from the page before; a single row is enough."""
    first = RuledTable([h(0, 0, 200), h(20, 0, 200), h(40, 0, 200), v(0, 0, 40), v(100, 0, 40), v(200, 0, 40)],
                       [box("甲", 10, 25), box("1", 150, 25, 5)])
    rules = [h(520, 0, 200), v(0, 500, 520), v(100, 500, 520), v(200, 500, 520)]   # no rule at 500
    glyphs = [box("乙", 10, 505), box("2", 150, 505, 5)]
    second, = find_tables(rules, glyphs)
    assert first.continued_by(second)
    grid = build_grid(first.followed_by(second))
    assert [[c.text for c in row] for row in grid][-2:] == [["甲", "1"], ["乙", "2"]]


def test_a_continuation_with_another_left_edge_is_joined():
    """Inside the tall merged label 三、本年度办理结果 the continuation's rules start at column B; the table's
    left side stands alone (no rule meets it): it is the table's all the same, and so are its characters."""
    first = RuledTable([h(0, 0, 300), h(20, 0, 300), h(40, 50, 300), v(0, 0, 40), v(50, 0, 40), v(200, 0, 40),
                        v(300, 0, 40)], [box("三", 10, 5), box("一", 60, 5), box("1", 250, 5, 5),
                                         box("二", 60, 25), box("2", 250, 25, 5)])
    rules = [h(520, 50, 300), h(540, 50, 300), v(0, 500, 540), v(50, 500, 540), v(200, 500, 540),
             v(300, 500, 540)]
    glyphs = [box("结", 10, 505), box("三", 60, 505), box("3", 250, 505, 5), box("四", 60, 525),
              box("4", 250, 525, 5)]
    second, = find_tables(rules, glyphs)
    assert second.left == 0 and box("结", 10, 505) in second.glyphs
    assert first.continued_by(second)
    rows = [[c.text for c in row] for row in build_grid(first.followed_by(second))]
    assert [row[1:] for row in rows] == [["一", "1"], ["二", "2"], ["三", "3"], ["四", "4"]]


def test_tables_of_other_columns_are_not_joined():
    four_columns = RuledTable([h(0, 0, 400), h(20, 0, 400), v(0, 0, 20), v(100, 0, 20), v(250, 0, 20),
                               v(400, 0, 20)], [])
    fifteen = RuledTable([h(500, 0, 380), h(520, 0, 380)] + [v(x, 500, 520) for x in range(0, 381, 25)], [])
    assert not four_columns.continued_by(fifteen)


def test_a_label_hanging_below_the_last_rule_stays_in_its_cell():
    """Chromium goes on printing a merged label's lines below the page's last rule where the page breaks
    the cell: they are the label's, not a paragraph between two parts of the table."""
    rules = [h(0, 0, 200), h(20, 50, 200), h(40, 50, 200), v(0, 0, 40), v(50, 0, 40), v(200, 0, 40)]
    glyphs = [box("三", 10, 25), box("办", 10, 41), box("一", 60, 25), box("1", 150, 25, 5)]
    table, = find_tables(rules, glyphs)
    assert table.holds(box("办", 10, 41))
    grid = build_grid(table)
    assert grid[-1][0].text == "三办"


def test_a_frame_round_the_page_is_no_table():
    frame = [h(20, 20, 580), h(820, 20, 580), v(20, 20, 820), v(580, 20, 820)]
    inner = [h(300, 100, 300), h(320, 100, 300), h(340, 100, 300), v(100, 300, 340), v(200, 300, 340),
             v(300, 300, 340)]
    glyphs = [box("正", 100, 100), box("文", 110, 100), box("表", 150, 305)]
    table, = find_tables(frame + inner, glyphs)
    assert (table.left, table.top, table.glyphs) == (100, 300, [glyphs[2]])


def word_cells_continued():
    """A page's top of a table pasted from Word (each cell its own right and bottom border, borders not
    collapsed), as Chromium prints it: the label columns' lines stop short of the number columns' lines, two
    groups of lines lying over each other, sharing the table's left side and the page's top."""
    labels = [v(0, 0, 55), v(55, 0, 55), v(110, 0, 40), h(39, 55, 110), h(54, 0, 55)]
    numbers = [h(45, 110, 400), h(61, 110, 400), h(77, 55, 400), h(93, 0, 400), v(0, 77, 93)] + \
        [v(x, 0, 93) for x in (250, 325, 400)]
    glyphs = [box("三", 5, 5), box("二", 60, 5), box("1", 260, 48, 5), box("2", 330, 48, 5),
              box("计", 60, 80), box("9", 260, 80, 5)]
    return labels + numbers, glyphs


def test_parts_of_one_table_whose_lines_do_not_meet_are_one_table():
    rules, glyphs = word_cells_continued()
    table, = find_tables(rules, glyphs)
    assert (table.left, table.top, table.right, table.bottom) == (0, 0, 400, 93)
    assert set(table.glyphs) == set(glyphs)


def test_a_table_nested_in_a_cell_stays_a_table_of_its_own():
    outer = [h(y, 0, 300) for y in (0, 100)] + [v(x, 0, 100) for x in (0, 150, 300)]
    inner = [h(y, 180, 270) for y in (20, 40, 60)] + [v(x, 20, 60) for x in (180, 220, 270)]
    glyphs = [box("甲", 10, 40), box("乙", 190, 25), box("1", 240, 45, 5),
              box("表", 180, 5), box("注", 180, 75)]   # a caption above the inner table, a note below it
    tables = find_tables(outer + inner, glyphs)
    assert sorted((t.left, t.top) for t in tables) == [(0, 0), (180, 20)]


def test_lines_that_do_not_meet_are_no_table():
    rules = [h(0, 0, 300), h(700, 0, 300), v(500, 100, 200)]   # a rule under the title, one above a footnote
    assert find_tables(rules, []) == []


def test_borders_drawn_as_thin_filled_rectangles(tmp_path, qapp):
    """Word and WPS draw a table's borders as thin filled rectangles, cell by cell, not as stroked lines.  (Qt's raw
    PDF also names 止 by the Kangxi radical ⽌ that looks the same: it is read as 止.)"""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPdfWriter
    from importers.pdf_content import read_pages
    path = tmp_path / "word.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("Noto Sans CJK SC", 10))
    xs, ys = (60, 200, 300, 400), (100, 130, 180, 210)
    rows = [("信息内容", "本年制发件数", "本年废止件数"), ("规章\n（含跨行标签）", "3", "1"), ("行政规范性文件", "12", "0")]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            painter.drawText(QRectF(xs[c], ys[r], xs[c + 1] - xs[c], ys[r + 1] - ys[r]),
                             Qt.AlignmentFlag.AlignCenter, text)
            painter.fillRect(QRectF(xs[c], ys[r], xs[c + 1] - xs[c], 0.5), QColor("black"))        # top
            painter.fillRect(QRectF(xs[c], ys[r], 0.5, ys[r + 1] - ys[r]), QColor("black"))        # left
    painter.fillRect(QRectF(xs[0], ys[-1], xs[-1] - xs[0], 0.5), QColor("black"))
    painter.fillRect(QRectF(xs[-1], ys[0], 0.5, ys[-1] - ys[0]), QColor("black"))
    painter.end()
    page, = read_pages(path)
    table, = find_tables(page.rules, page.glyphs)
    grid = build_grid(table)
    assert [[c.text for c in row] for row in grid] == [list(rows[0]), ["规章（含跨行标签）", "3", "1"],
                                                       list(rows[2])]


# ---------------------------------------------------------------- our own PDF export

def test_own_pdf_export(tmp_path, qapp):
    from exporters.pdf import write_pdf
    source = balanced_report()
    path = tmp_path / "导出.pdf"
    write_pdf(source, path)
    loaded = read_pdf(path)
    assert loaded.source_format == "pdf"
    assert loaded.report.values == source.values
    assert_same_text(loaded.report, source)
    totals = source.totals()
    assert loaded.report.stated == {ref: totals[ref] for ref in loaded.report.stated}
    assert [f for f in run_checks(loaded.report) if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("name", [REAL_REPORTS[0], *(pytest.param(n, marks=pytest.mark.slow)  # all in the full run
                                                     for n in REAL_REPORTS[1:])])
def test_own_pdf_export_of_a_real_report(tmp_path, qapp, name):
    """Table 三 runs over two pages with its heading repeated: joined again, every number in its cell."""
    from exporters.pdf import write_pdf
    source = real_report(name)
    path = tmp_path / "导出.pdf"
    write_pdf(source, path)
    loaded = read_pdf(path)
    assert loaded.report.values == source.values
    totals = source.totals()
    assert loaded.report.stated == {d.ref: totals[d.ref] for d in FORM_2021.computed}
    assert [n.message for n in loaded.notes if n.severity is not Severity.INFO] == []
    assert_same_text(loaded.report, source)


# ---------------------------------------------------------------- the official template, printed by LibreOffice

@pytest.mark.slow
@pytest.mark.parametrize("name", REAL_REPORTS)
def test_official_template_filled_in_and_saved_as_pdf(tmp_path, lo_profile, name):
    """The way agencies make their PDF: labels wrap over two or three lines, numbers are centred in their
    cells, table 三 breaks across a page; every one of the 156 numbers and the printed totals read back."""
    source = real_report(name)
    document = fill_template(source, tmp_path / "报告.docx", printed=source.stated)
    pdf, = soffice_convert(document, tmp_path / "pdf", "pdf", lo_profile)
    loaded = read_pdf(pdf)
    assert loaded.report.values == source.values
    assert loaded.report.stated == printed_totals(source)
    assert [n.message for n in loaded.notes if n.severity is not Severity.INFO] == []
    assert_same_text(loaded.report, source)


@pytest.mark.slow
def test_rows_broken_across_pages(tmp_path, lo_profile):
    """Word's tables let a row break over two pages; as the text before table 三 grows, the page break moves
    through it, cutting the three-line rows of （六） and the like in two: every number still lands in its cell."""
    from models.report import Subsection
    source = real_report("01_huaian-city-gov-2024.txt")
    documents = []
    for extra in range(12, 26):
        lines = "\n".join(f"补充说明第{i}行。" for i in range(extra))
        overview = [Subsection(s.heading, s.text) for s in source.sections["overview"]]
        overview[0] = Subsection(overview[0].heading, f"{overview[0].text}\n{lines}")
        variant = copy.deepcopy(source)
        variant.sections["overview"] = overview
        documents.append(fill_template(variant, tmp_path / f"报告{extra:02d}.docx", printed=source.stated))
    for document in documents:
        pdf, = soffice_convert(document, tmp_path / document.stem, "pdf", lo_profile)
        loaded = read_pdf(pdf)
        assert loaded.report.values == source.values, document.name
        assert [n.message for n in loaded.notes if n.severity is not Severity.INFO] == [], document.name


@pytest.mark.slow
def test_tables_without_borders_are_read_by_alignment(tmp_path, lo_profile):
    """No ruled lines: the columns come from the alignment; a number the layout cannot place for certain
    stays blank and is named, never put in another cell."""
    import docx
    from docx.oxml.ns import qn
    source = real_report("01_huaian-city-gov-2024.txt")
    path = fill_template(source, tmp_path / "无框线.docx", printed=source.stated)
    document = docx.Document(str(path))
    for table in document.tables:
        for borders in list(table._tbl.iter(qn("w:tblBorders"))) + list(table._tbl.iter(qn("w:tcBorders"))):
            borders.getparent().remove(borders)
        none = table._tbl.tblPr.makeelement(qn("w:tblBorders"), {})
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            none.append(none.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
        table._tbl.tblPr.append(none)
    document.save(str(path))
    pdf, = soffice_convert(path, tmp_path / "pdf", "pdf", lo_profile)
    loaded = read_pdf(pdf)
    messages = [n.message for n in loaded.notes]
    assert "表三没有表格框线，按文字的对齐位置读取" in messages
    values = loaded.report.values
    assert all(values[ref] == source.values[ref] for ref in values)
    assert len(values) >= 0.9 * len(source.values)
    assert_same_text(loaded.report, source)


@pytest.mark.slow
def test_word_document_printed_to_pdf(tmp_path, lo_profile):
    source = balanced_report()
    path = tmp_path / "报告.docx"
    write_docx(source, path)
    pdf, = soffice_convert(path, tmp_path / "pdf", "pdf", lo_profile)
    loaded = read_pdf(pdf)
    assert loaded.report.values == source.values
    assert_same_text(loaded.report, source)


# ---------------------------------------------------------------- files that are no report

def test_corrupted_pdf(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(SourceError, match="PDF"):
        read_pdf(path)


def encrypted_pdf() -> bytes:
    """A PDF that asks for a user password (its check value matches no password, the empty one included)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> "
            b"<0123456789abcdef0123456789abcdef>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return bytes(out)


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "加密.pdf"
    path.write_bytes(encrypted_pdf())
    with pytest.raises(SourceError, match="密码"):
        read_pdf(path)


def test_pdf_without_text_is_refused_with_a_reason(tmp_path, qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter
    path = tmp_path / "扫描件.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawRect(QRectF(100, 100, 2000, 1000))
    painter.end()
    with pytest.raises(SourceError, match="没有可提取的文字"):
        read_pdf(path)
