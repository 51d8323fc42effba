"""Starting this year's draft from last year's report: prior, 二、上年结转, sub-heads — one undo step."""
from importers import read_report
from models.checks.tables import InForce
from models import draft
from models.checks import Severity, run_checks
from models.form_2021 import APPLICANT_COLUMNS, FORM_2021
from models.report import Report, Subsection
from app.session import Session
from app.session.prior import plan
from tests.conftest import EXAMPLES, shared_path


def REQ(key):
    return FORM_2021.ref("requests", key)


def last_year():
    return read_report(shared_path("real-reports", "01_huaian-city-gov-2024.txt")).report


def take(session, prior, **choice):
    return session.take_prior(session.prior_offer(prior), **choice)


def test_new_draft_takes_carried_forward_and_sub_heads():
    prior = last_year()
    session = Session(Report(agency=prior.agency, year=2025))
    messages = take(session, prior)
    report = session.report
    assert report.prior == prior and report.prior is not prior
    assert {c: report.values[REQ(f"carried_over.{c}")] for c in APPLICANT_COLUMNS} == {
        c: prior.values[REQ(f"carried_forward.{c}")] for c in APPLICANT_COLUMNS}
    assert report.get(REQ("carried_over.total")) == 103
    assert [s.heading for s in report.sections["overview"]] == [
        "主动公开情况", "依申请公开情况", "政府信息管理情况", "政府信息公开平台建设情况", "政府信息公开监督保障情况"]
    assert all(s.text == "" for subs in report.sections.values() for s in subs)
    assert any("103" in m for m in messages)
    assert session.undo_name == "导入 2024 年报告作为上年报告"


def test_the_checks_with_the_prior_year_run_live():
    prior = last_year()
    session = Session(Report(agency=prior.agency, year=2025))
    take(session, prior)
    carry = [f for f in session.findings() if f.rule == "CARRY"]
    assert [f.severity for f in carry] == [Severity.INFO]
    session.set_values([(REQ("carried_over.natural_person"), 100)], "改")
    assert [f.severity for f in session.findings() if f.rule == "CARRY"] == [Severity.WARNING]


def test_typed_text_is_never_replaced():
    prior = last_year()
    session = Session(draft.load(EXAMPLES / "qinghe-scjg-2025.json"))
    before = [Subsection(s.heading, s.text) for s in session.report.sections["overview"]]
    messages = take(session, prior)
    assert session.report.sections["overview"] == before
    assert any("已有文字" in m for m in messages)


def test_steps_can_be_left_out_and_all_is_one_undo_step():
    prior = last_year()
    session = Session(Report(year=2025))
    session.set_values([(REQ("carried_over.natural_person"), 7)], "输入")
    report = session.report
    sections = {k: list(v) for k, v in report.sections.items()}
    take(session, prior, carry_requests=False, copy_subheads=False)
    assert report.values[REQ("carried_over.natural_person")] == 7 and report.sections == sections
    assert report.prior is not None
    session.undo()
    assert report.prior is None

    take(session, prior)
    assert report.values[REQ("carried_over.natural_person")] == 103
    session.undo()
    assert report.values[REQ("carried_over.natural_person")] == 7
    assert REQ("carried_over.commercial") not in report.values
    assert report.sections == sections and report.prior is None
    session.redo()
    assert report.values[REQ("carried_over.natural_person")] == 103 and report.prior is not None


def test_plan_says_what_is_offered_and_warns_about_years():
    prior = last_year()
    offer = plan(Report(year=2027), prior)
    assert offer.year_warning and "2024" in offer.year_warning and "2027" in offer.year_warning
    assert sum(offer.carried_over.values()) == 103
    assert set(offer.subheads) == {"overview"}   # 五 and 六 of 2024 have no sub-heads
    assert plan(Report(year=2025), prior).year_warning is None


def test_prior_of_the_prior_is_not_kept():
    older = last_year()
    prior = draft.load(EXAMPLES / "qinghe-scjg-2024.json")
    prior.prior = older
    session = Session(Report(year=2025))
    take(session, prior)
    assert session.report.prior.prior is None and prior.prior is older


def test_cross_year_of_the_real_reports_through_a_draft(tmp_path):
    """03 with 02 as its prior, saved and loaded as a draft: CARRY agrees and IN-FORCE 5 + 3 − 0 = 8 holds."""
    session = Session()
    session.import_as_new(shared_path("real-reports", "03_hongze-district-gov-2024.txt"))
    take(session, read_report(shared_path("real-reports", "02_hongze-district-gov-2023.txt")).report,
         carry_requests=False, copy_subheads=False)
    path = tmp_path / "洪泽2024.gkbg.json"
    session.save(path)
    findings = run_checks(draft.load(path))
    assert [f.severity for f in findings if f.rule == "CARRY"] == [Severity.INFO]
    assert {"kind": "行政规范性文件", "now": 8, "last": 5, "issued": 3, "repealed": 0} in [
        {k: f.arguments[k] for k in ("kind", "now", "last", "issued", "repealed")}
        for f in findings if f.template == InForce.agrees.id]
