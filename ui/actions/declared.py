"""Every menu and toolbar action of the main window, declared once.

To add one: an ``Action`` here (its id, Chinese name, shortcut, tip, when it
is enabled, where it goes) and the function it runs — a function of the window
in ``files``, ``editing`` or ``view`` that asks the clerk what the workflow
needs and calls the application (``app.session``).  Export formats come from
the export registry (``exporters.FORMATS``): a new format gets its 导出 entry by
itself.
"""
from __future__ import annotations

from functools import partial

from PySide6.QtGui import QKeySequence

from . import editing, files, view
from .model import Action, Entry, Place, Submenu, Window

K = QKeySequence.StandardKey

MENUS = {"file": "文件(&F)", "edit": "编辑(&E)", "view": "查看(&V)", "help": "帮助(&H)"}
TOOLBAR = ("file", "history", "fill", "export")  # the toolbar's groups, in order
TOOLBAR_TITLE = "常用"


def _file(group: str) -> Place:
    return Place("file", group)


def _edit(group: str) -> Place:
    return Place("edit", group)


def _view(group: str) -> Place:
    return Place("view", group)


def _help(group: str) -> Place:
    return Place("help", group)


def editable(window: Window) -> bool:
    """A report opened read-only (from the 审查台, or locked by a colleague) takes no change."""
    return not window.session.read_only


def export_actions() -> list[Action]:
    """导出 one entry per format of the registry, in the 文件 menu and on the toolbar."""
    from exporters import FORMATS
    return [Action(f"export.{fmt.id}", f"导出 {fmt.name}…", partial(files.export, fmt_id=fmt.id),
                   menu=_file("export"), toolbar="export") for fmt in FORMATS.values()]


def entries() -> list[Entry]:
    """The window's menus and toolbar, in their order."""
    return [
        # ---- 文件
        Action("file.new", "新建(&N)", files.new_report, (K.New,), "新建一份空白报告",
               menu=_file("open"), toolbar="file"),
        Action("file.open", "打开(&O)…", files.open_dialog, (K.Open,), "打开已保存的报告草稿",
               menu=_file("open"), toolbar="file"),
        Submenu("file.recent", "最近打开(&R)", files.fill_recent_menu, _file("open")),
        Action("file.save", "保存(&S)", files.save, (K.Save,), "保存报告草稿", menu=_file("save"), toolbar="file"),
        Action("file.save_as", "另存为(&A)…", files.save_as, (K.SaveAs,), "把报告草稿保存到另一个文件",
               menu=_file("save")),
        Action("file.import_prior", "导入上年报告(&P)…", files.import_prior,
               tip="导入上年的报告，用于核对上年结转、现行有效件数和重复率", enabled=editable, menu=_file("sources")),
        Action("file.drop_prior", "移除上年报告", files.drop_prior, tip="不再与上年报告核对（可撤销）",
               enabled=view.has_prior, menu=_file("sources")),
        Action("file.import_new", "从已发布报告新建(&I)…", files.import_as_new,
               tip="读取已发布的报告（或导出的文件），作为新报告的起点", menu=_file("sources")),
        *export_actions(),
        Submenu("file.mark", "导出时标注(&M)", files.fill_mark_menu, _file("export")),
        Action("file.preview", "打印预览(&V)…", files.print_preview, (K.Print,), "预览并打印报告",
               menu=_file("export")),
        Action("file.local_requirements", "本地要求(&L)…", files.choose_local_requirements,
               tip="按所在地的本地要求一并检查：字数、须写明的内容、必填单元格、发布时限", menu=_file("review")),
        Action("file.review", "批量审查(&B)…", files.review_reports,
               tip="审查一个文件夹中各单位的报告：逐份检查、跨年核对、同级比较", menu=_file("review")),
        Action("file.quit", "退出(&X)", lambda w: w.close(), (K.Quit,), menu=_file("quit")),
        # ---- 编辑
        Action("edit.undo", editing.undo_title, editing.undo, (K.Undo,), editing.undo_tip,
               enabled=lambda w: w.session.undo_name is not None, menu=_edit("history"), toolbar="history",
               short_title="撤销"),
        Action("edit.redo", editing.redo_title, editing.redo, (K.Redo,), editing.redo_tip,
               enabled=lambda w: w.session.redo_name is not None, menu=_edit("history"), toolbar="history",
               short_title="重做"),
        Action("edit.cut", "剪切(&T)", editing.clipboard("cut"), (K.Cut,), enabled=editable, menu=_edit("clipboard")),
        Action("edit.copy", "复制(&C)", editing.clipboard("copy"), (K.Copy,), menu=_edit("clipboard")),
        Action("edit.paste", "粘贴(&P)", editing.clipboard("paste"), (K.Paste,), enabled=editable,
               menu=_edit("clipboard")),
        Action("edit.clear", "清除所选单元格（Del）", editing.clipboard("clear"), enabled=editable,
               menu=_edit("clipboard")),
        Action("edit.copy_web", "复制为网页内容(&W)", editing.copy_as_web_content,
               tip="把整份报告（正文与三张统计表）复制为网页内容，可在政府网站的内容编辑器中粘贴",
               menu=_edit("web")),
        Action("edit.fill_zero", "空白填0(&Z)", editing.fill_blanks_with_zero,
               tip="把三张表中所有空白的单元格填为 0（可撤销）", enabled=editable, menu=_edit("fill"), toolbar="fill"),
        Action("edit.statistics", "插入统计段落(&T)…", editing.insert_statistics,
               tip="按表三、表四的数字写出依申请公开、复议诉讼的段落，插入当前小标题", enabled=editable,
               menu=_edit("statistics")),
        Action("edit.update_figures", "更新文中数字", editing.update_figures,
               tip="把按表格插入、现已过时的数字改为表格中的数（可撤销）", enabled=editable,
               menu=_edit("statistics")),
        # ---- 查看
        Action("view.findings", "检查结果", provided=lambda w: w.findings_dock.toggleViewAction(),
               menu=_view("panes")),
        Action("view.help_pane", "填报说明栏", provided=lambda w: w.help_pane.toggleViewAction(),
               menu=_view("panes")),
        Action("view.prior_values", "显示上年数", view.toggle_prior_values,
               tip="在表格的每个数字下显示上年报告的数和增减", enabled=view.has_prior, checkable=True,
               checked=view.prior_values_wanted, menu=_view("panes")),
        Action("view.zoom_in", "放大", view.zoom(1), ("Ctrl+=", "Ctrl++"), menu=_view("zoom")),
        Action("view.zoom_out", "缩小", view.zoom(-1), (K.ZoomOut,), menu=_view("zoom")),
        Action("view.zoom_reset", "实际大小", view.zoom(0), ("Ctrl+0",), menu=_view("zoom")),
        Action("view.next_page", "下一页", view.step_tab(1), ("Ctrl+Tab", "Ctrl+PgDown"), everywhere=True,
               menu=_view("pages")),
        Action("view.previous_page", "上一页", view.step_tab(-1), ("Ctrl+Shift+Tab", "Ctrl+PgUp"),
               everywhere=True, menu=_view("pages")),
        # ---- 帮助
        Action("help.here", "当前位置的填报说明", view.show_help, ("F1",), "显示光标所在单元格或部分的填报说明",
               everywhere=True, menu=_help("guide")),
        Action("help.guide", "填报说明(&G)…", view.show_guide, tip="国办公开办函〔2021〕30号表格的填报说明",
               menu=_help("guide")),
        Action("help.about", "关于(&A)", view.about_box, menu=_help("about")),
    ]
