"""Editors for the narrative: the basic information page and the sections 一、五、六.

Every edit goes to the session as a command (keystrokes in one field merge
into one undo step); the pages show what the session says changed, so undo,
redo and whole-report replacements show without any page being refreshed by hand.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import unicodedata

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QSizePolicy, QSpinBox, QTextEdit, QToolButton, QToolTip, QVBoxLayout,
                               QWidget)

from models.form import SectionDef
from models.report import Subsection, numbered

from .accessible import describe, name_scroll_bars
from .document import ReportDocument
from .date_field import DateField
from .length_indicator import LengthIndicator
from .page_focus import EnterablePage, last_focused_child
from .style import hint_label, sub_title_label, title_label

if TYPE_CHECKING:
    from .text_marks import TextMarks

MIN_TEXT_LINES = 4
MARKS_DELAY_MS = 300  # shading follows the typing shortly after, not at each keystroke


class HistoryShortcuts:
    """Undo and redo belong to the report's history, not to one box: let the window's 撤销/重做 have them."""

    def event(self, event):  # type: ignore[no-untyped-def]
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return False
        return super().event(event)  # type: ignore[misc]


class PlainTextEdit(HistoryShortcuts, QTextEdit):
    """Plain text only, as tall as its text (the page scrolls, not each box); dropped files go to the window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
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

    focus_left: Callable[[], None] | None = None  # called when the focus leaves: typing there ends an undo step
    marks: TextMarks | None = None  # its shading, explained in a tooltip where the mouse rests

    def viewportEvent(self, event):
        if event.type() == QEvent.Type.ToolTip and self.marks is not None:
            why = self.marks.explain_at(self.cursorForPosition(event.pos()).position())
            if why:
                QToolTip.showText(event.globalPos(), why, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if self.focus_left is not None:
            self.focus_left()

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.ignore()  # a file dropped here is a draft to open, not text to insert
            return
        super().dragEnterEvent(event)

    def insertFromMimeData(self, source):
        if source.hasText():
            self.insertPlainText(source.text())

    def show_text(self, text: str) -> None:
        """Show ``text`` from the report (after undo, say), keeping the cursor where it was."""
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)


class LineEdit(HistoryShortcuts, QLineEdit):
    """A one-line field; like ``PlainTextEdit``, it leaves dropped files and undo to the window."""

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.ignore()
            return
        super().dragEnterEvent(event)

    def show_text(self, text: str) -> None:
        if text != self.text():
            position = self.cursorPosition()
            self.setText(text)
            self.setCursorPosition(min(position, len(text)))


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
    """One sub-head: its （一） number, the heading and the text, with move/remove buttons when allowed.

    The box knows its place (section, index), never the sub-section object:
    edits go to the session as commands, and what the report says comes back
    through ``show``.
    """

    move_requested = Signal(int, int)  # index, step
    remove_requested = Signal(int)

    def __init__(self, document: ReportDocument, section: SectionDef, index: int,
                 show_heading: bool, restructurable: bool, parent=None):
        super().__init__(parent)
        self.document = document
        self.section = section
        self.index = index
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.number = QLabel()
        self.length = LengthIndicator(hide_without_limit=True)   # where the 本地要求 limit this sub-section
        self.heading = LineEdit()
        self.heading.setPlaceholderText("小标题")
        self.heading.textEdited.connect(self._heading_edited)
        self.heading.editingFinished.connect(document.session.end_typing)
        self.buttons: list[tuple[str, QToolButton]] = []  # ↑, ↓, 删除 with their verbs (sub-heads that can change)
        if show_heading:
            row = QHBoxLayout()
            row.addWidget(self.number)
            row.addWidget(self.heading, 1)
            if restructurable:
                for text, verb, step in (("↑", "上移", -1), ("↓", "下移", 1)):
                    button = QToolButton()
                    button.setText(text)
                    button.setToolTip(f"把这一小标题{verb}")
                    button.clicked.connect(lambda _=False, s=step: self.move_requested.emit(self.index, s))
                    row.addWidget(button)
                    self.buttons.append((verb, button))
                remove = QToolButton()
                remove.setText("删除")
                remove.setToolTip("删除这一小标题及其内容（可撤销）")
                remove.clicked.connect(lambda: self.remove_requested.emit(self.index))
                row.addWidget(remove)
                self.buttons.append(("删除", remove))
            row.addWidget(self.length)
            layout.addLayout(row)
        else:
            layout.addWidget(self.length)
        self.text = PlainTextEdit()
        self.text.textChanged.connect(self._text_edited)
        self.text.focus_left = document.session.end_typing
        from .text_marks import TextMarks  # with the first section page: the basic information has no shading
        self.marks = self.text.marks = TextMarks(self.text.document())
        layout.addWidget(self.text)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.heading.setReadOnly(read_only)
        self.text.setReadOnly(read_only)
        for _verb, button in self.buttons:
            button.setEnabled(not read_only)

    def refresh(self) -> None:
        """Show the sub-section as the report has it now."""
        sub = self.document.report.sections[self.section.id][self.index]
        self.heading.show_text(sub.heading)
        self.text.show_text(sub.text)

    def set_heading(self, printed: str) -> None:
        """Show the printed heading's number ("（二）"; none for a part without a sub-head)."""
        number = printed[: printed.index("）") + 1] if printed else ""
        self.number.setText(number or "　　　")
        self.text.setPlaceholderText(f"在此填写“{printed or '本节'}”的内容")
        title = self.section.title
        describe(self.heading, f"{title}{number}小标题", "小标题的文字；（一）（二）的序号按顺序自动编排")
        describe(self.text, f"{title}{printed} 正文", self.section.hint or self.text.placeholderText())
        for verb, button in self.buttons:
            describe(button, f"{verb}小标题{number}", button.toolTip())

    def _heading_edited(self, text: str) -> None:
        self.document.session.set_subsection_heading(self.section.id, self.index, text.strip())

    def _text_edited(self) -> None:
        self.document.session.set_subsection_text(self.section.id, self.index, self.text.toPlainText())


class SectionEditor(EnterablePage, QScrollArea):
    """A narrative section: its title, a hint of what belongs there, and one box per sub-head."""

    def __init__(self, document: ReportDocument, section: SectionDef, parent=None):
        super().__init__(parent)
        self.document = document
        self.section = section
        self.restructurable = section.restructurable
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        self.layout_ = QVBoxLayout(page)
        self.layout_.addWidget(title_label(section.title))
        # the section's length, against the 本地要求's limit when there is one: in a strip under the page, in view
        # wherever the clerk types
        self.length = LengthIndicator(prefix="本部分：", parent=self)
        self.length.setContentsMargins(8, 2, 12, 4)
        self.setViewportMargins(0, 0, 0, self.length.sizeHint().height())
        if section.hint:
            self.layout_.addWidget(hint_label(section.hint))
        self.legend = hint_label()  # what the shading in the texts means, while there is some
        self.legend.hide()
        self.layout_.addWidget(self.legend)
        self.boxes_layout = QVBoxLayout()
        self.layout_.addLayout(self.boxes_layout)
        self.add_button: QPushButton | None = None
        if self.restructurable:
            self.add_button = add = QPushButton("添加小标题")
            add.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            add.clicked.connect(self.add_subsection)
            describe(add, f"{section.title} 添加小标题", "在本部分末尾添加一个小标题（可撤销）")
            self.layout_.addWidget(add)
        self.layout_.addStretch(1)
        self.setWidget(page)
        name_scroll_bars(self, section.title)
        self.boxes: list[SubsectionBox] = []
        self._marks_timer = QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.setInterval(MARKS_DELAY_MS)
        self._marks_timer.timeout.connect(self.refresh_marks)
        self._build()
        document.texts_changed.connect(self._texts_changed)
        document.structure_changed.connect(self._structure_changed)
        # bound methods of this page: Qt drops the connections when the page goes (a lambda would outlive it)
        document.values_changed.connect(self._values_changed)
        document.prior_changed.connect(self._marks_timer.start)
        document.read_only_changed.connect(self.set_read_only)
        document.profile_changed.connect(self.refresh_lengths)
        document.meta_changed.connect(self._meta_changed)

    @property
    def subsections(self) -> list[Subsection]:
        return self.document.session.subsections(self.section.id)

    def _values_changed(self, _refs) -> None:
        self._marks_timer.start()  # figures written from the tables may have gone out of step

    def _build(self) -> None:
        focused = QApplication.focusWidget()
        had_keyboard = focused is not None and any(box.isAncestorOf(focused) for box in self.boxes)
        focused_box = self.focused_index()
        where = focused_box if focused_box is not None else 0
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        subs = self.subsections
        show_heading = self.restructurable or any(self.section.default_subheads) or any(s.heading for s in subs)
        self.boxes = []
        for index in range(len(subs)):
            box = SubsectionBox(self.document, self.section, index, show_heading, self.restructurable)
            box.move_requested.connect(self.move_subsection)
            box.remove_requested.connect(self.remove_subsection)
            self.boxes_layout.addWidget(box)
            self.boxes.append(box)
        self.set_read_only(self.document.read_only)
        self._renumber()
        self._order_focus()
        self.refresh_marks()
        if had_keyboard and self.boxes:  # the box typed in went with the rebuild: the keyboard stays on the page
            self.boxes[min(where, len(self.boxes) - 1)].text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_lengths()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        view = self.viewport().geometry()
        self.length.setGeometry(view.left(), view.bottom() + 1, view.width(), self.height() - view.bottom() - 1)

    def _meta_changed(self, _fields) -> None:
        self.refresh_lengths()   # the agency (its level) or the year decide which limits apply

    def refresh_lengths(self) -> None:
        """The section's length and each limited sub-section's, against the 本地要求 chosen (if any)."""
        from models.profile import lengths  # with the first section page, not at start-up
        profile = self.document.session.profile
        shown = lengths(self.document.report, profile, self.section.id)
        name = profile.name if profile is not None else ""
        self.length.show_length(*shown[None], name)
        for index, box in enumerate(self.boxes):
            box.length.show_length(*shown.get(index, (0, None)), name)

    def _order_focus(self) -> None:
        """Tab goes in reading order: each sub-head, its buttons and its text, then 添加小标题
        (boxes built anew would otherwise come last, after the button below them)."""
        chain: list[QWidget] = []
        for box in self.boxes:
            if box.heading.parentWidget() is not None and box.heading.isVisibleTo(box):
                chain += [box.heading, *(button for _verb, button in box.buttons)]
            chain.append(box.text)
        if self.add_button is not None:
            chain.append(self.add_button)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def set_read_only(self, read_only: bool) -> None:
        """A report opened read-only: its text can be read, selected and copied, not changed."""
        for box in self.boxes:
            box.set_read_only(read_only)
        if self.add_button is not None:
            self.add_button.setEnabled(not read_only)

    def refresh_marks(self) -> None:
        """Shade the sentences repeated from last year and the figures written from the tables (stale ones red)."""
        self._marks_timer.stop()
        report = self.document.report
        subs = report.sections.get(self.section.id, [])
        if report.prior is None and not any(sub.figures for sub in subs):
            for box in self.boxes:  # nothing to shade: the common case at start, without loading the text models
                box.marks.set_marks()
            self._show_legend()
            return
        from models.repetition import repeated_sentences
        from models.statistics_text.in_step import figure_spans
        repeated = repeated_sentences(report) if report.prior is not None else {}
        for index, box in enumerate(self.boxes):
            in_step, stale = figure_spans(report, self.section.id, index)
            box.marks.set_marks(repeated=repeated.get((self.section.id, index), ()), figures=in_step, stale=stale)
        self._show_legend()

    def _show_legend(self) -> None:
        from .text_marks import legend
        kinds = {kind for box in self.boxes for kind in box.marks.kinds()}
        text = legend(kinds)
        if text:
            self.legend.setText(f"文中底色：{text}（鼠标停在上面可看说明）")
        self.legend.setVisible(bool(text))

    def focused_index(self) -> int | None:
        """The sub-section whose text or heading has the focus; None when none has."""
        return next((i for i, box in enumerate(self.boxes) if box.text.hasFocus() or box.heading.hasFocus()), None)

    def _renumber(self) -> None:
        """Numbers follow the order, counting only parts with a sub-head (as the printed report does)."""
        for (printed, _sub), box in zip(numbered(self.subsections), self.boxes):
            box.set_heading(printed)

    def _texts_changed(self, places) -> None:
        mine = [index for section_id, index in places if section_id == self.section.id]
        if not mine:
            return
        if len(self.boxes) != len(self.subsections):
            self._build()
            return
        for index in mine:
            if 0 <= index < len(self.boxes):
                self.boxes[index].refresh()
        self._renumber()
        self.refresh_lengths()
        self._marks_timer.start()

    def _structure_changed(self, sections) -> None:
        if self.section.id in sections:
            self._build()

    def editors(self) -> list[QTextEdit]:
        return [box.text for box in self.boxes]

    def entry_widget(self) -> QWidget | None:
        """Where the clerk was on this page, else the first text."""
        return last_focused_child(self) or (self.boxes[0].text if self.boxes else None)

    # ------------------------------------------------------------ structure (一 and 五)

    def add_subsection(self) -> None:
        self.document.session.add_subsection(self.section.id)
        box = self.boxes[-1]
        box.heading.setFocus()
        box.heading.selectAll()
        self.ensureWidgetVisible(box)

    def move_subsection(self, index: int, step: int) -> None:
        if self.document.session.move_subsection(self.section.id, index, step):
            self.boxes[index + step].heading.setFocus()

    def remove_subsection(self, index: int) -> None:
        self.document.session.remove_subsection(self.section.id, index)

    # ------------------------------------------------------------ jumping here from a finding

    def show_text(self, needle: str | None = None, index: int | None = None) -> None:
        """Focus the text; with ``needle`` (a figure quoted in a finding), select where the text says it."""
        editors = self.editors()
        if index is not None and 0 <= index < len(editors):
            editors = [editors[index]] + [e for i, e in enumerate(editors) if i != index]
        if needle:
            for editor in editors:
                if select_text(editor, needle):
                    editor.setFocus()
                    self.ensureWidgetVisible(editor)
                    return
        target = editors[0] if index is not None else next((e for e in editors if not e.toPlainText().strip()),
                                                            editors[0])
        target.setFocus()
        self.ensureWidgetVisible(target)


class BasicInfoPage(EnterablePage, QScrollArea):
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
        self.agency.textEdited.connect(lambda text: document.session.set_meta("agency", text.strip()))
        self.agency.editingFinished.connect(document.session.end_typing)
        describe(self.agency, "机关名称", self.agency.placeholderText())
        form.addRow("机关名称：", self.agency)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(report.year)
        self.year.setSuffix(" 年")
        self.year.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.year.valueChanged.connect(lambda year: document.session.set_meta("year", year))
        describe(self.year, "报告年度", "报告所属的年度（报告标题的第二行）")
        form.addRow("报告年度：", self.year)
        self.date = DateField()
        self.date.set_report_year(report.year)
        self.date.set_date(report.date)
        self.date.date_changed.connect(lambda iso: document.session.set_meta("date", iso))
        describe(self.date.edit, "成文日期", self.date.edit.toolTip())
        form.addRow("成文日期：", self.date)
        self.heading_preview = hint_label(wrap=False)
        form.addRow("报告标题：", self.heading_preview)
        self.prior = hint_label()
        form.addRow("上年报告：", self.prior)
        outer.addLayout(form)
        preamble_title = sub_title_label("开头部分（不加标题的导语）")
        preamble_hint = hint_label("写明编制依据（《中华人民共和国政府信息公开条例》）、统计期限（本年1月1日至12月31日）、"
                                   "报告的获取方式和咨询联系方式。可不填。")
        outer.addWidget(preamble_title)
        outer.addWidget(preamble_hint)
        self.preamble = PlainTextEdit()
        self.preamble.setPlainText(report.preamble)
        self.preamble.setPlaceholderText("例如：本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制……")
        self.preamble.textChanged.connect(
            lambda: document.session.set_meta("preamble", self.preamble.toPlainText()))
        self.preamble.focus_left = document.session.end_typing
        describe(self.preamble, preamble_title.text(), preamble_hint.text())
        outer.addWidget(self.preamble)
        outer.addStretch(1)
        self.setWidget(page)
        name_scroll_bars(self, "基本信息")
        self.refresh()
        document.meta_changed.connect(self._meta_changed)
        document.prior_changed.connect(self.refresh)
        document.read_only_changed.connect(self.set_read_only)
        self.set_read_only(document.read_only)

    def set_read_only(self, read_only: bool) -> None:
        """A report opened read-only: every field can be read and copied, none changed."""
        self.agency.setReadOnly(read_only)
        self.year.setReadOnly(read_only)
        self.date.set_read_only(read_only)
        self.preamble.setReadOnly(read_only)

    def entry_widget(self) -> QWidget:
        return last_focused_child(self) or self.agency

    def _meta_changed(self, fields) -> None:
        report = self.document.report
        if "agency" in fields:
            self.agency.show_text(report.agency)
        if "year" in fields:
            if self.year.value() != report.year:
                self.year.blockSignals(True)
                self.year.setValue(report.year)
                self.year.blockSignals(False)
            self.date.set_report_year(report.year)
        if "date" in fields and self.date.date() != report.date:
            self.date.set_date(report.date)
        if "preamble" in fields:
            self.preamble.show_text(report.preamble)
        self.refresh()

    def refresh(self) -> None:
        report = self.document.report
        first, second = report.title_lines
        self.heading_preview.setText(f"{first or '（机关名称）'}\n{second}")
        prior = report.prior
        self.prior.setText(f"已导入 {prior.year} 年报告{('（' + prior.agency + '）') if prior.agency else ''}，"
                           "用于核对上年结转、现行有效件数和重复率" if prior is not None else
                           "未导入。可用“文件 → 导入上年报告”导入，以核对上年结转、现行有效件数和与上年报告的重复率")

