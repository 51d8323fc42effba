"""Opens every window and dialog on the screen the process was started with and prints what does not fit.

Run by ``test_screen_fit.py`` in a process of its own per screen size (the offscreen platform takes its
screen from a configuration file at start):
``QT_QPA_PLATFORM=offscreen:configfile=screen.json python tests/ui/fit_probe.py FOLDER [SHOTS]``.
FOLDER holds the reports to review; SHOTS, if given, receives a PNG of each window.  Prints one JSON list:
each problem as "where: what".
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QMessageBox, QStyle,  # noqa: E402
                               QStyleOptionViewItem, QTabBar, QToolButton, QTreeWidget, QWidget)

ZOOMS = {"100%": 0, "150%": 5}


def pump(app: QApplication) -> None:
    for _ in range(4):
        app.processEvents()


def off_screen(name: str, window: QWidget) -> list[str]:
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    problems = []
    if not area.contains(frame):
        problems.append(f"{name}: 超出屏幕 {frame.getRect()}，可用 {area.getRect()}")
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > area.width() or minimum.height() > area.height():
        problems.append(f"{name}: 最小尺寸 {minimum.width()}×{minimum.height()} 大于屏幕")
    return problems


def elided_tabs(name: str, bar: QTabBar, full_titles: list[str]) -> list[str]:
    problems = []
    if any(button.isVisible() for button in bar.findChildren(QToolButton)):
        problems.append(f"{name}: 标签栏出现滚动箭头")
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        shown = bar.tabText(i)
        if rect.right() > bar.rect().right() or rect.left() < 0:
            problems.append(f"{name}: 标签“{full_titles[i]}”在标签栏之外")
        if rect.width() < bar.tabSizeHint(i).width() or "…" in shown or shown.replace("\n", "") != full_titles[i]:
            problems.append(f"{name}: 标签“{full_titles[i]}”显示为“{shown}”")
    return problems


def elided_cells(name: str, view: QAbstractItemView, whole_columns: set[int]) -> list[str]:
    """Cells whose text does not fit their column: in ``whole_columns`` never, elsewhere only with a tooltip
    carrying the whole text.  Header labels always whole."""
    problems = []
    model = view.model()
    delegate = view.itemDelegate()
    header = view.header() if isinstance(view, QTreeWidget) else view.horizontalHeader()  # type: ignore[attr-defined]
    small = view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view)
    for col in range(model.columnCount()):
        if header.isSectionHidden(col):
            continue
        label = str(model.headerData(col, header.orientation()) or "")
        width = header.sectionSize(col)
        if header.sectionSizeFromContents(col).width() > width + 1:
            problems.append(f"{name}: 列名“{label}”显示不全（{width} 像素）")
        for row in range(model.rowCount()):
            index = model.index(row, col)
            text = str(index.data() or "")
            if not text:
                continue
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.font = view.font()
            option.fontMetrics = view.fontMetrics()
            option.decorationSize = view.iconSize() if view.iconSize().isValid() else QSize(small, small)
            needed = delegate.sizeHint(option, index).width()
            if needed <= width:
                continue
            tip = str(index.data(3) or "")  # Qt.ToolTipRole
            if col in whole_columns or text not in tip:
                problems.append(f"{name}: “{label}”列的“{text[:30]}”显示不全（需 {needed}，有 {width} 像素）"
                                + ("" if col in whole_columns else "，提示中也没有全文"))
    return problems


def main(folder: str, shots: str | None) -> list[str]:
    from app.review import review
    from models import draft
    from ui.app import application
    app = application()
    from ui.carry_over_dialog import CarryOverDialog
    from ui.guide_dialog import GuideDialog
    from ui.local_requirements import LocalRequirementsDialog
    from ui.profile_editor import ProfileEditor
    from ui.requirement_form import RequirementDialog
    from ui.actions import files
    from ui.main_window import MainWindow
    from ui.print_preview import ReportPrintPreview
    from ui.review import ReviewWindow
    from ui.statistics_dialog import StatisticsDialog

    problems: list[str] = []
    tmp = Path(tempfile.mkdtemp())
    result = review([folder], jobs=1)
    with_errors = max((e for e in result.entries if e.readable), key=lambda e: (e.errors + e.warnings))
    screen = app.primaryScreen().availableGeometry()
    label = f"{screen.width()}×{screen.height()}"

    def shot(widget: QWidget, name: str) -> None:
        if shots:
            widget.grab().save(str(Path(shots) / f"{label}-{name}.png"))

    for zoom_name, step in ZOOMS.items():
        settings = QSettings(str(tmp / f"settings-{step}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, tmp / "appdata")
        window.show()
        files.open_reviewed(window, with_errors.file, with_errors.first_finding, with_errors.prior_file)
        window.zoom(step)
        pump(app)
        where = f"{label} {zoom_name}"
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        for help_open in (False, True):
            window.help_pane.setVisible(help_open)
            for tab_id in window.tabs.tab_ids():
                window.show_page(tab_id)
                pump(app)
                place = f"{where} 主窗口{'（填报说明栏开）' if help_open else ''} {tab_id}"
                problems += off_screen(place, window)
                problems += elided_tabs(place, window.tabs.tabBar(), titles)
                problems += elided_cells(f"{place} 检查结果", window.findings_view, {0, 1})
                shot(window, f"{zoom_name}-main-{'help-' if help_open else ''}{tab_id}")
        report = window.session.report
        dialogs: list[tuple[str, QWidget]] = [
            ("填报说明", GuideDialog(report.form, window)),
            ("插入统计段落", StatisticsDialog(report, "overview", 0, None, window)),
            ("导入上年报告", CarryOverDialog(report, window.session.prior_offer(draft.loads(draft.dumps(report))),
                                       window)),
            ("打印预览", ReportPrintPreview(report, window)),
            ("本地要求", LocalRequirementsDialog(None, window)),
            ("编辑本地要求", ProfileEditor(None, None, window)),
            ("必填单元格", RequirementDialog("cells", None, window)),
            ("提问", QMessageBox(QMessageBox.Icon.Warning, "报告有错误", "\n".join(
                f.message for f in window.document.findings[:6]), parent=window)),
        ]
        for name, dialog in dialogs:
            dialog.show()
            pump(app)
            problems += off_screen(f"{where} {name}", dialog)
            shot(dialog, f"{zoom_name}-{name}")
            dialog.close()
        desk = ReviewWindow(None, window)
        desk.show()
        desk.set_result(result)
        for row in range(desk.proxy.rowCount()):
            if desk.proxy.entry(desk.proxy.index(row, 0)) is with_errors:
                desk.table.selectRow(row)
        pump(app)
        problems += off_screen(f"{where} 审查台", desk)
        problems += elided_cells(f"{where} 审查台 报告表", desk.table, set())
        problems += elided_cells(f"{where} 审查台 问题", desk.page.findings_tree, {0, 1})
        shot(desk, f"{zoom_name}-审查台")
        desk.close()
        window.session.mark_clean()
        window.close()
    return problems


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None), ensure_ascii=False))
