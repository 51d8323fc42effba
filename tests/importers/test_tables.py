"""Which printed row is which row of the form: two rows with one label, rows printed twice, numbers not read.

Built on the copied text of a saved page (``tests.report_html.copied_text``),
a row per line, as a browser copies a table.
"""
from __future__ import annotations

import pytest

from importers import read_plain_text
from models import draft
from models.checks import Severity, run_checks
from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES
from tests.report_html import copied_text

REQ = lambda key: FORM_2021.ref("requests", key)  # noqa: E731


@pytest.fixture
def source():
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.prior = None
    return report


def lines_of(report) -> list[str]:
    return copied_text(report).splitlines()


def row_at(lines: list[str], label: str) -> int:
    return next(i for i, line in enumerate(lines) if line.split("\t")[0].endswith(label) or
                any(cell == label for cell in line.split("\t")))


def read(lines: list[str]):
    return read_plain_text("\n".join(lines) + "\n")


def warnings(loaded) -> list[str]:
    return [n.message for n in loaded.notes if n.severity is Severity.WARNING]


def test_of_two_rows_with_one_label_the_one_with_numbers_wins(source):
    """A ragged merged cell gives an empty row with the label of the row below: the numbers are read."""
    lines = lines_of(source)
    at = row_at(lines, "（七）总计")
    lines.insert(at, "\t".join(["（七）总计"] + [""] * 7))
    loaded = read(lines)
    assert loaded.report.values == source.values
    assert loaded.report.stated[REQ("total.total")] == source.totals()[REQ("total.total")]
    assert warnings(loaded) == []


def test_a_row_printed_twice_is_named_and_read_once(source):
    lines = lines_of(source)
    at = row_at(lines, "8.属于行政查询事项")
    twice = lines[at].split("\t")
    lines.insert(at + 1, "\t".join(twice[:-7] + ["9"] * 7))
    loaded = read(lines)
    assert loaded.report.values == source.values
    [message] = warnings(loaded)
    assert "印了两次" in message and "（三）8.属于行政查询事项" in message and "9 9 9" in message


def test_an_unread_total_row_is_not_replaced_silently(source):
    lines = lines_of(source)
    del lines[row_at(lines, "（七）总计")]
    loaded = read(lines)
    assert loaded.report.values == source.values
    [message] = warnings(loaded)
    assert "（七）总计" in message and "无法与原文核对" in message and "各项之和" in message
    assert REQ("total.natural_person") in loaded.report.unread


def test_numbers_not_read_cause_no_balance_error(source):
    """A row whose numbers cannot be placed stays blank and is named; the balance of its columns and the totals
    that sum it cannot be held against the report: no T3-BAL or T3-SUM error, a note that they were not checked."""
    lines = lines_of(source)
    at = row_at(lines, "（一）予以公开")
    cells = lines[at].split("\t")
    lines[at] = "\t".join(cells[:-7] + cells[-7:-3])   # four numbers of seven: no column can be told
    loaded = read(lines)
    report = loaded.report
    assert REQ("granted.natural_person") not in report.values
    assert REQ("granted.natural_person") in report.unread
    assert any("无法确定各数所属的列" in m for m in warnings(loaded))
    findings = run_checks(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert any(f.rule == "T3-BAL" and f.severity is Severity.INFO and "无法核对" in f.message for f in findings)


def test_a_real_balance_error_is_still_found(source):
    lines = lines_of(source)
    at = row_at(lines, "一、本年新收政府信息公开申请数量")
    cells = lines[at].split("\t")
    cells[-7] = str(int(cells[-7]) + 5)
    cells[-1] = str(int(cells[-1]) + 5)
    lines[at] = "\t".join(cells)
    findings = run_checks(read(lines).report)
    assert [f.rule for f in findings if f.severity is Severity.ERROR] == ["T3-BAL"]
