"""Each rule of the spec's Checks table, with passing and failing cases."""
import pytest

from models import draft
from models.checks import rules, Severity, run_checks
from models.checks.tables import Balance, Carry, InForce, Printed
from models.checks.text import Fees, Repeated, TextAppeals, Year
from models.form import CellRef
from models.report import Report, Subsection
from tests.conftest import EXAMPLES

REQ = lambda key: CellRef("requests", key)  # noqa: E731


@pytest.fixture
def report():
    """A balanced report with every cell filled and the text in agreement (the fictional 2025 example)."""
    return draft.load(EXAMPLES / "qinghe-scjg-2025.json")


@pytest.fixture
def prior():
    return draft.load(EXAMPLES / "qinghe-scjg-2024.json")


def found(report, rule, prior=None, severity=None):
    return [f for f in run_checks(report, prior) if f.rule == rule and (severity is None or f.severity is severity)]


def problems(report, prior=None):
    return [f for f in run_checks(report, prior) if f.severity is not Severity.INFO]


def test_the_example_passes_everything(report, prior):
    assert problems(report) == []
    assert problems(report, prior) == []


def test_every_rule_of_the_spec_is_declared():
    assert {r.id for r in rules()} >= {"T3-BAL", "T3-ROW", "T3-SUM", "T4-TOT", "NUM", "BLANK", "CARRY", "IN-FORCE",
                                     "TEXT-T3", "TEXT-T4", "FEE-6", "SEC-5", "YEAR", "DUP"}


# ---------------------------------------------------------------- T3-BAL

def test_t3_bal_names_the_column_and_the_difference(report):
    report.set(REQ("carried_forward.commercial"), 1)
    [f] = found(report, "T3-BAL")
    assert f.severity is Severity.ERROR
    assert f.template == Balance.unbalanced.id and len(f.cells) == 4
    assert f.arguments == {"table": "表三", "column": "商业企业", "left_label": "一+二", "left_terms": "9+1",
                           "left_total": 10, "right_label": "（七）总计+四", "right_terms": "10+1", "right_total": 11,
                           "heavier": "（七）总计+四", "excess": 1}
    assert REQ("carried_forward.commercial") in f.cells and REQ("new.commercial") in f.cells


def test_t3_bal_ignores_an_entirely_blank_column():
    r = Report()
    r.set(REQ("new.natural_person"), 2)
    r.set(REQ("granted.natural_person"), 2)
    assert found(r, "T3-BAL") == []


# ---------------------------------------------------------------- stated totals

def test_t3_row_and_t3_sum_compare_printed_totals(report):
    report.stated[REQ("new.total")] = report.get(REQ("new.total"))
    report.stated[REQ("total.natural_person")] = report.get(REQ("total.natural_person"))
    assert found(report, "T3-ROW") == [] and found(report, "T3-SUM") == []
    report.stated[REQ("new.total")] = 59
    report.stated[REQ("total.natural_person")] = 40
    [row] = found(report, "T3-ROW")
    [col] = found(report, "T3-SUM")
    assert (row.template, row.arguments["stated"], row.arguments["computed"]) == (Printed.wrong_total.id, 59, 60)
    assert (col.template, col.arguments["stated"], col.arguments["computed"]) == (Printed.wrong_total.id, 40, 47)


def test_t4_tot_reports_printed_and_computed_value():
    r = Report()
    for item, n in zip(("upheld", "corrected", "other", "pending"), (10, 1, 0, 0)):
        r.set(CellRef("appeals", f"review.{item}"), n)
    r.stated[CellRef("appeals", "review.total")] = 0
    [f] = found(r, "T4-TOT")
    assert f.severity is Severity.ERROR
    assert f.arguments == {"cell": "表四 行政复议 · 总计", "stated": 0, "terms": "10+1+0+0", "computed": 11}
    r.stated[CellRef("appeals", "review.total")] = 11
    assert found(r, "T4-TOT") == []


# ---------------------------------------------------------------- NUM, BLANK

def test_num_catches_a_bad_value_that_slipped_in(report):
    report.values[REQ("new.natural_person")] = -1
    report.values[CellRef("active", "fees")] = 12.5
    assert len(found(report, "NUM")) == 2


def test_blank_warns_per_table_and_lists_the_cells(report):
    report.set(REQ("new.research"), None)
    report.set(CellRef("appeals", "review.other"), None)
    blanks = found(report, "BLANK")
    assert [f.severity for f in blanks] == [Severity.WARNING] * 2
    assert blanks[0].cells == (REQ("new.research"),)


# ---------------------------------------------------------------- CARRY, IN-FORCE

def test_carry_agrees_and_disagrees(report, prior):
    [info] = found(report, "CARRY", prior)
    assert info.severity is Severity.INFO and info.template == Carry.agrees.id
    prior.set(REQ("carried_forward.natural_person"), 5)
    [f] = found(report, "CARRY", prior)
    assert f.severity is Severity.WARNING and f.template == Carry.differs.id
    assert (f.arguments["column"], f.arguments["last"]) == ("自然人", 5) and f.cells == (REQ("carried_over.natural_person"),)


def test_carry_needs_a_prior(report):
    assert found(report, "CARRY") == []


def test_in_force_is_a_warning_never_an_error(report, prior):
    assert not found(report, "IN-FORCE", prior, Severity.WARNING)
    report.set(CellRef("active", "normative.in_force"), 20)
    [f] = found(report, "IN-FORCE", prior, Severity.WARNING)
    assert f.template == InForce.differs.id and f.arguments["expected"] == 12 and f.arguments["now"] == 20


# ---------------------------------------------------------------- text rules

def overview(report, text, index=1):
    report.sections["overview"][index].text = text


@pytest.mark.parametrize("text", [
    "2025 年共收到政府信息公开申请 60 件。",
    "2025年共受理政府信息公开申请64件。",  # 一 + 二 is accepted too
    "2025 年共收到政府信息公开申请６０件。",
])
def test_text_t3_accepts_agreeing_figures(report, text):
    overview(report, text)
    assert found(report, "TEXT-T3") == []


@pytest.mark.parametrize("text, figure", [
    ("2025 年，区政府办受理政府信息公开申请 17 件，均已答复。", "17"),
    ("2025 年共办结 70 件。", "70"),
    ("结转下年度继续办理 9 件。", "9"),
    ("2025 年我局未收到政府信息公开申请。", "未收到"),
])
def test_text_t3_warns_on_a_disagreeing_figure(report, text, figure):
    overview(report, text)
    [f] = found(report, "TEXT-T3")
    assert f.severity is Severity.WARNING and f.section == "overview" and f.template.startswith("TEXT-T3.")
    assert f.arguments.get("claimed", "未收到") == (figure if figure == "未收到" else int(figure))


def test_none_received_agrees_with_zero():
    r = Report(year=2025)
    r.set(REQ("new.natural_person"), 0)
    r.sections["overview"][1].text = "2025 年我局未收到政府信息公开申请。"
    assert found(r, "TEXT-T3") == []


def test_text_t4(report):
    assert found(report, "TEXT-T4") == []  # the example quotes 复议 4, 诉讼 3 = 2 + 1
    overview(report, "2025 年发生行政复议 5 件、行政诉讼 2 件。")
    assert len(found(report, "TEXT-T4")) == 2
    overview(report, "2025 年未发生政府信息公开行政复议。")
    [f] = found(report, "TEXT-T4")
    assert f.template == TextAppeals.review.id and f.arguments["claimed"] == 0


@pytest.mark.parametrize("text, warns", [
    ("2025 年，本局收取政府信息公开信息处理费 0 元。", False),
    ("本年度未收取信息处理费。", False),
    ("全年收取政府信息公开信息处理费 3940 元。", False),
    ("本年度无其他需要报告的事项。", True),
    ("", True),
    ("信息处理费按规定执行。", True),
])
def test_fee_6(report, text, warns):
    report.sections["other"] = [Subsection("", text)]
    assert bool(found(report, "FEE-6")) == warns


def test_fee_6_names_unpaid_fee_applications(report):
    report.sections["other"] = [Subsection("", "无。")]
    report.set(REQ("other_unpaid_fee.natural_person"), 2)
    report.set(REQ("other_no_correction.natural_person"), 0)
    [f] = found(report, "FEE-6")
    assert f.template == Fees.not_stated_with_unpaid.id
    assert (f.arguments["row"], f.arguments["unpaid"]) == ("（六）2.逾期未缴纳费用", 2)


@pytest.mark.parametrize("texts, warns", [
    (["", ""], True), (["无", ""], True), (["暂无。", ""], True),
    (["个别栏目更新不及时。", ""], False),
])
def test_sec_5(report, texts, warns):
    for sub, text in zip(report.sections["problems"], texts):
        sub.text = text
    assert bool(found(report, "SEC-5")) == warns


def test_year_warns_on_text_copied_from_last_year(report):
    report.sections["overview"][0].text = "2024 年，我局深入贯彻落实《条例》。"
    said = [(f.template, f.arguments) for f in found(report, "YEAR")]
    assert (Year.opens_with_last_year.id, {"section": "一、总体情况", "last": 2024, "year": 2025}) in said


def test_year_warns_when_the_report_year_is_never_mentioned(report):
    for sub in report.sections["overview"]:
        sub.text = "我局深入贯彻落实《条例》。"
    [f] = found(report, "YEAR")
    assert f.template == Year.not_mentioned.id and f.arguments["year"] == 2025


def test_year_accepts_plans_and_context(report):
    report.sections["overview"][0].text = "2025 年，我局对照 2024 年评估意见逐项整改。"
    report.sections["problems"][1].text = "结合 2026 年工作安排，进一步完善制度。"
    assert found(report, "YEAR") == []


def test_dup_measures_repetition_per_section(report, prior):
    infos = found(report, "DUP", prior)
    assert infos and all(f.severity is Severity.INFO for f in infos)
    report.sections["overview"] = [Subsection(s.heading, s.text.replace("2024", "2025")) for s in prior.sections["overview"]]
    [f] = found(report, "DUP", prior, Severity.WARNING)
    assert f.section == "overview" and f.template == Repeated.over_half.id and f.arguments["share"] > 0.5


def test_checks_take_the_drafts_own_prior(report, prior):
    report.prior = prior
    assert found(report, "CARRY")


# ---------------------------------------------------------------- how the messages read

def test_the_balance_message_reads_as_a_sentence(report):
    report.set(REQ("carried_forward.commercial"), 1)
    [f] = found(report, "T3-BAL")
    assert f.message == "表三“商业企业”列不平衡：一+二 = 9+1 = 10，（七）总计+四 = 10+1 = 11，（七）总计+四多 1 件"


def test_a_text_figure_message_names_the_cell_by_its_labels(report):
    overview(report, "2025 年，区政府办受理政府信息公开申请 17 件，均已答复。")
    [f] = found(report, "TEXT-T3")
    assert f.message == "一、总体情况写收到/受理申请 17 件，表三“一、本年新收政府信息公开申请数量 · 总计”为 60（或一+二 = 64）"
