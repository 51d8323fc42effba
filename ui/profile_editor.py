"""The 本地要求 editor: a 政务公开办 clerk lists the notice's requirements in Chinese and saves them as the file.

Nothing here knows the file's format: the editor builds a ``Profile`` from its
fields and ``models.profile_writer`` writes it (and reads it back before the
file is replaced, so what is saved always opens).  Each kind of requirement has
a small form (``ui.requirement_form``); cells are ticked in the form's own tables.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QMessageBox, QPushButton, QSpinBox, QVBoxLayout)

from models.files import reason
from models.profile import REQUIREMENT_KINDS, WARNING, Profile, Requirement
from models.profile_file import NATIONAL_PROFILE, SUFFIX, ProfileError, load_profile
from models.profile_writer import canonical, save_profile

from .requirement_form import LevelChoice, RequirementDialog, RequirementList, SeverityChoice
from .screen_fit import RemembersSize
from .style import hint_label

ANY_YEAR = 1999          # the year box's lowest value, shown as “每年”
FILE_FILTER = f"本地要求 (*{SUFFIX});;所有文件 (*)"


class ProfileEditor(RemembersSize, QDialog):
    """The whole profile: its name, year, levels and default severity, and the list of requirements."""

    size_key = "profileEditor"

    def __init__(self, profile: Profile | None = None, path: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.path = path
        self.saved_path: str | None = None
        self.setWindowTitle("编辑本地要求")
        self.restore_size(860, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("把本地通知对年度报告的要求逐条列在这里，保存为文件发给各单位；各单位在“文件 → 本地要求”中选用，"
                                    "程序在填写和检查时按这些要求提示。"))
        head = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：××市2025年度政府信息公开工作年度报告编制要求")
        head.addRow("名称：", self.name)
        self.year = QSpinBox()
        self.year.setRange(ANY_YEAR, 2101)
        self.year.setSpecialValueText("每年")
        self.year.setSuffix(" 年度报告")
        head.addRow("适用于：", self.year)
        self.levels = LevelChoice()
        head.addRow("适用级别：", self.levels)
        self.severity = SeverityChoice(with_default=False)
        self.severity.currentIndexChanged.connect(lambda _: self._refill())
        head.addRow("默认严重程度：", self.severity)
        layout.addLayout(head)

        body = QHBoxLayout()
        self.list = RequirementList()
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        body.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_buttons: dict[str, QPushButton] = {}
        for kind, label in REQUIREMENT_KINDS.items():
            button = QPushButton(f"添加{label}…")
            button.clicked.connect(lambda _=False, k=kind: self.add(k))
            buttons.addWidget(button)
            self.add_buttons[kind] = button
        self.edit_button = QPushButton("修改…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton("删除")
        self.remove_button.clicked.connect(self.remove_selected)
        self.national_button = QPushButton("加入全国通用要求")
        self.national_button.setToolTip("发布时限（《条例》第四十九条）、三个叙述部分须填写、表格不留空白")
        self.national_button.clicked.connect(self.add_national)
        for button in (self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.national_button)
        body.addLayout(buttons)
        layout.addLayout(body, 1)

        bottom = QDialogButtonBox()
        self.save_button = bottom.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_as_button = bottom.addButton("另存为…", QDialogButtonBox.ButtonRole.ActionRole)
        cancel = bottom.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda: self.save(self.path))
        self.save_as_button.clicked.connect(lambda: self.save(None))
        cancel.clicked.connect(self.reject)
        layout.addWidget(bottom)

        self.requirements: list[Requirement] = []
        self.show_profile(profile or Profile(name=""))

    # ------------------------------------------------------------ the profile in the fields

    def show_profile(self, profile: Profile) -> None:
        self.name.setText(profile.name)
        self.year.setValue(profile.year if profile.year is not None else ANY_YEAR)
        self.levels.set_levels(profile.levels)
        self.severity.set_severity(profile.severity)
        self.requirements = canonical(profile.requirements)
        self._refill()

    def profile(self) -> Profile:
        year = self.year.value()
        return Profile(name=self.name.text().strip(), year=None if year == ANY_YEAR else year,
                       levels=self.levels.levels(), severity=self.severity.severity() or WARNING,
                       requirements=tuple(self.requirements), path=self.path or "")

    def _refill(self) -> None:
        self.list.show_requirements(self.requirements, self.severity.severity() or WARNING, True)
        has = bool(self.requirements)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def selected_index(self) -> int | None:
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else None

    # ------------------------------------------------------------ adding, changing, removing

    def ask(self, kind: str, requirement: Requirement | None = None) -> Requirement | None:
        """The form of one requirement (a separate method, so that tests can answer it)."""
        dialog = RequirementDialog(kind, requirement, self)
        return dialog.requirement if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add(self, kind: str) -> None:
        requirement = self.ask(kind)
        if requirement is not None:
            self.add_requirement(requirement)

    def add_requirement(self, requirement: Requirement) -> None:
        self.requirements = canonical(self.requirements + [requirement])
        self._refill()
        self._select(self.requirements.index(requirement))

    def _select(self, index: int) -> None:
        item = self.list.topLevelItem(index)
        if item is not None:
            self.list.setCurrentItem(item)

    def edit_selected(self) -> None:
        index = self.selected_index()
        if index is None or index < 0:
            return
        changed = self.ask(self.requirements[index].kind, self.requirements[index])
        if changed is not None:
            self.requirements[index] = changed
            self._refill()
            self._select(index)

    def remove_selected(self) -> None:
        index = self.selected_index()
        if index is None or index < 0:
            return
        del self.requirements[index]
        self._refill()

    def add_national(self) -> None:
        try:
            national = load_profile(NATIONAL_PROFILE)
        except ProfileError as e:
            QMessageBox.warning(self, "本地要求", str(e))
            return
        new = [r for r in national.requirements if r not in self.requirements]
        for requirement in new:
            self.requirements.append(requirement)
        self.requirements = canonical(self.requirements)
        self._refill()

    # ------------------------------------------------------------ saving

    def problem(self) -> str:
        """Why the profile cannot be saved yet ("" when it can)."""
        if not self.name.text().strip():
            return "请填写本地要求的名称（如“××市2025年度政府信息公开工作年度报告编制要求”）"
        if not self.requirements:
            return "还没有任何要求：请先添加"
        return ""

    def save(self, path: str | None) -> bool:
        problem = self.problem()
        if problem:
            QMessageBox.information(self, "本地要求", problem)
            return False
        if not path:
            suggested = self.name.text().strip()[:60] + SUFFIX
            path, _ = QFileDialog.getSaveFileName(self, "保存本地要求", suggested, FILE_FILTER)
            if not path:
                return False
            if not path.lower().endswith(SUFFIX):
                path += SUFFIX
        try:
            save_profile(self.profile(), path)
        except ProfileError as e:   # cannot happen for what the forms build; said, never swallowed
            QMessageBox.warning(self, "无法保存", str(e))
            return False
        except OSError as e:
            QMessageBox.warning(self, "无法保存", f"无法保存 {path}：{reason(e)}")
            return False
        self.path = self.saved_path = path
        self.accept()
        return True
