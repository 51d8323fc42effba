"""The 审查清单: its parts numbered in turn, findings named as everywhere, no rule codes."""
from __future__ import annotations

import re

from exporters.review_pdf import review_html
from models.checks import Finding, Severity
from models.form_2021 import FORM_2021
from models.review import ReviewEntry, ReviewFinding, ReviewResult

CELL = FORM_2021.ref("appeals", "review.total")


def entry(index: int, *findings: Finding, error: str | None = None) -> ReviewEntry:
    return ReviewEntry(index, f"{index}.json", error=error, agency=f"机关{index}", year=2025,
                       findings=[ReviewFinding.of(f) for f in findings])


def parts(html: str) -> list[str]:
    return re.findall(r"<h2>([一二三四五])、", html)


def test_parts_are_numbered_in_turn_when_no_file_is_unreadable():
    error = Finding("T4-TOT", Severity.ERROR, "表四 行政复议 · 总计：表中印为 0", (CELL,))
    warning = Finding("DUP", Severity.WARNING, "一、总体情况有 90% 的文字相同", section="overview")
    html = review_html(ReviewResult([entry(0, error), entry(1, warning), entry(2)]))
    assert parts(html) == ["一", "二", "三"]
    assert "有警告或异常的报告" in html.split("<h2>二、")[1].split("</h2>")[0]
    assert parts(review_html(ReviewResult([entry(0, error), entry(1, error="坏文件"), entry(2)]))) == ["一", "二", "三"]
    assert parts(review_html(ReviewResult([entry(2)]))) == ["一"]


def test_a_finding_reads_as_in_the_window_without_its_code():
    error = Finding("T4-TOT", Severity.ERROR, "表四 行政复议 · 总计：表中印为 0", (CELL,))
    html = review_html(ReviewResult([entry(0, error)]))
    assert "<td>表四合计</td><td>表四 行政复议 · 总计</td>" in html
    assert "T4-TOT" not in html and "appeals." not in html
