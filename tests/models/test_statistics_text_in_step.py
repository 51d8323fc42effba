"""Generated figures kept in step: anchors follow edits, stale figures found and updated as one undo step."""
import pytest

from importers import read_report
from models.checks.figures import Stale
from models import draft
from models.figures import Figure, follow_edit
from models.form import CellRef
from models.report import Report
from app.session import Session
from models.statistics_text import generate
from app.session.figure_edits import insert_paragraph, update_figures
from models.statistics_text.in_step import stale_figures
from tests.conftest import EXAMPLES

NEW_PEOPLE = CellRef("requests", "new.natural_person")
REVIEW_UPHELD = CellRef("appeals", "review.upheld")
DEPENDENCY = ("overview", 1)  # （二）依申请公开 of the example


def session_with_paragraph(part: str = "overview", compare: bool = False) -> Session:
    report = read_report(EXAMPLES / "qinghe-scjg-2025.json").report
    report.prior = read_report(EXAMPLES / "qinghe-scjg-2024.json").report
    session = Session(report)
    session.report.sections["overview"][1].text = "申请主要涉及商标侵权查处。"
    assert session.insert_statistics(*DEPENDENCY, part, compare=compare)
    return session


def sub(session: Session):
    return session.report.sections[DEPENDENCY[0]][DEPENDENCY[1]]


def test_inserting_at_the_end_starts_a_paragraph_and_is_one_undo_step():
    session = session_with_paragraph()
    text = sub(session).text
    assert text.startswith("申请主要涉及商标侵权查处。\n2025 年，共收到政府信息公开申请 60 件")
    assert all(f.stands_in(text) for f in sub(session).figures)
    assert session.undo_name == "插入统计段落（一、总体情况（依申请公开））"
    session.undo()
    assert sub(session).text == "申请主要涉及商标侵权查处。" and sub(session).figures == []
    session.redo()
    assert sub(session).text == text


def test_inserting_over_a_selection_replaces_it_and_keeps_figures_around_it():
    session = session_with_paragraph("appeals")
    text = sub(session).text
    kept = list(sub(session).figures)
    session.execute(insert_paragraph(session.report, *DEPENDENCY, generate(session.report, "overview"), (0, 13)))
    new = sub(session)
    assert new.text.startswith("2025 年，共收到政府信息公开申请 60 件") and new.text.endswith(text[13:])
    assert all(f.stands_in(new.text) for f in new.figures)
    assert len(new.figures) == len(kept) + len(generate(session.report, "overview").figures)


def test_a_table_edit_makes_figures_stale_and_the_update_is_one_undo_step():
    session = session_with_paragraph(compare=True)
    assert session.stale_figures() == []
    session.enter_text(NEW_PEOPLE, "50")  # 46 → 50: 新收 60 → 64, 同比 changes too
    stale = session.stale_figures()
    assert [(s.figure.text, s.text) for s in stale] == [
        ("60", "64"), ("增加 10 件，增长 20.0%", "增加 14 件，增长 28.0%"), ("46", "50")]
    before = sub(session).text
    assert session.update_figures()
    after = sub(session).text
    assert "共收到政府信息公开申请 64 件（较上年增加 14 件，增长 28.0%），其中自然人申请 50 件" in after
    assert session.stale_figures() == [] and all(f.stands_in(after) for f in sub(session).figures)
    assert session.undo_name == "更新文中的统计数字（3 处）"
    session.undo()
    assert sub(session).text == before and len(session.stale_figures()) == 3
    session.undo()  # the table edit
    assert session.stale_figures() == []


def test_one_figure_can_be_updated_alone():
    session = session_with_paragraph()
    session.enter_text(NEW_PEOPLE, "40")
    first = session.stale_figures()[0]
    session.update_figures([first])
    assert session.undo_name == "把文中的“60”更新为“54”"
    assert [s.figure.text for s in session.stale_figures()] == ["46"]


def test_typing_moves_figures_and_typing_into_one_drops_it():
    session = session_with_paragraph()
    figures = list(sub(session).figures)
    text = sub(session).text
    session.set_subsection_text(*DEPENDENCY, "经统计，" + text)
    moved = sub(session).figures
    assert [f.start for f in moved] == [f.start + 4 for f in figures]
    assert all(f.stands_in(sub(session).text) for f in moved)
    first = moved[0]
    typed = sub(session).text[:first.end] + "0" + sub(session).text[first.end:]  # 60 → 600
    session.set_subsection_text(*DEPENDENCY, typed)
    assert first.quantity not in [f.quantity for f in sub(session).figures if f.start == first.start]
    assert len(sub(session).figures) == len(figures) - 1
    session.undo()  # both keystrokes were one typing step
    assert sub(session).text == text and sub(session).figures == figures


def test_follow_edit_keeps_figures_a_deletion_beside_them_leaves_intact():
    text = "申请 60 件，办结 61 件。"
    figures = (Figure("requests.new.total", "count", 60, "60", 3), Figure("requests.total.total", "count", 61, "61", 11))
    assert all(f.stands_in(text) for f in figures)
    assert follow_edit(figures, text, text.replace("申请 ", "申请")) == (figures[0].moved(-1), figures[1].moved(-1))
    assert follow_edit(figures, text, text.replace("60", "6")) == (figures[1].moved(-1),)
    assert follow_edit(figures, text, text.replace(" 61", " 161")) == (figures[0],)


def test_figures_are_saved_in_the_draft_and_read_back(tmp_path):
    session = session_with_paragraph(compare=True)
    path = tmp_path / "d.gkbg.json"
    session.save(path)
    loaded = draft.load(path)
    assert loaded.sections["overview"][1].figures == sub(session).figures
    assert loaded.sections["overview"][1].figures[1].measure == "change"


def test_a_figure_the_text_no_longer_says_is_left_out_on_loading(tmp_path):
    session = session_with_paragraph()
    text = draft.dumps(session.report).replace("共收到政府信息公开申请 60 件", "共收到政府信息公开申请 61 件")
    loaded = draft.loads(text)
    figures = loaded.sections["overview"][1].figures
    assert len(figures) == len(sub(session).figures) - 1 and all(f.stands_in(loaded.sections["overview"][1].text)
                                                                   for f in figures)


def test_a_draft_without_figures_reads_as_before_and_a_bad_figure_is_named():
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    assert all(s.figures == [] for subs in report.sections.values() for s in subs)
    assert '"figures"' not in draft.dumps(report)
    session = session_with_paragraph()
    bad = draft.dumps(session.report).replace('"quantity": "requests.new.total"', '"quantity": "requests.nope"', 1)
    with pytest.raises(draft.DraftError, match=r"sections\.overview\[1\]\.figures\[0\]\.quantity"):
        draft.loads(bad)
    unhashable = draft.dumps(session.report).replace('"quantity": "requests.new.total"', '"quantity": ["x"]', 1)
    with pytest.raises(draft.DraftError, match="未知的统计项"):
        draft.loads(unhashable)
    not_a_list = draft.dumps(session.report).replace('"figures": [', '"figures": 5, "x": [', 1)
    with pytest.raises(draft.DraftError, match=r"figures：应为列表"):
        draft.loads(not_a_list)


def test_update_without_stale_figures_is_nothing_to_undo():
    session = session_with_paragraph()
    assert not session.update_figures()
    assert update_figures(session.report, []).is_noop()


def test_a_figure_whose_cells_are_blanked_is_not_called_stale():
    session = session_with_paragraph("appeals")
    for group in ("review",):
        for item in ("upheld", "corrected", "other", "pending"):
            session.report.set(CellRef("appeals", f"{group}.{item}"), None)
    assert all(s.figure.quantity != "appeals.review.total" for s in stale_figures(session.report))


def test_without_last_year_a_change_figure_is_left_alone():
    session = session_with_paragraph(compare=True)
    session.drop_prior()
    assert session.stale_figures() == []


def test_insert_in_a_report_without_figures_elsewhere():
    report = Report(year=2025)
    report.set(REVIEW_UPHELD, 1)
    session = Session(report)
    session.insert_statistics("overview", 0, "appeals", "brief")
    assert report.sections["overview"][0].text == "2025 年，发生政府信息公开行政复议 1 件，未发生行政诉讼案件。"


def test_stale_figures_as_findings_name_their_cells_and_the_figure():
    session = session_with_paragraph("appeals")
    assert not [f for f in session.findings() if f.rule == "FIG"]
    session.enter_text(REVIEW_UPHELD, "9")
    findings = [f for f in session.findings() if f.rule == "FIG"]
    assert findings and all(f.section == "overview" and f.quote and f.subsection is not None for f in findings)
    review = next(f for f in findings if CellRef("appeals", "review.total") in f.cells)
    assert review.template == Stale.stale.id
    assert review.arguments == {"section": "一、总体情况", "written": "4", "quantity": "表四 行政复议 · 总计", "now": "11"}


def test_figures_move_with_their_sub_section_and_survive_a_heading_edit():
    session = session_with_paragraph()
    figures = list(sub(session).figures)
    session.move_subsection("overview", 1, -1)
    assert session.report.sections["overview"][0].figures == figures
    session.set_subsection_heading("overview", 0, "依申请公开情况")
    assert session.report.sections["overview"][0].figures == figures
    session.undo()
    session.undo()
    assert sub(session).figures == figures


def test_text_changed_behind_the_commands_back_leaves_no_false_marks():
    from models.statistics_text.in_step import figure_spans
    session = session_with_paragraph()
    session.enter_text(NEW_PEOPLE, "50")
    sub(session).text = "全部重写，没有数字。"  # an editor writing into the report directly
    assert session.stale_figures() == [] and figure_spans(session.report, *DEPENDENCY) == ([], [])


def test_a_report_that_writes_numbers_tight_gets_them_tight_and_keeps_them_so():
    report = read_report(EXAMPLES / "qinghe-scjg-2025.json").report
    report.prior = read_report(EXAMPLES / "qinghe-scjg-2024.json").report
    for subs in list(report.sections.values()) + list(report.prior.sections.values()):
        for s in subs:
            s.text = s.text.replace(" ", "")
    session = Session(report)
    session.insert_statistics("overview", 1, "overview", compare=True)
    text = report.sections["overview"][1].text
    assert "2025年，共收到政府信息公开申请60件（较上年增加10件，增长20.0%）" in text
    session.enter_text(NEW_PEOPLE, "40")
    session.update_figures()
    assert "共收到政府信息公开申请54件（较上年增加4件，增长8.0%），其中自然人申请40件" in report.sections["overview"][1].text


def test_updating_figures_in_several_sub_sections_is_one_undo_step():
    session = session_with_paragraph()
    session.insert_statistics("problems", 0, "overview")
    texts = (sub(session).text, session.report.sections["problems"][0].text)
    session.enter_text(NEW_PEOPLE, "40")
    assert {(s.section_id, s.index) for s in session.stale_figures()} == {DEPENDENCY, ("problems", 0)}
    session.update_figures()
    assert session.stale_figures() == [] and "54 件" in session.report.sections["problems"][0].text
    session.undo()
    assert (sub(session).text, session.report.sections["problems"][0].text) == texts
