"""Editors for the narrative: the basic information page and the sections 一、五、六.

Every edit is written straight into the report and announced with
``document.text_edited()`` (which re-checks shortly after); undo of typing is
the editors' own.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QDateEdit, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QScrollArea, QSizePolicy, QSpinBox, QTextEdit, QToolButton,
                               QVBoxLayout, QWidget)

from models.form import SectionDef
from models.report import Subsection, numbered

from .document import ReportDocument
from .style import hint_label, sub_title_label, title_label

MIN_TEXT_LINES = 4
NO_DATE = QDate(2000, 1, 1)  # the date editor's "not filled in" value


class PlainTextEdit(QTextEdit):
    """Plain text only, as tall as its text (the page scrolls, not each box); dropped files go to the window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self, *_):
        line = self.fontMetrics().lineSpacing()
        content = int(self.document().size().height())
        margins = self.contentsMargins()
        self.setFixedHeight(max(content, MIN_TEXT_LINES * line + 2 * int(self.document().documentMargin()))
                            + margins.top() + margins.bottom() + 2)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_height()

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.ignore()  # a file dropped here is a draft to open, not text to insert
            return
        super().dragEnterEvent(event)

    def insertFromMimeData(self, source):
        if source.hasText():
            self.insertPlainText(source.text())


class LineEdit(QLineEdit):
    """A one-line field; like ``PlainTextEdit``, it leaves dropped files to the window."""

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.ignore()
            return
        super().dragEnterEvent(event)


def select_text(editor: QTextEdit, needle: str) -> bool:
    """Select the first occurrence of ``needle`` (digits compared in NFKC, so １７ finds 17)."""
    text = unicodedata.normalize("NFKC", editor.toPlainText())
    at = text.find(needle)
    if at < 0:
        return False
    cursor = editor.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + len(needle), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    return True


class SubsectionBox(QFrame):
    """One sub-head: its （一） number, the heading and the text, with move/remove buttons when allowed."""

    move_requested = Signal(object, int)
    remove_requested = Signal(object)
    heading_changed = Signal()

    def __init__(self, document: ReportDocument, section: SectionDef, sub: Subsection,
                 show_heading: bool, restructurable: bool, parent=None):
        super().__init__(parent)
        self.document = document
        self.sub = sub
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.number = QLabel()
        self.heading = LineEdit(sub.heading)
        self.heading.setPlaceholderText("小标题")
        self.heading.textEdited.connect(self._heading_edited)
        if show_heading:
            row = QHBoxLayout()
            row.addWidget(self.number)
            row.addWidget(self.heading, 1)
            if restructurable:
                for text, tip, step in (("↑", "上移", -1), ("↓", "下移", 1)):
                    button = QToolButton(text=text, toolTip=f"把这一小标题{tip}")
                    button.clicked.connect(lambda _=False, s=step: self.move_requested.emit(self, s))
                    row.addWidget(button)
                remove = QToolButton(text="删除", toolTip="删除这一小标题及其内容")
                remove.clicked.connect(lambda: self.remove_requested.emit(self))
                row.addWidget(remove)
            layout.addLayout(row)
        self.text = PlainTextEdit()
        self.text.setPlainText(sub.text)
        self.text.document().clearUndoRedoStacks()
        self.text.textChanged.connect(self._text_edited)
        layout.addWidget(self.text)

    def set_heading(self, printed: str) -> None:
        """Show the printed heading's number ("（二）"; none for a part without a sub-head)."""
        self.number.setText(printed[: printed.index("）") + 1] if printed else "　　　")
        self.text.setPlaceholderText(f"在此填写“{printed or '本节'}”的内容")

    def _heading_edited(self, text: str) -> None:
        self.sub.heading = text.strip()
        self.document.text_edited()
        self.heading_changed.emit()

    def _text_edited(self) -> None:
        text = self.text.toPlainText()
        if text != self.sub.text:
            self.sub.text = text
            self.document.text_edited()


class SectionEditor(QScrollArea):
    """A narrative section: its title, a hint of what belongs there, and one box per sub-head."""

    def __init__(self, document: ReportDocument, section: SectionDef, parent=None):
        super().__init__(parent)
        self.document = document
        self.section = section
        self.restructurable = section.id == "overview"
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        self.layout_ = QVBoxLayout(page)
        self.layout_.addWidget(title_label(section.title))
        if section.hint:
            self.layout_.addWidget(hint_label(section.hint))
        self.boxes_layout = QVBoxLayout()
        self.layout_.addLayout(self.boxes_layout)
        if self.restructurable:
            add = QPushButton("添加小标题")
            add.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            add.clicked.connect(self.add_subsection)
            self.layout_.addWidget(add)
        self.layout_.addStretch(1)
        self.setWidget(page)
        self.boxes: list[SubsectionBox] = []
        self._build()

    @property
    def subsections(self) -> list[Subsection]:
        return self.document.report.sections.setdefault(self.section.id, [])

    def rebuild(self) -> None:
        """Show the section's sub-sections anew (after they were replaced, e.g. by last year's sub-heads)."""
        self._build()

    def _build(self) -> None:
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        subs = self.subsections
        if not subs:
            subs.append(Subsection())
        show_heading = self.restructurable or any(self.section.default_subheads) or any(s.heading for s in subs)
        self.boxes = []
        for sub in subs:
            box = SubsectionBox(self.document, self.section, sub, show_heading, self.restructurable)
            box.move_requested.connect(self.move_subsection)
            box.remove_requested.connect(self.remove_subsection)
            box.heading_changed.connect(self._renumber)
            self.boxes_layout.addWidget(box)
            self.boxes.append(box)
        self._renumber()

    def _renumber(self) -> None:
        """Numbers follow the order, counting only parts with a sub-head (as the printed report does)."""
        for (printed, _sub), box in zip(numbered(self.subsections), self.boxes):
            box.set_heading(printed)

    def editors(self) -> list[QTextEdit]:
        return [box.text for box in self.boxes]

    # ------------------------------------------------------------ structure of 一

    def add_subsection(self) -> None:
        self.subsections.append(Subsection("新小标题"))
        self.document.text_edited()
        self._build()
        self.boxes[-1].heading.setFocus()
        self.boxes[-1].heading.selectAll()
        self.ensureWidgetVisible(self.boxes[-1])

    def move_subsection(self, box: SubsectionBox, step: int) -> None:
        subs = self.subsections
        i = self.boxes.index(box)
        j = i + step
        if not 0 <= j < len(subs):
            return
        subs[i], subs[j] = subs[j], subs[i]
        self.document.text_edited()
        self._build()
        self.boxes[j].heading.setFocus()

    def remove_subsection(self, box: SubsectionBox) -> None:
        i = self.boxes.index(box)
        sub = self.subsections[i]
        if sub.text.strip():
            printed = numbered(self.subsections)[i][0]
            answer = QMessageBox.question(
                self, "删除小标题",
                f"确定删除小标题“{printed or '（无标题）'}”及其中已填写的 {len(sub.text)} 个字吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        del self.subsections[i]
        self.document.text_edited()
        self._build()

    # ------------------------------------------------------------ jumping here from a finding

    def show_text(self, needle: str | None = None) -> None:
        """Focus the text; with ``needle`` (a figure quoted in a finding), select where the text says it."""
        editors = self.editors()
        if needle:
            for editor in editors:
                if select_text(editor, needle):
                    editor.setFocus()
                    self.ensureWidgetVisible(editor)
                    return
        target = next((e for e in editors if not e.toPlainText().strip()), editors[0])
        target.setFocus()
        self.ensureWidgetVisible(target)


class BasicInfoPage(QScrollArea):
    """机关名称, 年度, 成文日期 and the untitled preamble."""

    def __init__(self, document: ReportDocument, parent=None):
        super().__init__(parent)
        self.document = document
        report = document.report
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addWidget(title_label("基本信息"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.agency = LineEdit(report.agency)
        self.agency.setPlaceholderText("例如：××市××局（报告标题的第一行）")
        self.agency.textEdited.connect(self._agency_edited)
        form.addRow("机关名称：", self.agency)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(report.year)
        self.year.setSuffix(" 年")
        self.year.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.year.valueChanged.connect(self._year_changed)
        form.addRow("报告年度：", self.year)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText("未填写")
        self.date.setDate(QDate.fromString(report.date, Qt.DateFormat.ISODate) if report.date else NO_DATE)
        self.date.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.date.dateChanged.connect(self._date_changed)
        form.addRow("成文日期：", self.date)
        self.heading_preview = hint_label(wrap=False)
        form.addRow("报告标题：", self.heading_preview)
        self.prior = hint_label()
        form.addRow("上年报告：", self.prior)
        outer.addLayout(form)
        outer.addWidget(sub_title_label("开头部分（不加标题的导语）"))
        outer.addWidget(hint_label("写明编制依据（《中华人民共和国政府信息公开条例》）、统计期限（本年1月1日至12月31日）、"
                                   "报告的获取方式和咨询联系方式。可不填。"))
        self.preamble = PlainTextEdit()
        self.preamble.setPlainText(report.preamble)
        self.preamble.document().clearUndoRedoStacks()
        self.preamble.setPlaceholderText("例如：本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制……")
        self.preamble.textChanged.connect(self._preamble_edited)
        outer.addWidget(self.preamble)
        outer.addStretch(1)
        self.setWidget(page)
        self.refresh()

    def refresh(self) -> None:
        report = self.document.report
        first, second = report.title_lines
        self.heading_preview.setText(f"{first or '（机关名称）'}\n{second}")
        prior = report.prior
        self.prior.setText(f"已导入 {prior.year} 年报告{('（' + prior.agency + '）') if prior.agency else ''}，"
                           "用于核对上年结转、现行有效件数和重复率" if prior is not None else
                           "未导入。可用“文件 → 导入上年报告”导入，以核对上年结转、现行有效件数和与上年报告的重复率")

    def _agency_edited(self, text: str) -> None:
        self.document.report.agency = text.strip()
        self.document.text_edited()
        self.refresh()

    def _year_changed(self, year: int) -> None:
        self.document.report.year = year
        self.document.text_edited()
        self.refresh()

    def _date_changed(self, date: QDate) -> None:
        self.document.report.date = None if date == NO_DATE else date.toString(Qt.DateFormat.ISODate)
        self.document.text_edited()

    def _preamble_edited(self) -> None:
        text = self.preamble.toPlainText()
        if text != self.document.report.preamble:
            self.document.report.preamble = text
            self.document.text_edited()
