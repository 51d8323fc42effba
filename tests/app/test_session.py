"""The session without Qt: every command's do, undo and redo, its name and what it announces; the workflows."""
from __future__ import annotations

import json

import pytest

from models import draft
from models.checks import Severity
from models.form_2021 import FORM_2021
from models.numbers import NumberError
from models.report import Report
from app.session import Change, ExportRefused, Session
from app.session import commands as c
from tests.conftest import EXAMPLES, shared_path

NEW = FORM_2021.ref("requests", "new.natural_person")
FORWARD = FORM_2021.ref("requests", "carried_forward.natural_person")


@pytest.fixture
def session():
    s = Session(Report(agency="测试局", year=2025))
    s.heard = []
    s.subscribe(s.heard.append)
    return s


def heard(session) -> Change:
    change = Change()
    for one in session.heard:
        change = change | one
    session.heard.clear()
    return change


def round_trip(session, check_done, check_undone):
    """Undo and redo the last step, checking the report and what was announced each way."""
    name = session.undo_name
    check_done()
    session.heard.clear()
    assert session.undo()
    check_undone()
    undone = heard(session)
    assert session.redo_name == name
    assert session.redo()
    check_done()
    return undone, heard(session)


def test_a_cell(session):
    assert session.enter_text(NEW, "１２")
    assert session.undo_name == "输入“表三 一、本年新收 / 自然人”"
    assert heard(session).cells == {NEW}
    undone, redone = round_trip(session, lambda: session.value(NEW) == 12,
                                lambda: session.value(NEW) is None)
    assert undone.cells == redone.cells == {NEW}
    assert session.value(FORM_2021.ref("requests", "new.total")) == 12


def test_a_refused_entry_changes_nothing_and_adds_no_step(session):
    with pytest.raises(NumberError):
        session.enter_text(NEW, "abc")
    assert session.undo_name is None and not session.modified and not session.heard


def test_a_block_of_cells_and_blank_fill_are_one_step_each(session):
    session.set_values([(NEW, 3), (FORWARD, 3)], "粘贴 2 个单元格")
    assert session.undo_name == "粘贴 2 个单元格"
    n = session.fill_blanks_with_zero()
    assert n == len(FORM_2021.inputs) - 2 and session.undo_name == "空白填0"
    assert session.report.blank_inputs() == []
    session.undo()
    assert len(session.report.blank_inputs()) == n
    session.undo()
    assert session.report.values == {}


def test_setting_the_same_value_is_no_step(session):
    session.set_values([(NEW, 3)], "x")
    assert not session.set_values([(NEW, 3)], "y")
    assert session.history.depth == 1


def test_text_typing_merges_into_one_step_until_the_field_is_left(session):
    for text in ("2", "20", "202", "2025"):
        session.set_subsection_text("overview", 0, text)
    assert session.history.depth == 1
    assert session.undo_name == "修改“一、总体情况（一）主动公开”的文字"
    assert heard(session).texts == {("overview", 0)}
    session.end_typing()
    session.set_subsection_text("overview", 0, "2025年")
    assert session.history.depth == 2
    session.undo()
    assert session.report.sections["overview"][0].text == "2025"
    session.undo()
    assert session.report.sections["overview"][0].text == ""


def test_a_heading_rename(session):
    session.set_subsection_heading("problems", 1, "改进措施")
    undone, _ = round_trip(session, lambda: session.report.sections["problems"][1].heading == "改进措施",
                           lambda: session.report.sections["problems"][1].heading == "改进情况")
    assert undone.texts == {("problems", 1)}


@pytest.mark.parametrize("section", ["overview", "problems"])
def test_add_move_remove_sub_heads(session, section):
    before = [(s.heading, s.text) for s in session.report.sections[section]]
    session.add_subsection(section, "新小标题")
    assert heard(session).structure == {section}
    last = len(before)
    session.set_subsection_text(section, last, "内容")
    session.move_subsection(section, last, -1)
    assert session.report.sections[section][last - 1].text == "内容"
    session.remove_subsection(section, last - 1)
    assert [(s.heading, s.text) for s in session.report.sections[section]] == before
    assert session.undo_name.startswith("删除“")
    session.undo()
    assert session.report.sections[section][last - 1].heading == "新小标题"
    for _ in range(3):
        session.undo()
    assert [(s.heading, s.text) for s in session.report.sections[section]] == before
    assert not session.modified


def test_moving_past_the_edge_is_no_step(session):
    assert not session.move_subsection("overview", 0, -1)
    assert session.history.depth == 0


def test_basic_information(session):
    session.set_meta("agency", "测试")
    session.set_meta("agency", "测试局局")
    assert session.history.depth == 1 and session.undo_name == "修改机关名称"
    session.set_meta("year", 2024)
    session.set_meta("date", "2025-01-20")
    assert heard(session).meta == {"agency", "year", "date"}
    session.undo()
    session.undo()
    assert (session.report.year, session.report.date) == (2025, None)
    session.undo()
    assert session.report.agency == "测试局"


def test_last_year_and_its_removal(session):
    prior = draft.load(EXAMPLES / "qinghe-scjg-2024.json")
    session.take_prior(session.prior_offer(prior))
    assert heard(session).prior
    assert session.report.prior.year == 2024
    session.drop_prior()
    assert session.undo_name == "移除上年报告" and session.report.prior is None
    session.undo()
    assert session.report.prior.year == 2024


def test_modified_follows_the_history_and_saving(session, tmp_path):
    assert not session.modified
    session.set_values([(NEW, 1)], "x")
    assert session.modified and heard(session).saved_state
    path = session.save(tmp_path / "a.gkbg.json")
    assert not session.modified and session.path == path
    session.undo()
    assert session.modified
    session.redo()
    assert not session.modified


def test_open_replaces_everything_and_a_bad_file_leaves_the_session_as_it_was(session, tmp_path):
    session.set_values([(NEW, 1)], "x")
    bad = tmp_path / "bad.gkbg.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(draft.DraftError):
        session.open(bad)
    assert session.value(NEW) == 1 and session.undo_name == "x"
    session.open(EXAMPLES / "qinghe-scjg-2025.json")
    assert heard(session).document
    assert session.undo_name is None and not session.modified
    assert session.report.agency == "明川市清河区市场监督管理局"


def test_import_as_new_keeps_the_printed_totals_as_notes_only(session):
    imported = session.import_as_new(shared_path("real-reports", "02_hongze-district-gov-2023.txt"))
    assert session.report.stated == {} and session.modified and session.path is None
    printed = [n for n in imported.notes if "表中印为" in n.message]
    assert len(printed) == 2 and all(n.rule == "IMPORT" for n in printed)
    assert not [f for f in session.findings() if f.rule == "T4-TOT"]


def test_command_line_import_then_an_edit_gives_no_stale_finding(tmp_path):
    """The divergence of issue 8: a draft written by `main.py import` then corrected in the window."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    source = shared_path("real-reports", "01_huaian-city-gov-2024.txt")
    target = tmp_path / "淮安.gkbg.json"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(source), "-o", str(target)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "stated" not in json.loads(target.read_text(encoding="utf-8"))
    session = Session()
    session.open(target)
    ref = FORM_2021.ref("requests", "granted.commercial")
    session.set_values([(ref, session.value(ref) + 1), (FORM_2021.ref("requests", "new.commercial"),
                                                        session.value(FORM_2021.ref("requests", "new.commercial")) + 1)],
                       "改正")
    assert [f for f in session.findings() if f.severity is Severity.ERROR] == []
    window_session = Session()
    window_session.import_as_new(source)
    assert window_session.report.values == draft.load(target).values


def test_an_old_draft_with_printed_totals_opens_without_them(tmp_path, session):
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    total = FORM_2021.ref("requests", "total.total")
    report.stated[total] = 999
    path = tmp_path / "old.gkbg.json"
    draft.save(report, path)
    session.open(path)
    assert session.report.stated == {}
    assert any("表中印为 999" in n.message for n in session.import_notes)


def test_export_refuses_errors_unless_allowed(session, tmp_path):
    session.set_values([(NEW, 1)], "x")  # 一 without its result: T3-BAL
    check = session.export_check()
    assert check.errors and check.blanks and check.incomplete
    with pytest.raises(ExportRefused):
        session.export("xlsx", tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()
    session.export("xlsx", tmp_path / "a.xlsx", allow_errors=True)
    assert (tmp_path / "a.xlsx").stat().st_size > 0


def test_composite_undo_runs_backwards():
    report = Report()
    step = c.Composite([c.SetValues.of(report, [(NEW, 1)], "a"), c.SetValues(((NEW, 1, 2),), "b")], "两步")
    step.do(report)
    assert report.values[NEW] == 2
    step.undo(report)
    assert NEW not in report.values


def test_listeners_can_unsubscribe(session):
    seen = []
    stop = session.subscribe(seen.append)
    session.set_values([(NEW, 1)], "x")
    stop()
    session.set_values([(NEW, 2)], "y")
    assert len(seen) == 1


def test_an_unsigned_report_is_exported_only_when_confirmed(tmp_path):
    """No 落款 date (every imported report that printed none): a COMPLETE finding; the window asks (it shows
    ``incomplete``), the command line refuses without --force; with the date the export goes through."""
    from tests.export_support import balanced_report
    session = Session(balanced_report(date=None))
    check = session.export_check()
    assert check.errors == [] and [f.rule for f in check.incomplete] == ["COMPLETE"]
    assert "成文日期" in check.incomplete[0].message and check.to_confirm == check.incomplete
    with pytest.raises(ExportRefused, match="未填写"):
        session.export("docx", tmp_path / "a.docx")
    assert not (tmp_path / "a.docx").exists()
    session.execute(c.SetMeta.of(session.report, "date", "2026-01-20"))
    assert session.export_check().to_confirm == []
    session.export("docx", tmp_path / "a.docx")
    assert (tmp_path / "a.docx").stat().st_size > 0


@pytest.mark.parametrize("name", ["01_huaian-city-gov-2024.txt", "pdf/02_hongze-district-gov-2023.pdf"])
def test_an_imported_report_keeps_its_signature_and_preamble(tmp_path, name):
    """The 落款 (agency and date) and the preamble of a published report are the draft's: the export prints them."""
    import docx
    from tests.importers.test_docx import fill_template
    source = Session()
    source.import_as_new(shared_path("real-reports", name))
    report = source.report
    assert report.preamble.startswith("本报告由")
    report.date = "2025-01-22"
    document = fill_template(report, tmp_path / "已发布.docx", printed=report.stated)
    session = Session()
    session.import_as_new(document)
    imported = session.report
    assert (imported.agency, imported.year, imported.date) == (report.agency, report.year, "2025-01-22")
    assert imported.preamble == report.preamble
    session.export("docx", tmp_path / "导出.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "导出.docx")).paragraphs if p.text.strip()]
    assert paragraphs[-2:] == [report.agency, "2025年1月22日"]
