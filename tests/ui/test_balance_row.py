"""The 核对 row under table 三 reads the form's balance identity, as the check T3-BAL does."""
from __future__ import annotations

from models import draft
from models.checks import run_checks
from models.form_2021 import FORM_2021, REQUESTS
from app.session import Session
from tests.conftest import EXAMPLES
from ui.document import ReportDocument
from ui.table_model import BalanceModel

TABLE = FORM_2021.table(REQUESTS)


def test_the_row_and_the_check_agree_on_every_column(qtbot):
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.set(FORM_2021.ref(REQUESTS, "carried_forward.commercial"), 3)
    report.set(FORM_2021.ref(REQUESTS, "new.research"), None)
    model = BalanceModel(ReportDocument(Session(report)), TABLE)
    said = {f.arguments["column"]: f.arguments for f in run_checks(report) if f.rule == "T3-BAL"}
    assert model.difference("commercial") == (-3, "一+二 = 9+1 = 10\n（七）总计+四 = 10+3 = 13\n（七）总计+四多 3 件")
    for column in TABLE.balance.columns[:-1]:
        difference = model.difference(column)[0]
        args = said.get(TABLE.column_label(column))
        assert difference == (0 if args is None else args["left_total"] - args["right_total"]), column
    assert model.difference("natural_person")[0] == 0
    first = TABLE.first_number_col
    assert model.data(model.index(0, first + 1)) == "−3" and model.data(model.index(0, first)) == "0"


def test_a_blank_column_is_not_judged(qtbot):
    model = BalanceModel(ReportDocument(Session()), TABLE)
    assert model.difference("other") == (None, "本列尚未填写")
    assert model.data(model.index(0, TABLE.first_number_col)) == ""
