"""Hand-typed figures the text checks read, located in the sub-section's own text."""
from importers import read_report
from models.checks.text import LITIGATION, RECEIVED, REVIEW
from models.report import Report, Subsection
from models.statistics_text.quotes import compacted, locate
from tests.conftest import shared_path


def test_the_contradicted_figure_of_a_real_report_is_found_where_it_stands():
    report = read_report(shared_path("real-reports", "03_hongze-district-gov-2024.txt")).report
    quotes = locate(report, "overview", RECEIVED)
    assert [q.number for q in quotes] == [17]
    quote = quotes[0]
    text = report.sections["overview"][quote.index].text
    assert text[quote.start:quote.end] == "17" and "依申请" in report.sections["overview"][quote.index].heading


def test_offsets_survive_full_width_digits_and_spaces():
    text = "全年行政复议　１２ 件，行政诉讼 3 件。"
    report = Report(sections={"overview": [Subsection("", "无关。"), Subsection("乙", text)]})
    review, = locate(report, "overview", REVIEW)
    suit, = locate(report, "overview", LITIGATION)
    assert (review.index, review.number, text[review.start:review.end]) == (1, 12, "１２")
    assert text[suit.start:suit.end] == "3"
    compact, origin = compacted(text)
    assert compact.startswith("全年行政复议12件") and origin[6] == 7
