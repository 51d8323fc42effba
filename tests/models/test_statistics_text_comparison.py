"""同比: this year beside last year, to the unit, with the rounding reports use."""
from decimal import Decimal

import pytest

from importers import read_report
from models.form import CellRef
from models.report import Report
from models.statistics_text import generate
from models.statistics_text.comparison import change_phrase, compare_cells, percent_change
from tests.conftest import EXAMPLES, shared_path

NEW = CellRef("requests", "new.natural_person")
REVIEW = CellRef("appeals", "review.upheld")


def pair(this: int, last: int | None) -> Report:
    report = Report(year=2025)
    report.set(NEW, this)
    if last is not None:
        report.prior = Report(year=2024)
        report.prior.set(NEW, last)
    return report


@pytest.mark.parametrize("this,last,phrase", [
    (60, 55, "增加 5 件，增长 9.1%"),      # 9.0909…
    (17, 16, "增加 1 件，增长 6.3%"),      # 6.25 rounds half up, not to even
    (3, 8, "减少 5 件，下降 62.5%"),
    (9, 16, "减少 7 件，下降 43.8%"),      # 43.75
    (20, 10, "增加 10 件，增长 100.0%"),
    (12, 12, "持平"),
    (4, 0, "增加 4 件"),                   # no percentage when last year was 0
])
def test_the_change_phrase(this, last, phrase):
    assert change_phrase(this, last) == phrase
    text = generate(pair(this, last), "overview", compare=True).text
    if this:
        assert f"共收到政府信息公开申请 {this} 件（较上年{phrase}）" in text


def test_percent_change_is_exact_decimal_arithmetic():
    assert percent_change(1, 3) == Decimal("66.7")
    assert percent_change(2, 3) == Decimal("33.3")
    assert percent_change(5, 0) is None


def test_nothing_is_said_without_last_year_or_without_its_figure():
    assert "较上年" not in generate(pair(60, None), "overview", compare=True).text
    report = pair(60, 55)
    assert "较上年" not in generate(report, "overview", compare=False).text
    report.prior.set(NEW, None)  # last year's cell blank: nothing to compare with
    assert "较上年" not in generate(report, "overview", compare=True).text


def test_change_figures_state_the_difference_of_the_real_reports():
    report = read_report(shared_path("real-reports", "03_hongze-district-gov-2024.txt")).report
    report.prior = read_report(shared_path("real-reports", "02_hongze-district-gov-2023.txt")).report
    paragraph = generate(report, "appeals", "brief", compare=True)
    changes = {f.quantity: f for f in paragraph.figures if f.measure == "change"}
    review_now, review_then = report.get(CellRef("appeals", "review.total")), report.prior.get(
        CellRef("appeals", "review.total"))
    assert (review_now, review_then) == (2, 11)
    assert changes["appeals.review.total"].value == -9
    assert changes["appeals.review.total"].text == "减少 9 件，下降 81.8%"  # 9 / 11 = 81.818…
    assert changes["appeals.litigation.total"].text == "减少 1 件，下降 20.0%"  # (1 + 3) against (0 + 5)


def test_every_cell_beside_last_years():
    report = read_report(EXAMPLES / "qinghe-scjg-2025.json").report
    assert compare_cells(report) == {}
    report.prior = read_report(EXAMPLES / "qinghe-scjg-2024.json").report
    cells = compare_cells(report)
    new_total = CellRef("requests", "new.total")
    assert cells[new_total].last == 50 and cells[new_total].change == 10 and cells[new_total].percent == Decimal("20.0")
    assert cells[new_total].last_label == "上年 50" and cells[new_total].change_label == "+10"
    fees = CellRef("active", "fees")
    assert cells[fees].change == Decimal(report.get(fees)) - Decimal(report.prior.get(fees))
    assert len(cells) == sum(len(t.refs) for t in report.form.tables)
    report.prior.set(REVIEW, None)
    report.set(REVIEW, 3)
    assert compare_cells(report)[REVIEW].change is None and compare_cells(report)[REVIEW].last_label == "上年空白"
