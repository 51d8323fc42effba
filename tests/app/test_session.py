"""The session without Qt: every command's do, undo and redo, its name and what it announces; the workflows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import draft
from models.checks import IMPORT, Severity
from models.form_2021 import FORM_2021
from models.numbers import NumberError
from models.report import Report
from app.session import Change, ExportRefused, Session
from app.session import commands as c
from app.session import workflows
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


def open_for_review(session, path, prior=None, profile=None):
    """As the window does it: read off the UI thread, then shown read-only."""
    return session.show_for_review(workflows.read_as_published(path, prior), path, profile)


def round_trip(session, is_done, is_undone):
    """Undo and redo the last step: the predicates ``is_done`` and ``is_undone`` must hold of the report at each
    turn; returns what was announced by the undo and by the redo."""
    name = session.undo_name
    assert is_done(), "before the undo"
    session.heard.clear()
    assert session.undo()
    assert is_undone(), "after the undo"
    undone = heard(session)
    assert session.redo_name == name
    assert session.redo()
    assert is_done(), "after the redo"
    return undone, heard(session)


def test_a_cell(session):
    assert session.enter_text(NEW, "１２")
    assert session.undo_name == f"输入“{FORM_2021.name_of(NEW)}”"
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
    assert len(session.history.done) == 1


def test_text_typing_merges_into_one_step_until_the_field_is_left(session):
    for text in ("2", "20", "202", "2025"):
        session.set_subsection_text("overview", 0, text)
    assert len(session.history.done) == 1
    assert session.undo_name == "修改“一、总体情况（一）主动公开”的文字"
    assert heard(session).texts == {("overview", 0)}
    session.end_typing()
    session.set_subsection_text("overview", 0, "2025年")
    assert len(session.history.done) == 2
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
    assert len(session.history.done) == 0


def test_basic_information(session):
    session.set_meta("agency", "测试")
    session.set_meta("agency", "测试局局")
    assert len(session.history.done) == 1 and session.undo_name == "修改机关名称"
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
    printed = [n for n in imported.notes if n.template == workflows.ImportNotes.printed_total.id]
    assert len(printed) == 2 and all(n.rule == IMPORT for n in printed)
    assert {(n.arguments["stated"], n.arguments["computed"]) for n in printed} == {(0, 11), (0, 5)}
    assert not [f for f in session.findings() if f.rule == "T4-TOT"]


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
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
    assert [n.arguments for n in session.import_notes if n.template == workflows.ImportNotes.printed_total.id] == [
        {"cell": FORM_2021.name_of(total), "stated": 999, "terms": "47+10+1+0+2+1", "computed": 61}]


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


def test_a_damaged_draft_opens_only_on_the_clerk_s_word_with_what_was_cleared_among_the_notes(tmp_path):
    from models import draft as drafts
    path = tmp_path / "损坏.gkbg.json"
    drafts.save(Report(agency="明川市教育局"), path)
    path.write_bytes(path.read_bytes().replace("教".encode(), b"\xff"))
    session = Session()
    with pytest.raises(drafts.DraftRepairable, match="机关名称"):
        session.open(path)
    assert session.path is None   # nothing changed without the clerk's word
    session.open(path, repair=True)
    assert session.report.agency == "明川市\ufffd育局" and session.modified and session.holds_lock
    assert any("机关名称" in note.message for note in session.import_notes)
    session.save()
    assert drafts.load(path).agency == "明川市\ufffd育局"
    session.release()


def test_a_report_opened_for_review_is_the_published_file_beside_last_year_and_takes_no_change(tmp_path):
    """As the 审查台 checks it: printed totals kept (their errors are errors), last year's report beside it."""
    from app.review import review
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("02_hongze-district-gov-2023.txt", "03_hongze-district-gov-2024.txt"):
        (folder / name).write_bytes(shared_path("real-reports", name).read_bytes())
    entries = {Path(e.file).name: e for e in review([folder], jobs=1).entries}
    for name, entry in entries.items():
        session = Session()
        open_for_review(session, entry.file, entry.prior_file)
        shown = [(f.rule, f.severity.value, f.message, tuple(f.cells), f.section)
                 for f in session.import_notes + session.findings()]
        assert shown == [(f.rule, f.severity, f.message, f.cells, f.section) for f in entry.findings], name
        assert session.read_only and not session.modified and session.path.name == name
        before = dict(session.report.values)
        assert not session.set_values([(NEW, 7)], "x")
        assert session.fill_blanks_with_zero() == 0
        assert session.report.values == before and session.undo_name is None and not session.modified
    assert entries["03_hongze-district-gov-2024.txt"].prior_file.endswith("02_hongze-district-gov-2023.txt")


def test_save_as_proposes_a_new_draft_never_the_file_the_report_came_from(tmp_path):
    source = tmp_path / "清河.gkbg.json"
    draft.save(draft.load(EXAMPLES / "qinghe-scjg-2025.json"), source)
    editing = Session()
    editing.open(source)
    assert editing.save_as_proposal([str(tmp_path)]) == source.resolve()  # its own draft: the usual 另存为
    editing.release()
    viewing = Session()
    viewing.open(source, read_only=True)
    proposed = viewing.save_as_proposal([str(tmp_path)])
    assert proposed.parent == tmp_path and proposed.name == "清河（副本）.gkbg.json" and not proposed.exists()
    published = Session()
    open_for_review(published, shared_path("real-reports", "01_huaian-city-gov-2024.txt"))
    proposed = published.save_as_proposal(["/no/such/folder", str(tmp_path)])
    assert proposed.parent == tmp_path and proposed.name.endswith(".gkbg.json") and "淮安市人民政府" in proposed.name


def test_a_report_from_a_review_with_local_requirements_is_checked_against_them_and_the_next_is_not():
    from app.review import review
    from models.profile_file import load_profile
    from tests.profile_support import EXAMPLE_PROFILE
    profile = load_profile(EXAMPLE_PROFILE)
    source = EXAMPLES / "qinghe-scjg-2025.json"
    entry, = review([source], jobs=1, profile=profile).entries
    assert any(f.rule == "LOCAL" for f in entry.findings)
    session = Session()  # the clerk uses no 本地要求
    open_for_review(session, entry.file, entry.prior_file, profile)
    assert [(f.rule, f.message) for f in session.import_notes + session.findings()] == \
        [(f.rule, f.message) for f in entry.findings]
    session.new()
    assert session.profile is None
    session.open(source, read_only=True)
    assert not any(f.rule == "LOCAL" for f in session.findings())


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


# the PDF in the full run: reading published PDFs is tests/importers' (test_real_reports, test_identity)
@pytest.mark.parametrize("name", ["01_huaian-city-gov-2024.txt",
                                  pytest.param("pdf/02_hongze-district-gov-2023.pdf", marks=pytest.mark.slow)])
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
