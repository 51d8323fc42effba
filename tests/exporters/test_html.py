"""The web page (网页): its structure, accessible tables, the fragment for a site's editor, and reading it back.

Pages are parsed with html5lib in strict mode (the HTML5 parsing algorithm, failing on any parse error);
the full validation (Nu Html Checker), the rendering and the accessibility checker run in
``test_html_browser.py``.
"""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import html5lib
import pytest

from app.session.workflows import import_report
from exporters import FORMATS, ExportError, export
from exporters.common import table_block
from exporters.common import UNDATED
from exporters.html import fragment_html, page_html, plain_text, write_html
from importers import read_report
from models import draft
from models.checks import Severity, run_checks
from models.form import CellRef, Role
from models.form_2021 import FORM_2021
from models.numbers import MAX_COUNT
from models.report import Report
from tests.conftest import EXAMPLES, ROOT
from tests.export_support import balanced_report, unbalanced, unbalanced_report
from tests.exporters.stress import LONG_AGENCY, stress_report

EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))


def example(name: str) -> Report:
    report = draft.load(EXAMPLES / name)
    report.prior = None   # a page carries this year's report only
    return report


def parse(markup: str) -> ET.Element:
    """The document as the HTML5 parsing algorithm builds it; any parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(markup)


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def written(tmp_path, report: Report, name: str = "报告.html"):
    path = tmp_path / name
    write_html(report, path)
    return path


@pytest.fixture(scope="module")
def page() -> ET.Element:
    return parse(page_html(example("qinghe-scjg-2025.json")))


# ---------------------------------------------------------------- the file

def test_registered_as_网页_and_written_through_the_registry(tmp_path):
    fmt = FORMATS["html"]
    assert (fmt.name, fmt.suffix, fmt.file_filter) == ("网页", ".html", "网页 (*.html)")
    result = export(example("qinghe-scjg-2025.json"), tmp_path / "报告.html", "html")
    assert result.summary().startswith("已导出 网页：") and result.warnings == []
    data = (tmp_path / "报告.html").read_bytes()
    assert data.startswith(b"<!DOCTYPE html>\n") and "明川市清河区市场监督管理局".encode() in data


def test_one_utf8_page_in_chinese_with_the_report_as_its_title(page):
    assert page.get("lang") == "zh-CN"
    head = page.find("head")
    assert head.find("meta[@charset]").get("charset") == "utf-8"
    assert "width=device-width" in head.find("meta[@name='viewport']").get("content")
    assert head.find("title").text == "明川市清河区市场监督管理局2025年政府信息公开工作年度报告"
    [h1] = page.iter("h1")
    assert [t.strip() for t in h1.itertext()] == ["明川市清河区市场监督管理局", "2025年政府信息公开工作年度报告"]
    # self-contained: nothing loaded from elsewhere, no script
    assert not [e for e in page.iter() if e.tag in ("script", "link", "img", "iframe")]


def test_sections_and_sub_heads_are_real_headings_in_order(page):
    report = example("qinghe-scjg-2025.json")
    assert [text(h) for h in page.iter("h2")] == [s.title for s in FORM_2021.sections]
    expected = [heading for s in FORM_2021.narrative_sections for heading, _ in report.numbered_subsections(s.id)
                if heading]
    assert [text(h) for h in page.iter("h3")] == expected
    assert len(list(page.iter("h1"))) == 1


def test_one_small_style_sheet_no_inline_styles_fonts_or_word_styles():
    markup = page_html(example("weibin-gongxin-2025.json"))
    document = parse(markup)
    [style] = document.iter("style")
    assert len(style.text) < 4000
    assert not [e.tag for e in document.iter() if "style" in e.attrib or e.tag == "font"]
    for word in ("mso-", "font-family", "MsoNormal", "<o:p>", "仿宋", "宋体"):
        assert word not in markup
    sheet = re.sub(r"\s+", " ", style.text)
    assert "@media print" in sheet and "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in sheet
    assert ".num { text-align: right; white-space: nowrap;" in sheet


# ---------------------------------------------------------------- tables

def html_grid(table: ET.Element) -> dict[tuple[int, int], tuple[int, int, str, str]]:
    """(row, col) of each cell's top-left corner → (rowspan, colspan, tag, text), placed as browsers place
    cells: each in the first position of its row not taken by a cell spanning down from above."""
    taken: set[tuple[int, int]] = set()
    cells = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            cells[(r, c)] = (rowspan, colspan, cell.tag, text(cell))
            taken |= {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)}
            c += colspan
    return cells


def tables_of(document: ET.Element) -> list[ET.Element]:
    return list(document.iter("table"))


@pytest.mark.parametrize("index", range(3))
def test_tables_keep_the_forms_merges_labels_and_numbers(page, index):
    definition = FORM_2021.tables[index]
    block = table_block(example("qinghe-scjg-2025.json"), definition)
    expected = {(c.row, c.col): (c.rowspan, c.colspan, block.text_of(c)) for c in definition.cells}
    got = {position: (rowspan, colspan, content) for position, (rowspan, colspan, _, content)
           in html_grid(tables_of(page)[index]).items()}
    assert got == expected


def test_each_table_has_a_caption_and_scrolls_in_a_named_box(page):
    for table, definition in zip(tables_of(page), FORM_2021.tables):
        caption = text(table.find("caption"))
        assert caption.startswith(definition.caption)
        assert caption.split("\u3000")[1] in FORM_2021.section(definition.section).title
    boxes = [e for e in page.iter("div") if e.get("class") == "table-box"]
    assert len(boxes) == 3
    for box, table in zip(boxes, tables_of(page)):
        assert box.get("role") == "region" and box.get("tabindex") == "0"
        assert box.get("aria-label") == text(table.find("caption"))


def spoken(table: ET.Element) -> dict[tuple[int, int], str]:
    """What a screen reader says at each number: its headers (``headers`` ids), outermost first, and the
    number."""
    by_id = {th.get("id"): text(th) for th in table.iter("th")}
    result, cells = {}, {}
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            cells[(r, c)] = cell
            taken |= {(r + dr, c + dc) for dr in range(int(cell.get("rowspan", 1)))
                      for dc in range(int(cell.get("colspan", 1)))}
            c += int(cell.get("colspan", 1))
    for position, cell in cells.items():
        if cell.tag == "td" and cell.get("headers"):
            result[position] = " · ".join([by_id[i] for i in cell.get("headers").split()] + [text(cell)])
    return result


def test_a_screen_reader_names_every_number_by_its_headers(page):
    report = example("qinghe-scjg-2025.json")
    totals = report.totals()

    def says(table_id, key):
        definition = FORM_2021.table(table_id)
        index = FORM_2021.tables.index(definition)
        ref = CellRef(table_id, key)
        return spoken(tables_of(page)[index])[definition.position(ref)], str(report.get(ref) if ref not in totals
                                                                              else totals[ref])

    said, value = says("appeals", "review.corrected")
    assert said == f"行政复议 · 结果纠正 · {value}" and value == "1"
    said, value = says("appeals", "litigation_after_review.total")
    assert said == f"行政诉讼 · 复议后起诉 · 总计 · {value}"
    said, value = says("requests", "denied_state_secret.commercial")
    assert said == f"申请人情况 · 法人或其他组织 · 商业企业 · 三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密 · {value}"
    said, value = says("requests", "new.natural_person")
    assert said == f"申请人情况 · 自然人 · 一、本年新收政府信息公开申请数量 · {value}"
    said, value = says("active", "enforcement")
    assert said == f"第二十条第（六）项 · 本年处理决定数量 · 行政强制 · {value}"
    said, value = says("active", "normative.repealed")
    assert said == f"第二十条第（一）项 · 本年废止件数 · 行政规范性文件 · {value}"


def test_headers_are_th_with_scope_numbers_are_td_naming_them(page):
    for table, definition in zip(tables_of(page), FORM_2021.tables):
        ths = {th.get("id"): th for th in table.iter("th")}
        referenced = set()
        numbers = [td for td in table.iter("td") if "num" in td.get("class", "")]
        assert len(numbers) == sum(1 for c in definition.cells if c.role is not Role.LABEL)
        for td in numbers:
            ids = td.get("headers").split()
            assert ids and set(ids) <= set(ths)
            referenced |= set(ids)
        assert referenced == set(ths)          # every header heads some number
        assert {th.get("scope") for th in ths.values()} <= {"col", "row"}
        # the labels that head nothing (table 三's corner note, 信息内容 over table 二's labels) are plain cells
        plain = [text(td) for td in table.iter("td") if "num" not in td.get("class", "")]
        assert all(not re.fullmatch(r"[0-9.]*", t) for t in plain)


def test_header_rows_form_the_thead_so_print_repeats_them(page):
    for table, definition in zip(tables_of(page), FORM_2021.tables):
        head = table.find("thead")
        if definition.header_rows:
            assert len(head.findall("tr")) == definition.header_rows
        else:
            assert head is None


def test_numbers_right_aligned_and_whole(tmp_path):
    report = stress_report(long_section=100)
    document = parse(page_html(report))
    numbers = [td for td in document.iter("td") if "num" in td.get("class", "")]
    fees = [text(td) for td in numbers if "." in text(td)]
    assert fees == ["123456.789012"]
    assert str(MAX_COUNT) in {text(td) for td in numbers}
    assert all(re.fullmatch(r"[0-9]+(\.[0-9]+)?|", text(td)) for td in numbers)   # no separators, no units


def test_blank_cells_stay_blank(tmp_path):
    report = balanced_report()
    report.set(CellRef("requests", "carried_over.research"), None)
    report.set(CellRef("active", "fees"), None)
    document = parse(page_html(report))
    table = tables_of(document)[1]
    grid = html_grid(table)
    row, col = FORM_2021.table("requests").position(CellRef("requests", "carried_over.research"))
    assert grid[(row, col)][3] == ""
    row, col = FORM_2021.table("active").position(CellRef("active", "fees"))
    assert html_grid(tables_of(document)[0])[(row, col)][3] == ""


# ---------------------------------------------------------------- the 落款

def signature_lines(document: ET.Element) -> list[str]:
    main = next(document.iter("main"))
    return [text(p) for p in list(main)[-1].iter("p")]


def test_the_落款_ends_the_page_agency_over_date(page):
    assert signature_lines(page) == ["明川市清河区市场监督管理局", "2026年1月25日"]


def test_a_missing_date_or_agency_leaves_its_place_as_the_other_files_do():
    """``signature_block``'s 落款: an undated one prints ``UNDATED`` as the DOCX, XLSX and PDF do; a missing
    agency keeps its line free (a rule to write on, no text for a screen reader to spell out)."""
    report = balanced_report(date=None)
    assert signature_lines(parse(page_html(report))) == [report.agency, UNDATED]
    report = balanced_report(agency="", date=None)
    document = parse(page_html(report))
    assert signature_lines(document) == ["", UNDATED]
    [free] = [p for p in next(document.iter("main"))[-1].iter("p") if not text(p)]
    assert free.get("class") == "write-in"
    assert "border-bottom:1px solid" in fragment_html(report)
    assert plain_text(report).endswith(f"\n\n{UNDATED}\n")


def test_text_is_escaped_and_characters_html_forbids_dropped():
    report = balanced_report(agency="<script>alert(1)</script>局", preamble="A & B <b>不是标签</b>\x0c第二段\x01")
    markup = page_html(report)
    document = parse(markup)
    assert "<script>" not in markup and not list(document.iter("script")) and not list(document.iter("b"))
    paragraphs = [text(p) for p in next(document.iter("main")).findall("p")]
    assert paragraphs[:2] == ["A & B <b>不是标签</b>", "第二段"]


# ---------------------------------------------------------------- the marks of a forced or draft export

def notice(document: ET.Element) -> ET.Element | None:
    return next((e for e in document.iter() if e.get("role") == "note"), None)


def meta(document: ET.Element) -> dict[str, str]:
    return {m.get("name"): m.get("content") for m in document.find("head").iter("meta") if m.get("name")}


@pytest.mark.parametrize("mark", [None, "征求意见稿"])
def test_a_forced_page_says_so_above_its_title_and_in_its_metadata(mark):
    report = unbalanced_report()
    errors = sum(1 for f in run_checks(report) if f.severity is Severity.ERROR)
    assert errors >= 1
    document = parse(page_html(report, mark))
    main = next(document.iter("main"))
    first, second = list(main)[:2]
    assert first is notice(document) and second.tag == "h1"    # the notice first, before the title
    lines = [f"未通过检查：{errors} 处错误", *([mark] if mark else [])]
    assert [text(p) for p in first.iter("p")] == lines          # in words, the other files' lines
    assert first.get("aria-label") == "文稿性质" and first.get("class") == "marks"
    assert meta(document)["gkbg-check-errors"] == str(errors)
    assert meta(document)["gkbg-mark"] == "；".join(lines)
    sheet = re.sub(r"\s+", " ", next(document.iter("style")).text)
    assert ".marks { border: 2px solid #000;" in sheet      # framed: not colour alone, and framed on paper too
    assert ".marks { break-after: avoid; }" in sheet           # printed with the title under it


def test_a_chosen_mark_alone_and_a_clean_page():
    document = parse(page_html(balanced_report(), "草稿"))
    assert [text(p) for p in notice(document).iter("p")] == ["草稿"]
    assert [p.get("class") for p in notice(document).iter("p")] == ["mark"]   # the error colour only on errors
    assert (meta(document)["gkbg-check-errors"], meta(document)["gkbg-mark"]) == ("0", "草稿")
    clean = parse(page_html(balanced_report()))
    assert notice(clean) is None and "gkbg-mark" not in meta(clean) and meta(clean)["gkbg-check-errors"] == "0"
    with pytest.raises(ExportError):
        page_html(balanced_report(), "定稿")


def test_the_registry_passes_the_mark_to_the_page(tmp_path):
    export(unbalanced_report(), tmp_path / "a.html", "html", mark="草稿")
    document = parse((tmp_path / "a.html").read_text(encoding="utf-8"))
    assert [text(p) for p in notice(document).iter("p")][1:] == ["草稿"]


def test_the_fragment_and_its_plain_text_carry_the_notice():
    """A draft pasted into a site's editor is marked for whoever reviews it there; a clean one is not."""
    report = unbalanced_report()
    fragment = fragment_html(report, "征求意见稿")
    document = parse(f"<!DOCTYPE html><html lang=zh-CN><title>t</title><body>{fragment}</body></html>")
    box = notice(document)
    assert box is not None and list(next(document.iter("body"))[0])[0] is box   # before the title
    assert "border:2px solid #000" in box.get("style") and "font-size" not in box.get("style")
    assert [text(p) for p in box.iter("p")][1:] == ["征求意见稿"]
    assert plain_text(report, "征求意见稿").splitlines()[:2] == [text(p) for p in box.iter("p")]
    assert 'role="note"' not in fragment_html(balanced_report())
    assert plain_text(balanced_report()).startswith("测试市测试区人民政府办公室\n")


MARKINGS = {"forced": (True, None), "forced-征求意见稿": (True, "征求意见稿"), "草稿": (False, "草稿")}
# each example with one marking in the quick run (every marking met), every pairing in the full run
MARKED = [pytest.param(name, marking, marks=() if j == i % len(MARKINGS) else pytest.mark.slow)
          for i, name in enumerate(EXAMPLE_NAMES) for j, marking in enumerate(MARKINGS)]


def marked(name: str, marking: str) -> tuple[Report, str | None]:
    forced, mark = MARKINGS[marking]
    report = example(name)
    return (unbalanced(report) if forced else report), mark


# ---------------------------------------------------------------- reading the page back

def assert_same_draft(loaded, source: Report, *, allowed_warnings=()):
    assert loaded.report == source
    assert loaded.report.stated == {}
    warnings = [n.message for n in loaded.notes if n.severity is not Severity.INFO]
    assert [m for m in warnings if not any(re.search(a, m) for a in allowed_warnings)] == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_reads_back_as_the_same_draft(tmp_path, name):
    source = example(name)
    loaded = read_report(written(tmp_path, source))
    assert loaded.source_format == "html"
    assert_same_draft(loaded, source)
    assert any("本程序导出的网页" in n.message for n in loaded.notes)


@pytest.mark.parametrize("name, marking", MARKED)
def test_every_example_marked_reads_back_as_the_same_draft(tmp_path, name, marking):
    """The notice is no part of the report: a marked page reads back as exactly the draft exported."""
    source, mark = marked(name, marking)
    path = tmp_path / "报告.html"
    write_html(source, path, mark=mark)
    assert ("未通过检查" in path.read_text(encoding="utf-8")) == MARKINGS[marking][0]
    assert_same_draft(read_report(path), source)


@pytest.mark.parametrize("options", [{}, {"big_numbers": False}, {"sub_heads": 20, "long_section": 2000}],
                         ids=["nine-digit-counts", "small-numbers", "twenty-sub-heads"])
def test_stress_drafts_read_back_as_the_same_draft(tmp_path, options):
    source = stress_report(**options)
    loaded = read_report(written(tmp_path, source))
    assert loaded.report.agency == LONG_AGENCY
    # nine-digit counts add up to totals beyond a count's limit: the page prints them, the import says so
    assert_same_draft(loaded, source, allowed_warnings=(r"^表[三四].*总计.*数值过大",))


def test_totals_beyond_a_counts_limit_are_the_only_remark(tmp_path):
    source = stress_report(every_number_huge=True, long_section=100)
    loaded = read_report(written(tmp_path, source))
    assert loaded.report == source
    beyond = [ref for ref, total in source.totals().items() if total is not None and total > MAX_COUNT]
    warnings = [n for n in loaded.notes if n.severity is Severity.WARNING]
    assert len(warnings) == len(beyond) and all("数值过大" in n.message for n in warnings)


@pytest.mark.parametrize("mark", [None, "草稿"])
def test_without_date_or_agency_the_blank_places_are_not_read_as_text(tmp_path, mark):
    source = balanced_report(date=None)
    write_html(source, tmp_path / "a.html", mark=mark)
    assert_same_draft(read_report(tmp_path / "a.html"), source)
    for date in (None, "2026-01-20"):
        source = balanced_report(agency="", date=date)
        write_html(source, tmp_path / "b.html", mark=mark)
        loaded = read_report(tmp_path / "b.html")
        assert loaded.report == source
        # the mark over a title without an agency is not taken for one
        assert [n.message for n in loaded.notes if n.severity is Severity.WARNING] == [
            "报告标题“2025年政府信息公开工作年度报告”中没有机关名称，机关名称留空"]


def test_a_total_changed_after_the_export_is_kept_as_printed(tmp_path):
    source = example("qinghe-scjg-2025.json")
    total = source.totals()[CellRef("appeals", "review.total")]
    markup = page_html(source)
    # the 行政复议 总计 cell is the fifth number of table 四's one body row
    row = markup.split('id="gkbg-appeals"')[1].split("<tbody>")[1]
    cells = re.findall(r'<td class="num" headers="[^"]*">[0-9]*</td>', row)
    edited = cells[4].replace(f">{total}<", ">77<")
    path = tmp_path / "改过.html"
    path.write_text(markup.replace(row, row.replace(cells[4], edited)), encoding="utf-8")
    loaded = read_report(path)
    assert loaded.report.stated == {CellRef("appeals", "review.total"): 77}
    assert any("改动" in n.message for n in loaded.notes)


# ---------------------------------------------------------------- the fragment for a site's editor

CMS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政府信息公开年报_某某市人民政府门户网站</title>
<style>body {{ font-size: 16px; }} .nav a {{ color: #036; }}</style></head>
<body>
<header><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div></header>
<main>
<table class="layout" width="100%" role="presentation"><tr><td class="side">
<ul><li><a href="/zwgk/nb">政府信息公开年报</a></li><li><a href="/zwgk/zn">政府信息公开指南</a></li></ul>
</td><td class="article">
<h1 class="article-title">{title}</h1>
<p class="meta">发布时间：2026-01-28 来源：{agency} 浏览次数：128</p>
<div class="TRS_Editor">{fragment}</div>
<p class="tools">【打印本页】【关闭窗口】</p>
</td></tr></table>
</main>
<footer><p>主办单位：某某市人民政府办公室 网站标识码：3208000001 一、总体情况</p></footer>
</body></html>
"""


def published(report: Report, fragment: str) -> str:
    title = "".join(report.title_lines)
    return CMS_PAGE.format(title=title, agency=report.agency, fragment=fragment)


def stripped(fragment: str) -> str:
    """The fragment after an editor that keeps only the tags, spans and a few attributes (class, style, id,
    data- and ARIA attributes removed)."""
    return re.sub(r'\s(?:class|style|id|data-[a-z-]+|aria-[a-z]+|role|tabindex|headers|scope)="[^"]*"', "", fragment)


def test_the_fragment_is_body_markup_with_its_style_inlined():
    fragment = fragment_html(example("qinghe-scjg-2025.json"))
    for tag in ("<html", "<head", "<body", "<style", "<main", "<script", "class="):
        assert tag not in fragment
    document = parse(f"<!DOCTYPE html><html lang=zh-CN><title>t</title><body>{fragment}</body></html>")
    numbers = [td for td in document.iter("td") if td.get("headers")]
    assert numbers and all("text-align:right" in td.get("style") and "white-space:nowrap" in td.get("style")
                           for td in numbers)
    assert all("border:1px solid #000" in cell.get("style") for cell in document.iter("th"))
    for word in ("font-family", "font-size", "<font", "mso-", "class="):
        assert word not in fragment


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_fragment_published_inside_a_sites_page_reads_back_as_the_same_draft(tmp_path, name):
    source = example(name)
    path = tmp_path / "网站.html"
    path.write_text(published(source, fragment_html(source)), encoding="utf-8")
    assert_same_draft(read_report(path), source)


@pytest.mark.parametrize("name, marking", MARKED)
def test_a_marked_fragment_published_or_stripped_and_its_plain_text_read_back(tmp_path, name, marking):
    source, mark = marked(name, marking)
    path = tmp_path / "网站.html"
    assert mark is None or mark in fragment_html(source, mark)
    path.write_text(published(source, fragment_html(source, mark)), encoding="utf-8")
    assert_same_draft(read_report(path), source)
    path.write_text(published(source, stripped(fragment_html(source, mark))), encoding="utf-8")
    imported = import_report(path)
    assert imported.report.values == source.values
    assert (imported.report.agency, imported.report.year, imported.report.date, imported.report.preamble,
            imported.report.sections) == (source.agency, source.year, source.date, source.preamble, source.sections)
    text_path = tmp_path / "复制.txt"
    text_path.write_text(plain_text(source, mark), encoding="utf-8")
    imported = import_report(text_path)
    assert (imported.report.agency, imported.report.date, imported.report.preamble, imported.report.sections,
            imported.report.values) == (source.agency, source.date, source.preamble, source.sections, source.values)


def test_the_fragment_of_a_stress_draft_published_reads_back(tmp_path):
    source = stress_report(big_numbers=False)
    path = tmp_path / "网站.html"
    path.write_text(published(source, fragment_html(source)), encoding="utf-8")
    assert_same_draft(read_report(path), source)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_fragment_stripped_of_attributes_by_an_editor_still_reads_back(tmp_path, name):
    source = example(name)
    path = tmp_path / "网站.html"
    path.write_text(published(source, stripped(fragment_html(source))), encoding="utf-8")
    loaded = read_report(path)
    # no longer known as our page: the printed totals are read as any published report's, and agree
    report = loaded.report
    assert (report.agency, report.year, report.date) == (source.agency, source.year, source.date)
    assert (report.preamble, report.sections, report.values) == (source.preamble, source.sections, source.values)
    totals = source.totals()
    assert report.stated and all(totals[ref] == value for ref, value in report.stated.items())
    imported = import_report(path)   # as the window and `main.py import` take it: a draft
    assert imported.report == source
    assert [n for n in imported.notes if n.severity is Severity.WARNING] == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_plain_text_alternative_reads_back(tmp_path, name):
    source = example(name)
    path = tmp_path / "复制.txt"
    path.write_text(plain_text(source), encoding="utf-8")
    imported = import_report(path)
    assert imported.report.values == source.values
    assert imported.report.sections == source.sections
    assert (imported.report.agency, imported.report.year, imported.report.date) == (source.agency, source.year,
                                                                                     source.date)


# ---------------------------------------------------------------- the command line

@pytest.mark.slow   # starts the program in a process of its own
def test_main_export_html(tmp_path):
    target = tmp_path / "报告.html"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(EXAMPLES / "qinghe-scjg-2025.json"),
                             "--html", str(target)], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"已导出 网页：{target}" in result.stdout
    assert read_report(target).report == example("qinghe-scjg-2025.json")
