"""文件: new, open, save, last year, import, export, print, 批量审查, and files dropped on the window.

Each function asks the clerk what a workflow needs (a file name, 保存/不保存,
仍要导出) and hands the doing to the session, through ``run_workflow``.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from app.session import DraftChanged, DraftLocked, ExportRefused, workflows
from models import draft

from ..dialogs import ask_choice
from ..workflow_runner import run_workflow
from .editing import fill_blanks_with_zero
from .model import Window

if TYPE_CHECKING:
    from models.profile import Profile
    from models.review import ReviewFinding

APP_TITLE = "政府信息公开工作年度报告"
DRAFT_FILTER = "报告草稿 (*.gkbg.json *.json)"
IMPORT_FILTER = "报告文件 (*.json *.docx *.xlsx *.txt *.html *.htm *.pdf);;所有文件 (*)"


def display_name(window: Window) -> str:
    return Path(window.path).name if window.path else "未命名报告"


def window_title(window: Window) -> str:
    read_only = "（只读）" if window.session.read_only else ""
    marked = f"（导出标注“{window.session.export_mark}”）" if window.session.export_mark else ""
    return f"{display_name(window)}{read_only}{marked}[*] — {APP_TITLE}"


def last_dir(window: Window) -> str:
    return str(Path(window.path).parent) if window.path else window.recent.last_dir()


def maybe_save(window: Window) -> bool:
    """Ask 保存 / 不保存 / 取消 when there are unsaved changes; True when it is fine to go on."""
    window.commit_pending_edits()
    if not window.session.modified:
        return True
    answer = ask_choice(window, APP_TITLE, f"“{display_name(window)}”有尚未保存的修改。\n是否保存？",
                        [("保存", QMessageBox.ButtonRole.AcceptRole),
                         ("不保存", QMessageBox.ButtonRole.DestructiveRole),
                         ("取消", QMessageBox.ButtonRole.RejectRole)], QMessageBox.Icon.Warning)
    if answer == 0:
        return save(window)
    return answer == 1


def new_report(window: Window) -> None:
    if not maybe_save(window):
        return
    window.recovery.discard()
    window.session.new()
    window.tabs.setCurrentIndex(0)
    window.show_status("已新建空白报告")


def open_dialog(window: Window) -> None:
    if not maybe_save(window):
        return
    path, _ = QFileDialog.getOpenFileName(window, "打开报告草稿", last_dir(window), DRAFT_FILTER)
    if path:
        open_path(window, path, ask=False)


def _opened(window: Window, path: str, *, read_only: bool = False, take_over: bool = False,
            repair: bool = False) -> Path:
    window.session.open(path, read_only=read_only, take_over=take_over, repair=repair)
    return Path(path)


def _open_unless_asked(window: Window, path: str, repair: bool) -> Path | DraftLocked | draft.DraftRepairable:
    """Open the draft for editing; what to ask the clerk when another window or computer edits it, or when it
    opens only with damaged values cleared."""
    try:
        return _opened(window, path, repair=repair)
    except (DraftLocked, draft.DraftRepairable) as e:
        return e


def open_path(window: Window, path: str, ask: bool = True) -> bool:
    """Open a draft; a file that cannot be read leaves the current report as it was."""
    if ask and not maybe_save(window):
        return False
    failure = f"无法打开 {path}"
    repair = False
    opened = run_workflow(window, lambda: _open_unless_asked(window, path, repair), failure=failure,
                          explained=(draft.DraftError,))
    if isinstance(opened, draft.DraftRepairable):
        if ask_choice(window, "草稿有损坏之处", str(opened), [("清除后打开", QMessageBox.ButtonRole.AcceptRole),
                                                        ("取消", QMessageBox.ButtonRole.RejectRole)],
                      QMessageBox.Icon.Warning) != 0:
            return False
        repair = True
        opened = run_workflow(window, lambda: _open_unless_asked(window, path, repair), failure=failure,
                              explained=(draft.DraftError,))
    if isinstance(opened, DraftLocked):
        answer = ask_choice(window, "草稿正在编辑", str(opened),
                            [("只读打开", QMessageBox.ButtonRole.AcceptRole),
                             ("仍然编辑", QMessageBox.ButtonRole.DestructiveRole),
                             ("取消", QMessageBox.ButtonRole.RejectRole)])
        if answer not in (0, 1):
            return False
        opened = run_workflow(window, lambda: _opened(window, path, read_only=answer == 0, take_over=answer == 1,
                                                      repair=repair),
                              failure=failure, explained=(draft.DraftError,))
    if not isinstance(opened, Path):
        return False
    window.recovery.discard()
    window.recent.add(window.path or path)
    if window.session.read_only_reason:
        QMessageBox.information(window, "只读打开", window.session.read_only_reason)
    window.show_status(f"已只读打开 {window.path}（保存请用“另存为”）" if window.session.read_only
                       else f"已打开 {window.path}")
    return True


def open_any(window: Window, path: str) -> None:
    """A file given to the window (dropped, or named on the command line): a draft opens, anything else imports."""
    if workflows.opens_as_draft(path):
        open_path(window, path)
    else:
        import_as_new(window, path)


def save(window: Window) -> bool:
    if window.path is None or window.session.read_only:
        return save_as(window)
    return _save_to(window, window.path)


def save_as(window: Window) -> bool:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(window.session.save_as_proposal([last_dir(window), documents]))
    path, _ = QFileDialog.getSaveFileName(window, "另存为", suggested, DRAFT_FILTER)
    if not path:
        return False
    if not path.lower().endswith(".json"):
        path += draft.DRAFT_SUFFIX
    return _save_to(window, path)


def _save_unless_changed(window: Window, path: str) -> Path | DraftChanged:
    try:
        return window.session.save(path)
    except DraftChanged as e:
        return e


def _save_to(window: Window, path: str) -> bool:
    window.commit_pending_edits()
    failure = "保存失败（报告仍在窗口中，可换一个位置“另存为”）"
    saved = run_workflow(window, lambda: _save_unless_changed(window, path), failure=failure,
                         explained=(draft.DraftError,))
    if isinstance(saved, DraftChanged):
        answer = ask_choice(window, "文件已被修改", f"{saved}\n\n仍要覆盖吗？",
                            [("另存为…", QMessageBox.ButtonRole.AcceptRole),
                             ("覆盖", QMessageBox.ButtonRole.DestructiveRole),
                             ("取消", QMessageBox.ButtonRole.RejectRole)], QMessageBox.Icon.Warning)
        if answer == 0:
            return save_as(window)
        if answer != 1:
            return False
        saved = run_workflow(window, lambda: window.session.save(path, overwrite_changes=True), failure=failure,
                             explained=(draft.DraftError,))
    if saved is None:
        return False
    window.recovery.discard()
    window.recent.add(saved)
    window.update_title()
    window.show_status(f"已保存到 {saved}")
    return True


def fill_recent_menu(window: Window, menu: QMenu) -> None:
    """文件 → 最近打开, filled each time it opens."""
    menu.clear()
    files = window.recent.files()
    if not files:
        menu.addAction("（无）").setEnabled(False)
        return
    for i, path in enumerate(files, start=1):
        action = menu.addAction(f"&{i} {Path(path).name}    {Path(path).parent}")
        action.triggered.connect(lambda _=False, p=path: open_recent(window, p))
    menu.addSeparator()
    menu.addAction("清除列表").triggered.connect(window.recent.clear)


def fill_mark_menu(window: Window, menu: QMenu) -> None:
    """文件 → 导出时标注: none, or one of the marks an internal round's copies carry on their first page."""
    from PySide6.QtGui import QActionGroup

    from exporters import DRAFT_MARKS
    menu.clear()
    group = QActionGroup(menu)
    for mark in (None, *DRAFT_MARKS):
        action = menu.addAction(f"标注“{mark}”" if mark else "不标注")
        action.setCheckable(True)
        action.setChecked(window.session.export_mark == mark)
        action.setStatusTip(f"本次导出的文件首页标注“{mark}”" if mark else "导出正式文本，不加标注")
        action.triggered.connect(lambda _=False, m=mark: choose_mark(window, m))
        group.addAction(action)


def choose_mark(window: Window, mark: str | None) -> None:
    window.session.export_mark = mark
    window.show_status(f"之后导出的文件首页将标注“{mark}”（仅本次打开期间）" if mark else "之后导出的文件不加标注")
    window.update_title()


def open_recent(window: Window, path: str) -> None:
    if not Path(path).exists():
        QMessageBox.warning(window, "文件不存在", f"找不到 {path}，已从“最近打开”中移除。")
        window.recent.remove(path)
        return
    open_path(window, path)


# ---------------------------------------------------------------- last year, import and export

def import_prior(window: Window) -> None:
    """Keep last year's report beside the draft; offer to carry its open requests and sub-heads over."""
    from ..carry_over_dialog import CarryOverDialog
    path, _ = QFileDialog.getOpenFileName(window, "导入上年报告", last_dir(window), IMPORT_FILTER)
    if not path:
        return
    prior = run_workflow(window, lambda: workflows.read_prior(path), failure=f"无法读取 {path}",
                         explained=(_source_error(),), progress=f"正在读取 {Path(path).name}…")
    if prior is None:
        return
    offer = window.session.prior_offer(prior)
    dialog = CarryOverDialog(prior, offer, window)
    if dialog.exec() != CarryOverDialog.DialogCode.Accepted:
        return
    window.commit_pending_edits()
    messages = window.session.take_prior(offer, carry_requests=dialog.carry.isChecked(),
                                         copy_subheads=dialog.subheads.isChecked())
    window.show_status("；".join(messages) + "（可撤销）")


def drop_prior(window: Window) -> None:
    if window.session.drop_prior():
        window.show_status("已移除上年报告（可撤销）")


def _source_error() -> type[Exception]:
    from importers import SourceError  # the readers load with the first file read, not at start-up
    return SourceError


def _read_as_new(window: Window, path: str) -> workflows.Imported | None:
    """Read any report file off the UI thread (a published PDF takes seconds); None when it could not be read."""
    return run_workflow(window, lambda: workflows.import_report(path), failure=f"无法读取 {path}",
                        explained=(_source_error(),), progress=f"正在读取 {Path(path).name}…")


def import_as_new(window: Window, path: str | None = None) -> None:
    """从已发布报告新建: a published report (or an export) as a new, unsaved draft."""
    if not maybe_save(window):
        return
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "从已发布报告新建", last_dir(window), IMPORT_FILTER)
        if not path:
            return
    imported = _read_as_new(window, path)
    if imported is None:
        return
    window.session.start_from(imported)
    window.recovery.discard()
    warned = imported.warned
    window.show_status(f"已从 {Path(path).name} 新建报告" + (f"，导入说明 {warned} 条见“检查结果”" if warned else "")
                       + "；请另存为草稿")


def export(window: Window, fmt_id: str) -> None:
    from exporters import FORMATS, ExportError
    fmt = FORMATS[fmt_id]
    window.commit_pending_edits()
    check = window.session.export_check()
    if check.errors:
        answer = ask_choice(window, "报告有错误",
                            f"检查发现 {len(check.errors)} 个错误，例如：\n{check.errors[0].message}\n\n仍要导出吗？",
                            [("返回修改", QMessageBox.ButtonRole.RejectRole),
                             ("仍然导出", QMessageBox.ButtonRole.AcceptRole)], QMessageBox.Icon.Warning)
        if answer != 1:
            return
    if check.incomplete:
        missing = "\n".join(f"· {f.message}" for f in check.incomplete[:6])
        if ask_choice(window, "报告尚未填完", f"{missing}\n\n仍要导出吗？",
                      [("返回填写", QMessageBox.ButtonRole.RejectRole),
                       ("仍然导出", QMessageBox.ButtonRole.AcceptRole)]) != 1:
            return
    if check.blanks:
        answer = ask_choice(window, "有空白单元格", f"表格中还有 {len(check.blanks)} 个空白单元格，官方做法是填 0。",
                            [("先空白填0再导出", QMessageBox.ButtonRole.AcceptRole),
                             ("保留空白导出", QMessageBox.ButtonRole.DestructiveRole),
                             ("取消", QMessageBox.ButtonRole.RejectRole)])
        if answer == 0:
            fill_blanks_with_zero(window)
        elif answer != 1:
            return
    suggested = str(Path(last_dir(window)) / workflows.suggested_name(window.session.report, fmt.suffix))
    path, _ = QFileDialog.getSaveFileName(window, f"导出 {fmt.name}", suggested, fmt.file_filter)
    if not path:
        return
    if not path.lower().endswith(fmt.suffix):
        path += fmt.suffix
    # on the UI thread: the PDF writer paints with Qt, which wants the GUI thread for its fonts
    result = run_workflow(window, lambda: window.session.export(fmt.id, path, allow_errors=True),
                          failure=f"无法导出到 {path}", explained=(ExportError, ExportRefused))
    if result is None:
        return
    marked = f"（首页标注“{window.session.export_mark}”）" if window.session.export_mark else ""
    window.show_status(f"已导出到 {path}{marked}")
    notice = workflows.export_notice(result)
    if notice:
        QMessageBox.information(window, "导出完成", notice)


def print_preview(window: Window) -> None:
    window.commit_pending_edits()
    from ..print_preview import show_print_preview  # Qt's print support loads only when asked for
    show_print_preview(window.session.report, window)


def dropped(window: Window, path: str) -> None:
    """A file dropped on the window: opened once the drop has finished (before any dialog opens)."""
    QTimer.singleShot(0, lambda: open_any(window, path))


# ---------------------------------------------------------------- 本地要求 and 批量审查

LOCAL_REQUIREMENTS_SETTING = "checks/profile"  # ui.local_requirements.WINDOW_KEY, read without loading that module


def choose_local_requirements(window: Window) -> None:
    """文件 → 本地要求…: the requirements of the clerk's region the report is also checked against."""
    from ..local_requirements import choose_local_requirements as choose
    choose(window)


def restore_local_requirements(window: Window) -> None:
    """At start: the 本地要求 chosen last time (their module loads only when there are some)."""
    if window.settings.value(LOCAL_REQUIREMENTS_SETTING):
        from ..local_requirements import restore_local_requirements as restore
        restore(window)


def review_reports(window: Window) -> None:
    """文件 → 批量审查: the 审查台 in a window of its own; a report opens here, read-only, at its finding."""
    from ..review import open_review_window
    window.review_window = open_review_window(
        window, lambda path, finding, prior, profile: open_reviewed(window, path, finding, prior, profile))


def open_reviewed(window: Window, path: str, finding: ReviewFinding | None = None, prior: str | None = None,
                  profile: Profile | None = None) -> None:
    """Open a report from the 审查台 read-only, checked as the review checked it (beside last year's report of the
    folder, against the review's 本地要求); show the finding."""
    if not maybe_save(window):
        return
    imported = run_workflow(window, lambda: workflows.read_as_published(path, prior), failure=f"无法打开 {path}",
                            explained=(_source_error(),), progress=f"正在读取 {Path(path).name}…")
    if imported is None:
        return
    window.session.show_for_review(imported, path, profile)
    window.activateWindow()
    window.raise_()
    if finding is not None:  # found again by what it is (rule and place), not by its words
        found = finding.find_in(window.document.findings)
        if found is not None:
            window.tabs.show_finding(found)
        else:
            window.tabs.show_place(finding.cells, finding.section)
    window.show_status(f"已打开 {Path(path).name}（审查用，只读）")
