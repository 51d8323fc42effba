"""The forms of one requirement of a 本地要求 (a length, a statement, cells, a deadline) and their parts.

Each form builds a ``Requirement`` from what the clerk chose or says in Chinese
what is missing; the editor (``ui.profile_editor``) lists and saves them.
"""
from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from models.form import CellRef
from models.form_2021 import FORM_2021
from models.profile import (ERROR, PREAMBLE, PREAMBLE_TITLE, REQUIREMENT_KINDS, SEVERITY_LABELS, Deadline,
                            LengthLimit, MustState, Place, RequiredCells, Requirement, Topic, known_levels,
                            level_matches)

from .dialogs import ok_cancel
from .style import ERROR_COLOR, hint_label, set_text_color

WHOLE_PART = "（整个部分）"
TOPIC_SEPARATORS = "、，,；; "


def _parts() -> list[tuple[str, str]]:
    return [(PREAMBLE_TITLE, PREAMBLE)] + [(s.title, s.id) for s in FORM_2021.narrative_sections]


class LevelChoice(QWidget):
    """Which levels a profile or a requirement is for: none ticked means every level."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for n, level in enumerate(known_levels()):
            box = QCheckBox(level)
            self.boxes[level] = box
            grid.addWidget(box, n // 4, n % 4)
        grid.addWidget(hint_label("都不选：适用于各级机关"), 2, 0, 1, 4)

    def levels(self) -> tuple[str, ...]:
        return tuple(level for level, box in self.boxes.items() if box.isChecked())

    def set_levels(self, words: tuple[str, ...]) -> None:
        """Tick the levels the words stand for ("区县级" ticks 区县级政府 and 区县级部门)."""
        for level, box in self.boxes.items():
            box.setChecked(bool(words) and level_matches(words, level))


class SeverityChoice(QComboBox):
    def __init__(self, with_default: bool, parent=None) -> None:
        super().__init__(parent)
        if with_default:
            self.addItem("按本地要求的默认", "")
        for value, label in SEVERITY_LABELS.items():
            self.addItem(label, value)

    def severity(self) -> str:
        return str(self.currentData())

    def set_severity(self, value: str) -> None:
        self.setCurrentIndex(max(0, self.findData(value)))


class PlaceChoice(QWidget):
    """A part of the narrative and, optionally, the words of a sub-head in it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.section = QComboBox()
        for title, section_id in _parts():
            self.section.addItem(title, section_id)
        self.subsection = QComboBox()
        self.subsection.setEditable(True)
        self.subsection.setToolTip("小标题中的文字即可，如“主动公开”“平台建设”；各单位的小标题写法不同，取共同的几个字")
        row.addWidget(self.section, 1)
        row.addWidget(QLabel("小标题含"))
        row.addWidget(self.subsection, 1)
        self.section.currentIndexChanged.connect(self._section_changed)
        self.section.setCurrentIndex(1)
        self._section_changed()

    def _section_changed(self, *_) -> None:
        section_id = self.section.currentData()
        typed = self.subsection.currentText()
        self.subsection.clear()
        self.subsection.addItem(WHOLE_PART)
        if section_id != PREAMBLE:
            self.subsection.addItems([h for h in FORM_2021.section(section_id).default_subheads if h])
        self.subsection.setEnabled(section_id != PREAMBLE)
        if typed and typed != WHOLE_PART and section_id != PREAMBLE:
            self.subsection.setEditText(typed)

    def place(self) -> Place:
        words = self.subsection.currentText().strip()
        section_id = str(self.section.currentData())
        return Place(section_id, "" if words == WHOLE_PART or section_id == PREAMBLE else words)

    def set_place(self, place: Place) -> None:
        self.section.setCurrentIndex(max(0, self.section.findData(place.section)))
        self._section_changed()
        self.subsection.setEditText(place.subsection or WHOLE_PART)


class CellPicker(QTreeWidget):
    """The form's tables, row by row, each cell ticked or not; ``keys`` names what is ticked as briefly as it can."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.cell_items: dict[CellRef, QTreeWidgetItem] = {}
        for table in FORM_2021.tables:
            table_item = QTreeWidgetItem(self, [f"{table.caption} {FORM_2021.section(table.section).title[2:]}"])
            table_item.setFlags(table_item.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            table_item.setCheckState(0, Qt.CheckState.Unchecked)
            rows: dict[str, list[tuple[CellRef, str]]] = {}
            for d in list(table.inputs) + list(table.computed):
                rows.setdefault(d.ref.row, []).append((d.ref, d.name))
            for cells in rows.values():
                row_label, _ = _split_name(cells[0][1])
                parent = table_item
                if len(cells) > 1:
                    parent = QTreeWidgetItem(table_item, [row_label])
                    parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
                for ref, name in cells:
                    label = _split_name(name)[1] if len(cells) > 1 else name
                    if not FORM_2021.is_input(ref):
                        label += "（合计）"
                    item = QTreeWidgetItem(parent, [label])
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Unchecked)
                    item.setToolTip(0, str(ref))
                    self.cell_items[ref] = item

    def checked(self) -> list[CellRef]:
        return [ref for ref, item in self.cell_items.items() if item.checkState(0) == Qt.CheckState.Checked]

    def set_keys(self, keys: tuple[str, ...]) -> None:
        wanted = set(RequiredCells(cells=keys).refs())
        for ref, item in self.cell_items.items():
            item.setCheckState(0, Qt.CheckState.Checked if ref in wanted else Qt.CheckState.Unchecked)

    def keys(self) -> tuple[str, ...]:
        """A table's id when all its inputs are ticked, a row's when all of the row's are, else the cells' keys."""
        ticked = set(self.checked())
        keys: list[str] = []
        for table in FORM_2021.tables:
            inputs = [d.ref for d in table.inputs]
            taken: set[CellRef] = set()
            if inputs and all(ref in ticked for ref in inputs):
                keys.append(table.id)
                taken = set(inputs)
            else:
                rows: dict[str, list[CellRef]] = {}
                for ref in inputs:
                    rows.setdefault(ref.row, []).append(ref)
                for row, refs in rows.items():
                    if len(refs) > 1 and all(ref in ticked for ref in refs):
                        keys.append(f"{table.id}.{row}")
                        taken |= set(refs)
            keys += [str(ref) for ref in inputs if ref in ticked and ref not in taken]
            keys += [str(d.ref) for d in table.computed if d.ref in ticked]
        return tuple(dict.fromkeys(keys))


def _split_name(name: str) -> tuple[str, str]:
    """"一、本年新收 / 自然人" → (row, cell); "规章 本年制发件数" → ("规章", "本年制发件数")."""
    if " / " in name:
        row, cell = name.split(" / ", 1)
        return row, cell
    if " " in name:
        row, cell = name.rsplit(" ", 1)
        return row, cell
    return name, name


class RequirementList(QTreeWidget):
    """Requirements listed in Chinese: their kind, what they ask, how serious."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["类别", "要求", "严重程度"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def show_requirements(self, requirements: list[Requirement], default: str, say_default: bool) -> None:
        """One row a requirement; a requirement without its own severity shows the profile's ``default``."""
        self.clear()
        for requirement in requirements:
            severity = requirement.severity or default
            shown = SEVERITY_LABELS[severity] if requirement.severity or not say_default else \
                f"默认（{SEVERITY_LABELS[severity]}）"
            item = QTreeWidgetItem(self, [REQUIREMENT_KINDS[requirement.kind], requirement.describe(), shown])
            item.setToolTip(1, requirement.describe())
            if severity == ERROR:
                item.setForeground(2, ERROR_COLOR)


class RequirementDialog(QDialog):
    """One requirement of one kind: its form, checked when 确定 is pressed (the message says what is missing)."""

    TITLES = {LengthLimit.kind: "字数要求", MustState.kind: "须写明的内容", RequiredCells.kind: "必填单元格",
              Deadline.kind: "发布时限"}

    def __init__(self, kind: str, requirement: Requirement | None = None, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.requirement: Requirement | None = None
        self.setWindowTitle(("修改" if requirement else "添加") + self.TITLES[kind])
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        getattr(self, f"_build_{kind}")()
        self.severity = SeverityChoice(with_default=True)
        self.form.addRow("严重程度：", self.severity)
        self.levels = LevelChoice()
        self.form.addRow("只适用于：", self.levels)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        set_text_color(self.problem, ERROR_COLOR)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, accept=self.accept_if_valid))
        if requirement is not None:
            self._show(requirement)

    # ------------------------------------------------------------ the forms

    def _build_length(self) -> None:
        self.place = PlaceChoice()
        self.form.addRow("部分：", self.place)
        self.max_chars = self._count_box("不限")
        self.form.addRow("最多（字）：", self.max_chars)
        self.min_chars = self._count_box("不限")
        self.form.addRow("最少（字）：", self.min_chars)
        self.form.addRow("", hint_label("字数按非空白字符计，标点、数字各算一个，含小标题。最少填 1 即“须填写”。"))

    def _build_statement(self) -> None:
        self.place = PlaceChoice()
        self.form.addRow("部分：", self.place)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("如：政策解读")
        self.form.addRow("须写明：", self.topic)
        self.also = QLineEdit()
        self.also.setPlaceholderText("用顿号分隔，如：解读、政策文件解读")
        self.form.addRow("其他说法：", self.also)
        self.with_number = QCheckBox("须同时写明数量（如“发布政策解读材料 12 篇”）")
        self.form.addRow("", self.with_number)

    def _build_cells(self) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText("可不填，如：规章和行政规范性文件件数")
        self.form.addRow("名称：", self.name)
        self.picker = CellPicker()
        self.picker.setMinimumHeight(260)
        self.form.addRow("单元格：", self.picker)
        self.nonzero = QCheckBox("不得为 0")
        self.form.addRow("", self.nonzero)

    def _build_deadline(self) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel("次年"))
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(1)
        self.month.setSuffix(" 月")
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setValue(31)
        self.day.setSuffix(" 日")
        row.addWidget(self.month)
        row.addWidget(self.day)
        row.addWidget(QLabel("前（含当日）"))
        row.addStretch(1)
        self.form.addRow("成文日期不晚于：", row)
        self.form.addRow("", hint_label("《条例》第四十九条：县级以上人民政府部门 1 月 31 日前，县级以上地方人民政府 3 月 31 日前"))

    @staticmethod
    def _count_box(special: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 1_000_000)
        box.setSpecialValueText(special)
        box.setSuffix(" 字")
        return box

    # ------------------------------------------------------------ in and out

    def _show(self, requirement: Requirement) -> None:
        self.severity.set_severity(requirement.severity)
        self.levels.set_levels(requirement.levels)
        if isinstance(requirement, LengthLimit):
            self.place.set_place(requirement.place)
            self.max_chars.setValue(requirement.max_chars or 0)
            self.min_chars.setValue(requirement.min_chars or 0)
        elif isinstance(requirement, MustState):
            self.place.set_place(requirement.place)
            self.topic.setText(requirement.topic.name)
            self.also.setText("、".join(requirement.topic.also))
            self.with_number.setChecked(requirement.topic.with_number)
        elif isinstance(requirement, RequiredCells):
            self.name.setText(requirement.name)
            self.picker.set_keys(requirement.cells)
            self.nonzero.setChecked(requirement.nonzero)
        elif isinstance(requirement, Deadline):
            self.month.setValue(requirement.month)
            self.day.setValue(requirement.day)

    def built(self) -> Requirement:
        """The requirement the form describes; ``ValueError`` with a Chinese reason when it is incomplete."""
        severity, levels = self.severity.severity(), self.levels.levels()
        if self.kind == LengthLimit.kind:
            most, least = self.max_chars.value() or None, self.min_chars.value() or None
            if most is None and least is None:
                raise ValueError("请填写最多或最少字数")
            if most is not None and least is not None and least > most:
                raise ValueError("最少字数大于最多字数")
            return LengthLimit(place=self.place.place(), max_chars=most, min_chars=least, severity=severity,
                               levels=levels)
        if self.kind == MustState.kind:
            name = self.topic.text().strip()
            if not name:
                raise ValueError("请填写须写明的内容")
            also = tuple(w for w in _split_words(self.also.text()) if w != name)
            return MustState(place=self.place.place(), topic=Topic(name, also, self.with_number.isChecked()),
                             severity=severity, levels=levels)
        if self.kind == RequiredCells.kind:
            keys = self.picker.keys()
            if not keys:
                raise ValueError("请勾选至少一个单元格")
            return RequiredCells(cells=keys, nonzero=self.nonzero.isChecked(), name=self.name.text().strip(),
                                 severity=severity, levels=levels)
        try:
            datetime.date(2001, self.month.value(), self.day.value())
        except ValueError:
            raise ValueError(f"没有 {self.month.value()} 月 {self.day.value()} 日") from None
        return Deadline(month=self.month.value(), day=self.day.value(), severity=severity, levels=levels)

    def accept_if_valid(self) -> None:
        try:
            self.requirement = self.built()
        except ValueError as e:
            self.problem.setText(str(e))
            return
        self.accept()


def _split_words(text: str) -> list[str]:
    words, word = [], ""
    for ch in text:
        if ch in TOPIC_SEPARATORS:
            if word:
                words.append(word)
            word = ""
        else:
            word += ch
    if word:
        words.append(word)
    return list(dict.fromkeys(words))
