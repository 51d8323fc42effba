"""The rule LOCAL: each kind of requirement of a profile, on drafts and on the shared real reports."""
from __future__ import annotations

import dataclasses

import pytest

from importers import read_report
from models.checks import Finding, Severity, run_checks
from models.checks.local import stated
from models.form import CellRef
from models.profile import LengthLimit, MustState, Place, Profile, RequiredCells, Topic
from models.profile_file import load_profile, parse_profile
from models.report import Report, Subsection
from tests.conftest import shared_path
from tests.profile_support import EXAMPLE_PROFILE, NATIONAL, compliant_report, subsection_index


@pytest.fixture(scope="module")
def example() -> Profile:
    return load_profile(EXAMPLE_PROFILE)


def local(report: Report, profile: Profile) -> list[Finding]:
    return [f for f in run_checks(report, profile=profile) if f.rule == "LOCAL"]


def test_without_a_profile_there_is_no_local_finding():
    assert not [f for f in run_checks(compliant_report()) if f.rule == "LOCAL"]


def test_a_draft_meeting_every_requirement_gets_none(example):
    report = compliant_report()
    assert local(report, example) == []
    assert local(report, load_profile(NATIONAL)) == []


def test_an_overview_of_1500_characters_gets_one_finding(example):
    report = compliant_report()
    subs = report.sections["overview"]
    padding = 1500 - sum(len("".join((s.heading + s.text).split())) for s in subs)
    subs[-1].text += "持续加强监督保障。" * (padding // 9) + "保" * (padding % 9)
    [finding] = local(report, example)
    assert finding.section == "overview" and finding.subsection is None and finding.severity is Severity.WARNING
    assert "一、总体情况共 1500 字，超过 1000 字的上限" in finding.message
    assert example.name in finding.message


def test_policy_interpretation_without_a_number_gets_one_finding_in_its_subsection(example):
    report = compliant_report()
    index = subsection_index(report, "主动公开")
    sub = report.sections["overview"][index]
    sub.text = sub.text.replace("发布政策解读材料 12 篇", "持续加强政策解读")
    [finding] = local(report, example)
    assert (finding.section, finding.subsection) == ("overview", index)
    assert finding.quote is not None and finding.quote.figure == "政策解读" and finding.quote.subsection == index
    assert "“主动公开”部分提到了“政策解读”，但未写明数量" in finding.message and example.name in finding.message


def test_a_topic_never_mentioned(example):
    report = compliant_report()
    index = subsection_index(report, "政府信息公开平台建设")
    report.sections["overview"][index].text = "运维政务公开平台 3 个，编印部门公报 4 期。"
    [finding] = local(report, example)
    assert finding.subsection == index and "未写明“政务公开专区”及其数量" in finding.message


def test_a_required_cell_left_blank_gets_one_finding_on_the_cell(example):
    report = compliant_report()
    ref = CellRef("active", "rules.issued")
    report.set(ref, None)
    [finding] = local(report, example)
    assert finding.cells == (ref,) and finding.section is None
    assert finding.message.startswith("表二 规章和行政规范性文件的制发、废止、现行有效件数：表二 规章 · 本年制发件数未填写")


def test_cells_that_must_not_be_zero_only_where_the_level_says(example):
    report = compliant_report()
    ref = CellRef("active", "normative.in_force")
    report.set(ref, 0)
    assert local(report, example) == []                  # a 区县级部门: the requirement is for governments
    report.agency = "明川市清河区人民政府"
    [finding] = local(report, example)
    assert finding.cells == (ref,) and "为 0" in finding.message


def test_the_deadline_is_the_signing_date_by_next_year_s_date(example):
    report = compliant_report()
    report.date = "2026-02-01"
    [finding] = local(report, example)
    assert finding.severity is Severity.ERROR and "成文日期 2026-02-01 晚于发布时限 2026年1月31日" in finding.message
    report.date = "2026-01-31"
    assert local(report, example) == []
    report.date = None
    [finding] = local(report, example)
    assert finding.severity is Severity.WARNING and "未填写成文日期" in finding.message   # unknown is not late


def test_the_national_deadlines_by_level():
    national = load_profile(NATIONAL)
    report = compliant_report()
    report.date = "2026-03-01"
    [finding] = local(report, national)                  # a 部门: by 31 January
    assert "2026年1月31日" in finding.message
    report.agency = "明川市清河区人民政府"
    assert local(report, national) == []                 # a 区县级政府: by 31 March


def test_the_preamble_must_state_the_period_and_the_contact(example):
    report = compliant_report()
    report.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。"
    findings = local(report, example)
    assert [f.section for f in findings] == [None, None]
    assert "开头部分未写明“统计期限”" in findings[0].message and "开头部分未写明“联系方式”" in findings[1].message


def test_a_profile_for_another_year_or_level_is_not_applied_and_says_so(example):
    report = compliant_report()
    report.year = 2024
    [note] = local(report, example)
    assert note.severity is Severity.INFO and "适用于 2025 年度报告，本报告为 2024 年度" in note.message
    for_governments = dataclasses.replace(example, levels=("区县级政府",))
    report.year = 2025
    [note] = local(report, for_governments)
    assert note.severity is Severity.INFO and "本报告为区县级部门" in note.message
    report.agency = ""
    [note] = local(report, for_governments)
    assert note.severity is Severity.INFO and "未能从机关名称判断" in note.message


def test_severity_error_from_the_profile_or_the_requirement():
    report = compliant_report()
    place = Place("problems")
    strict = Profile(name="严格", severity="error",
                     requirements=(LengthLimit(place=place, min_chars=500),
                                   LengthLimit(place=place, min_chars=400, severity="warning")))
    findings = local(report, strict)
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.WARNING]
    assert "只有" in findings[0].message and "少于 500 字" in findings[0].message
    report.sections["problems"] = [Subsection("存在的主要问题", ""), Subsection("改进情况", "")]
    assert "五、存在的主要问题及改进情况尚未填写" not in local(report, strict)[0].message   # headings count
    report.sections["problems"] = [Subsection("", "")]
    assert "尚未填写" in local(report, strict)[0].message


def test_a_subsection_limit_and_a_subsection_the_report_lacks():
    report = compliant_report()
    index = subsection_index(report, "依申请公开")
    profile = Profile(name="小标题", requirements=(
        LengthLimit(place=Place("overview", "依申请公开"), max_chars=20),
        LengthLimit(place=Place("overview", "网站群建设"), max_chars=5),
        MustState(place=Place("overview", "网站群建设"), topic=Topic("网站群", with_number=True))))
    long, elsewhere = local(report, profile)
    assert (long.section, long.subsection) == ("overview", index) and "超过 20 字" in long.message
    assert "未找到小标题含“网站群建设”的部分，已在整个一、总体情况中查找" in elsewhere.message
    assert elsewhere.subsection is None


@pytest.mark.parametrize("text", [
    "发布政策解读材料12篇", "解读政策文件 12 件", "政策解读 12 次", "全年发布１２篇政策解读", "制作政策解读二十一个",
    "围绕重点工作开展政策解读，共发布解读稿件 32 篇", "本年未开展政策解读", "政策解读覆盖率 100%",
])
def test_ways_reports_state_a_count(text):
    word, counted = stated(text, Topic("政策解读", ("解读",), True))
    assert word and counted, text


@pytest.mark.parametrize("text", [
    "持续加强政策解读，提高解读质量", "2025年政策解读工作有序推进", "政策解读。全年发布信息 300 条",
    "解读工作于 2025 年 3 月启动",
])
def test_a_mention_without_a_count(text):
    word, counted = stated(text, Topic("政策解读", ("解读",), True))
    assert word and not counted, text


# ---------------------------------------------------------------- the shared real reports

def real(name: str) -> Report:
    report = read_report(shared_path("real-reports", name)).report
    report.date = f"{report.year + 1}-01-20"
    return report


def for_any_year(profile: Profile) -> Profile:
    return dataclasses.replace(profile, year=None)


def test_huaian_2024_states_interpretations_but_no_count_of_responses(example):
    report = real("01_huaian-city-gov-2024.txt")
    findings = local(report, for_any_year(example))
    messages = "\n".join(f.message for f in findings)
    index = subsection_index(report, "主动公开")
    assert "“政策解读”" not in messages and "“政府网站”" not in messages    # 政策解读 21 个, 网站…5500 余条
    responses = next(f for f in findings if "回应关切" in f.message)
    assert "提到了“回应关切”，但未写明数量" in responses.message       # 回应舆论关切
    assert (responses.subsection, responses.quote.figure) == (index, "回应")  # type: ignore[union-attr]
    assert any("一、总体情况共 " in f.message and "超过 1000 字" in f.message for f in findings)
    assert not any("开头部分" in f.message for f in findings)          # 统计期限 and 联系 in the preamble


def test_hongze_2024_counts_interpretations_and_2023_has_none(example):
    profile = for_any_year(example)
    later = "\n".join(f.message for f in local(real("03_hongze-district-gov-2024.txt"), profile))
    earlier = "\n".join(f.message for f in local(real("02_hongze-district-gov-2023.txt"), profile))
    assert "政策解读" not in later                                     # 解读信息发布 7 条
    assert "“主动公开”部分未写明“政策解读”及其数量" in earlier
    assert "“政府网站”" not in earlier                                  # 政府网站平台主动公开政府信息 1136 条


def test_the_weibin_bureau_has_no_preamble():
    report = real("00_weibin-gongxin-2025.txt")
    profile = parse_profile('name = "开头"\n[[text]]\nsection = "开头部分"\nstate = ["统计期限", "联系方式"]\n')
    assert len(local(report, profile)) == 2


def test_required_cells_on_a_report_with_a_missing_column():
    report = real("00_weibin-gongxin-2025.txt")     # printed without table 三's 总计 column: totals are computed
    profile = Profile(name="表格", requirements=(RequiredCells(cells=("requests.new.total", "appeals")),))
    assert local(report, profile) == []

