"""Every workbook the program writes holds text as text: nothing from a report becomes a formula.

The report's XLSX and the 审查台's workbook, fed agency names, file names, headings, paragraphs, findings and
flags that begin like formulas ("=HYPERLINK(…)", "+1", "@SUM", a tab, a full-width ＝), control characters and
text longer than a cell holds: the only formulas are the report's own sums, every such text is marked as typed
text, and it reads back exactly (cut to Excel's 32,767 characters, control characters dropped).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters.common import xml_safe
from exporters.review_xlsx import write_review_xlsx
from exporters.sheet_text import MAX_CELL_CHARS, sheet_text
from exporters.xlsx import sum_formula, write_xlsx
from models.checks.presentation import rule_name
from models.form_2021 import FORM_2021
from models.report import Subsection
from models.review import Flag, ReviewEntry, ReviewFinding, ReviewResult
from models.review.figures import NUMBER_REFS
from tests.export_support import FORMULA_LIKE, balanced_report, unquoted_formula_like_text, workbook_formulas

# the report's own formulas, one per total, built from the form
SUMS = sorted(sum_formula(table, d.terms).removeprefix("=") for table in FORM_2021.tables for d in table.computed)


def expected(text: str) -> str:
    return sheet_text(text).text


@pytest.mark.parametrize("text", FORMULA_LIKE, ids=range(len(FORMULA_LIKE)))
def test_sheet_text_marks_what_begins_like_a_formula(text):
    cell = sheet_text(text)
    assert cell.quoted == xml_safe(text).startswith(("=", "+", "-", "@", "\t", "\n", "＝"))
    assert len(cell.text) <= MAX_CELL_CHARS and "\x01" not in cell.text


def hostile_report(text: str):
    report = balanced_report(agency=text)
    report.preamble = text
    report.sections["overview"] = [Subsection(text, text), Subsection("", f"{text}\n{text}")]
    report.sections["other"] = [Subsection(text, text)]
    return report


# three beginnings in the quick run (=, -, a tab), the eight in the full run (sheet_text meets all, above)
@pytest.mark.parametrize("text", [pytest.param(t, id=str(i), marks=() if i in (0, 5, 7) else pytest.mark.slow)
                                  for i, t in enumerate(FORMULA_LIKE[:8])])
def test_the_report_s_workbook_has_only_its_own_sums(tmp_path, text):
    path = tmp_path / "报告.xlsx"
    write_xlsx(hostile_report(text), path)
    assert sorted(formula for _, _, formula in workbook_formulas(path)) == SUMS
    assert unquoted_formula_like_text(path) == []


SHORT = FORMULA_LIKE[:-1]   # the last is 40,000 characters: once is enough (the 数据 sheet repeats names)
# a few ways a text can begin like a formula (=, -, a tab, a control character): the quick run's review workbook,
# whose 数据 sheet has a row for each of 200 numbers of each report (sheet_text itself meets them all, above)
FEW = tuple(FORMULA_LIKE[i] for i in (0, 5, 7, 13))


def hostile_review(tmp_path: Path, texts: tuple[str, ...] = SHORT) -> ReviewResult:
    entries = []
    for i, text in enumerate(texts):
        name = str(tmp_path / f"{'=' if i % 2 else '+'}报告{i}.json")
        finding = ReviewFinding("T3-BAL", "error", text, (NUMBER_REFS[0],), None)
        entries.append(ReviewEntry(2 * i, name, source_format="docx", agency=text, year=2025, level=text,
                                   figures={}, numbers=tuple([1] * len(NUMBER_REFS)), findings=[finding],
                                   flags=[Flag("", "jump", text)], prior_file=name))
        entries.append(ReviewEntry(2 * i + 1, name, error=text))
    entries.append(ReviewEntry(len(entries), "长.json", error=FORMULA_LIKE[-1]))
    return ReviewResult(entries)


@pytest.mark.parametrize("texts", [FEW, pytest.param(SHORT, marks=pytest.mark.slow)], ids=["few", "all"])
def test_the_review_workbook_writes_every_text_as_text(tmp_path, texts):
    path = tmp_path / "审查结果.xlsx"
    write_review_xlsx(hostile_review(tmp_path, texts), path)
    assert workbook_formulas(path) == []
    assert unquoted_formula_like_text(path) == []
    workbook = load_workbook(path)
    agencies = [row[2].value for row in workbook["汇总"].iter_rows(min_row=2)]
    assert [a for a in agencies if a is not None] == [expected(t) for t in texts]
    rows = [[cell.value for cell in row] for row in workbook["问题"].iter_rows(min_row=2)]
    messages = [row[-1] for row in rows if row[4] == rule_name("T3-BAL")]
    assert messages == [expected(t) for t in texts]
    errors = [row[-1] for row in rows if row[4] == "无法读取"]
    assert errors == [expected(t) for t in texts] + [expected(FORMULA_LIKE[-1])]
    flags = [row[-1] for row in rows if row[3] == "异常"]
    assert flags == [expected(t) for t in texts]


def test_libreoffice_reads_the_review_workbook_s_text_as_text(tmp_path, lo_profile):
    """As the issue saw it in LibreOffice: a live link, 2, #NAME?, Err:509 — now the texts themselves."""
    import csv

    from tests.export_support import CSV_ALL_SHEETS, soffice_convert
    path = tmp_path / "审查结果.xlsx"
    write_review_xlsx(hostile_review(tmp_path), path)
    made = soffice_convert(path, tmp_path / "csv", CSV_ALL_SHEETS, lo_profile)
    summary = next(p for p in made if "汇总" in p.name)
    with open(summary, encoding="utf-8", newline="") as f:
        agencies = [row[2] for row in list(csv.reader(f))[1:] if row[2]]
    assert agencies == [expected(t).replace("\r", "\n") for t in SHORT]
    for error in ("#NAME?", "Err:", "#VALUE!", "#REF!"):
        assert all(error not in p.read_text(encoding="utf-8") for p in made)
