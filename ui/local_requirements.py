"""Choosing the 本地要求 a report (文件 → 本地要求…) or a folder (the 审查台) is checked against, remembered.

``LocalRequirementsDialog`` shows the profile in use and its requirements in
Chinese; the clerk chooses a file, writes a new one or edits one
(``ui.profile_editor``), or uses none.  A file that cannot be read is refused
with its message (the lines named) and the profile in use stays as it was.
``choose_local_requirements`` and ``restore_local_requirements`` wire it to the
main window; ``ProfileChooser`` is the 审查台's choice for a folder.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from models.profile import SEVERITY_LABELS, Profile
from models.profile_file import PROFILES_FOLDER, ProfileError, load_profile

from .dialogs import ok_cancel
from .profile_editor import FILE_FILTER, ProfileEditor, RequirementList
from .screen_fit import RemembersSize
from .style import hint_label, sub_title_label

WINDOW_KEY = "checks/profile"     # the settings' key of the window's profile (its file)
REVIEW_KEY = "review/profile"     # and of the 审查台's


def remembered(settings: QSettings, key: str) -> tuple[Profile | None, str]:
    """The profile whose file the settings remember, and why it could not be read ("" when it could, or none)."""
    path = str(settings.value(key, "") or "")
    if not path:
        return None, ""
    try:
        return load_profile(path), ""
    except ProfileError as e:
        return None, str(e)


def remember(settings: QSettings, key: str, profile: Profile | None) -> None:
    settings.setValue(key, profile.path if profile is not None else "")


class LocalRequirementsDialog(RemembersSize, QDialog):
    """The profile in use (or none), its requirements listed; 选择文件, 新建, 编辑, 不使用."""

    size_key = "localRequirementsDialog"

    def __init__(self, profile: Profile | None, parent=None, start_dir: str = "") -> None:
        super().__init__(parent)
        self.profile = profile
        self.start_dir = start_dir or str(PROFILES_FOLDER)
        self.setWindowTitle("本地要求")
        self.restore_size(760, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("本地要求是所在地政务公开办对年度报告的要求（字数、须写明的内容、必填单元格、发布时限），"
                                    "通常随年度报告编制通知下发。选用后，检查结果中会有“本地要求”一项，填写时各部分显示字数。"))
        self.title = sub_title_label("")
        layout.addWidget(self.title)
        self.details = hint_label()
        layout.addWidget(self.details)
        self.list = RequirementList()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.choose_button = QPushButton("选择本地要求文件…")
        self.choose_button.clicked.connect(self.choose_file)
        self.new_button = QPushButton("新建…")
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton("编辑…")
        self.edit_button.clicked.connect(lambda: self.edit(self.profile))
        self.none_button = QPushButton("不使用本地要求")
        self.none_button.clicked.connect(lambda: self.use(None))
        for button in (self.choose_button, self.new_button, self.edit_button, self.none_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(ok_cancel(self))
        self._show()

    def _show(self) -> None:
        profile = self.profile
        self.list.clear()
        self.edit_button.setEnabled(profile is not None)
        self.none_button.setEnabled(profile is not None)
        if profile is None:
            self.title.setText("未使用本地要求")
            self.details.setText("只按全国统一格式检查。")
            return
        self.title.setText(profile.name)
        self.details.setText(f"适用于：{profile.applies_to()}；默认为{SEVERITY_LABELS[profile.severity]}；"
                             f"共 {len(profile.requirements)} 项要求" + (f"\n文件：{profile.path}" if profile.path else ""))
        self.list.show_requirements(list(profile.requirements), profile.severity, False)

    def use(self, profile: Profile | None) -> None:
        self.profile = profile
        self._show()

    def open_path(self) -> str:
        """The file the clerk picks (a method of its own, so that tests can answer it)."""
        path, _ = QFileDialog.getOpenFileName(self, "选择本地要求文件", self.start_dir, FILE_FILTER)
        return path

    def choose_file(self) -> bool:
        path = self.open_path()
        if not path:
            return False
        return self.load(path)

    def load(self, path: str) -> bool:
        """Use the profile in ``path``; a bad file is said (lines named) and changes nothing."""
        try:
            profile = load_profile(path)
        except ProfileError as e:
            QMessageBox.warning(self, "本地要求文件有误", str(e))
            return False
        self.use(profile)
        return True

    def edit(self, profile: Profile | None) -> None:
        editor = ProfileEditor(profile, profile.path if profile is not None and profile.path else None, self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_path:
            self.load(editor.saved_path)


def choose_local_requirements(window) -> None:
    """文件 → 本地要求…: the window's profile chosen, applied to the open report and remembered."""
    dialog = LocalRequirementsDialog(window.session.profile, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    window.document.set_profile(dialog.profile)
    remember(window.settings, WINDOW_KEY, dialog.profile)
    window.show_status(f"已选用本地要求“{dialog.profile.name}”" if dialog.profile is not None else "已不使用本地要求")


def restore_local_requirements(window) -> None:
    """At start: the profile chosen last time; a file no longer readable is said in the status bar, not applied."""
    profile, problem = remembered(window.settings, WINDOW_KEY)
    if profile is not None:
        window.document.set_profile(profile)
    elif problem:
        window.show_status("上次选用的" + problem.splitlines()[0])


class ProfileChooser(QWidget):
    """The 审查台's 本地要求 for the folder: its name and a button that opens ``LocalRequirementsDialog``."""

    changed = Signal(object)   # Profile | None

    def __init__(self, settings: QSettings | None = None, key: str = REVIEW_KEY, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.key = key
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel()
        self.button = QPushButton("本地要求…")
        self.button.setToolTip("审查时按所在地的本地要求一并检查（字数、须写明的内容、必填单元格、发布时限）")
        self.button.clicked.connect(self.choose)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.profile, problem = remembered(self.settings, key)
        self._show(problem)

    def _show(self, problem: str = "") -> None:
        name = self.profile.name if self.profile is not None else "未使用"
        self.label.setText(f"本地要求：{name}")
        self.label.setToolTip(problem or (self.profile.applies_to() if self.profile is not None else ""))

    def choose(self) -> None:
        dialog = LocalRequirementsDialog(self.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_profile(dialog.profile)

    def set_profile(self, profile: Profile | None) -> None:
        self.profile = profile
        remember(self.settings, self.key, profile)
        self._show()
        self.changed.emit(profile)
