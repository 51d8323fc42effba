"""The grids: typing like a clerk (keyboard and IME), moving, clipboard, undo, live checks and jumping."""
from __future__ import annotations

import pytest

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from models.form import CellRef

QStandardPaths.setTestModeEnabled(True)


def req(key: str) -> CellRef:
    return CellRef("requests", key)


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """A dialog nobody answers would hang the test run: any unexpected one fails the test instead."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(box, *args):
        raise AssertionError(f"unexpected dialog: {box.text()}")
    monkeypatch.setattr(QMessageBox, "exec", unexpected)


def open_grid(window, table: str, ref: CellRef | None = None):
    window.show_page(window.document.form.table(table).section)
    grid = window.grid(table)
    grid.setFocus()
    if ref is not None:
        grid.setCurrentIndex(grid.grid_model.index_of(ref))
    QApplication.processEvents()
    return grid


def press(key, modifiers=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    """A real key click (QTest: shortcuts included), delivered where the keyboard focus is."""
    target = QApplication.focusWidget()
    assert target is not None
    QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key(key), text, modifiers)


def press_standard(key: QKeySequence.StandardKey) -> None:
    """The platform's own binding of a standard shortcut (Ctrl+V, Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y…)."""
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(key))


def type_text(text: str) -> None:
    """Each character as its key click; full-width digits come with Qt.Key_unknown, as from a keyboard layout."""
    for ch in text:
        key = QTest.asciiToKey(ch) if ch.isascii() else Qt.Key.Key_unknown
        press(key, text=ch)


def value(window, ref: CellRef):
    return window.document.report.values.get(ref)


@pytest.mark.quick
def test_typing_full_width_digits_starts_editing_keeps_first_char_and_enter_moves_down(window):
    grid = open_grid(window, "requests", req("new.natural_person"))
    type_text("１２")
    assert grid.state() == QAbstractItemView.State.EditingState
    assert grid.delegate.editor.text() == "１２"  # the first character opened the editor and was kept
    press(Qt.Key.Key_Return)
    assert value(window, req("new.natural_person")) == 12
    assert grid.grid_model.ref_at(grid.currentIndex()) == req("carried_over.natural_person")
    assert grid.grid_model.data(grid.grid_model.index_of(req("new.total"))) == "12"


def test_typing_replaces_the_old_value_like_excel(window):
    window.document.set_values([(req("new.research"), 7)], "x")
    open_grid(window, "requests", req("new.research"))
    type_text("3")
    press(Qt.Key.Key_Enter)
    assert value(window, req("new.research")) == 3


def test_ime_commit_on_a_selected_cell_lands_in_the_editor(window):
    grid = open_grid(window, "requests", req("new.commercial"))
    preedit = QInputMethodEvent("ｌｉｕ", [])
    QApplication.sendEvent(grid, preedit)
    assert grid.state() == QAbstractItemView.State.EditingState
    commit = QInputMethodEvent()
    commit.setCommitString("６")
    QApplication.sendEvent(QApplication.focusWidget(), commit)
    assert grid.delegate.editor.text() == "６"
    press(Qt.Key.Key_Return)
    assert value(window, req("new.commercial")) == 6


def test_ime_commit_without_preedit_opens_editor_with_the_text(window):
    grid = open_grid(window, "active", CellRef("active", "licensing"))
    event = QInputMethodEvent()
    event.setCommitString("１５")
    QApplication.sendEvent(grid, event)
    assert grid.delegate.editor.text() == "１５"
    press(Qt.Key.Key_Tab)
    assert value(window, CellRef("active", "licensing")) == 15


def test_tab_moves_right_shift_reverses_and_enter_skips_totals(window):
    grid = open_grid(window, "requests", req("new.other"))
    model = grid.grid_model
    press(Qt.Key.Key_Tab)  # 总计 is computed: Tab goes on to the next row's first input
    assert model.ref_at(grid.currentIndex()) == req("carried_over.natural_person")
    press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert model.ref_at(grid.currentIndex()) == req("new.other")
    grid.setCurrentIndex(model.index_of(req("other_other.research")))
    press(Qt.Key.Key_Return)  # the （七）总计 row is skipped
    assert model.ref_at(grid.currentIndex()) == req("carried_forward.research")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert model.ref_at(grid.currentIndex()) == req("other_other.research")


def test_invalid_entry_is_refused_with_reason_and_old_value_stays(window):
    window.document.set_values([(req("new.natural_person"), 5)], "x")
    grid = open_grid(window, "requests", req("new.natural_person"))
    type_text("1.5")
    press(Qt.Key.Key_Return)
    assert value(window, req("new.natural_person")) == 5
    assert "件数应为整数" in window.statusBar().currentMessage()
    assert grid.grid_model.ref_at(grid.currentIndex()) == req("new.natural_person")
    # the editor stays open with what was typed, the reason beside it
    assert grid.state() == QAbstractItemView.State.EditingState and grid.delegate.editor.text() == "1.5"
    assert "件数应为整数" in grid.grid_model.last_refusal
    type_text("2")  # typed over the selected text
    press(Qt.Key.Key_Return)
    assert value(window, req("new.natural_person")) == 2
    assert window.statusBar().currentMessage() == ""  # the old complaint does not linger


def test_typing_on_a_total_is_refused(window):
    grid = open_grid(window, "requests", req("new.total"))
    type_text("9")
    assert grid.state() != QAbstractItemView.State.EditingState
    assert "合计" in window.statusBar().currentMessage()


def test_paste_of_a_tab_separated_block_is_one_undo_step(window):
    open_grid(window, "requests", req("new.natural_person"))
    QGuiApplication.clipboard().setText("1\t2\t3\r\n4\t5\t6\r\n")
    press_standard(QKeySequence.StandardKey.Paste)
    assert [value(window, req(f"new.{c}")) for c in ("natural_person", "commercial", "research")] == [1, 2, 3]
    assert [value(window, req(f"carried_over.{c}")) for c in ("natural_person", "commercial", "research")] == [4, 5, 6]
    assert window.document.value(req("new.total")) == 6
    assert len(window.session.history.done) == 1
    press_standard(QKeySequence.StandardKey.Undo)
    assert window.document.report.values == {}
    press_standard(QKeySequence.StandardKey.Redo)
    assert value(window, req("carried_over.research")) == 6


def test_paste_of_the_official_table_skips_totals_and_labels(window):
    """A block copied from table 三 in Excel (labels, 总计 column and （七）总计 row included)."""
    from models.form_2021 import REQUEST_ROWS
    lines = []
    for i, row in enumerate(REQUEST_ROWS):
        numbers = [str(i)] * 6 + ["999"]  # the printed 总计 column, ignored: totals are computed
        lines.append("\t".join([row.a, row.b, row.c] + numbers))
    QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
    grid = open_grid(window, "requests")
    grid.setCurrentIndex(grid.grid_model.index(3, 0))  # the label cell where the block starts
    press_standard(QKeySequence.StandardKey.Paste)
    assert value(window, req("new.natural_person")) == 0
    assert value(window, req("other_other.legal_service")) == 22
    assert value(window, req("carried_forward.other")) == 24
    assert req("total.natural_person") not in window.document.report.values
    assert window.document.value(req("new.total")) == 0
    assert len(window.document.report.values) == 24 * 6
    assert len(window.session.history.done) == 1
    assert "跳过" in window.statusBar().currentMessage()


def test_paste_with_bad_values_is_refused_whole_naming_every_bad_cell(window):
    window.document.set_values([(req("new.natural_person"), 5)], "x")
    open_grid(window, "requests", req("new.natural_person"))
    QGuiApplication.clipboard().setText("1\tabc\n3\t三\n")
    press_standard(QKeySequence.StandardKey.Paste)
    assert window.document.report.values == {req("new.natural_person"): 5}
    message = window.statusBar().currentMessage()
    assert "粘贴未执行，有 2 个值不能接受" in message
    assert "一、本年新收政府信息公开申请数量 · 商业企业 的“abc”" in message
    assert "二、上年结转政府信息公开申请数量 · 商业企业 的“三”" in message
    assert len(window.session.history.done) == 1


def test_copy_gives_tab_separated_text(window):
    window.document.set_values([(req("new.natural_person"), 1), (req("new.commercial"), 22)], "x")
    open_grid(window, "requests", req("new.natural_person"))
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press_standard(QKeySequence.StandardKey.Copy)
    assert QGuiApplication.clipboard().text() == "1\t22\n\t\n"


def test_delete_clears_the_selection_in_one_step(window):
    pairs = [(req(f"new.{c}"), 3) for c in ("natural_person", "commercial", "research")]
    window.document.set_values(pairs, "x")
    open_grid(window, "requests", req("new.natural_person"))
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(Qt.Key.Key_Delete)
    assert window.document.report.values == {}
    assert len(window.session.history.done) == 2
    window.document.undo()
    assert len(window.document.report.values) == 3


def test_fill_blanks_with_zero_is_one_step(window):
    window.document.set_values([(CellRef("active", "fees"), "1.50")], "x")
    window.menu_actions["edit.fill_zero"].trigger()
    report = window.document.report
    assert report.blank_inputs() == []
    assert report.values[CellRef("active", "fees")] == "1.50"
    assert report.values[CellRef("active", "rules.issued")] == 0
    window.menu_actions["edit.undo"].trigger()
    assert report.values == {CellRef("active", "fees"): "1.50"}


def _t3_items(window):
    view = window.findings_view
    return [view.topLevelItem(i) for i in range(view.topLevelItemCount()) if view.topLevelItem(i).text(1) == "表三平衡"]


@pytest.mark.quick
def test_checks_follow_every_edit_mark_cells_count_errors_and_show_the_balance(window):
    grid = open_grid(window, "requests", req("new.natural_person"))
    requests_tab = window.tabs.tab_ids().index("requests")
    assert not _t3_items(window)
    type_text("7")
    press(Qt.Key.Key_Return)
    items = _t3_items(window)
    assert len(items) == 1 and "一+二多 7 件" in items[0].text(3)
    assert window.tabs.tabText(requests_tab).endswith("（1）")
    assert "1 个错误" in window.summary.text()
    model = grid.grid_model
    cell = model.index_of(req("new.natural_person"))
    assert "不平衡" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).name() == "#ffc4c4"
    balance = window.page("requests").balance.model()
    assert balance.data(balance.index(0, 3)) == "+7"
    # balance the column: 7 granted
    grid.setCurrentIndex(model.index_of(req("granted.natural_person")))
    type_text("7")
    press(Qt.Key.Key_Return)
    assert not _t3_items(window)
    assert window.tabs.tabText(requests_tab) == window.document.form.section("requests").title
    assert balance.data(balance.index(0, 3)) == "0"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).name() != "#ffc4c4"


def test_all_passed_in_the_status_bar(window, qtbot):
    window.session.report.date = "2026-01-20"   # the 落款's date (COMPLETE asks for it); the edits below re-check
    window.menu_actions["edit.fill_zero"].trigger()
    window.page("overview").editors()[0].setPlainText("2025年，我局认真贯彻落实《条例》。")
    sections = window.page("problems")
    sections.editors()[0].setPlainText("部分栏目更新不够及时。")
    window.page("other").editors()[0].setPlainText("本年度未收取信息处理费。")
    qtbot.waitUntil(lambda: window.summary.text() == "检查：全部通过", timeout=2000)
    view = window.findings_view
    assert view.topLevelItemCount() == 1 and view.topLevelItem(0).text(3).startswith("全部检查通过")
    assert all(not window.tabs.tabText(i).endswith("）") for i in range(window.tabs.count()))


def test_activating_a_finding_jumps_to_its_tab_and_cells(window, qtbot):
    window.document.set_values([(req("new.research"), 4)], "x")
    window.tabs.setCurrentIndex(0)
    item = _t3_items(window)[0]
    window.findings_view.itemActivated.emit(item, 0)
    assert window.tabs.current_page() is window.page("requests")
    grid = window.grid("requests")
    assert grid.grid_model.ref_at(grid.currentIndex()) == req("new.research")
    selected = {grid.grid_model.ref_at(i) for i in grid.selectedIndexes()}
    assert req("carried_forward.research") in selected


def test_a_text_finding_jumps_to_the_figure_in_the_text(window, qtbot):
    window.document.set_values([(req("new.natural_person"), 12)], "x")
    editor = window.page("overview").editors()[1]
    editor.textCursor().insertText("2025年共收到政府信息公开申请１７件，均已按时答复。")
    qtbot.waitUntil(lambda: any(f.rule == "TEXT-T3" for f in window.document.findings), timeout=2000)
    view = window.findings_view
    item = next(view.topLevelItem(i) for i in range(view.topLevelItemCount()) if view.topLevelItem(i).text(1) == "文中申请件数")
    window.findings_view.itemActivated.emit(item, 0)
    assert window.tabs.current_page() is window.page("overview")
    assert editor.textCursor().selectedText() == "１７"
    # the text editor's own undo takes the text back, and the checks follow
    editor.setFocus()
    press_standard(QKeySequence.StandardKey.Undo)
    assert editor.toPlainText() == ""
    qtbot.waitUntil(lambda: not any(f.rule == "TEXT-T3" for f in window.document.findings), timeout=2000)


def test_typing_a_whole_table_with_tab_reproduces_the_example(window):
    """A clerk types table 三 of an example row by row: digits and Tab, nothing else."""
    from pathlib import Path
    from models import draft
    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "qinghe-scjg-2025.json"
    wanted = {ref: v for ref, v in draft.load(example).values.items() if ref.table == "requests"}
    grid = open_grid(window, "requests", req("new.natural_person"))
    table = grid.table
    for row in range(table.n_rows):
        for col in range(table.n_cols):
            cell = table.cell_at(row, col)
            if cell.ref in wanted and (cell.row, cell.col) == (row, col):
                assert grid.grid_model.ref_at(grid.currentIndex()) == cell.ref
                type_text(str(wanted[cell.ref]))
                press(Qt.Key.Key_Tab)
    assert {r: v for r, v in window.document.report.values.items() if r.table == "requests"} == wanted
    assert not any(f.rule.startswith("T3") for f in window.document.findings)
    assert len(window.session.history.done) == len(wanted)
