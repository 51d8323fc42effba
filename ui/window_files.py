"""The window's files: open, save, last year, import, export, print, drop, recovery copies.

A mixin of ``MainWindow``: each method asks the clerk what a workflow needs
(a file name, 保存/不保存, 仍要导出) and leaves the doing to the session.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from exporters import FORMATS, ExportError
from models import draft
from models.checks import Severity
from importers import SourceError
from app.session import DraftChanged, DraftLocked, ExportRefused, workflows

from .dialogs import ask_choice

if TYPE_CHECKING:
    from .main_window import MainWindow

APP_TITLE = "政府信息公开工作年度报告"
DRAFT_FILTER = "报告草稿 (*.gkbg.json *.json)"
IMPORT_FILTER = "报告文件 (*.json *.docx *.xlsx *.txt *.html *.htm *.pdf);;所有文件 (*)"


class FileActions:
    """文件 menu, drops and recovery, for ``MainWindow`` (which provides session, recent, recovery, pages)."""

    def display_name(self: MainWindow) -> str:
        return Path(self.path).name if self.path else "未命名报告"

    def _update_title(self: MainWindow, *_) -> None:
        read_only = "（只读）" if self.session.read_only else ""
        self.setWindowTitle(f"{self.display_name()}{read_only}[*] — {APP_TITLE}")
        self.setWindowModified(self.session.modified)
        for action in (self.fill_zero_action, self.statistics_action, self.update_figures_action,
                       self.import_prior_action, self.cut_action, self.paste_action, self.clear_action):
            action.setEnabled(not self.session.read_only)  # a report opened read-only takes no change

    def maybe_save(self: MainWindow) -> bool:
        """Ask 保存 / 不保存 / 取消 when there are unsaved changes; True when it is fine to go on."""
        self.commit_pending_edits()
        if not self.session.modified:
            return True
        answer = ask_choice(self, APP_TITLE, f"“{self.display_name()}”有尚未保存的修改。\n是否保存？",
                     [("保存", QMessageBox.ButtonRole.AcceptRole), ("不保存", QMessageBox.ButtonRole.DestructiveRole),
                      ("取消", QMessageBox.ButtonRole.RejectRole)], QMessageBox.Icon.Warning)
        if answer == 0:
            return self.save()
        return answer == 1

    def new_report(self: MainWindow) -> None:
        if not self.maybe_save():
            return
        self.recovery.discard()
        self.session.new()
        self.tabs.setCurrentIndex(0)
        self.show_status("已新建空白报告")

    def open_dialog(self: MainWindow) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告草稿", self._last_dir(), DRAFT_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_path(self: MainWindow, path: str, ask: bool = True) -> bool:
        """Open a draft; a file that cannot be read leaves the current report as it was."""
        if ask and not self.maybe_save():
            return False
        repair = False
        try:
            try:
                try:
                    self.session.open(path)
                except draft.DraftRepairable as e:
                    if ask_choice(self, "草稿有损坏之处", str(e), [("清除后打开", QMessageBox.ButtonRole.AcceptRole),
                                  ("取消", QMessageBox.ButtonRole.RejectRole)], QMessageBox.Icon.Warning) != 0:
                        return False
                    repair = True
                    self.session.open(path, repair=True)
            except DraftLocked as e:
                answer = ask_choice(self, "草稿正在编辑", str(e),
                                          [("只读打开", QMessageBox.ButtonRole.AcceptRole),
                                           ("仍然编辑", QMessageBox.ButtonRole.DestructiveRole),
                                           ("取消", QMessageBox.ButtonRole.RejectRole)])
                if answer not in (0, 1):
                    return False
                self.session.open(path, read_only=answer == 0, take_over=answer == 1, repair=repair)
        except draft.DraftError as e:
            QMessageBox.warning(self, "无法打开", f"无法打开 {path}：\n{e}")
            return False
        self.recovery.discard()
        self.recent.add(self.path or path)
        if self.session.read_only_reason:
            QMessageBox.information(self, "只读打开", self.session.read_only_reason)
        self.show_status(f"已只读打开 {self.path}（保存请用“另存为”）" if self.session.read_only
                         else f"已打开 {self.path}")
        return True

    def save(self: MainWindow) -> bool:
        if self.path is None or self.session.read_only:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self: MainWindow) -> bool:
        suggested = str(self.session.save_as_proposal([self._last_dir(), QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)]))
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, DRAFT_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += draft.DRAFT_SUFFIX
        return self._save_to(path)

    def _save_to(self: MainWindow, path: str) -> bool:
        self.commit_pending_edits()
        try:
            try:
                saved = self.session.save(path)
            except DraftChanged as e:
                answer = ask_choice(self, "文件已被修改", f"{e}\n\n仍要覆盖吗？",
                             [("另存为…", QMessageBox.ButtonRole.AcceptRole),
                              ("覆盖", QMessageBox.ButtonRole.DestructiveRole),
                              ("取消", QMessageBox.ButtonRole.RejectRole)], QMessageBox.Icon.Warning)
                if answer == 0:
                    return self.save_as()
                if answer != 1:
                    return False
                saved = self.session.save(path, overwrite_changes=True)
        except draft.DraftError as e:
            QMessageBox.critical(self, "保存失败", f"{e}\n\n报告仍在窗口中，可换一个位置“另存为”。")
            return False
        self.recovery.discard()
        self.recent.add(saved)
        self._update_title()
        self.show_status(f"已保存到 {saved}")
        return True

    def _last_dir(self: MainWindow) -> str:
        return str(Path(self.path).parent) if self.path else self.recent.last_dir()

    def _fill_recent_menu(self: MainWindow) -> None:
        self.recent_menu.clear()
        files = self.recent.files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        for i, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {Path(path).name}    {Path(path).parent}")
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表").triggered.connect(self.recent.clear)

    def _open_recent(self: MainWindow, path: str) -> None:
        if not Path(path).exists():
            QMessageBox.warning(self, "文件不存在", f"找不到 {path}，已从“最近打开”中移除。")
            self.recent.remove(path)
            return
        self.open_path(path)

    def add_recent(self: MainWindow, path: str) -> None:
        self.recent.add(path)

    # ------------------------------------------------------------ last year, import and export

    def import_prior(self: MainWindow) -> None:
        """Keep last year's report beside the draft; offer to carry its open requests and sub-heads over."""
        from .carry_over_dialog import CarryOverDialog
        path, _ = QFileDialog.getOpenFileName(self, "导入上年报告", self._last_dir(), IMPORT_FILTER)
        if not path:
            return
        try:
            prior = workflows.read_prior(path)
        except SourceError as e:
            QMessageBox.warning(self, "无法导入", f"无法读取 {path}：\n{e}")
            return
        offer = self.session.prior_offer(prior)
        dialog = CarryOverDialog(prior, offer, self)
        if dialog.exec() != CarryOverDialog.DialogCode.Accepted:
            return
        self.commit_pending_edits()
        messages = self.session.take_prior(offer, carry_requests=dialog.carry.isChecked(),
                                           copy_subheads=dialog.subheads.isChecked())
        self.show_status("；".join(messages) + "（可撤销）")

    def drop_prior(self: MainWindow) -> None:
        if self.session.drop_prior():
            self.show_status("已移除上年报告（可撤销）")

    def import_as_new(self: MainWindow, path: str | None = None) -> None:

        if not self.maybe_save():
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "从已发布报告新建", self._last_dir(), IMPORT_FILTER)
            if not path:
                return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            imported = self.session.import_as_new(path)
        except SourceError as e:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "无法导入", f"无法读取 {path}：\n{e}")
            return
        QApplication.restoreOverrideCursor()
        self.recovery.discard()
        warned = sum(n.severity is not Severity.INFO for n in imported.notes)
        self.show_status(f"已从 {Path(path).name} 新建报告" + (f"，导入说明 {warned} 条见“检查结果”" if warned else "")
                         + "；请另存为草稿")

    def export(self: MainWindow, fmt_id: str) -> None:
        fmt = FORMATS[fmt_id]
        self.commit_pending_edits()
        check = self.session.export_check()
        if check.errors:
            answer = ask_choice(self, "报告有错误",
                         f"检查发现 {len(check.errors)} 个错误，例如：\n{check.errors[0].message}\n\n仍要导出吗？",
                         [("返回修改", QMessageBox.ButtonRole.RejectRole),
                          ("仍然导出", QMessageBox.ButtonRole.AcceptRole)], QMessageBox.Icon.Warning)
            if answer != 1:
                return
        if check.incomplete:
            missing = "\n".join(f"· {f.message}" for f in check.incomplete[:6])
            if ask_choice(self, "报告尚未填完", f"{missing}\n\n仍要导出吗？",
                   [("返回填写", QMessageBox.ButtonRole.RejectRole),
                    ("仍然导出", QMessageBox.ButtonRole.AcceptRole)]) != 1:
                return
        if check.blanks:
            answer = ask_choice(self, "有空白单元格", f"表格中还有 {len(check.blanks)} 个空白单元格，官方做法是填 0。",
                         [("先空白填0再导出", QMessageBox.ButtonRole.AcceptRole),
                          ("保留空白导出", QMessageBox.ButtonRole.DestructiveRole),
                          ("取消", QMessageBox.ButtonRole.RejectRole)])
            if answer == 0:
                self.fill_blanks_with_zero()
            elif answer != 1:
                return
        suggested = str(Path(self._last_dir()) / workflows.suggested_name(self.session.report, fmt.suffix))
        path, _ = QFileDialog.getSaveFileName(self, f"导出 {fmt.name}", suggested, fmt.file_filter)
        if not path:
            return
        if not path.lower().endswith(fmt.suffix):
            path += fmt.suffix
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.session.export(fmt.id, path, allow_errors=True)
        except (ExportError, ExportRefused) as e:
            QApplication.restoreOverrideCursor()
            QMessageBox.critical(self, "导出失败", str(e))
            return
        except Exception as e:  # an exporter's failure must not cost the clerk the open report
            QApplication.restoreOverrideCursor()
            QMessageBox.critical(self, "导出失败", f"无法导出到 {path}：{e}")
            return
        QApplication.restoreOverrideCursor()
        self.show_status(f"已导出到 {path}")
        summary = getattr(result, "summary", None)
        if callable(summary) and (getattr(result, "substitutions", None) or getattr(result, "warnings", None)):
            QMessageBox.information(self, "导出完成", summary())

    def print_preview(self: MainWindow) -> None:
        self.commit_pending_edits()
        from .print_preview import show_print_preview  # Qt's print support loads only when asked for
        show_print_preview(self.session.report, self)

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self: MainWindow, event):
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self: MainWindow, event):
        path = event.mimeData().urls()[0].toLocalFile()
        event.acceptProposedAction()
        # let the drop finish before any dialog opens
        QTimer.singleShot(0, lambda: self.open_dropped(path))

    def open_dropped(self: MainWindow, path: str) -> None:
        if path.lower().endswith(".json"):
            self.open_path(path)
        else:
            self.import_as_new(path)

    # ------------------------------------------------------------ recovery

    def _schedule_recovery(self: MainWindow) -> None:
        """After a change, once: not restarted by every keystroke, so steady typing is saved every 1.5 s."""
        if self.session.modified and not self.recovery_timer.isActive():
            self.recovery_timer.start()

    def write_recovery(self: MainWindow) -> None:
        if not self.session.modified:
            return
        try:  # a number still in a cell editor is left alone: closing the editor would interrupt the typing
            self.recovery.write(self.session.report, self.path, self.session.disk_digest)
        except OSError as e:
            self.show_status(f"无法写入恢复副本（{e}）；请尽快保存")

    def offer_recovery(self: MainWindow) -> bool:
        """At start: offer the copies crashed windows left behind, newest first.  True when one was restored."""
        from .recovery_dialog import offer_copies
        return offer_copies(self)

    # ------------------------------------------------------------ 批量审查

    def review_reports(self: MainWindow) -> None:
        """文件 → 批量审查: the 审查台 in a window of its own; a report opens here, read-only, at its finding."""
        from ui.review import open_review_window
        self._review_window = open_review_window(self, self.open_reviewed)

    def open_reviewed(self: MainWindow, path: str, finding=None, prior: str | None = None, profile=None) -> None:
        """Open a report from the 审查台 read-only, checked as the review checked it; show the finding."""
        if not self.maybe_save():
            return
        try:
            self.session.open_for_review(path, prior, profile)
        except (draft.DraftError, SourceError) as e:
            QMessageBox.warning(self, "无法打开", f"无法打开 {path}：\n{e}")
            return
        self.activateWindow()
        self.raise_()
        if finding is not None:
            self.show_finding(finding.find_in(self.document.findings))
        self.show_status(f"已打开 {Path(path).name}（审查用，只读）")

