"""A finding reads the same everywhere: severity, rule name and place in the form's words, never keys."""
import pytest

from models import draft
from models.checks import IMPORT, rules, Finding, Severity, run_checks
from models.checks.presentation import HEADINGS, place, rule_description, rule_name, severity_label, severity_rank, shown
from models.form import CellRef
from models.form_2021 import FORM_2021
from models.review import ReviewFinding
from tests.conftest import EXAMPLES

NEW = FORM_2021.ref("requests", "new.natural_person")


@pytest.fixture
def broken():
    """The fictional example with last year, a column off balance, a printed total wrong and text copied."""
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.prior = draft.load(EXAMPLES / "qinghe-scjg-2024.json")
    report.set(FORM_2021.ref("requests", "carried_forward.commercial"), 1)
    report.stated[FORM_2021.ref("appeals", "review.total")] = 0
    report.sections["overview"] = report.prior.sections["overview"]
    return report


def test_a_cell_is_named_by_its_caption_row_and_column_labels():
    assert place((NEW,), None) == "表三 一、本年新收政府信息公开申请数量 · 自然人"
    assert place((FORM_2021.ref("requests", "denied_state_secret.total"),), None) == "表三 （三）1.属于国家秘密 · 总计"
    assert place((FORM_2021.ref("active", "licensing"),), None) == "表二 行政许可 · 本年处理决定数量"
    assert place((FORM_2021.ref("appeals", "litigation_direct.upheld"),), None) == "表四 行政诉讼 未经复议直接起诉 · 结果维持"


def test_several_cells_a_section_or_the_whole_report():
    cells = FORM_2021.table("requests").balance.refs("requests", "other")
    assert place(cells, None) == "表三 一、本年新收政府信息公开申请数量 · 其他 等 4 处"
    assert place(cells, "overview") == "一、总体情况"  # in the text: where the window takes the clerk
    assert place((), None) == ""


def test_one_table_of_severities_and_of_rule_names():
    assert [severity_label(s) for s in Severity] == ["错误", "警告", "提示"]
    assert [severity_label(s.value) for s in Severity] == ["错误", "警告", "提示"]
    assert sorted(Severity, key=severity_rank) == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert rule_name(IMPORT) == "导入记录" and rule_name("DUP") == "与上年重复" and rule_name("NOPE") == "NOPE"
    assert rule_description("T3-BAL") == "表三平衡：表三各列：一 + 二 = （七）总计 + 四"
    assert all(len(r.name) <= 8 for r in rules())  # a name fits the 规则 column of every list
    assert HEADINGS == ("级别", "规则", "位置", "说明")


def test_the_review_keeps_a_finding_that_reads_as_the_window_reads_it(broken):
    findings = run_checks(broken)
    assert {f.rule for f in findings} >= {"T3-BAL", "T4-TOT", "DUP", "CARRY"}
    for f in findings:
        kept = ReviewFinding.of(f)
        assert shown(kept) == shown(f)
        assert (kept.template, kept.params) == (f.template, f.params)


def test_no_place_shows_a_key(broken):
    for f in run_checks(broken):
        words = shown(f)
        assert not any(str(c) in words.place or c.key in words.place for c in f.cells), words
        assert words.rule != f.rule


def test_a_free_text_finding_still_reads():
    note = Finding(IMPORT, Severity.WARNING, "原文缺一列", (NEW,))
    assert shown(note) == ("警告", "导入记录", "表三 一、本年新收政府信息公开申请数量 · 自然人", "原文缺一列")
    assert note.template == "" and note.arguments == {}


def test_a_misspelt_cell_fails_loudly():
    with pytest.raises(KeyError):
        CellRef("requests", "new.natural_persons")
    with pytest.raises(KeyError):
        CellRef("request", "new.natural_person")
    assert CellRef("requests", "new.natural_person") == NEW
