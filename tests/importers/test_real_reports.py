"""The published reports of shared/real-reports: every number of tables 二–四, and the known problems.

The expected numbers were typed in from the files by reading them, row by row;
the importer never saw them.
"""
import subprocess
import sys

import pytest

from importers import read_report
from models.checks import Severity, run_checks
from models.checks.text import compact
from models.form import CellRef
from models.form_2021 import APPEAL_GROUPS, APPEAL_ITEMS, FORM_2021, REQUEST_COLUMNS
from tests.conftest import ROOT, shared_path

REAL = ("real-reports",)
FILES = {
    "00": "00_weibin-gongxin-2025.txt",
    "01": "01_huaian-city-gov-2024.txt",
    "02": "02_hongze-district-gov-2023.txt",
    "03": "03_hongze-district-gov-2024.txt",
}

# table 三, per row: 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 [总计 as printed]
REQUESTS = {
    "01": """
        new                     3001 53 0 0 61 4 3119
        carried_over            34 0 0 0 0 0 34
        granted                 1288 21 0 0 50 3 1362
        partly_granted          447 7 0 0 0 0 454
        denied_state_secret     2 0 0 0 0 0 2
        denied_prohibited       30 1 0 0 0 0 31
        denied_security         5 0 0 0 0 0 5
        denied_third_party      6 0 0 0 0 0 6
        denied_internal         7 1 0 0 0 0 8
        denied_process          12 0 0 0 0 0 12
        denied_enforcement_file 9 0 0 0 0 0 9
        denied_query            105 0 0 0 0 0 105
        unable_not_held         746 12 0 0 10 1 769
        unable_needs_creation   11 0 0 0 0 0 11
        unable_unclear          1 0 0 0 0 0 1
        rejected_complaint      56 6 0 0 0 0 62
        rejected_duplicate      25 0 0 0 0 0 25
        rejected_publication    0 0 0 0 0 0 0
        rejected_excessive      0 0 0 0 0 0 0
        rejected_confirmation   1 0 0 0 0 0 1
        other_no_correction     67 3 0 0 1 0 71
        other_unpaid_fee        6 0 0 0 0 0 6
        other_other             108 2 0 0 0 0 110
        total                   2932 53 0 0 61 4 3050
        carried_forward         103 0 0 0 0 0 103
    """,
    "02": """
        new                     21 0 0 0 0 0 21
        carried_over            0 0 0 0 0 0 0
        granted                 0 0 0 0 0 0 0
        partly_granted          4 0 0 0 0 0 4
        denied_state_secret     1 0 0 0 0 0 1
        denied_prohibited       0 0 0 0 0 0 0
        denied_security         0 0 0 0 0 0 0
        denied_third_party      0 0 0 0 0 0 0
        denied_internal         0 0 0 0 0 0 0
        denied_process          1 0 0 0 0 0 1
        denied_enforcement_file 1 0 0 0 0 0 1
        denied_query            0 0 0 0 0 0 0
        unable_not_held         10 0 0 0 0 0 10
        unable_needs_creation   3 0 0 0 0 0 3
        unable_unclear          0 0 0 0 0 0 0
        rejected_complaint      1 0 0 0 0 0 1
        rejected_duplicate      0 0 0 0 0 0 0
        rejected_publication    0 0 0 0 0 0 0
        rejected_excessive      0 0 0 0 0 0 0
        rejected_confirmation   0 0 0 0 0 0 0
        other_no_correction     0 0 0 0 0 0 -
        other_unpaid_fee        0 0 0 0 0 0 -
        other_other             0 0 0 0 0 0 0
        total                   21 0 0 0 0 0 21
        carried_forward         0 0 0 0 0 0 0
    """,
    "03": """
        new                     95 0 0 0 0 0 95
        carried_over            0 0 0 0 0 0 0
        granted                 50 0 0 0 0 0 50
        partly_granted          9 0 0 0 0 0 9
        denied_state_secret     0 0 0 0 0 0 0
        denied_prohibited       0 0 0 0 0 0 0
        denied_security         1 0 0 0 0 0 1
        denied_third_party      0 0 0 0 0 0 0
        denied_internal         0 0 0 0 0 0 0
        denied_process          1 0 0 0 0 0 1
        denied_enforcement_file 1 0 0 0 0 0 1
        denied_query            0 0 0 0 0 0 0
        unable_not_held         31 0 0 0 0 0 31
        unable_needs_creation   1 0 0 0 0 0 1
        unable_unclear          0 0 0 0 0 0 0
        rejected_complaint      1 0 0 0 0 0 1
        rejected_duplicate      0 0 0 0 0 0 0
        rejected_publication    0 0 0 0 0 0 0
        rejected_excessive      0 0 0 0 0 0 0
        rejected_confirmation   0 0 0 0 0 0 0
        other_no_correction     0 0 0 0 0 0 -
        other_unpaid_fee        0 0 0 0 0 0 -
        other_other             0 0 0 0 0 0 0
        total                   95 0 0 0 0 0 95
        carried_forward         0 0 0 0 0 0 0
    """,
}
# 00 prints every cell 0 and no 总计 column
REQUESTS["00"] = "\n".join(f"{line.split()[0]} 0 0 0 0 0 0 -" for line in REQUESTS["01"].strip().splitlines())

# table 二: rules (制发 废止 现行有效), normative (same), 行政许可, 行政处罚, 行政强制, 行政事业性收费 (万元, as printed)
ACTIVE = {
    "00": ((0, 0, 0), (0, 0, 0), 0, 0, 0, "0"),
    "01": ((1, 0, 11), (8, 26, 66), 447228, 3985758, 88283, "96171.6"),
    "02": ((0, 0, 0), (0, 5, 5), 550, 4119, 195, "7730.28"),
    "03": ((0, 0, 0), (3, 0, 8), 9487, 2776, 84, "7545"),
}

# table 四: 行政复议 (维持 纠正 其他 尚未审结 总计), 未经复议直接起诉 (…), 复议后起诉 (…), totals as printed
APPEALS = {
    "00": "0 0 0 0 0  0 0 0 0 0  0 0 0 0 0",
    "01": "72 64 178 37 351  13 4 8 1 26  12 1 1 6 20",
    "02": "10 1 0 0 0  0 0 0 0 0  5 0 0 0 0",
    "03": "1 1 0 0 2  1 0 0 0 1  2 0 1 0 3",
}

TITLES = {
    "00": ("卫滨区工业和信息化局", 2025),
    "01": ("淮安市人民政府", 2024),
    "02": ("洪泽区人民政府", 2023),
    "03": ("淮安市洪泽区人民政府", 2024),
}


def expected(name):
    """(inputs, printed totals) as the file prints them."""
    values, stated = {}, {}
    for line in REQUESTS[name].strip().splitlines():
        row, *numbers = line.split()
        for (column, _), text in zip(REQUEST_COLUMNS, numbers):
            ref = CellRef("requests", f"{row}.{column}")
            if text == "-":
                continue
            (values if FORM_2021.is_input(ref) else stated)[ref] = int(text)
    rules, normative, licensing, punishment, enforcement, fees = ACTIVE[name]
    for prefix, triple in (("rules", rules), ("normative", normative)):
        for column, value in zip(("issued", "repealed", "in_force"), triple):
            values[CellRef("active", f"{prefix}.{column}")] = value
    for key, value in (("licensing", licensing), ("punishment", punishment), ("enforcement", enforcement),
                       ("fees", fees)):
        values[CellRef("active", key)] = value
    numbers = [int(n) for n in APPEALS[name].split()]
    refs = [CellRef("appeals", f"{g}.{i}") for g, _ in APPEAL_GROUPS for i, _ in APPEAL_ITEMS]
    for ref, value in zip(refs, numbers):
        (values if FORM_2021.is_input(ref) else stated)[ref] = value
    return values, stated


def load(name):
    return read_report(shared_path(*REAL, FILES[name]))


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_number_of_tables_two_to_four(name):
    loaded = load(name)
    values, stated = expected(name)
    report = loaded.report
    assert report.values == values
    assert report.stated == stated
    assert report.blank_inputs() == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_agency_year_and_sections(name):
    report = load(name).report
    assert (report.agency, report.year) == TITLES[name]
    for section in FORM_2021.narrative_sections:
        assert report.section_text(section.id).strip(), section.title
    assert "信息处理费" in report.section_text("other")


UNSIGNED = "未填写成文日期"   # none of the shared reports prints a 落款 date: each gets the COMPLETE finding


def problems(name, prior=None):
    """The findings worth a look, but the missing 落款 date every shared report has (``test_no_signature_date``)."""
    loaded = load(name)
    return [f for f in run_checks(loaded.report, prior) if f.severity is not Severity.INFO
            and not (f.rule == "COMPLETE" and UNSIGNED in f.message)], loaded


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_report_without_a_signature_date_is_not_complete(name):
    loaded = load(name)
    assert loaded.report.date is None
    assert [f.rule for f in run_checks(loaded.report) if UNSIGNED in f.message] == ["COMPLETE"]


def test_00_has_no_error_and_says_how_it_filled_the_missing_column():
    found, loaded = problems("00")
    assert [f for f in found if f.severity is Severity.ERROR] == []
    assert found == []
    notes = [n.message for n in loaded.notes if n.severity is Severity.WARNING]
    assert any("被截断" in m and "其他" in m for m in notes)
    assert any("只能是 0" in m for m in notes)


def test_01_passes_every_check_and_notes_the_numbering():
    found, loaded = problems("01")
    assert found == []
    assert [n for n in loaded.notes if n.severity is Severity.WARNING] == []
    assert any("1、" in n.message for n in loaded.notes)


def test_02_two_t4_tot_errors_exactly():
    found, loaded = problems("02")
    errors = [f for f in found if f.severity is Severity.ERROR]
    assert [f.rule for f in errors] == ["T4-TOT", "T4-TOT"]
    review, after_review = sorted(errors, key=lambda f: "复议后起诉" in f.message)
    assert "行政复议" in review.message and "印为 0" in review.message and "应为 11" in review.message
    assert "复议后起诉" in after_review.message and "印为 0" in after_review.message and "应为 5" in after_review.message
    assert [f for f in found if f.severity is Severity.WARNING] == []


def test_02_label_typo_and_single_other_row_are_recorded():
    notes = load("02").notes
    typo = [n for n in notes if "其他法律行政止公开" in n.message]
    assert len(typo) == 1 and typo[0].severity is Severity.WARNING and typo[0].rule == "IMPORT"
    assert any("（六）其他处理" in n.message and "2019" in n.message for n in notes)


def test_03_text_says_17_received_while_table_says_95():
    found, _ = problems("03")
    assert [f.rule for f in found] == ["TEXT-T3"]
    assert "17" in found[0].message and "95" in found[0].message


def test_02_to_03_carry_and_in_force():
    prior = load("02").report
    findings = run_checks(load("03").report, prior)
    carry = [f for f in findings if f.rule == "CARRY"]
    assert [f.severity for f in carry] == [Severity.INFO] and "一致" in carry[0].message
    in_force = [f for f in findings if f.rule == "IN-FORCE"]
    assert all(f.severity is Severity.INFO for f in in_force)
    assert any("8 = 上年 5 + 制发 3 − 废止 0" in f.message for f in in_force)


def test_narrative_is_joined_without_page_numbers():
    report = load("01").report
    text = report.section_text("overview")
    assert "-1-" not in text and "-2-" not in text
    # a sentence wrapped over a page break is one again
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in text
    assert "全市共受理政府信息公开申请 3119 件，答复 3050 件" in text
    subs = report.sections["overview"]
    assert [s.heading for s in subs] == ["", "主动公开情况", "依申请公开情况", "政府信息管理情况",
                                         "政府信息公开平台建设情况", "政府信息公开监督保障情况"]
    assert subs[0].text.startswith("2024 年，我市坚持") and subs[0].text.endswith("圆满完成了各项任务。")
    assert report.preamble.startswith("本报告由淮安市人民政府办公室") and report.preamble.endswith("hazwgkc@163.com）。")


def test_paragraphs_of_the_layout_text_stay_apart():
    report = load("03").report
    problems_text = report.sections["problems"]
    assert len(problems_text) == 1
    first, second = problems_text[0].text.split("\n")
    assert first.endswith("政务新媒体运维管理还需加强等。") and second.startswith("针对存在问题，2025 年")


def test_copied_text_keeps_its_sub_heads():
    report = load("00").report
    assert [s.heading for s in report.sections["overview"]] == ["主动公开", "依申请公开", "政府信息管理",
                                                              "平台建设情况", "监督保障情况"]
    assert [s.heading for s in report.sections["problems"]] == ["存在的主要问题", "改进措施"]
    assert report.sections["overview"][1].text == "2025 年我局未收到政府信息公开申请。"


# ---------------------------------------------------------------- the commands on the real reports

def command(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
@pytest.mark.parametrize("name, code", [("00", 0), ("01", 0), ("02", 1), ("03", 0)])
def test_check_command_exit_codes(name, code):
    result = command("check", shared_path(*REAL, FILES[name]))
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
def test_check_command_prints_import_notes_and_findings():
    result = command("check", shared_path(*REAL, FILES["02"]))
    lines = result.stdout.splitlines()
    assert sum(line.startswith("错误  表四合计  [表四 行政") for line in lines) == 2
    assert any(line.startswith("警告  导入记录") and "其他法律行政止公开" in line for line in lines)


def test_check_command_batch_over_every_real_report():  # the quick run's one command in a process
    files = [shared_path(*REAL, f) for f in FILES.values()]
    result = command("check", *files)
    assert result.returncode == 1
    summary = result.stdout.split("汇总：")[1].strip().splitlines()
    assert len(summary) == 4 and "2 个错误" in summary[2]


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
def test_check_with_prior_year():
    result = command("check", shared_path(*REAL, FILES["03"]), "--prior", shared_path(*REAL, FILES["02"]))
    assert result.returncode == 0
    assert any(line.startswith("提示  上年结转") and "一致" in line for line in result.stdout.splitlines())


# ---------------------------------------------------------------- the published PDFs (WPS 文字), as agencies put them online

PDFS = {name: f"pdf/{FILES[name].replace('.txt', '.pdf')}" for name in ("01", "02", "03")}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_published_pdf_reads_as_its_text(name):
    """Every number and the identity as in the text made from the same PDF; every section found; every label
    read as one (WPS sets 三、本年度办理结果 top to bottom, character under character)."""
    loaded = read_report(shared_path(*REAL, PDFS[name]))
    values, stated = expected(name)
    assert (loaded.report.values, loaded.report.stated) == (values, stated)
    assert (loaded.report.agency, loaded.report.year) == TITLES[name]
    assert loaded.report.unread == set()
    text = load(name)
    warnings = [n.message for n in loaded.notes if n.severity is not Severity.INFO]
    assert warnings == [n.message for n in text.notes if n.severity is not Severity.INFO]
    for section in FORM_2021.sections:
        assert not any(section.title in m and "没有找到" in m for m in warnings)
    assert compact(loaded.report.preamble) == compact(text.report.preamble)   # spaces aside ("2024 年")
