"""The window's menus and toolbar are built from the declared actions: each declared once, placed where it says,
enabled as the session says, and an export format of the registry has its 导出 entry by itself."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QToolBar

from models import draft
from ui.actions import declared
from ui.actions.model import Action, Submenu
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.quick


def menu_texts(window, menu_id: str) -> list[str]:
    """The entries of a menu as the clerk reads them, "---" for a separator."""
    title = declared.MENUS[menu_id]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return ["---" if a.isSeparator() else a.text() for a in menu.actions()]


def toolbar_texts(window) -> list[str]:
    bar = window.findChild(QToolBar, "mainToolbar")
    return ["---" if a.isSeparator() else a.iconText() for a in bar.actions()]


def test_each_action_is_declared_once_and_placed(qapp):
    entries = declared.entries()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.menu is not None and entry.menu.menu in declared.MENUS
        if isinstance(entry, Action):
            assert (entry.run is None) != (entry.provided is None), entry.id
            assert entry.toolbar is None or entry.toolbar in declared.TOOLBAR
        else:
            assert isinstance(entry, Submenu)


def test_the_menus_and_the_toolbar_follow_the_declarations(window):
    assert [a.text() for a in window.menuBar().actions()] == list(declared.MENUS.values())
    assert menu_texts(window, "edit") == ["撤销(&U)", "重做(&R)", "---", "剪切(&T)", "复制(&C)", "粘贴(&P)",
                                          "清除所选单元格（Del）", "---", "复制为网页内容(&W)", "---", "空白填0(&Z)",
                                          "---", "插入统计段落(&T)…", "更新文中数字"]
    from exporters import FORMATS
    assert toolbar_texts(window) == ["新建(N)", "打开(O)", "保存(S)", "---", "撤销", "重做", "---", "空白填0(Z)",
                                     "---"] + [f"导出 {fmt.name}" for fmt in FORMATS.values()]
    assert "导出 网页…" in menu_texts(window, "file")  # the HTML writer's registry entry, nothing else
    assert window.menu_actions["file.save"].shortcuts()[0].toString() == "Ctrl+S"
    assert [s.toString() for s in window.menu_actions["view.zoom_in"].shortcuts()] == ["Ctrl+=", "Ctrl++"]


def test_a_format_added_to_the_registry_appears_in_the_menu_and_on_the_toolbar(qtbot, qapp, tmp_path, monkeypatch):
    import exporters
    from ui.main_window import MainWindow
    web = exporters.ExportFormat("web", "网页", ".html", "exporters.xlsx", "write_xlsx")  # any writer will do here
    monkeypatch.setitem(exporters.FORMATS, "web", web)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path / "data",
                        draft.load(EXAMPLES / "qinghe-scjg-2025.json"))
    qtbot.addWidget(window)
    assert "导出 网页…" in menu_texts(window, "file") and toolbar_texts(window)[-1] == "导出 网页"
    target = tmp_path / "报告.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions["export.web"].trigger()
    assert target.stat().st_size > 0
    window.session.mark_clean()


def test_states_follow_the_session(window):
    drop, prior_values, undo = (window.menu_actions[i] for i in ("file.drop_prior", "view.prior_values", "edit.undo"))
    assert not drop.isEnabled() and not prior_values.isEnabled() and not undo.isEnabled()
    window.session.take_prior(window.session.prior_offer(draft.load(EXAMPLES / "qinghe-scjg-2024.json")))
    assert drop.isEnabled() and prior_values.isEnabled()
    assert undo.isEnabled() and undo.text() == "撤销“导入 2024 年报告作为上年报告”(&U)" and undo.iconText() == "撤销"
    assert undo.toolTip() == undo.statusTip() == "撤销：导入 2024 年报告作为上年报告"
    drop.trigger()
    assert window.session.report.prior is None and not drop.isEnabled()


def test_the_findings_pane_is_shown_and_hidden_from_its_menu_entry(window):
    toggle = window.menu_actions["view.findings"]
    assert toggle is window.findings_dock.toggleViewAction() and toggle.text() == "检查结果"
    toggle.trigger()
    assert not window.findings_dock.isVisible()
    toggle.trigger()
    assert window.findings_dock.isVisible()


def test_only_the_program_s_start_imports_the_main_window():
    """Nothing the window is built from imports it back (the actions know its interface, ui.actions.model.Window)."""
    import ast
    ui = Path(declared.__file__).parent.parent
    importers_of_the_window = set()
    for module in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [f"{node.module or ''}"] if isinstance(node, ast.ImportFrom) else []
            if any(name.endswith("main_window") for name in names):
                importers_of_the_window.add(module.relative_to(ui).as_posix())
    assert importers_of_the_window == {"app.py"}


def test_local_requirements_chosen_from_the_file_menu_hold_for_the_next_window(window, qtbot, monkeypatch, tmp_path):
    from tests.profile_support import EXAMPLE_PROFILE
    from ui.actions import files
    from ui.local_requirements import WINDOW_KEY, LocalRequirementsDialog
    from ui.main_window import MainWindow
    assert files.LOCAL_REQUIREMENTS_SETTING == WINDOW_KEY
    monkeypatch.setattr(LocalRequirementsDialog, "exec", lambda self: (self.load(str(EXAMPLE_PROFILE)),
                                                                        LocalRequirementsDialog.DialogCode.Accepted)[1])
    window.menu_actions["file.local_requirements"].trigger()
    assert window.session.profile is not None
    later = MainWindow(window.settings, tmp_path / "later")
    qtbot.addWidget(later)
    assert later.session.profile == window.session.profile


def test_the_report_is_copied_as_web_content_from_the_edit_menu(window):
    from PySide6.QtGui import QGuiApplication
    board = QGuiApplication.clipboard()
    try:
        window.menu_actions["edit.copy_web"].trigger()
        copied = board.mimeData()
        assert "<table" in copied.html() and "测试局" in copied.text()
        assert "已复制为网页内容" in window.statusBar().currentMessage()
        assert "征求意见稿" not in copied.html()
        window.session.export_mark = "征求意见稿"
        window.menu_actions["edit.copy_web"].trigger()
        assert "征求意见稿" in board.mimeData().html() and "征求意见稿" in board.mimeData().text()
    finally:
        board.clear()  # mime data still held when the offscreen platform shuts down crashes the interpreter at exit


def test_a_draft_mark_chosen_from_the_file_menu_is_on_the_next_exports_first_page_and_in_the_title(
        window, monkeypatch, tmp_path):
    import zipfile

    from ui.actions import files
    window.session.report.date = "2026-01-20"
    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "征求意见.docx"), ""))
    monkeypatch.setattr(files.QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(files, "ask_choice", lambda *a, **k: 1)   # 仍然导出 / 保留空白导出

    submenu = window.menu_actions.submenus["file.mark"]
    submenu.aboutToShow.emit()
    choices = {a.text(): a for a in submenu.actions()}
    assert list(choices) == ["不标注", "标注“草稿”", "标注“征求意见稿”"] and choices["不标注"].isChecked()
    choices["标注“征求意见稿”"].trigger()
    assert "征求意见稿" in window.windowTitle()

    window.menu_actions["export.docx"].trigger()
    with zipfile.ZipFile(tmp_path / "征求意见.docx") as z:
        headers = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
        assert "征求意见稿" in headers and "征求意见稿" in z.read("docProps/custom.xml").decode()
    assert "征求意见稿" in window.statusBar().currentMessage()

    submenu.aboutToShow.emit()
    next(a for a in submenu.actions() if a.text() == "不标注").trigger()
    assert window.session.export_mark is None and "征求意见稿" not in window.windowTitle()
