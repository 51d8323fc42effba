"""Copied tables whose empty cells survive as empty fields between tabs (a browser's copy of a 2019-format
report): when every row carries the full number of fields, the positions decide, not the count of numbers."""
from importers import read_report
from importers.text import trimmed
from models.checks import Severity
from models.form import CellRef
from models.form_2021 import REQUEST_ROWS
from tests.importers.test_text import TRIAL_REPORT, TRIAL_REQUESTS, request_rows

REQ = lambda key: CellRef("requests", key)  # noqa: E731
ACT = lambda key: CellRef("active", key)  # noqa: E731

# 总计 printed only where the clerk added it up; other cells left empty, their tabs kept
BLANK_TOTALS = {row.key: "0\t0\t0\t0\t0\t0\t" for row in REQUEST_ROWS}
BLANK_TOTALS.update({
    "new": "9\t1\t\t\t\t\t10",
    "granted": "5\t1\t\t\t\t\t",
    "unable_not_held": "2\t\t\t\t\t\t",
    "total": "9\t1\t0\t0\t0\t0\t10",
})


def report_with(requests: str, table_two: str | None = None) -> str:
    text = TRIAL_REPORT.replace(request_rows(TRIAL_REQUESTS, single_other="2\t0\t0\t0\t0\t0\t2"), requests)
    if table_two is not None:
        text = text.replace("规章\t0\t0\t3", table_two)
    return text


def read_text(tmp_path, text):
    path = tmp_path / "copied.txt"
    path.write_text(text, encoding="utf-8")
    return read_report(path)


def test_rows_with_a_blank_total_keep_their_columns(tmp_path):
    text = report_with(request_rows(BLANK_TOTALS, single_other="2\t0\t0\t0\t0\t0\t"))
    loaded = read_text(tmp_path, text)
    values, stated = loaded.report.values, loaded.report.stated
    assert (values[REQ("new.natural_person")], values[REQ("new.commercial")]) == (9, 1)
    assert (values[REQ("granted.natural_person")], values[REQ("granted.commercial")]) == (5, 1)
    assert values[REQ("unable_not_held.natural_person")] == 2
    assert REQ("granted.research") not in values and REQ("unable_not_held.commercial") not in values   # blank
    assert values[REQ("denied_state_secret.natural_person")] == 0
    assert stated[REQ("new.total")] == 10 and REQ("granted.total") not in stated
    messages = [n.message for n in loaded.notes if n.severity is Severity.WARNING]
    assert not any("无法确定各数所属的列" in m for m in messages), messages
    assert not any("没有印“总计”列" in n.message for n in loaded.notes)


def test_table_two_row_with_empty_last_fields(tmp_path):
    loaded = read_text(tmp_path, report_with(request_rows(TRIAL_REQUESTS, single_other="2\t0\t0\t0\t0\t0\t2"),
                                             table_two="规章\t5\t\t"))
    assert loaded.report.values[ACT("rules.issued")] == 5


def test_only_table_rows_keep_trailing_tabs():
    assert trimmed("（一）予以公开\t5\t1\t\t \t") == "（一）予以公开\t5\t1\t\t \t"
    assert trimmed("二、主动公开政府信息情况\t \u3000") == "二、主动公开政府信息情况"
    assert trimmed("本年度未收取信息处理费。  \f") == "本年度未收取信息处理费。"
