"""A day at the desk, by real keys and menus: open, type, new, type, undo, import, last year, 插入统计段落, the
审查台, new again — and not one line on stderr (a signal left connected to a page that is gone shows there)."""
from __future__ import annotations

import shutil

import pytest

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES, shared_path
from ui.carry_over_dialog import CarryOverDialog
from ui.statistics_dialog import StatisticsDialog

QStandardPaths.setTestModeEnabled(True)
PLATFORM_NOTE = "This plugin does not support "  # the offscreen platform's own (raise(), size hints), not ours


def type_keys(text: str) -> None:
    """Each character a key click on whatever has the keyboard (Chinese as an input method gives it)."""
    for ch in text:
        target = QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard"
        key = QTest.asciiToKey(ch) if ch.isascii() else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key(key), ch, Qt.KeyboardModifier.NoModifier)


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


@pytest.fixture
def answers(monkeypatch):
    """The clerk's answers to the window's questions, by the button's Chinese label."""
    given: list[str] = []

    def answer(box):
        label = given.pop(0) if given else None
        for button in box.buttons():
            if button.text() == label:
                button.click()
                return 0
        raise AssertionError(f"unexpected question: {box.text()}")
    monkeypatch.setattr(QMessageBox, "exec", answer)
    return given


def test_a_day_at_the_desk_leaves_stderr_empty(window, qtbot, tmp_path, monkeypatch, answers, capfd, qtlog):
    draft_path = tmp_path / "清河.gkbg.json"
    shutil.copy(EXAMPLES / "qinghe-scjg-2025.json", draft_path)
    published = shared_path("real-reports", "03_hongze-district-gov-2024.txt")
    last_year = EXAMPLES / "qinghe-scjg-2024.json"
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen.pop(0), "")))
    monkeypatch.setattr(StatisticsDialog, "exec", lambda self: StatisticsDialog.DialogCode.Accepted)
    monkeypatch.setattr(CarryOverDialog, "exec", lambda self: CarryOverDialog.DialogCode.Accepted)

    def idle():
        qtbot.wait(400)  # timers run, deferred deletions happen: a dead page would be reached here

    def type_in_pages():
        window.show_page("requests")
        type_keys("12")
        press(Qt.Key.Key_Tab)
        window.show_page("overview")
        type_keys("今年收到的申请较多。")
        idle()

    # morning: the draft of yesterday
    chosen.append(str(draft_path))
    window.menu_actions["file.open"].trigger()
    assert window.session.path == draft_path.resolve()
    type_in_pages()
    # 新建, not saving the morning's typing
    answers.append("不保存")
    window.menu_actions["file.new"].trigger()
    idle()
    type_in_pages()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    idle()
    # a published report as the start of a new one
    answers.append("不保存")
    chosen.append(str(published))
    window.menu_actions["file.import_new"].trigger()
    idle()
    type_in_pages()
    # last year's report, then 插入统计段落 into 一
    chosen.append(str(last_year))
    window.menu_actions["file.import_prior"].trigger()
    idle()
    page = window.show_page("overview")
    page.boxes[1].text.setFocus()
    window.menu_actions["edit.statistics"].trigger()
    idle()
    type_in_pages()
    # the 审查台, and a report opened from it
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(published, folder / published.name)
    window.menu_actions["file.review"].trigger()
    desk = window.review_window
    desk.start_review([str(folder)])
    qtbot.waitUntil(lambda: desk.worker is None, timeout=120_000)
    answers.append("不保存")
    desk.table.doubleClicked.emit(desk.proxy.index(0, 0))
    idle()
    desk.close()
    type_in_pages()
    # 新建 again, typing, undo, zoom
    window.menu_actions["file.new"].trigger()
    idle()
    type_in_pages()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.zoom(2)
    window.zoom(0)
    idle()
    assert window.session.report.values.get(FORM_2021.ref("requests", "new.natural_person")) == 12

    err = capfd.readouterr().err
    assert [line for line in err.splitlines() if line.strip() and not line.startswith(PLATFORM_NOTE)] == []
    assert [r.message for r in qtlog.records if not r.message.startswith(PLATFORM_NOTE)] == []
