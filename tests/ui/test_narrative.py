"""The narrative tabs: sub-heads of 一 (edit, add, remove, reorder, numbering), hints, basic information."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QToolButton

from models.form_2021 import FORM_2021
from models.report import Report, Subsection

QStandardPaths.setTestModeEnabled(True)


def headings(window, section="overview"):
    return [s.heading for s in window.document.report.sections[section]]


def test_default_sub_heads_are_prefilled_numbered_and_hinted(window):
    page = window.page("overview")
    assert [b.heading.text() for b in page.boxes] == list(FORM_2021.section("overview").default_subheads)
    assert [b.number.text() for b in page.boxes] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    hint = FORM_2021.section("overview").hint
    assert any(label.text() == hint for label in page.findChildren(type(page.boxes[0].number)))
    assert "（二）依申请公开" in page.boxes[1].text.placeholderText()


def undo_key(window):
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Undo))


def redo_key(window):
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Redo))


def test_sub_heads_of_one_can_be_edited_added_moved_and_removed_and_each_undone(window, qtbot):
    page = window.page("overview")
    window.show_page("overview")
    page.boxes[0].heading.setFocus()
    page.boxes[0].heading.selectAll()
    QTest.keyClicks(page.boxes[0].heading, "ABC")
    assert headings(window)[0] == "ABC"
    assert window.isWindowModified()
    assert window.menu_actions["edit.undo"].text().startswith("撤销“修改“一、总体情况（一）")
    page.add_subsection()
    assert headings(window)[-1] == "新小标题" and page.boxes[-1].number.text() == "（六）"
    page.boxes[-1].text.setFocus()
    QTest.keyClicks(page.boxes[-1].text, "xinzeng")
    page.move_subsection(5, -1)
    assert headings(window)[4:] == ["新小标题", "监督保障"]
    assert page.boxes[4].number.text() == "（五）" and page.boxes[4].text.toPlainText() == "xinzeng"
    page.remove_subsection(4)  # undoable, so no question
    assert headings(window) == ["ABC", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]
    assert window.menu_actions["edit.undo"].text() == "撤销“删除“一、总体情况（五）新小标题””(&U)"

    undo_key(window)   # the removal
    assert headings(window)[4:] == ["新小标题", "监督保障"] and page.boxes[4].text.toPlainText() == "xinzeng"
    undo_key(window)   # the move
    assert headings(window)[4:] == ["监督保障", "新小标题"]
    undo_key(window)   # the typing in the new box, one step
    assert page.boxes[5].text.toPlainText() == ""
    undo_key(window)   # the addition
    assert len(page.boxes) == 5
    undo_key(window)   # the heading
    assert headings(window)[0] == "主动公开" and page.boxes[0].heading.text() == "主动公开"
    assert not window.isWindowModified()
    redo_key(window)
    assert headings(window)[0] == "ABC" and page.boxes[0].heading.text() == "ABC"
    page.remove_subsection(1)
    assert [b.number.text() for b in page.boxes] == ["（一）", "（二）", "（三）", "（四）"]
    assert window.document.report.section_text("overview").startswith("（一）ABC\n（二）政府信息管理")


def test_one_and_five_restructure_their_sub_heads(window):
    assert all(len(b.findChildren(QToolButton)) == 3 for b in window.page("overview").boxes)  # ↑ ↓ 删除
    problems = window.page("problems")
    assert [b.heading.text() for b in problems.boxes] == ["存在的主要问题", "改进情况"]
    assert all(len(b.findChildren(QToolButton)) == 3 for b in problems.boxes)
    assert [b for b in problems.findChildren(QPushButton) if b.text() == "添加小标题"]
    other = window.page("other")
    window.show_page("other")
    assert len(other.boxes) == 1 and not other.boxes[0].heading.isVisible()


@pytest.mark.quick
def test_typing_text_updates_the_report_and_the_checks(window, qtbot):
    page = window.page("problems")
    window.show_page(page.section.id if hasattr(page, 'section') else 'basic')
    assert any(f.rule == "SEC-5" for f in window.document.findings)
    editor = page.boxes[0].text
    editor.setFocus()
    QTest.keyClicks(editor, "wu")
    editor.textCursor().insertText("栏目更新不及时。")
    assert window.document.report.sections["problems"][0].text == "wu栏目更新不及时。"
    qtbot.waitUntil(lambda: not any(f.rule == "SEC-5" for f in window.document.findings), timeout=2000)


def test_basic_information_edits_the_report(window, qtbot):
    page = window.page("basic")
    window.show_page(page.section.id if hasattr(page, 'section') else 'basic')
    page.agency.selectAll()
    QTest.keyClicks(page.agency, "X")
    assert window.document.report.agency == "X"
    assert page.heading_preview.text() == "X\n2025年政府信息公开工作年度报告"
    page.year.setValue(2024)
    assert window.document.report.year == 2024
    page.date.edit.setFocus()
    QTest.keyClicks(page.date.edit, "2025.1.20")
    QTest.keyClick(page.date.edit, Qt.Key.Key_Return)
    assert window.document.report.date == "2025-01-20"
    assert window.menu_actions["edit.undo"].text() == "撤销“修改成文日期”(&U)"
    page.date.clear()
    assert window.document.report.date is None
    window.menu_actions["edit.undo"].trigger()
    assert window.document.report.date == "2025-01-20" and page.date.date() == "2025-01-20"
    page.preamble.textCursor().insertText("本报告根据《条例》编制。")
    assert window.document.report.preamble == "本报告根据《条例》编制。"


def test_an_opened_report_shows_its_own_sub_heads(window, tmp_path):
    from models import draft
    report = Report(agency="甲", year=2024, date="2025-01-15",
                    sections={"overview": [Subsection("主动公开", "一段"), Subsection("其他", "二段")],
                              "other": [Subsection("", "未收取信息处理费。")]})
    path = tmp_path / "r.gkbg.json"
    draft.save(report, path)
    assert window.open_path(str(path))
    page = window.page("overview")
    assert [(b.heading.text(), b.text.toPlainText()) for b in page.boxes] == [("主动公开", "一段"), ("其他", "二段")]
    basic = window.page("basic")
    assert basic.year.value() == 2024 and basic.date.date() == "2025-01-15"
    assert window.page("other").boxes[0].text.toPlainText() == "未收取信息处理费。"


def test_a_part_without_a_sub_head_takes_no_number(window):
    page = window.page("overview")
    page.boxes[0].heading.clear()
    page.boxes[0].heading.textEdited.emit("")
    assert [b.number.text() for b in page.boxes][1:] == ["（一）", "（二）", "（三）", "（四）"]
    assert page.boxes[0].number.text().strip() == ""
    assert window.document.report.section_text("overview").splitlines()[0] == "（一）依申请公开"


def test_ctrl_z_in_a_text_box_undoes_the_typing_by_name_and_the_box_shows_it(window):
    page = window.page("problems")
    window.show_page("problems")
    editor = page.boxes[0].text
    editor.setFocus()
    QTest.keyClicks(editor, "abc")
    assert window.menu_actions["edit.undo"].text() == "撤销“修改“五、存在的主要问题及改进情况（一）存在的主要问题”的文字”(&U)"
    undo_key(editor)
    assert editor.toPlainText() == "" and window.document.report.sections["problems"][0].text == ""
    redo_key(editor)
    assert editor.toPlainText() == "abc"


def test_basic_information_is_undone_by_name_with_the_keyboard(window):
    page = window.page("basic")
    window.show_page("basic")
    page.agency.setFocus()
    page.agency.selectAll()
    QTest.keyClicks(page.agency, "Bureau")
    assert window.document.report.agency == "Bureau"
    assert window.menu_actions["edit.undo"].text() == "撤销“修改机关名称”(&U)"
    undo_key(page.agency)
    assert window.document.report.agency == "测试局" and page.agency.text() == "测试局"
    assert "测试局" in page.heading_preview.text()
