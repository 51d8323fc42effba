"""The main window: a tab per part of the report, the findings dock, menus and dialogs.

Wiring only: what the program does is decided by the session
(``app.session``); this window asks the clerk where a workflow needs an
answer (a file name, 保存/不保存, 仍要导出) and shows what the session says.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QStyle, QToolBar,
                               QVBoxLayout, QWidget)

from exporters import FORMATS
from models.checks import Finding, Severity
from models.report import Report
from app.session import Session, recovery, workflows

from .document import ReportDocument
from .findings_view import FindingsView
from .help_pane import HelpPane
from .narrative import BasicInfoPage, SectionEditor
from .page_tabs import PageTabs
from .recent_files import RecentFiles
from .screen_fit import fitted_size
from .style import ERROR_COLOR, OK_COLOR, WARNING_COLOR, set_text_color
from .window_files import FileActions
from .window_view import BASIC_TAB, ViewActions

if TYPE_CHECKING:
    from .grid_view import GridView

RECOVERY_DELAY_MS = 1_500  # a recovery copy this soon after a change: a crash loses at most this much typing
STATUS_MS = 10_000


class MainWindow(FileActions, ViewActions, QMainWindow):
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

        self.tabs = PageTabs()
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
        self.zoom_step: int = int(str(settings.value("view/zoom", 0) or 0))
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
        self.review_action = self._action("批量审查(&B)…", self.review_reports,
                                          tip="审查一个文件夹中各单位的报告：逐份检查、跨年核对、同级比较")
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
        menu.addAction(self.review_action)
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
        self._tab_changed(self.tabs.currentIndex())
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
            self.help_pane.show_for_section(tab_id)
            self.page(tab_id).enter()  # type: ignore[attr-defined]  # the keyboard follows the page shown

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
        if what == "cut":
            grid.copy_selection()
            grid.clear_selection()
        else:
            {"copy": grid.copy_selection, "paste": grid.paste, "clear": grid.clear_selection}[what]()

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

    # ------------------------------------------------------------ window state

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        self.resize(fitted_size(self, QSize(1366, 860)))
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
