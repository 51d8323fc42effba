"""Every keystroke lands where the clerk sees it: a whole row typed by real keys into each table, after each
way of arriving at its page (Ctrl+Tab, Ctrl+PgDn, a click on the tab, opening a draft, closing a dialog)."""
from __future__ import annotations

import pytest

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models import draft
from models.form_2021 import FORM_2021
from models.report import Report

QStandardPaths.setTestModeEnabled(True)

ROWS = {  # the first row of each table, in the order Tab walks it
    "active": ["rules.issued", "rules.repealed", "rules.in_force"],
    "requests": ["new.natural_person", "new.commercial", "new.research", "new.nonprofit", "new.legal_service",
                 "new.other"],
    "appeals": [f"{group}.{item}" for group in ("review", "litigation_direct", "litigation_after_review")
                for item in ("upheld", "corrected", "other", "pending")],
}


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key click, delivered to whatever has the keyboard now (as a keyboard does)."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard"
    QTest.keyClick(target, key, modifiers)


def type_row(values: list[int]) -> None:
    """Each number digit by digit, Tab after each: the clerk's way through a row."""
    for number in values:
        for digit in str(number):
            target = QApplication.focusWidget()
            assert target is not None, "no widget has the keyboard"
            QTest.keyClicks(target, digit)
        press(Qt.Key.Key_Tab)


def section_of(table: str) -> str:
    return FORM_2021.table(table).section


def previous_tab(window, table: str) -> int:
    return window.tabs.tab_ids().index(section_of(table)) - 1


def arrive_by_ctrl_tab(window, table, _tmp_path):
    window.show_page(window.tabs.tab_ids()[previous_tab(window, table)])
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)


def arrive_by_ctrl_page_down(window, table, _tmp_path):
    window.show_page(window.tabs.tab_ids()[previous_tab(window, table)])
    press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)


def arrive_by_clicking_the_tab(window, table, _tmp_path):
    window.show_page("basic")
    bar = window.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(window.tabs.tab_ids().index(section_of(table))).center())


def arrive_by_opening_a_draft(window, table, tmp_path):
    path = tmp_path / "另一份.gkbg.json"
    draft.save(Report(agency="另一局", year=2025), path)
    window.show_page(section_of(table))
    window.open_path(str(path), ask=False)
    assert window.session.report.agency == "另一局"


def arrive_by_closing_a_dialog(window, table, _tmp_path):
    window.show_page(section_of(table))

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.reject()
    QTimer.singleShot(50, close_dialog)
    window.menu_actions["help.guide"].trigger()  # 填报说明, modal
    window.activateWindow()  # what the desktop does when a dialog closes (the offscreen platform does not)


ARRIVALS = [arrive_by_ctrl_tab, arrive_by_ctrl_page_down, arrive_by_clicking_the_tab, arrive_by_opening_a_draft,
            arrive_by_closing_a_dialog]


@pytest.mark.parametrize("arrive", ARRIVALS, ids=lambda f: f.__name__.removeprefix("arrive_by_"))
@pytest.mark.parametrize("table", list(ROWS))
def test_a_row_typed_after_arriving_lands_in_the_cells_named_by_the_form(window, tmp_path, table, arrive):
    arrive(window, table, tmp_path)
    QApplication.processEvents()
    assert window.tabs.currentIndex() == window.tabs.tab_ids().index(section_of(table))
    values = [11 + i for i in range(len(ROWS[table]))]
    type_row(values)
    window.commit_pending_edits()
    typed = {FORM_2021.ref(table, key): value for key, value in zip(ROWS[table], values)}
    assert {ref: window.session.report.values.get(ref) for ref in typed} == typed
    assert {ref: v for ref, v in window.session.report.values.items() if ref.table == table} == typed


def test_after_a_sub_head_is_removed_the_keyboard_stays_in_the_page(window):
    page = window.show_page("overview")
    page.boxes[2].text.setFocus()
    QApplication.processEvents()
    window.session.end_typing()
    page.boxes[2].buttons[-1][1].click()  # 删除 on （三）, the sub-head being typed in
    QApplication.processEvents()
    assert page.isAncestorOf(QApplication.focusWidget())
    QTest.keyClicks(QApplication.focusWidget(), "abc")
    assert window.session.report.sections["overview"][2].text.endswith("abc")
