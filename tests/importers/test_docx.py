"""Word documents: the official template filled in by hand (with python-docx, as a clerk would type), and
our own DOCX export read back."""
import copy

import docx
import pytest
from docx.oxml.ns import qn

from exporters.docx import write_docx
from importers import read_report
from models import draft
from models.checks import Severity, run_checks
from models.form import CellRef
from models.form_2021 import FORM_2021
from models.numbers import format_value
from models.report import Report, Subsection
from tests.conftest import EXAMPLES, shared_path
from tests.report_html import signature

REQ = lambda key: CellRef("requests", key)  # noqa: E731


def add_paragraphs_after(paragraph, lines):
    """New paragraphs after ``paragraph``, in the same style, as pressing Enter and typing would give."""
    anchor = paragraph._p
    for line in lines:
        new = copy.deepcopy(paragraph._p)
        for run in new.findall(qn("w:r")):
            new.remove(run)
        anchor.addnext(new)
        anchor = new
        docx.text.paragraph.Paragraph(new, paragraph._parent).add_run(line)


def fill_template(report: Report, path, *, printed=None, typed=None):
    """The official template filled in: title, text in place of the placeholders, every number typed into
    the cell where the printed form has it (totals too, as the clerk adds them up)."""
    document = docx.Document(str(shared_path("templates", "official-template.docx")))
    paragraphs = document.paragraphs
    title = next(p for p in paragraphs if p.text == "政府信息公开工作年度报告格式模板")
    title.text = report.agency
    add_paragraphs_after(title, [f"{report.year}年政府信息公开工作年度报告", *report.preamble.splitlines()])
    placeholders = [p for p in document.paragraphs if p.text.startswith("（文字描述")]
    for paragraph, section_id in zip(placeholders, ("overview", "problems", "other")):
        lines = report.section_text(section_id).splitlines()
        if section_id == "other":
            lines += signature(report)   # the 落款 closes the text: agency, then date
        paragraph.text = lines[0]
        add_paragraphs_after(paragraph, lines[1:])
    totals = report.totals()
    printed = printed or {}
    typed = typed or {}
    for table, definition in zip(document.tables, FORM_2021.tables):
        for cell in definition.cells:
            if cell.ref is None:
                continue
            value = printed.get(cell.ref, totals.get(cell.ref) if cell.ref in totals else report.values.get(cell.ref))
            table.cell(cell.row, cell.col).text = typed.get(cell.ref, format_value(value))
    document.save(str(path))
    return path


@pytest.fixture
def huaian():
    """Real report 01, signed as a clerk signs the template (the published text prints no 落款)."""
    report = read_report(shared_path("real-reports", "01_huaian-city-gov-2024.txt")).report
    report.date = "2025-01-20"
    return report


@pytest.mark.slow
def test_template_filled_by_hand_reads_back(tmp_path, huaian):
    path = fill_template(huaian, tmp_path / "手工填写.docx", printed=huaian.stated)
    loaded = read_report(path)
    report = loaded.report
    assert loaded.source_format == "docx"
    assert (report.agency, report.year, report.date) == ("淮安市人民政府", 2024, "2025-01-20")
    assert report.preamble == huaian.preamble
    assert report.values == huaian.values
    assert report.stated == {**{d.ref: v for d, v in ((d, huaian.totals()[d.ref]) for d in FORM_2021.computed)},
                             **huaian.stated}
    assert report.section_text("overview") == huaian.section_text("overview")
    assert [f for f in run_checks(report) if f.severity is not Severity.INFO] == []


@pytest.mark.slow
def test_template_with_clerks_deviations(tmp_path):
    """Full-width digits, a thousands separator, a blank cell, 0 typed as "—", a printed total that is wrong,
    and a label the clerk shortened."""
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    new_person = source.values[REQ("new.natural_person")]
    dash = next(d.ref for d in FORM_2021.table("appeals").inputs if source.values[d.ref] == 0)
    typed = {
        REQ("new.natural_person"): str(new_person).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        CellRef("active", "licensing"): f"{source.values[CellRef('active', 'licensing')]:,}",
        REQ("carried_over.research"): "",
        dash: "—",
        CellRef("appeals", "review.total"): "99",
    }
    path = fill_template(source, tmp_path / "偏差.docx", typed=typed)
    document = docx.Document(str(path))
    label = document.tables[0].cell(3, 0)
    label.text = "规范性文件"
    document.save(str(path))

    loaded = read_report(path)
    report = loaded.report
    assert report.values[REQ("new.natural_person")] == new_person
    assert report.values[CellRef("active", "licensing")] == source.values[CellRef("active", "licensing")]
    assert REQ("carried_over.research") not in report.values
    assert dash not in report.values
    assert report.values[CellRef("active", "normative.in_force")] == source.values[CellRef("active", "normative.in_force")]
    warnings = [n.message for n in loaded.notes if n.severity is Severity.WARNING]
    assert any("行政规范性文件" in m and "规范性文件" in m for m in warnings)
    findings = run_checks(report)
    assert [f.rule for f in findings if f.severity is Severity.ERROR] == ["T4-TOT"]
    assert any(f.rule == "BLANK" for f in findings)


@pytest.mark.slow
def test_table_three_without_its_total_column(tmp_path, huaian):
    """A hand-made table 三 whose clerk deleted the 总计 column: columns are found by their headings."""
    path = fill_template(huaian, tmp_path / "无总计列.docx", printed=huaian.stated)
    document = docx.Document(str(path))
    tbl = document.tables[1]._tbl
    rows = tbl.findall(qn("w:tr"))
    span = rows[0].findall(qn("w:tc"))[-1].find(qn("w:tcPr")).find(qn("w:gridSpan"))
    span.set(qn("w:val"), "6")
    for tr in rows[1:]:
        tr.remove(tr.findall(qn("w:tc"))[-1])
    grid = tbl.find(qn("w:tblGrid"))
    grid.remove(grid.findall(qn("w:gridCol"))[-1])
    document.save(str(path))

    report = read_report(path).report
    assert report.values == huaian.values
    assert REQ("new.total") not in report.stated and report.stated[REQ("total.natural_person")] == 2932


def test_unfilled_template_is_read_as_blank_with_notes(tmp_path):
    loaded = read_report(shared_path("templates", "official-template.docx"))
    report = loaded.report
    assert report.values == {} and report.stated == {}
    messages = [n.message for n in loaded.notes]
    assert any("占位文字" in m for m in messages)
    assert any("没有机关名称" in m for m in messages) and any("没有找到报告年度" in m for m in messages)
    assert any(f.rule == "BLANK" for f in run_checks(report))


# ---------------------------------------------------------------- our own export

@pytest.mark.parametrize("name", ["qinghe-scjg-2024.json", "qinghe-scjg-2025.json", "weibin-gongxin-2025.json"])
def test_own_export_round_trip(tmp_path, name):
    source = draft.load(EXAMPLES / name)
    source.prior = None
    path = tmp_path / "导出.docx"
    write_docx(source, path)
    loaded = read_report(path)
    assert loaded.source_format == "docx"
    assert loaded.report == source
    assert loaded.report.stated == {}
    assert [n for n in loaded.notes if n.severity is Severity.WARNING] == []


@pytest.mark.parametrize("name", ["02_hongze-district-gov-2023.txt",   # one in the quick run, all in the full run
                                  *(pytest.param(n, marks=pytest.mark.slow)
                                    for n in ("00_weibin-gongxin-2025.txt", "01_huaian-city-gov-2024.txt"))])
def test_own_export_of_an_imported_report_round_trip(tmp_path, name):
    source = read_report(shared_path("real-reports", name)).report
    source.stated = {}
    source.date = f"{source.year + 1}-01-20"   # a 成文日期 plausible for the report's year (models.dates)
    path = tmp_path / "导出.docx"
    write_docx(source, path)
    assert read_report(path).report == source


def test_own_export_edited_by_hand_keeps_the_disagreeing_total(tmp_path):
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    path = tmp_path / "改过.docx"
    write_docx(source, path)
    document = docx.Document(str(path))
    table = document.tables[2]
    row, col = FORM_2021.table("appeals").position(CellRef("appeals", "review.total"))
    table.cell(row, col).text = "77"
    document.save(str(path))
    loaded = read_report(path)
    assert loaded.report.stated == {CellRef("appeals", "review.total"): 77}
    assert any("改动" in n.message for n in loaded.notes)
    assert [f.rule for f in run_checks(loaded.report) if f.severity is Severity.ERROR] == ["T4-TOT"]


def test_paragraph_with_line_breaks_and_tracked_deletion(tmp_path):
    """A manual line break (Shift+Enter) separates paragraphs; deleted text of tracked changes is not read."""
    document = docx.Document()
    document.add_paragraph("某某局")
    document.add_paragraph("2025年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    paragraph = document.add_paragraph("第一段。")
    paragraph.add_run().add_break()
    paragraph.add_run("第二段。")
    deleted = paragraph._p.makeelement(qn("w:del"), {})
    run = deleted.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:delText"), {})
    text.text = "删掉的话"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    path = tmp_path / "换行.docx"
    document.save(str(path))
    report = read_report(path).report
    assert report.sections["overview"] == [Subsection("", "第一段。\n第二段。")]


@pytest.mark.slow
def test_a_row_with_a_cell_merged_away_is_not_guessed(tmp_path):
    """A clerk merged two number cells of "规章": which two of the three numbers remain cannot be told."""
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    path = fill_template(source, tmp_path / "合并.docx")
    document = docx.Document(str(path))
    table = document.tables[0]
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = str(source.values[CellRef("active", "rules.issued")])
    document.save(str(path))
    loaded = read_report(path)
    assert not any(CellRef("active", f"rules.{k}") in loaded.report.values for k in ("issued", "repealed", "in_force"))
    assert any("“规章”一行印有 2 个数" in n.message and "留空" in n.message for n in loaded.notes)
    assert loaded.report.values[CellRef("active", "normative.issued")] == source.values[CellRef("active", "normative.issued")]
