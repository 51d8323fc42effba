"""PDFs made the ways agencies make them, the page break put inside table 三 where a reader loses rows.

LibreOffice saves the official template filled in (row 四、结转下年度继续办理
alone at the top of the next page, a break inside the merged （三）不予公开
and （六）其他处理 cells, labels underlined, heading rows repeated, other
faces and sizes); Chromium prints the saved web page (the same breaks, labels
set in the middle of their merged cells, heading rows in ``<thead>``, cells
boxed apart, landscape pages, its own running heads and feet) and the table markup CMSs write: every cell a box
of its own, each border printed twice (HTML's default cell spacing, wide spacing round small type, thick
borders, a grey frame), Word's cell borders pasted without collapsing them.  LibreOffice prints the saved page
with ``border="5"`` as double lines.  Every file must read every number of tables 二–四 exactly, and its agency,
year and date.
"""
from __future__ import annotations

import pytest

from importers import read_report
from models import draft
from models.checks import Severity, run_checks
from models.form_2021 import REQUEST_ROWS
from tests.conftest import EXAMPLES, shared_path
from tests.importers.pdf_corpus import Made, chromium_pdfs, libreoffice_html_pdfs, libreoffice_pdfs, page_of, row_label

pytestmark = pytest.mark.slow   # LibreOffice and Chromium print each file twice or more


def sources() -> dict:
    """Reports of several agencies, levels and sizes: the shared real reports and the examples."""
    found = {}
    for name in ("01_huaian-city-gov-2024.txt", "02_hongze-district-gov-2023.txt", "03_hongze-district-gov-2024.txt"):
        report = read_report(shared_path("real-reports", name)).report
        report.date = f"{report.year + 1}-01-2{len(found)}"   # signed, so that the 落款 is printed and read
        found[name[:2]] = report
    for name in ("qinghe-scjg-2024", "qinghe-scjg-2025", "weibin-gongxin-2025"):
        report = draft.load(EXAMPLES / f"{name}.json")
        report.prior = None
        found[name] = report
    return found


# (source, row the page breaks before, options): the page-break positions and drawing quirks of the class
LIBREOFFICE_CASES = [
    ("01", "carried_forward", {}),                              # 四 alone on the next page, no heading
    ("02", "carried_forward", {"repeat": True}),                # … with the heading rows repeated
    ("03", "denied_security", {"underline": True}),             # inside （三）不予公开, underlined labels
    ("qinghe-scjg-2025", "other_unpaid_fee", {"font": "Noto Serif CJK SC"}),   # inside （六）, 3-line rows
    ("weibin-gongxin-2025", "total", {"size": 12}),             # before （七）总计, larger type
    ("qinghe-scjg-2024", "granted", {"underline": True, "repeat": True}),      # where 三、本年度办理结果 begins
]
# Chromium moves a group of rows that a merged label holds together ((三)–(六)) whole to the next page, but
# breaks 三、本年度办理结果 that spans 22 rows: the breaks fall between the groups, inside that tall cell
CHROMIUM_CASES = [
    ("01", "carried_forward", {}),
    ("02", "denied_state_secret", {"style": "middle", "thead": True}),      # its label in the middle of its cell
    ("03", "unable_not_held", {"style": "underline"}),
    ("qinghe-scjg-2025", "total", {"style": "big", "furniture": True}),     # the browser's heads and feet
    ("weibin-gongxin-2025", "granted", {"style": "middle"}),
    ("qinghe-scjg-2024", "rejected_complaint", {"thead": True, "furniture": True}),
    ("01", "total", {"markup": "boxed"}),                                   # cells boxed 1 px apart (cellspacing)
    ("qinghe-scjg-2025", "unable_not_held", {"paper": "A4 landscape", "style": "underline"}),   # wide rows, no padding
    # every border printed twice round cells boxed apart (``<table border="1">``: 15 numbers read in a row of 7),
    # with the browser's heads and feet, on A5, with headings repeated in smaller type; spacing 1 px across and
    # 2 px down; 10-px spacing round 9-px type (gaps wider than the type)
    ("02", "granted", {"markup": "separated", "furniture": True}),
    ("01", "granted", {"markup": "separated", "furniture": True, "paper": "A5"}),
    ("weibin-gongxin-2025", "granted", {"markup": "separated", "thead": True, "style": "small"}),
    ("qinghe-scjg-2024", "rejected_complaint", {"markup": "spacing-1-2"}),
    ("qinghe-scjg-2025", "total", {"markup": "spaced"}),
    # Word's cell borders without border-collapse: the labels' columns a group of lines of their own on a page
    ("weibin-gongxin-2025", "other_unpaid_fee", {"markup": "word"}),
]
# LibreOffice printing the saved page itself (where its page breaks fall)
LIBREOFFICE_PAGE_CASES = [
    ("03", "frame5"),                                                       # border="5": double lines, ruled across
]


def _cases(table, prefix):
    reports = sources()
    return [{"source": reports[source], "name": f"{prefix}{k}-{source}-{row}", "break_before": row, **options}
            for k, (source, row, options) in enumerate(table)]


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory, lo_profile) -> list[Made]:
    from tests.export_support import require_soffice
    require_soffice()
    return libreoffice_pdfs(tmp_path_factory.mktemp("libreoffice"), lo_profile, _cases(LIBREOFFICE_CASES, "lo"))


@pytest.fixture(scope="module")
def libreoffice_pages(tmp_path_factory, lo_profile) -> list[Made]:
    from tests.export_support import require_soffice
    require_soffice()
    reports = sources()
    return libreoffice_html_pdfs(tmp_path_factory.mktemp("libreoffice_pages"), lo_profile,
                                 [{"source": reports[source], "name": f"page{k}-{source}-{markup}", "markup": markup}
                                  for k, (source, markup) in enumerate(LIBREOFFICE_PAGE_CASES)])


@pytest.fixture(scope="module")
def chromium(tmp_path_factory) -> list[Made]:
    return chromium_pdfs(tmp_path_factory.mktemp("chromium"), _cases(CHROMIUM_CASES, "chromium"))


def previous_row(key: str) -> str:
    keys = [r.key for r in REQUEST_ROWS]
    return keys[keys.index(key) - 1]


def assert_read_exactly(made: Made) -> None:
    loaded = read_report(made.path)
    report, source = loaded.report, made.source
    read = {**report.values, **report.stated}
    wrong = {str(ref): (read.get(ref), value) for ref, value in made.expected.items() if read.get(ref) != value}
    assert wrong == {}, f"{made.producer} {made.variant}: 读错或漏读的数（读到, 原文）"
    assert set(read) == set(made.expected)
    assert (report.agency, report.year, report.date) == (source.agency, source.year, source.date)
    assert [n.message for n in loaded.notes if n.severity is not Severity.INFO] == []
    assert report.unread == set()
    # the checks find in the print what they find in the source, no more
    assert sorted(f.rule for f in run_checks(report) if f.severity is Severity.ERROR) == \
        sorted(f.rule for f in run_checks(source) if f.severity is Severity.ERROR)


@pytest.mark.parametrize("k", range(len(LIBREOFFICE_CASES)))
def test_template_saved_by_libreoffice(libreoffice, k):
    made = libreoffice[k]
    key = LIBREOFFICE_CASES[k][1]
    assert page_of(made.path, made.break_before) == page_of(made.path, row_label(previous_row(key))) + 1
    assert_read_exactly(made)


@pytest.mark.parametrize("k", range(len(CHROMIUM_CASES)))
def test_saved_page_printed_by_chromium(chromium, k):
    made = chromium[k]
    key = CHROMIUM_CASES[k][1]
    assert page_of(made.path, made.break_before) == page_of(made.path, row_label(previous_row(key))) + 1
    assert_read_exactly(made)


@pytest.mark.parametrize("k", range(len(LIBREOFFICE_PAGE_CASES)))
def test_saved_page_printed_by_libreoffice(libreoffice_pages, k):
    assert_read_exactly(libreoffice_pages[k])
