"""Clipboard text from Excel/WPS and where a pasted block lands in a table of the form."""
from __future__ import annotations

import pytest

from models.form import CellRef
from models.form_2021 import FORM_2021
from ui.clipboard import PasteError, parse_tsv, plan_fill, plan_paste, to_tsv

ACTIVE = FORM_2021.table("active")
REQUESTS = FORM_2021.table("requests")
APPEALS = FORM_2021.table("appeals")


@pytest.mark.parametrize("text,rows", [
    ("1\t2\r\n3\t4\r\n", [["1", "2"], ["3", "4"]]),
    ("5", [["5"]]),
    ("1\t\t3\n", [["1", "", "3"]]),
    ('"a\nb"\t2\n', [["a\nb", "2"]]),
    ('"a""b"\t""', [['a"b', ""]]),
    ('"abc\tx', [['"abc', "x"]]),  # a lone quote is text
])
def test_parse_tsv(text, rows):
    assert parse_tsv(text) == rows


def test_to_tsv_round_trips():
    rows = [["规章", "1"], ["多行\n标签", ""], ['引号"', "2"]]
    assert parse_tsv(to_tsv(rows)) == rows


def test_a_block_skips_merged_parts_labels_and_totals():
    # table 二 as copied from Excel: B..D of 规章 and 行政规范性文件, then the heading row, …
    rows = [["规章", "1", "2", "3"], ["行政规范性文件", "4", "5", "6"], ["第二十条第（五）项", "", "", ""],
            ["信息内容", "本年处理决定数量", "", ""], ["行政许可", "7", "", ""]]
    start = ACTIVE.position(CellRef("active", "rules.issued"))
    plan = plan_paste(FORM_2021, ACTIVE, start[0], 0, rows)
    assert dict(plan.pairs) == {CellRef("active", "rules.issued"): 1, CellRef("active", "rules.repealed"): 2,
                                CellRef("active", "rules.in_force"): 3, CellRef("active", "normative.issued"): 4,
                                CellRef("active", "normative.repealed"): 5, CellRef("active", "normative.in_force"): 6,
                                CellRef("active", "licensing"): 7}
    assert plan.skipped == 6 and plan.outside == 0  # the six label texts


def test_fees_keep_their_digits_and_blank_clears():
    row, col = ACTIVE.position(CellRef("active", "fees"))
    assert plan_paste(FORM_2021, ACTIVE, row, col, [["4166.241619"]]).pairs == [(CellRef("active", "fees"), "4166.241619")]
    row, col = APPEALS.position(CellRef("appeals", "review.upheld"))
    plan = plan_paste(FORM_2021, APPEALS, row, col, [["１２", "", "/", "3", "99", "1"]])
    assert plan.pairs == [(CellRef("appeals", f"review.{k}"), v) for k, v in
                          (("upheld", 12), ("corrected", None), ("other", None), ("pending", 3))] + \
        [(CellRef("appeals", "litigation_direct.upheld"), 1)]
    assert plan.skipped == 1  # the printed 总计 99


def test_values_beyond_the_table_are_counted_not_placed():
    row, col = APPEALS.position(CellRef("appeals", "litigation_after_review.pending"))
    plan = plan_paste(FORM_2021, APPEALS, row, col, [["1", "2", "3"], ["4"]])
    assert plan.pairs == [(CellRef("appeals", "litigation_after_review.pending"), 1)]
    assert (plan.skipped, plan.outside) == (1, 2)  # "2" fell on 总计; "3" and "4" are beyond the table


def test_the_first_bad_value_names_its_cell():
    row, col = REQUESTS.position(CellRef("requests", "new.natural_person"))
    with pytest.raises(PasteError, match="表三 二、上年结转政府信息公开申请数量 · 自然人 的“-3”不能为负数"):
        plan_paste(FORM_2021, REQUESTS, row, col, [["1", "2"], ["-3", "x"]])


def test_one_value_fills_a_selection():
    refs = [CellRef("requests", "new.research"), CellRef("requests", "new.other")]
    assert plan_fill(FORM_2021, refs, "0") == [(refs[0], 0), (refs[1], 0)]
    with pytest.raises(PasteError, match="件数应为整数"):
        plan_fill(FORM_2021, refs, "1.5")
