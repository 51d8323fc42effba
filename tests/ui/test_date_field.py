"""成文日期: typed as people type it, cleared, picked from a calendar that opens after the report year."""
from __future__ import annotations

import pytest

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ui.date_field import DateField


def type_text(widget, text: str) -> None:
    """Key clicks; Chinese characters and full-width digits come as Qt.Key_unknown with their text (IME)."""
    for ch in text:
        key = QTest.asciiToKey(ch) if ch.isascii() else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key(key), ch, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def field(qtbot):
    window = QWidget()
    widget = DateField()
    holder = QLineEdit()  # the next field, for the focus to go to
    layout = QVBoxLayout(window)
    layout.addWidget(widget)
    layout.addWidget(holder)
    widget.set_report_year(2025)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    widget.changes = []
    widget.date_changed.connect(widget.changes.append)
    widget.holder = holder
    yield widget
    window.close()


def retype(field, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    QTest.keyClick(field.edit, Qt.Key.Key_Delete)
    type_text(field.edit, text)


@pytest.mark.parametrize("typed", ["2026-01-20", "2026年1月20日", "2026.1.20", "2026/1/20", "20260120",
                                   "２０２６年１月２０日"])
def test_typed_dates_are_taken_on_enter(field, typed):
    retype(field, typed)
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.changes == ["2026-01-20"] and field.date() == "2026-01-20"
    assert field.edit.text() == "2026年1月20日"
    assert field.message.text() == ""


def test_a_typed_date_is_taken_when_the_field_is_left(field):
    retype(field, "2026-02-03")
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert not field.edit.hasFocus()
    assert field.changes == ["2026-02-03"]
    assert field.edit.text() == "2026年2月3日"


def test_refused_text_stays_as_typed_with_the_reason_beside_it(field):
    field.set_date("2026-01-20")
    retype(field, "2026-02-30")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    field.holder.setFocus()
    QApplication.processEvents()
    assert field.edit.text() == "2026-02-30"  # not thrown away
    assert "2026 年 2 月没有 30 日" in field.message.text() and field.message.isVisible()
    assert field.date() == "2026-01-20" and field.changes == [] and field.refused()
    # corrected: taken, and the reason goes
    retype(field, "2026-02-28")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.changes == ["2026-02-28"] and field.message.text() == "" and not field.refused()


def test_escape_puts_the_last_good_date_back(field):
    field.set_date("2026-01-20")
    retype(field, "明天")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert "不是日期" in field.message.text()
    QTest.keyClick(field.edit, Qt.Key.Key_Escape)
    assert field.edit.text() == "2026年1月20日" and field.message.text() == "" and field.changes == []


def test_a_date_can_be_cleared_back_to_unset(field):
    field.set_date("2026-01-20")
    QTest.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.changes == [None] and field.date() is None and field.edit.text() == ""
    field.set_date("2026-01-20")
    retype(field, "")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.changes == [None, None] and field.date() is None


def test_an_unlikely_date_is_taken_with_a_note(field):
    retype(field, "2025-12-20")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.changes == ["2025-12-20"]
    assert "成文日期通常在2026年" in field.message.text()
    field.set_report_year(2024)
    assert field.message.text() == ""  # 2025 is the year after 2024


def test_set_date_does_not_signal_and_shows_the_date(field):
    field.set_date("2026-03-01")
    assert field.edit.text() == "2026年3月1日" and field.changes == []
    field.set_date(None)
    assert field.edit.text() == "" and field.date() is None and field.changes == []


def test_the_calendar_opens_after_the_report_year_and_a_day_is_picked_by_keyboard(field, monkeypatch):
    monkeypatch.setattr(QDate, "currentDate", staticmethod(lambda: QDate(2027, 6, 1)))  # not a likely day
    QTest.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    calendar = field.popup.calendar
    assert field.popup.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 1)
    assert calendar.selectedDate() == QDate(2026, 1, 1)
    view = calendar.focusWidget() or calendar
    for _ in range(19):
        QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert field.changes == ["2026-01-20"] and not field.popup.isVisible()
    assert field.edit.text() == "2026年1月20日"


def test_the_calendar_opens_at_the_date_when_there_is_one(field):
    field.set_date("2026-03-15")
    QTest.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    calendar = field.popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 3)
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert field.changes == []
