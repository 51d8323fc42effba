"""Who wrote a report, for which year, signed on which date: from every shape of title, the 落款, the date line
under the title and a page's meta lines, and through every form a report is read from."""
from __future__ import annotations

import copy

import pytest

from exporters.docx import write_docx
from exporters.xlsx import write_xlsx
from importers import read_report
from importers.identity import find_signature, find_title, parse_title, statistics_year
from models import draft
from models.checks import Severity
from tests.conftest import EXAMPLES, shared_path
from tests.report_html import copied_text, page

TITLES = [
    # the title's lines as printed → (agency, year)
    (["淮安市人民政府", "2024 年政府信息公开工作年度报告"], ("淮安市人民政府", 2024)),
    (["卫滨区工业和信息化局 2025 年政府信息公开工作年度报告"], ("卫滨区工业和信息化局", 2025)),
    (["2024 年上海市科委政府信息公开工作", "年度报告"], ("上海市科委", 2024)),
    (["2025 年上海市人民政府办公厅政府信息公开", "工作年度报告"], ("上海市人民政府办公厅", 2025)),
    (["# 沐阳县人民政府 2025 年 政府信息公开工作年度报告"], ("沐阳县人民政府", 2025)),
    (["平潭综合实验区2021年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区管理委员会"], ("平潭综合实验区", 2021)),
    (["标题：南京市教育局2023年政府信息公开工作年度报告", "发布机构：南京市教育局"], ("南京市教育局", 2023)),
    (["北京市朝阳区人民政府关于2022年度政府信息公开工作的报告"], ("北京市朝阳区人民政府", 2022)),
    (["合肥市财政局政府信息公开工作2023年度报告"], ("合肥市财政局", 2023)),
    (["二〇二四年度合肥市生态环境局政府信息公开工作年度报告"], ("合肥市生态环境局", 2024)),
    (["【北京市海淀区】2023年政府信息公开工作年度报告"], ("北京市海淀区", 2023)),
    (["明川市清河区市场监督管理局（区知识产权局）", "2025年政府信息公开工作年度报告"],
     ("明川市清河区市场监督管理局（区知识产权局）", 2025)),
    (["ＸＹ市统计局２０２４年政府信息公开工作年度报告"], ("XY市统计局", 2024)),   # full-width letters and digits
    (["2024年政府信息公开工作年度报告"], ("", 2024)),
    (["明川市审计局政府信息公开工作年度报告（2024年度）"], ("明川市审计局", 2024)),
    (["明川省审计厅", "2024年度政府信息", "公开工作年度报告"], ("明川省审计厅", 2024)),
    (["政府信息公开工作年度报告格式模板"], ("", None)),
]


@pytest.mark.parametrize("lines, expected", TITLES)
def test_agency_and_year_from_every_shape_of_title(lines, expected):
    title = find_title(lines)
    assert title is not None
    assert (title.agency, title.year) == expected


def test_the_preamble_begins_after_the_title_and_its_date_line():
    front = ["2024 年上海市科委政府信息公开工作", "年度报告", "（2025年1月23日）", "本报告由……编制。"]
    title = find_title(front)
    assert (title.agency, title.year, title.date, title.last) == ("上海市科委", 2024, "2025-01-23", 2)


def test_the_year_printed_is_the_report_s_not_the_publication_s():
    assert parse_title("2024年政府信息公开工作年度报告（2025年1月20日发布）")[1] == 2024
    assert statistics_year("报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日止。") == 2024
    assert statistics_year("自2023年1月1日起至2024年12月31日止") is None   # two years: not one report's


def test_a_sentence_is_no_title():
    assert find_title(["根据《条例》要求，现公布本机关2024年政府信息公开工作年度报告如下。"]) is None


@pytest.mark.parametrize("paragraphs, expected", [
    (["正文。", "淮安市人民政府", "2025年1月20日"], ("淮安市人民政府", "2025-01-20", 2)),
    (["正文。", "淮安市人民政府  2025年1月20日"], ("淮安市人民政府", "2025-01-20", 1)),
    (["正文。", "二〇二五年一月二十日"], ("", "2025-01-20", 1)),
    (["正文。", "明川市清河区市场监督管理局", "2026年1月25日", "【打印本页】【关闭窗口】", "主办单位：明川市人民政府"],
     ("明川市清河区市场监督管理局", "2026-01-25", 4)),
    (["正文。", "全年收取信息处理费 0 元。"], ("", None, 0)),
    (["上年结转的 3 件已于", "2025年1月20日"], ("", "2025-01-20", 1)),   # a sentence's end is no agency
])
def test_the_signature(paragraphs, expected):
    signature = find_signature(paragraphs)
    assert (signature.agency, signature.date, signature.lines) == expected


# ---------------------------------------------------------------- through the readers

def report_with(title_lines: list[str], signature: list[str], date_line: str = "") -> str:
    """A real report's copied text under another title and 落款."""
    text = shared_path("real-reports", "00_weibin-gongxin-2025.txt").read_text(encoding="utf-8")
    body = text[text.index("一、总体情况"):].rstrip("\n")
    return "\n".join([*title_lines, *([date_line] if date_line else []), "", body, *signature]) + "\n"


@pytest.mark.parametrize("title, signature, date_line, expected", [
    (["2024 年上海市科委政府信息公开工作", "年度报告"], ["上海市科委", "2025年1月23日"], "",
     ("上海市科委", 2024, "2025-01-23")),
    (["# 沐阳县人民政府 2025 年 政府信息公开工作年度报告"], [], "(2026年1月23日)", ("沐阳县人民政府", 2025, "2026-01-23")),
    (["2025年政府信息公开工作年度报告"], ["卫滨区工业和信息化局", "2026年1月15日"], "",
     ("卫滨区工业和信息化局", 2025, "2026-01-15")),
])
def test_text_with_other_titles_and_signatures(tmp_path, title, signature, date_line, expected):
    path = tmp_path / "报告.txt"
    path.write_text(report_with(title, signature, date_line), encoding="utf-8")
    loaded = read_report(path)
    assert (loaded.report.agency, loaded.report.year, loaded.report.date) == expected
    assert loaded.year_known
    other = loaded.report.section_text("other")
    assert all(line not in other for line in signature)   # the 落款 is taken off the text


def test_a_signature_naming_another_agency_than_the_title_is_noted(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(report_with(["2024 年上海市科委政府信息公开工作年度报告"], ["上海市科学技术委员会", "2025年1月23日"]),
                    encoding="utf-8")
    loaded = read_report(path)
    assert loaded.report.agency == "上海市科委"
    [note] = [n for n in loaded.notes if "落款机关" in n.message]
    assert note.severity is Severity.WARNING and "上海市科学技术委员会" in note.message and "简称" in note.message


def test_without_any_year_the_review_is_told(tmp_path):
    path = tmp_path / "报告.txt"
    text = report_with(["卫滨区工业和信息化局政府信息公开工作年度报告"], [])
    path.write_text(text.replace("2025", "本").replace("2026", "下"), encoding="utf-8")
    loaded = read_report(path)
    assert loaded.report.agency == "卫滨区工业和信息化局"
    assert not loaded.year_known
    assert any("没有找到报告年度" in n.message for n in loaded.notes)


def test_a_page_with_only_its_page_title_and_meta_lines(tmp_path):
    """The saved page of a site whose article carries no title: the page title (with the site's name after
    it) and the info block (标题/发布机构) name the report."""
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    html = page(source)
    html = html.replace(f'<h1 class="title">{source.agency}<br>{source.year}年政府信息公开工作年度报告</h1>', "")
    html = html.replace("_政府信息公开</title>", "_政府信息公开年报_明川市清河区人民政府网</title>")
    path = tmp_path / "页面.html"
    path.write_text(html, encoding="utf-8")
    report = read_report(path).report
    assert (report.agency, report.year, report.date) == (source.agency, source.year, source.date)
    info = f'<div class="info">标题：{source.agency}{source.year}年度政府信息公开工作年度报告</div>' \
           f'<div class="info">发布机构：{source.agency}</div>'
    path.write_text(html.replace("<title>", "<title>首页").replace('<div class="content"', info + '<div class="content"'),
                    encoding="utf-8")
    report = read_report(path).report
    assert (report.agency, report.year) == (source.agency, source.year)
    assert "发布机构" not in report.preamble and "标题" not in report.preamble


# ---------------------------------------------------------------- every form keeps the identity and the 落款

def forms(tmp_path, report):
    """The report as a saved page, its copy, and our own Word and Excel files."""
    made = {}
    made["html"] = tmp_path / "页面.html"
    made["html"].write_text(page(report), encoding="utf-8")
    made["copy"] = tmp_path / "复制.txt"
    made["copy"].write_text(copied_text(report), encoding="utf-8")
    made["docx"] = tmp_path / "报告.docx"
    write_docx(report, made["docx"])
    made["xlsx"] = tmp_path / "报告.xlsx"
    write_xlsx(report, made["xlsx"])
    return made


# one report in the quick run, every one in the full run
@pytest.mark.parametrize("name", ["00_weibin-gongxin-2025.txt",
                                  *(pytest.param(n, marks=pytest.mark.slow) for n in (
                                      "01_huaian-city-gov-2024.txt", "02_hongze-district-gov-2023.txt",
                                      "03_hongze-district-gov-2024.txt"))])
def test_every_form_of_a_real_report_keeps_its_identity_signature_and_numbers(tmp_path, name):
    source = copy.deepcopy(read_report(shared_path("real-reports", name)).report)
    source.date = f"{source.year + 1}-01-20"   # signed: the 落款 is printed, and must be read back
    source.stated = {}
    source.unread = set()
    for form, path in forms(tmp_path, source).items():
        loaded = read_report(path)
        report = loaded.report
        assert (report.agency, report.year, report.date) == (source.agency, source.year, source.date), form
        assert report.values == source.values, form
        assert report.preamble.replace(" ", "") == source.preamble.replace(" ", ""), form
        assert all(source.agency not in sub.text for sub in report.sections["other"]), form   # 落款 taken off
