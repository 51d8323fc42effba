"""成文日期: a date typed as people type it, picked from a calendar, or cleared back to "not filled in".

What was typed is read when Enter is pressed or the field is left.  Text that is not a date stays in the
field as typed, with the reason beside it, and the date keeps its last good value; Esc puts that value
back.  A date that is unlikely for the report's year (the report of 2025 is written in 2026) is taken,
with a note.  ``date_changed`` gives the ISO date or ``None`` each time the value changes by the clerk's
hand; ``set_date`` from the program does not signal.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCalendarWidget, QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget)

from models.dates import DateError, format_date, implausibility, parse_date_text

from .style import ERROR_COLOR, WARNING_COLOR, set_text_color

PLACEHOLDER = "例如 2026年1月20日 或 2026-01-20"


class CalendarPopup(QFrame):
    """The calendar under the field; closes on a click outside, Esc or a chosen day."""

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)


class DateField(QWidget):
    """A line edit for a date, a calendar button, a clear button and the reason when the text is refused."""

    date_changed = Signal(object)  # ISO text "2026-01-20", or None when cleared

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._date: str | None = None
        self._report_year: int | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(PLACEHOLDER) + 16)
        self.edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.edit.setToolTip("可以这样填写：2026-01-20、2026年1月20日、2026.1.20、2026/1/20、20260120；清空即为未填写")
        self.edit.editingFinished.connect(self.commit)
        self.edit.installEventFilter(self)
        self.calendar_button = self._button("日历…", "从日历中选择日期", self.open_calendar)
        self.clear_button = self._button("清除", "清除成文日期（未填写）", self.clear)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.message, 1)
        self.popup: CalendarPopup | None = None

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def set_read_only(self, read_only: bool) -> None:
        """A report opened read-only: the date can be read and copied, not changed."""
        self.edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)
        self.clear_button.setEnabled(not read_only)

    # ------------------------------------------------------------ value

    def date(self) -> str | None:
        return self._date

    def set_date(self, iso_or_none: str | None) -> None:
        """Show a date from the report (no signal).  Text that is not a date is shown with its reason."""
        try:
            value = parse_date_text(iso_or_none or "")
        except DateError as e:
            self._date = None
            self.edit.setText(iso_or_none or "")
            self._show(str(e), ERROR_COLOR)
            return
        self._date = value
        self._show_value()

    def set_report_year(self, year: int | None) -> None:
        """The calendar opens in the year after it, and a date outside that year gets a note."""
        self._report_year = year
        if self.edit.text().strip() == self._display(self._date):
            self._show_value()

    def refused(self) -> bool:
        """The text in the field is not taken (it is not a date)."""
        return self.edit.text().strip() != self._display(self._date)

    # ------------------------------------------------------------ typing

    def commit(self) -> bool:
        """Read the typed text; False (text kept, reason shown) when it is not a date."""
        try:
            value = parse_date_text(self.edit.text())
        except DateError as e:
            self._show(str(e), ERROR_COLOR)
            return False
        self._accept(value)
        return True

    def clear(self) -> None:
        self._accept(None)

    def revert(self) -> None:
        """Back to the last good date (Esc)."""
        self._show_value()

    def eventFilter(self, watched, event):
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.revert()
            return True
        return super().eventFilter(watched, event)

    def _accept(self, value: str | None) -> None:
        changed = value != self._date
        self._date = value
        self._show_value()
        if changed:
            self.date_changed.emit(value)

    # ------------------------------------------------------------ showing

    @staticmethod
    def _display(value: str | None) -> str:
        return format_date(value) if value else ""

    def _show_value(self) -> None:
        self.edit.setText(self._display(self._date))
        note = implausibility(self._date, self._report_year) if self._date else None
        self._show(f"提示：{note}" if note else "", WARNING_COLOR)

    def _show(self, text: str, color: QColor) -> None:
        self.message.setText(text)
        set_text_color(self.message, color)

    # ------------------------------------------------------------ calendar

    def calendar_start(self) -> QDate:
        """The day the calendar shows first: the date, else today if it is a likely date, else 1 January of
        the year after the report year."""
        if self._date:
            return QDate.fromString(self._date, Qt.DateFormat.ISODate)
        today = QDate.currentDate()
        if self._report_year is None or implausibility(today.toString(Qt.DateFormat.ISODate),
                                                       self._report_year) is None:
            return today
        return QDate(self._report_year + 1, 1, 1)

    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.calendar.activated.connect(self._picked)
            self.popup.calendar.clicked.connect(self._picked)
        calendar = self.popup.calendar
        start = self.calendar_start()
        calendar.setSelectedDate(start)
        calendar.setCurrentPage(start.year(), start.month())
        self.popup.adjustSize()
        self.popup.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self.popup.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        if self.popup is not None:
            self.popup.hide()
        self._accept(day.toString(Qt.DateFormat.ISODate))
        self.edit.setFocus()
