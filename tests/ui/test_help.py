"""填报说明 at hand: tooltips on labels and cells, the help pane following the grid, the whole guide."""
from __future__ import annotations

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from models import guide
from models.form import CellRef
from ui.guide_dialog import GuideDialog
from ui.help_pane import EMPTY_TEXT, HelpPane


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    def unexpected(box, *args):
        raise AssertionError(f"unexpected dialog: {box.text()}")
    monkeypatch.setattr(QMessageBox, "exec", unexpected)


def hover(view, index) -> str:
    """The tooltip Qt shows when the mouse rests on ``index``."""
    QToolTip.hideText()
    pos = view.visualRect(index).center()
    QTest.mouseMove(view.viewport(), pos)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def type_text(widget, text: str) -> None:
    """Key clicks; a Chinese character comes as Qt.Key_unknown with its text, as from an input method."""
    for ch in text:
        key = QTest.asciiToKey(ch) if ch.isascii() else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key(key), ch, Qt.KeyboardModifier.NoModifier)


def requests_grid(window):
    window.show_page("requests")
    grid = window.grid("requests")
    grid.setFocus()
    QApplication.processEvents()
    return grid


def test_hovering_a_row_label_tells_what_the_row_counts(window):
    grid = requests_grid(window)
    row, _ = grid.table.position(CellRef("requests", "partly_granted.natural_person"))
    text = hover(grid, grid.grid_model.index(row, 1))
    assert "（二）部分公开" in text and "只在本项计1件" in text


def test_hovering_a_group_heading_and_a_column_heading(window):
    grid = requests_grid(window)
    table = grid.table
    other_row, _ = table.position(CellRef("requests", "other_no_correction.natural_person"))
    assert table.cell_at(other_row, 1).text == "（六）其他处理"
    assert "逾期不补正" in hover(grid, grid.grid_model.index(other_row, 1))
    assert "律师以个人名义申请的" in hover(grid, grid.grid_model.index(2, 7))  # 法律服务机构


def test_hovering_a_number_gives_its_name_its_guide_and_its_findings(window):
    window.document.set_values([(CellRef("requests", "new.natural_person"), 3)], "x")
    grid = requests_grid(window)
    text = hover(grid, grid.grid_model.index_of(CellRef("requests", "new.natural_person")))
    assert "一、本年新收政府信息公开申请数量 · 自然人" in text and "按收到申请的日期计" in text and "以公民个人名义" in text
    assert "不平衡" in text
    assert text.index("不平衡") < text.index("按收到申请的日期计")  # what is wrong first
    total = hover(grid, grid.grid_model.index_of(CellRef("requests", "total.total")))
    assert "自动计算" in total


def test_every_label_of_every_grid_has_a_tooltip(window):
    for table in window.document.form.tables:
        model = window.grid(table.id).grid_model
        for cell in table.cells:
            tip = model.data(model.index(cell.row, cell.col), Qt.ItemDataRole.ToolTipRole)
            assert tip, (table.id, cell.text, cell.ref)


def test_tooltips_show_on_the_frozen_header_too(window):
    grid = requests_grid(window)
    window.resize(1366, 768)
    QApplication.processEvents()
    QTest.keyClick(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    top = grid.frozen.pane("top")
    assert top.isVisible()
    assert "以公民个人名义" in hover(top, top.model().index(1, 3))


@pytest.mark.quick
def test_the_help_pane_follows_the_current_cell_as_keys_move_it(window, qtbot):
    pane = HelpPane(window.document.form)
    qtbot.addWidget(pane)
    assert EMPTY_TEXT in pane.text()
    grid = requests_grid(window)
    grid.current_cell_changed.connect(pane.show_for_cell)
    refs = []
    grid.current_ref_changed.connect(refs.append)
    grid.setCurrentIndex(grid.grid_model.index_of(CellRef("requests", "granted.research")))
    assert "予以公开" in pane.text() and "科研机构" in pane.text()
    QTest.keyClick(grid, Qt.Key.Key_Down)
    assert pane.topic.text == guide.topic_for_ref(window.document.form,
                                                   CellRef("requests", "partly_granted.research")).text
    QTest.keyClick(grid, Qt.Key.Key_Home)  # to the row's label
    assert grid.grid_model.ref_at(grid.currentIndex()) is None
    assert pane.topic.text == guide.REQUEST_ROW_GUIDE["partly_granted"]
    assert refs == [CellRef("requests", "granted.research"), CellRef("requests", "partly_granted.research"), None]
    assert guide.SECTION_GUIDE["requests"][:20] in pane.text()  # the section's guide under it


def test_the_help_pane_shows_refs_and_sections(window, qtbot):
    pane = HelpPane(window.document.form)
    qtbot.addWidget(pane)
    row, column = window.document.form.table("active").position(CellRef("active", "fees"))
    pane.show_for_cell("active", row, column)
    assert "万元" in pane.text() and "表二" in pane.text()
    pane.show_for_section("other")
    assert "信息处理费" in pane.text() and pane.topic.title == "六、其他需要报告的事项"
    pane.show_for_section("basic")  # the page before section 一
    assert "成文日期" in pane.text() and "3月31日" in pane.text()
    pane.show_for_section("no_such_tab")
    assert EMPTY_TEXT in pane.text()


def test_the_whole_guide_opens_at_the_section_and_finds_words(window, qtbot):
    pane = HelpPane(window.document.form)
    qtbot.addWidget(pane)
    pane.show_for_section("appeals")
    pane.show_whole_guide()
    dialog = pane._dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "国办公开办函〔2021〕30号" in text
    for section in window.document.form.sections:
        assert section.title in text
    type_text(dialog.find_box, "万元")
    QTest.keyClick(dialog.find_box, Qt.Key.Key_Return)
    assert dialog.browser.textCursor().selectedText() == "万元"
    dialog.find_box.clear()
    type_text(dialog.find_box, "没有这个词语")
    QTest.keyClick(dialog.find_box, Qt.Key.Key_Return)
    assert dialog.find_status.text() == "没有找到"


def test_the_guide_dialog_fits_a_1366x768_screen(qapp, qtbot):
    from models.form_2021 import FORM_2021
    dialog = GuideDialog(FORM_2021)
    qtbot.addWidget(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= min(area.height(), 768 - 60)
