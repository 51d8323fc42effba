"""插入统计段落: choose the part and the wording, with or without 同比, see it, insert it.

The dialog changes nothing itself: ``command()`` is the one undo step the
window executes on its session.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QRadioButton, QTextEdit, QVBoxLayout, QWidget)

from models.report import Report, numbered
from models.statistics_text import PARTS, generate
from app.session.figure_edits import SetSubsectionContent, insert_paragraph
from models.statistics_text.paragraphs import Paragraph
from models.statistics_text.placement import part_for

from .dialogs import ok_cancel
from .style import WARNING_COLOR, hint_label, set_text_color
from .screen_fit import RemembersSize
from .text_marks import TextMarks

PREVIEW_LINES = 9


class StatisticsDialog(RemembersSize, QDialog):
    size_key = "statisticsDialog"

    def __init__(self, report: Report, section_id: str, index: int, selection: tuple[int, int] | None = None,
                 parent: QWidget | None = None, part: str | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.section_id, self.index = section_id, index
        self.selection = selection if selection is not None and selection[0] != selection[1] else None
        self.setWindowTitle("插入统计段落")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        printed = numbered(report.sections[section_id])[index][0]
        self.target = f"{report.form.section(section_id).title}{printed}"
        layout.addWidget(hint_label("按表三、表四的数字写成段落。插入后，这些数字会记住出自哪一格："
                                    "表格改动后，文中会标出不一致的数字，并可一键更新。"))

        form = QFormLayout()
        self.part = QComboBox()
        for p in PARTS:
            self.part.addItem(p.label, p.id)
        self.part.setCurrentIndex(self.part.findData(part or part_for(report, section_id, index)))
        form.addRow("内容：", self.part)
        self.wording = QComboBox()
        form.addRow("写法：", self.wording)
        self.compare = QCheckBox("写上与上年相比的增减（同比）")
        if report.prior is None:
            self.compare.setEnabled(False)
            self.compare.setText("写上与上年相比的增减（同比）——未导入上年报告，无法比较")
        else:
            self.compare.setChecked(True)
        form.addRow("", self.compare)
        self.at_end = QRadioButton(f"添加在“{self.target}”末尾")
        self.over_selection = QRadioButton("替换选中的文字")
        places = QButtonGroup(self)
        for button in (self.at_end, self.over_selection):
            places.addButton(button)
        place_box = QVBoxLayout()
        place_box.addWidget(self.at_end)
        if self.selection is not None:
            place_box.addWidget(self.over_selection)
            self.over_selection.setChecked(True)
        else:
            self.at_end.setChecked(True)
        form.addRow("位置：", place_box)
        layout.addLayout(form)

        layout.addWidget(QLabel("预览（浅蓝底的数字取自表格）："))
        self.preview = QTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFixedHeight(PREVIEW_LINES * self.preview.fontMetrics().lineSpacing())
        self.marks = TextMarks(self.preview.document())
        layout.addWidget(self.preview)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        set_text_color(self.notes, WARNING_COLOR)
        layout.addWidget(self.notes)

        buttons = ok_cancel(self, "插入")
        self.insert_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)

        self.part.currentIndexChanged.connect(self._part_changed)
        self.wording.currentIndexChanged.connect(self._refresh)
        self.compare.toggled.connect(self._refresh)
        self._part_changed()
        hint = self.sizeHint()
        self.restore_size(hint.width(), hint.height())

    # ------------------------------------------------------------ choices

    def _part_changed(self, *_) -> None:
        chosen = next(p for p in PARTS if p.id == self.part.currentData())
        self.wording.blockSignals(True)
        self.wording.clear()
        for w in chosen.wordings:
            self.wording.addItem(w.label, w.id)
        self.wording.blockSignals(False)
        self._refresh()

    def paragraph(self) -> Paragraph:
        return generate(self.report, self.part.currentData(), self.wording.currentData(),
                        compare=self.compare.isChecked())

    def _refresh(self, *_) -> None:
        paragraph = self.paragraph()
        self.preview.setPlainText(paragraph.text)
        self.marks.set_marks(figures=[(f.start, f.end) for f in paragraph.figures])
        self.notes.setText("；".join(paragraph.notes))
        self.notes.setVisible(bool(paragraph.notes))

    # ------------------------------------------------------------ the result

    def command(self) -> SetSubsectionContent:
        """The insertion as one undo step (execute it on the session)."""
        selection = self.selection if self.over_selection.isChecked() else None
        name = f"插入统计段落（{self.part.currentText()}）"
        return insert_paragraph(self.report, self.section_id, self.index, self.paragraph(), selection, name)
