"""The 审查台 window: a folder read off the UI thread, the table sorted and filtered, a report's page, opening, saving."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, shared_path
from tests.review_support import make_folder

from ui.review import ReviewWindow, open_review_window
from ui.review.charts import PeerChart, TrendChart
from ui.review.table import COLUMNS


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for path in sorted(shared_path("real-reports").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for path in sorted(EXAMPLES.glob("*.json")):
        shutil.copy(path, folder / path.name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return folder


@pytest.fixture
def window(qtbot, qapp):
    from ui.app import configure
    configure(qapp)
    opened: list = []
    win = ReviewWindow(lambda path, finding, *_: opened.append((path, finding)))
    win.opened = opened
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def reviewed(qtbot, win, paths):
    win.start_review([str(p) for p in paths])
    qtbot.waitUntil(lambda: win.worker is None, timeout=120_000)
    return win.result


def row_of(win, name: str) -> int:
    for row in range(win.proxy.rowCount()):
        if Path(win.proxy.entry(win.proxy.index(row, 0)).file).name == name:
            return row
    raise AssertionError(name)


def test_a_folder_is_read_off_the_ui_thread_and_listed(qtbot, window, folder):
    result = reviewed(qtbot, window, [folder])
    assert result is not None and window.proxy.rowCount() == 8
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert "8 个文件" in window.status.text() and "1 个无法读取" in window.status.text()
    assert window.save_xlsx_action.isEnabled() and window.save_pdf_action.isEnabled()
    row = row_of(window, "01_huaian-city-gov-2024.txt")
    values = {COLUMNS[c]: window.proxy.index(row, c).data() for c in range(len(COLUMNS))}
    assert (values["机关"], values["年度"], values["新收申请"], values["复议"], values["诉讼"]) == \
        ("淮安市人民政府", "2024", "3119", "351", "46")


def test_sorting_and_filtering(qtbot, window, folder):
    reviewed(qtbot, window, [folder])
    errors_column = COLUMNS.index("错误")
    window.table.sortByColumn(errors_column, window.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    top = window.proxy.entry(window.proxy.index(0, 0))
    assert Path(top.file).name == "02_hongze-district-gov-2023.txt"
    new_column = COLUMNS.index("新收申请")
    window.table.sortByColumn(new_column, window.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    assert window.proxy.entry(window.proxy.index(0, 0)).figures["new"] == 3119  # numerically, not as text
    window.state_box.setCurrentText("有错误")
    assert window.proxy.rowCount() == 1
    window.state_box.setCurrentText("无法读取")
    assert [Path(window.proxy.entry(window.proxy.index(r, 0)).file).name
            for r in range(window.proxy.rowCount())] == ["broken.docx"]
    window.state_box.setCurrentText("全部报告")
    window.search.setText("洪泽")
    assert window.proxy.rowCount() == 2
    window.search.clear()
    window.level_box.setCurrentIndex(window.level_box.findData("市级政府"))
    assert window.proxy.rowCount() == 1


def test_a_report_s_page_and_opening_it_at_its_first_finding(qtbot, window, folder, monkeypatch):
    reviewed(qtbot, window, [folder])
    window.table.selectRow(row_of(window, "03_hongze-district-gov-2024.txt"))
    page = window.page
    assert page.entry is not None and page.entry.year == 2024
    trends = page.widget().findChildren(TrendChart)
    assert len(trends) == 6 and [y for y, _ in trends[0].points] == [2023, 2024]
    assert len(page.widget().findChildren(PeerChart)) == 6
    assert page.findings_tree.topLevelItemCount() == len(page.entry.findings)
    row = row_of(window, "02_hongze-district-gov-2023.txt")
    window.table.doubleClicked.emit(window.proxy.index(row, 0))
    path, finding = window.opened[-1]
    assert Path(path).name == "02_hongze-district-gov-2023.txt"
    assert finding.rule == "T4-TOT" and finding.severity == "error"
    # an unreadable file is not opened; it says why (a message box, answered at once here)
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: shown.append(args[2])))
    window.table.doubleClicked.emit(window.proxy.index(row_of(window, "broken.docx"), 0))
    assert len(window.opened) == 1 and "无法读取" in shown[0]


def test_cancel_keeps_the_window_usable(qtbot, window, tmp_path):
    make_folder(tmp_path, 12, formats=("draft", "text"))
    window.jobs = 2
    window.start_review([str(tmp_path)])
    assert window.cancel_button.isVisible() and not window.open_folder_action.isEnabled()
    window.cancel()
    qtbot.waitUntil(lambda: window.worker is None, timeout=120_000)
    assert "取消" in window.status.text()
    assert window.open_folder_action.isEnabled() and window.result is None
    result = reviewed(qtbot, window, [tmp_path])
    assert len(result.entries) == 12


def test_saving_the_workbook_and_the_checklist(qtbot, window, folder, tmp_path, monkeypatch):
    reviewed(qtbot, window, [folder])
    window.save_workbook(str(tmp_path / "审查结果.xlsx"))
    assert not window.save_xlsx_action.isEnabled()  # while it is written
    qtbot.waitUntil(lambda: window.saver is None, timeout=60_000)
    assert "已保存审查结果" in window.status.text() and window.save_xlsx_action.isEnabled()
    assert window.save_checklist(str(tmp_path / "审查清单.pdf"))
    assert (tmp_path / "审查结果.xlsx").stat().st_size > 0
    assert (tmp_path / "审查清单.pdf").read_bytes().startswith(b"%PDF")
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: shown.append(args[2])))
    window.save_workbook(str(tmp_path / "no-such-folder" / "x.xlsx"))
    qtbot.waitUntil(lambda: window.saver is None, timeout=60_000)
    assert "不存在" in shown[0] and "保存失败" in window.status.text()
    assert not (tmp_path / "no-such-folder").exists()


def test_open_review_window(qtbot, qapp):
    from PySide6.QtWidgets import QWidget
    parent = QWidget()
    qtbot.addWidget(parent)
    win = open_review_window(parent, None)
    assert win.isVisible() and win.windowTitle() == "批量审查"
    win.close()
