"""Statistics paragraphs written from the tables: the figures they state equal the tables, the checks agree."""
import dataclasses
import functools
import re

import pytest

from importers import read_report
from models.checks import run_checks
from models.form import CellRef
from models.form_2021 import APPLICANT_COLUMNS
from models.report import Report, Subsection
from models.statistics_text import PARTS, GenerationError, generate
from tests.conftest import EXAMPLES, shared_path

REAL = ("00_weibin-gongxin-2025.txt", "01_huaian-city-gov-2024.txt", "02_hongze-district-gov-2023.txt",
        "03_hongze-district-gov-2024.txt")
EXAMPLE_FILES = ("qinghe-scjg-2024.json", "qinghe-scjg-2025.json", "weibin-gongxin-2025.json")
WORDINGS = [(p.id, w.id) for p in PARTS for w in p.wordings]


def req(key: str) -> CellRef:
    return CellRef("requests", key)


def app(key: str) -> CellRef:
    return CellRef("appeals", key)


def real(name: str) -> Report:
    return read_report(shared_path("real-reports", name)).report


def example(name: str) -> Report:
    return read_report(EXAMPLES / name).report


@functools.cache
def all_reports() -> tuple[Report, ...]:
    """Every real report and example; this year's with last year's beside it where both are at hand.

    Read once for the module (reading the real reports is most of these tests' time): a test changes none of them.
    """
    reports = [real(n) for n in REAL] + [example(n) for n in EXAMPLE_FILES]
    hongze, qinghe = real(REAL[3]), example(EXAMPLE_FILES[1])
    hongze.prior, qinghe.prior = real(REAL[2]), example(EXAMPLE_FILES[0])
    return tuple(reports + [hongze, qinghe])


def v(report: Report, ref: CellRef) -> int:
    return report.get(ref) or 0


def expected_counts(report: Report) -> dict[str, int]:
    """What each phrase of a paragraph must be followed by, worked out from the cells (not the quantity table)."""
    def rows(prefix: str) -> int:
        return sum(v(report, req(f"{d.ref.row}.total")) for d in report.form.table("requests").inputs
                   if d.ref.row.startswith(prefix) and d.ref.column == "natural_person")
    suits = v(report, app("litigation_direct.total")) + v(report, app("litigation_after_review.total"))
    return {
        "收到政府信息公开申请": v(report, req("new.total")),
        "受理政府信息公开申请": v(report, req("new.total")),
        "新收政府信息公开申请": v(report, req("new.total")),
        "自然人申请": v(report, req("new.natural_person")),
        "法人或其他组织申请": sum(v(report, req(f"new.{c}")) for c in APPLICANT_COLUMNS[1:]),
        "上年结转": v(report, req("carried_over.total")),
        "含上年度结转申请": v(report, req("carried_over.total")),
        "办结": v(report, req("total.total")),
        "答复": v(report, req("total.total")),
        "结转下年度继续办理": v(report, req("carried_forward.total")),
        "另有": v(report, req("carried_forward.total")),
        "予以公开": v(report, req("granted.total")),
        "部分公开": v(report, req("partly_granted.total")),
        "不予公开": rows("denied_"),
        "无法提供": rows("unable_"),
        "不予处理": rows("rejected_"),
        "其他处理": rows("other_"),
        "属于国家秘密": v(report, req("denied_state_secret.total")),
        "本机关不掌握相关政府信息": v(report, req("unable_not_held.total")),
        "重复申请": v(report, req("rejected_duplicate.total")),
        "申请人逾期不补正": v(report, req("other_no_correction.total")),
        "行政复议": v(report, app("review.total")),
        "行政诉讼": suits,
        "未经复议直接起诉": v(report, app("litigation_direct.total")),
        "复议后起诉": v(report, app("litigation_after_review.total")),
        "被纠错": sum(v(report, app(f"{g}.corrected"))
                   for g in ("review", "litigation_direct", "litigation_after_review")),
        "复议纠正": v(report, app("review.corrected")),
        "诉讼纠正": v(report, app("litigation_direct.corrected")) + v(report, app("litigation_after_review.corrected")),
    }


PHRASE = re.compile(r"([\u4e00-\u9fff“”]+?)\s*(\d+)\s*件")


@pytest.mark.parametrize("part,wording", WORDINGS)
def test_every_figure_stands_where_it_says_and_equals_the_tables(part, wording):
    for report in all_reports():
        paragraph = generate(report, part, wording, compare=True)
        assert paragraph.text.endswith("。")
        counts = [f for f in paragraph.figures if f.measure == "count"]
        for figure in paragraph.figures:
            assert paragraph.text[figure.start:figure.end] == figure.text
        # every number followed by 件 is a figure (apart from those inside a 同比 clause)
        changes = [(f.start, f.end) for f in paragraph.figures if f.measure == "change"]
        numbers = [m for m in re.finditer(r"\d+(?=\s*件)", paragraph.text)
                   if not any(s <= m.start() < e for s, e in changes)]
        assert [m.start() for m in numbers] == [f.start for f in counts]


@pytest.mark.parametrize("part,wording", WORDINGS)
def test_numbers_parsed_back_out_of_the_text_equal_the_cells(part, wording):
    checked = 0
    for report in all_reports():
        text = generate(report, part, wording).text
        expected = expected_counts(report)
        for m in PHRASE.finditer(text):
            words, number = m.group(1), int(m.group(2))
            label = next((k for k in sorted(expected, key=len, reverse=True) if words.endswith(k)), None)
            if label is not None:
                assert number == expected[label], (report.agency, label, text)
                checked += 1
    assert checked > 0


def test_the_brief_form_of_table_three():
    report = example("qinghe-scjg-2025.json")
    text = generate(report, "requests", "main_reasons").text
    assert text.startswith("本年度共收到政府信息公开申请 60 件，其中自然人申请 46 件，法人或其他组织申请 14 件；上年结转 4 件。"
                           "办理结果：予以公开 27 件，部分公开 9 件，不予公开 11 件（其中")
    assert text.endswith("无法提供 10 件，不予处理 2 件，其他处理 2 件；结转下年度继续办理 3 件。")
    assert "属于国家秘密" not in text  # zero reasons are left out


def test_zero_parts_are_left_out_as_clerks_do():
    report = Report(agency="测试局", year=2025)
    for d in report.form.inputs:
        if d.ref.table != "active":
            report.set(d.ref, 0)
    assert generate(report, "overview").text == "2025 年，未收到政府信息公开申请。"
    assert generate(report, "appeals").text == "2025 年，未发生政府信息公开行政复议、行政诉讼案件。"
    report.set(app("litigation_direct.upheld"), 2)
    text = generate(report, "appeals").text
    assert text == "2025 年，未发生政府信息公开行政复议案件；发生行政诉讼 2 件，其中结果维持 2 件。"
    report.set(req("carried_over.natural_person"), 3)
    report.set(req("granted.natural_person"), 3)
    text = generate(report, "overview").text
    assert text == "2025 年，未收到新的政府信息公开申请；上年结转 3 件。全年办结 3 件。"


def test_blank_cells_count_as_zero_and_say_so():
    report = Report(year=2025)
    report.set(req("new.natural_person"), 5)
    paragraph = generate(report, "overview")
    assert "共收到政府信息公开申请 5 件，均为自然人申请" in paragraph.text
    assert paragraph.notes and "空白" in paragraph.notes[0]


def test_unknown_part_or_wording_is_refused_in_chinese():
    with pytest.raises(GenerationError, match="没有"):
        generate(Report(), "problems")
    with pytest.raises(GenerationError, match="写法"):
        generate(Report(), "appeals", "main_reasons")


@pytest.mark.parametrize("part,wording", WORDINGS)
def test_a_generated_paragraph_passes_the_text_checks(part, wording):
    for read in all_reports():
        paragraph = Subsection("依申请公开", generate(read, part, wording, compare=True).text)
        report = dataclasses.replace(read, preamble="", sections={**read.sections, "overview": [paragraph]})
        findings = [f for f in run_checks(report) if f.rule in ("TEXT-T3", "TEXT-T4")]
        assert findings == [], (report.agency, findings)


def test_the_paragraph_replaces_a_figure_the_checks_caught():
    report = real(REAL[3])  # says 受理 17 件 where 表三 has 95
    assert any(f.rule == "TEXT-T3" for f in run_checks(report))
    sub = next(s for s in report.sections["overview"] if "17 件" in s.text)
    sub.text = re.sub(r"2024 年，区政府办.*?答复。", generate(report, "overview").text, sub.text, flags=re.S)
    assert "95 件" in sub.text
    assert not any(f.rule == "TEXT-T3" for f in run_checks(report))
