"""编辑: undo and redo by name, the clipboard, 空白填0, the statistics written into the text."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .model import Window


def undo(window: Window) -> None:
    window.commit_pending_edits()
    name = window.session.undo_name
    if window.session.undo():
        window.show_status(f"已撤销：{name}")


def redo(window: Window) -> None:
    name = window.session.redo_name
    if window.session.redo():
        window.show_status(f"已重做：{name}")


def undo_title(window: Window) -> str:
    name = window.session.undo_name
    return f"撤销“{name}”(&U)" if name else "撤销(&U)"


def redo_title(window: Window) -> str:
    name = window.session.redo_name
    return f"重做“{name}”(&R)" if name else "重做(&R)"


def undo_tip(window: Window) -> str:
    name = window.session.undo_name
    return f"撤销：{name}" if name else "没有可撤销的操作"


def redo_tip(window: Window) -> str:
    name = window.session.redo_name
    return f"重做：{name}" if name else "没有可重做的操作"


def clipboard(what: str):
    """Cut, copy, paste or clear: on the focused text box, else on the current grid."""
    def route(window: Window) -> None:
        widget = QApplication.focusWidget()
        if what != "clear" and widget is not None and hasattr(widget, what) and not hasattr(widget, "copy_selection"):
            getattr(widget, what)()
            return
        grid = window.tabs.current_grid()
        if grid is None:
            return
        if what == "cut":
            grid.copy_selection()
            grid.clear_selection()
        else:
            {"copy": grid.copy_selection, "paste": grid.paste, "clear": grid.clear_selection}[what]()
    return route


def copy_as_web_content(window: Window) -> None:
    """编辑 → 复制为网页内容: the whole report on the clipboard for a government site's content editor."""
    from ..web_copy import copy_as_web_content as copy  # the web page's writer loads when first asked for
    window.commit_pending_edits()
    window.show_status(copy(window.session.report, mark=window.session.export_mark))


def fill_blanks_with_zero(window: Window) -> None:
    window.commit_pending_edits()
    n = window.session.fill_blanks_with_zero()
    window.show_status(f"已把 {n} 个空白单元格填为 0（可撤销）" if n else "没有空白单元格")


def insert_statistics(window: Window) -> None:
    """插入统计段落 into the sub-section the clerk is in (the model says which when a table is shown)."""
    from models.statistics_text.placement import place_for_statistics

    from ..statistics_dialog import StatisticsDialog
    window.commit_pending_edits()
    page = window.tabs.current_section_editor()
    section_id = page.section.id if page is not None else None
    focused = page.focused_index() if page is not None else None
    section_id, index = place_for_statistics(window.session.report, section_id, focused)
    page = window.tabs.show_section_editor(section_id)
    cursor = page.boxes[index].text.textCursor()
    selection = (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None
    dialog = StatisticsDialog(window.session.report, section_id, index, selection, window)
    if dialog.exec() == StatisticsDialog.DialogCode.Accepted:
        window.session.execute(dialog.command())
        window.show_status("已插入统计段落；表格改动后，文中的数字会标出并可“更新文中数字”（可撤销）")


def update_figures(window: Window) -> None:
    window.commit_pending_edits()
    stale = window.session.stale_figures()
    if not stale:
        window.show_status("文中按表格插入的数字都与表格一致")
        return
    window.session.update_figures(stale)
    window.show_status(f"已更新文中 {len(stale)} 处数字（可撤销）")
