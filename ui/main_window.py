"""The main window: a tab per part of the report, the findings dock, menus and dialogs.

Wiring only: what the program does is decided by the session
(``models.session``); this window asks the clerk where a workflow needs an
answer (a file name, 保存/不保存, 仍要导出) and shows what the session says.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QStyle,
                               QTabWidget, QToolBar, QVBoxLayout, QWidget)

from exporters import FORMATS, ExportError
from models import about, draft
from models.checks import Finding, Severity
from models.report import Report
from models.session import DraftChanged, DraftLocked, ExportRefused, Session, recovery, workflows

from .document import ReportDocument
from .findings_view import FindingsView
from .help_pane import HelpPane
from .narrative import BasicInfoPage, SectionEditor
from .recent_files import RecentFiles
from .style import ERROR_COLOR, OK_COLOR, WARNING_COLOR, set_text_color

if TYPE_CHECKING:
    from .grid_view import GridView

APP_TITLE = "政府信息公开工作年度报告"
RECOVERY_DELAY_MS = 1_500  # a recovery copy this soon after a change: a crash loses at most this much typing
DRAFT_FILTER = "报告草稿 (*.gkbg.json *.json)"
IMPORT_FILTER = "报告文件 (*.json *.docx *.xlsx *.txt *.html *.htm *.pdf);;所有文件 (*)"
STATUS_MS = 10_000
BASIC_TAB = "basic"


def ask_choice(parent: QWidget, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> int:
    """A question with Chinese buttons; the index of the button clicked (-1 when closed)."""
    box = QMessageBox(icon, title, text, parent=parent)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[0])
    box.exec()
    return made.index(box.clickedButton()) if box.clickedButton() in made else -1


def _refit(page: QWidget | None) -> None:
    """A table page lays its grid out anew (the grids' module is loaded only with the first table shown)."""
    refit = getattr(page, "refit", None)
    if callable(refit):
        refit()


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, data_dir: Path, report: Report | None = None,
                 path: str | None = None):
        super().__init__()
        self.settings = settings
        self.recent = RecentFiles(settings)
        self.data_dir = Path(data_dir)
        self.recovery = recovery.RecoveryStore(self.data_dir)
        self.session = Session(report, path)
        self.document = ReportDocument(self.session, self)
        self.pages: dict[str, QWidget] = {}
        self.grids: dict[str, GridView] = {}
        self._tab_states: dict[str, tuple[int, bool]] = {}
        self._icons = {"error": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       "warning": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self.setAcceptDrops(True)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._holders: dict[str, QWidget] = {}
        self.setCentralWidget(self.tabs)
        self.findings_view = FindingsView(self.session.form)
        self.findings_view.finding_activated.connect(self.show_finding)
        self.dock = QDockWidget("检查结果", self)
        self.dock.setObjectName("findingsDock")
        self.dock.setWidget(self.findings_view)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.help_pane = HelpPane(self.session.form, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.help_pane)
        self.help_pane.hide()
        self.summary = QLabel()
        self.statusBar().addPermanentWidget(self.summary)
        self._build_actions()
        self._build_menus()

        self.document.findings_changed.connect(self._findings_changed)
        self.document.modified_changed.connect(self._update_title)
        self.document.history_changed.connect(self._update_undo_texts)
        self.document.refused.connect(self._show_refusal)
        self.document.values_changed.connect(self._clear_refusal)
        self._refusal_shown = False
        self.document.replaced.connect(self._build_pages)
        self.document.prior_changed.connect(self._prior_changed)
        self.document.values_changed.connect(self._refresh_prior_values)
        self.zoom_step = int(settings.value("view/zoom", 0) or 0)
        self.prior_values_action.setChecked(str(settings.value("view/prior_values", "false")).lower() == "true")
        self.prior_values_action.setEnabled(self.session.report.prior is not None)

        self.recovery_timer = QTimer(self)
        self.recovery_timer.setSingleShot(True)
        self.recovery_timer.setInterval(RECOVERY_DELAY_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.document.history_changed.connect(self._schedule_recovery)
        self._restore_window()
        self._build_pages()
        if self.zoom_step:
            self._apply_zoom(self.findings_view)
        QApplication.instance().installEventFilter(self)  # Ctrl + wheel zooms wherever the pointer is

    # ------------------------------------------------------------ building

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action("新建(&N)", self.new_report, K.New, "新建一份空白报告")
        self.open_action = self._action("打开(&O)…", self.open_dialog, K.Open, "打开已保存的报告草稿")
        self.save_action = self._action("保存(&S)", self.save, K.Save, "保存报告草稿")
        self.save_as_action = self._action("另存为(&A)…", self.save_as, K.SaveAs, "把报告草稿保存到另一个文件")
        self.import_prior_action = self._action("导入上年报告(&P)…", self.import_prior,
                                                tip="导入上年的报告，用于核对上年结转、现行有效件数和重复率")
        self.drop_prior_action = self._action("移除上年报告", self.drop_prior, tip="不再与上年报告核对（可撤销）")
        self.import_new_action = self._action("从已发布报告新建(&I)…", self.import_as_new,
                                              tip="读取已发布的报告（或导出的文件），作为新报告的起点")
        self.export_actions = [self._action(f"导出 {fmt.name}…", lambda f=fmt.id: self.export(f))
                               for fmt in FORMATS.values()]
        self.preview_action = self._action("打印预览(&V)…", self.print_preview, K.Print, "预览并打印报告")
        self.quit_action = self._action("退出(&X)", self.close, K.Quit)
        self.undo_action = self._action("撤销(&U)", self.undo, K.Undo)
        self.redo_action = self._action("重做(&R)", self.redo, K.Redo)
        self.cut_action = self._action("剪切(&T)", lambda: self._route("cut"), K.Cut)
        self.copy_action = self._action("复制(&C)", lambda: self._route("copy"), K.Copy)
        self.paste_action = self._action("粘贴(&P)", lambda: self._route("paste"), K.Paste)
        self.clear_action = self._action("清除所选单元格（Del）", lambda: self._route("clear"))
        self.fill_zero_action = self._action("空白填0(&Z)", self.fill_blanks_with_zero,
                                             tip="把三张表中所有空白的单元格填为 0（可撤销）")
        self.statistics_action = self._action("插入统计段落(&T)…", self.insert_statistics,
                                              tip="按表三、表四的数字写出依申请公开、复议诉讼的段落，插入当前小标题")
        self.update_figures_action = self._action("更新文中数字", self.update_figures,
                                                  tip="把按表格插入、现已过时的数字改为表格中的数（可撤销）")
        self.about_action = self._action("关于(&A)", self.about)
        self.guide_action = self._action("填报说明(&G)…", self.show_guide, tip="国办公开办函〔2021〕30号表格的填报说明")
        self.help_action = self._action("当前位置的填报说明", self.show_help, "F1", "显示光标所在单元格或部分的填报说明")
        self.prior_values_action = self._action("显示上年数", self.toggle_prior_values,
                                                tip="在表格的每个数字下显示上年报告的数和增减")
        self.prior_values_action.setCheckable(True)
        self.zoom_in_action = self._action("放大", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("缩小", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = self._action("实际大小", lambda: self.zoom(0), "Ctrl+0")
        self.next_tab_action = self._action("下一页", lambda: self.step_tab(1))
        self.next_tab_action.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.previous_tab_action = self._action("上一页", lambda: self.step_tab(-1))
        self.previous_tab_action.setShortcuts([QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")])
        for action in (self.next_tab_action, self.previous_tab_action, self.help_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action])
        menu.addSeparator()
        menu.addActions([self.import_prior_action, self.drop_prior_action, self.import_new_action])
        menu.addSeparator()
        menu.addActions(self.export_actions)
        menu.addAction(self.preview_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu("编辑(&E)")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.cut_action, self.copy_action, self.paste_action, self.clear_action])
        edit.addSeparator()
        edit.addAction(self.fill_zero_action)
        edit.addSeparator()
        edit.addActions([self.statistics_action, self.update_figures_action])
        view = self.menuBar().addMenu("查看(&V)")
        toggle = self.dock.toggleViewAction()
        toggle.setText("检查结果")
        view.addAction(toggle)
        help_toggle = self.help_pane.toggleViewAction()
        help_toggle.setText("填报说明栏")
        view.addAction(help_toggle)
        view.addAction(self.prior_values_action)
        view.addSeparator()
        view.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view.addSeparator()
        view.addActions([self.next_tab_action, self.previous_tab_action])
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addActions([self.help_action, self.guide_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        bar = QToolBar("常用")
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addActions([self.new_action, self.open_action, self.save_action])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addAction(self.fill_zero_action)
        bar.addSeparator()
        bar.addActions(self.export_actions)
        self.addToolBar(bar)

    def _build_pages(self) -> None:
        """Tabs for the report now in the session; each page is built when first shown."""
        current = self.tabs.currentIndex()
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.blockSignals(True)
        self.tabs.clear()
        self._tab_states.clear()
        for page in old_pages:
            page.deleteLater()
        self.pages.clear()
        self.grids.clear()
        self._holders = {}
        for tab_id, title in [(BASIC_TAB, "基本信息")] + [(s.id, s.title) for s in self.session.form.sections]:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[tab_id] = holder
            self.tabs.addTab(holder, title)
            self.tabs.setTabToolTip(self.tabs.count() - 1, title)
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(max(current, 0))
        self.page(self._tab_ids()[self.tabs.currentIndex()])
        self._findings_changed(self.document.findings)
        self._update_title()
        self._update_undo_texts()

    def _tab_ids(self) -> list[str]:
        return list(self._holders)

    def page(self, tab_id: str) -> QWidget:
        """The page of a tab ("basic" or a section id), built on first use."""
        page = self.pages.get(tab_id)
        if page is not None:
            return page
        document = self.document
        if tab_id == BASIC_TAB:
            page = BasicInfoPage(document)
        else:
            section = document.form.section(tab_id)
            if section.kind == "table":
                from .table_page import TablePage  # the grids' modules load with the first table shown
                table = next(t for t in document.form.tables if t.section == section.id)
                table_page = TablePage(document, table, section.title)
                table_page.grid.status.connect(self.show_status)
                table_page.grid.current_cell_changed.connect(self.help_pane.show_for_cell)
                self.grids[table.id] = table_page.grid
                if self.prior_values_action.isChecked():
                    table_page.grid.show_prior(self._comparisons())
                page = table_page
            else:
                page = SectionEditor(document, section)
        if self.zoom_step:
            self._apply_zoom(page)
        self.pages[tab_id] = page
        self._holders[tab_id].layout().addWidget(page)
        return page

    def grid(self, table_id: str) -> GridView:
        self.page(self.document.form.table(table_id).section)
        return self.grids[table_id]

    def tab_index(self, tab_id: str) -> int:
        return self._tab_ids().index(tab_id)

    def current_page(self) -> QWidget | None:
        index = self.tabs.currentIndex()
        return self.pages.get(self._tab_ids()[index]) if 0 <= index < len(self._holders) else None

    def show_page(self, tab_id: str) -> QWidget:
        page = self.page(tab_id)
        self.tabs.setCurrentWidget(self._holders[tab_id])
        return page

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(self._holders):
            tab_id = self._tab_ids()[index]
            self.page(tab_id)
            self.help_pane.show_for_section(tab_id)

    def step_tab(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+PgDn: the next page, from anywhere (a grid or a text box included)."""
        self.commit_pending_edits()
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # ------------------------------------------------------------ what the session holds

    @property
    def path(self) -> str | None:
        return str(self.session.path) if self.session.path else None

    @property
    def import_notes(self) -> list[Finding]:
        return self.session.import_notes

    # ------------------------------------------------------------ findings

    def _findings_changed(self, findings: list[Finding]) -> None:
        self.findings_view.show_findings(findings)
        errors, warnings = self.document.counts()
        if errors or warnings:
            parts = [f"{errors} 个错误" if errors else "", f"{warnings} 个警告" if warnings else ""]
            text, color = "检查：" + "，".join(p for p in parts if p), ERROR_COLOR if errors else WARNING_COLOR
        else:
            text, color = "检查：全部通过", OK_COLOR
        if text != self.summary.text():
            self.summary.setText(text)
            set_text_color(self.summary, color)
        self._update_tab_titles(findings)

    def _update_tab_titles(self, findings: list[Finding]) -> None:
        form = self.document.form
        errors: dict[str, int] = {}
        warned: set[str] = set()
        for f in findings:
            if f.rule == workflows.IMPORT_RULE:
                continue
            tabs = {form.table(c.table).section for c in f.cells} | ({f.section} if f.section else set())
            for tab in tabs:
                if f.severity is Severity.ERROR:
                    errors[tab] = errors.get(tab, 0) + 1
                elif f.severity is Severity.WARNING:
                    warned.add(tab)
        for i, section in enumerate(form.sections, start=1):
            n = errors.get(section.id, 0)
            state = (n, section.id in warned)
            if self._tab_states.get(section.id) == state and self.tabs.tabText(i).startswith(section.title):
                continue  # a tab bar relayout and repaint only when a title really changes
            self._tab_states[section.id] = state
            self.tabs.setTabText(i, f"{section.title}（{n}）" if n else section.title)
            self.tabs.setTabIcon(i, self._icons["error"] if n else self._icons["warning"] if state[1] else QIcon())

    def show_finding(self, finding: Finding | None) -> None:
        """Jump to where a finding is: the figure in the text it quotes, the section, or its cells."""
        if finding is None:
            return
        if finding.section and finding.section in self._holders:
            page = self.show_page(finding.section)
            if isinstance(page, SectionEditor):
                quote = finding.quote
                page.show_text(quote.figure if quote else None, quote.subsection if quote else finding.subsection)
                return
        if finding.cells:
            table = finding.cells[0].table
            self.show_page(self.document.form.table(table).section)
            grid = self.grids[table]
            grid.select_refs(finding.cells)
            grid.setFocus()

    def show_status(self, message: str) -> None:
        self._refusal_shown = False
        self.statusBar().showMessage(message, STATUS_MS)

    def _show_refusal(self, message: str) -> None:
        self.show_status(message)
        self._refusal_shown = True

    def _clear_refusal(self, _refs) -> None:
        """The next good entry takes the complaint about the last bad one away."""
        if self._refusal_shown:
            self.statusBar().clearMessage()
            self._refusal_shown = False

    # ------------------------------------------------------------ editing

    def current_grid(self) -> GridView | None:
        grids = list(self.grids.values())
        widget = QApplication.focusWidget()
        while widget is not None:
            if widget in grids:
                return widget  # type: ignore[return-value]
            widget = widget.parentWidget()
        return getattr(self.current_page(), "grid", None)

    def _route(self, what: str) -> None:
        """Cut/copy/paste/clear act on the focused text box, else on the current grid."""
        widget = QApplication.focusWidget()
        if what != "clear" and widget is not None and hasattr(widget, what) and not hasattr(widget, "copy_selection"):
            getattr(widget, what)()
            return
        grid = self.current_grid()
        if grid is None:
            return
        {"cut": lambda: (grid.copy_selection(), grid.clear_selection()), "copy": grid.copy_selection,
         "paste": grid.paste, "clear": grid.clear_selection}[what]()

    def undo(self) -> None:
        self.commit_pending_edits()
        name = self.session.undo_name
        if self.document.undo():
            self.show_status(f"已撤销：{name}")

    def redo(self) -> None:
        name = self.session.redo_name
        if self.document.redo():
            self.show_status(f"已重做：{name}")

    def _update_undo_texts(self) -> None:
        undo, redo = self.session.undo_name, self.session.redo_name
        self.undo_action.setText(f"撤销“{undo}”(&U)" if undo else "撤销(&U)")
        self.redo_action.setText(f"重做“{redo}”(&R)" if redo else "重做(&R)")
        self.undo_action.setIconText("撤销")  # the toolbar stays short; the name is in its tip and the menu
        self.redo_action.setIconText("重做")
        self.undo_action.setToolTip(f"撤销：{undo}" if undo else "没有可撤销的操作")
        self.redo_action.setToolTip(f"重做：{redo}" if redo else "没有可重做的操作")
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        self.undo_action.setStatusTip(f"撤销：{undo}" if undo else "没有可撤销的操作")
        self.redo_action.setStatusTip(f"重做：{redo}" if redo else "没有可重做的操作")
        self.drop_prior_action.setEnabled(self.session.report.prior is not None)

    def fill_blanks_with_zero(self) -> None:
        self.commit_pending_edits()
        n = self.document.fill_blanks_with_zero()
        self.show_status(f"已把 {n} 个空白单元格填为 0（可撤销）" if n else "没有空白单元格")

    def insert_statistics(self) -> None:
        """插入统计段落 into the focused sub-section (of the page shown; 一 when a table is shown)."""
        from .statistics_dialog import StatisticsDialog
        self.commit_pending_edits()
        page = self.current_page()
        if not isinstance(page, SectionEditor):
            page = self.show_page("overview")
        assert isinstance(page, SectionEditor)
        index = page.current_index()
        if page.section.id == "overview" and not page.boxes[index].text.hasFocus():
            index = next((i for i, s in enumerate(page.subsections) if "申请" in s.heading), index)
        cursor = page.boxes[index].text.textCursor()
        selection = (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None
        dialog = StatisticsDialog(self.session.report, page.section.id, index, selection, self)
        if dialog.exec() == StatisticsDialog.DialogCode.Accepted:
            self.session.execute(dialog.command())
            self.show_status("已插入统计段落；表格改动后，文中的数字会标出并可“更新文中数字”（可撤销）")

    def update_figures(self) -> None:
        self.commit_pending_edits()
        stale = self.session.stale_figures()
        if not stale:
            self.show_status("文中按表格插入的数字都与表格一致")
            return
        self.session.update_figures(stale)
        self.show_status(f"已更新文中 {len(stale)} 处数字（可撤销）")

    def commit_pending_edits(self) -> None:
        """A number still in a cell editor counts as typed: commit it before saving, exporting or undoing."""
        for grid in self.grids.values():
            grid.commit_pending()
        self.document.recheck()

    # ------------------------------------------------------------ files

    def display_name(self) -> str:
        return Path(self.path).name if self.path else "未命名报告"

    def _update_title(self, *_) -> None:
        read_only = "（只读）" if self.session.read_only else ""
        self.setWindowTitle(f"{self.display_name()}{read_only}[*] — {APP_TITLE}")
        self.setWindowModified(self.session.modified)

    def maybe_save(self) -> bool:
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

    def new_report(self) -> None:
        if not self.maybe_save():
            return
        self.recovery.discard()
        self.session.new()
        self.tabs.setCurrentIndex(0)
        self.show_status("已新建空白报告")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告草稿", self._last_dir(), DRAFT_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open a draft; a file that cannot be read leaves the current report as it was."""
        if ask and not self.maybe_save():
            return False
        try:
            try:
                self.session.open(path)
            except DraftLocked as e:
                answer = ask_choice(self, "草稿正在编辑", str(e),
                                          [("只读打开", QMessageBox.ButtonRole.AcceptRole),
                                           ("仍然编辑", QMessageBox.ButtonRole.DestructiveRole),
                                           ("取消", QMessageBox.ButtonRole.RejectRole)])
                if answer not in (0, 1):
                    return False
                self.session.open(path, read_only=answer == 0, take_over=answer == 1)
        except draft.DraftError as e:
            QMessageBox.warning(self, "无法打开", f"无法打开 {path}：\n{e}")
            return False
        self.recovery.discard()
        self.recent.add(self.path or path)
        self.show_status(f"已只读打开 {self.path}（保存请用“另存为”）" if self.session.read_only
                         else f"已打开 {self.path}")
        return True

    def save(self) -> bool:
        if self.path is None or self.session.read_only:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        suggested = str(Path(self._last_dir()) / (Path(self.path).name if self.path else
                                                  workflows.suggested_name(self.session.report, draft.DRAFT_SUFFIX)))
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, DRAFT_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += draft.DRAFT_SUFFIX
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
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

    def _last_dir(self) -> str:
        return str(Path(self.path).parent) if self.path else self.recent.last_dir()

    def _fill_recent_menu(self) -> None:
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

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            QMessageBox.warning(self, "文件不存在", f"找不到 {path}，已从“最近打开”中移除。")
            self.recent.remove(path)
            return
        self.open_path(path)

    def add_recent(self, path: str) -> None:
        self.recent.add(path)

    # ------------------------------------------------------------ last year, import and export

    def import_prior(self) -> None:
        """Keep last year's report beside the draft; offer to carry its open requests and sub-heads over."""
        from importers import SourceError

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

    def drop_prior(self) -> None:
        if self.session.drop_prior():
            self.show_status("已移除上年报告（可撤销）")

    def import_as_new(self, path: str | None = None) -> None:
        from importers import SourceError
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

    def export(self, fmt_id: str) -> None:
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

    def print_preview(self) -> None:
        self.commit_pending_edits()
        from .print_preview import show_print_preview  # Qt's print support loads only when asked for
        show_print_preview(self.session.report, self)

    def about(self) -> None:
        QMessageBox.about(self, "关于", f"{about.APP_NAME}\n版本 {about.VERSION}\n\n表格格式：{about.FORM_EDITION}\n"
                                      "按官方格式填报、校验（勾稽关系）并导出 Word、Excel 和 PDF；全部在本机完成，不需联网。")

    def show_guide(self) -> None:
        from .guide_dialog import GuideDialog
        dialog = GuideDialog(self.session.form, self)
        page = self._tab_ids()[self.tabs.currentIndex()]
        if page != BASIC_TAB:
            dialog.show_section(page)
        dialog.exec()

    def show_help(self) -> None:
        """F1: the 填报说明 of where the clerk is."""
        self.help_pane.show()
        self.help_pane.raise_()
        grid = self.current_grid()
        if grid is not None and grid.currentIndex().isValid() and self.current_page() is grid.parentWidget():
            index = grid.currentIndex()
            self.help_pane.show_for_cell(grid.table.id, index.row(), index.column())
        else:
            self.help_pane.show_for_section(self._tab_ids()[self.tabs.currentIndex()])

    # ------------------------------------------------------------ 显示上年数 and zoom

    def _comparisons(self):
        from models.statistics_text.comparison import compare_cells
        return compare_cells(self.session.report) if self.session.report.prior is not None else None

    def toggle_prior_values(self) -> None:
        on = self.prior_values_action.isChecked() and self.session.report.prior is not None
        comparisons = self._comparisons() if on else None
        for grid in self.grids.values():
            grid.show_prior(comparisons)
            _refit(grid.parentWidget())
        self.settings.setValue("view/prior_values", self.prior_values_action.isChecked())

    def _prior_changed(self) -> None:
        self.prior_values_action.setEnabled(self.session.report.prior is not None)
        self.toggle_prior_values()

    def _refresh_prior_values(self, _refs) -> None:
        if self.prior_values_action.isChecked() and self.session.report.prior is not None:
            comparisons = self._comparisons()
            for grid in self.grids.values():
                grid.show_prior(comparisons)

    def zoom(self, step: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+0: text and grids larger or smaller, remembered for next time."""
        self.zoom_step = 0 if step == 0 else max(-3, min(8, self.zoom_step + step))
        self.settings.setValue("view/zoom", self.zoom_step)
        for page in self.pages.values():
            self._apply_zoom(page)
        self._apply_zoom(self.findings_view)
        self.show_status(f"显示比例 {self.zoom_factor():.0%}")

    def zoom_factor(self) -> float:
        return 1.0 + 0.1 * self.zoom_step

    def _apply_zoom(self, widget: QWidget) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self.zoom_factor())
        widget.setFont(font)
        for view in widget.findChildren(QAbstractItemView):  # a style sheet stops the font from propagating
            view.setFont(font)
        _refit(widget)

    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and isinstance(watched, QWidget) and watched.window() is self):
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event):
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        path = event.mimeData().urls()[0].toLocalFile()
        event.acceptProposedAction()
        # let the drop finish before any dialog opens
        QTimer.singleShot(0, lambda: self.open_dropped(path))

    def open_dropped(self, path: str) -> None:
        if path.lower().endswith(".json"):
            self.open_path(path)
        else:
            self.import_as_new(path)

    # ------------------------------------------------------------ recovery

    def _schedule_recovery(self) -> None:
        """After a change, once: not restarted by every keystroke, so steady typing is saved every 1.5 s."""
        if self.session.modified and not self.recovery_timer.isActive():
            self.recovery_timer.start()

    def write_recovery(self) -> None:
        if not self.session.modified:
            return
        try:  # a number still in a cell editor is left alone: closing the editor would interrupt the typing
            self.recovery.write(self.session.report, self.path)
        except OSError as e:
            self.show_status(f"无法写入恢复副本（{e}）；请尽快保存")

    def offer_recovery(self) -> bool:
        """At start: offer the copies crashed windows left behind, newest first.  True when one was restored."""
        for orphan in recovery.orphans(self.data_dir):
            answer = ask_choice(self, "恢复未保存的工作",
                                f"上次程序没有正常关闭。发现恢复副本：\n{orphan.describe()}\n\n是否恢复？",
                                [("恢复", QMessageBox.ButtonRole.AcceptRole),
                                 ("不恢复", QMessageBox.ButtonRole.RejectRole)])
            if answer != 0:
                orphan.set_aside()
                self.show_status("已放弃恢复副本（另存一份在程序数据文件夹中）")
                continue
            try:
                report = orphan.load()
            except draft.DraftError as e:
                QMessageBox.warning(self, "无法恢复", f"恢复副本无法读取：{e}\n文件仍保留在 {orphan.draft_path}")
                continue
            if not self.maybe_save():
                return False
            self.session.replace(report, orphan.source, unsaved=True)
            self.write_recovery()  # our own copy first, then the old one can go
            orphan.remove()
            self.show_status("已恢复上次未保存的工作；请保存")
            return True
        return False

    # ------------------------------------------------------------ window state

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        screen = QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(min(1366, area.width()), min(860, area.height()))
        self.resizeDocks([self.dock], [190], Qt.Orientation.Vertical)  # seven or eight findings in view

    def closeEvent(self, event):
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.recovery.close()
        self.session.release()
        self.document.close()
        event.accept()
