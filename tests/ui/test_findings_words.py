"""The window's list of findings and the 审查台's page of a report name each finding alike."""
from __future__ import annotations

import pytest

from models import draft
from models.checks import run_checks
from models.checks.presentation import HEADINGS, rule_description, shown
from models.form_2021 import FORM_2021
from models.review import ReviewEntry, ReviewFinding, ReviewResult
from tests.conftest import EXAMPLES
from ui.findings_view import FindingsView
from ui.review.page import ReportPage


@pytest.fixture
def findings():
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.prior = draft.load(EXAMPLES / "qinghe-scjg-2024.json")
    report.set(FORM_2021.ref("requests", "carried_forward.commercial"), 1)
    report.sections["overview"] = report.prior.sections["overview"]
    return run_checks(report)


def rows(tree) -> list[tuple[str, ...]]:
    return [tuple(tree.topLevelItem(i).text(c) for c in range(4)) for i in range(tree.topLevelItemCount())]


def test_the_list_and_the_review_page_show_the_same_words(qtbot, findings):
    view = FindingsView(FORM_2021)
    qtbot.addWidget(view)
    view.show_findings(findings)
    entry = ReviewEntry(0, "a.json", agency="明川市清河区市场监督管理局", year=2025,
                        findings=[ReviewFinding.of(f) for f in findings])
    page = ReportPage()
    qtbot.addWidget(page)
    page.show_entry(entry, ReviewResult([entry]))
    expected = [tuple(shown(f)) for f in sorted(findings, key=lambda f: f.severity.rank)]
    assert rows(view) == rows(page.findings_tree) == expected
    assert tuple(view.headerItem().text(c) for c in range(4)) == HEADINGS
    assert ("错误", "表三平衡", "表三 一、本年新收政府信息公开申请数量 · 商业企业 等 4 处") == expected[0][:3]
    assert any(row[1] == "与上年重复" for row in expected)  # one name per rule, the window's


def test_tooltips_carry_what_the_rule_asks_and_the_whole_place(qtbot, findings):
    page = ReportPage()
    qtbot.addWidget(page)
    entry = ReviewEntry(0, "a.json", findings=[ReviewFinding.of(f) for f in findings])
    page.show_entry(entry, ReviewResult([entry]))
    first = page.findings_tree.topLevelItem(0)
    assert first.toolTip(1) == rule_description("T3-BAL")
    assert first.toolTip(2) == first.text(2) and first.toolTip(3) == first.text(3)
