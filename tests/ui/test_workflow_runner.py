"""The one helper that runs a workflow from the window: cursor restored, failures in Chinese, long work off the
UI thread while the window keeps painting and takes no input."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from ui.workflow_runner import run_workflow


class Explained(Exception):
    """Stands for SourceError, DraftError…: a workflow's failure with a Chinese message."""


@pytest.fixture
def told(monkeypatch):
    """The message boxes shown (title, text), instead of showing them."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: seen.append((title, text))))
    return seen


@pytest.fixture
def field(qtbot):
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def boom():
    raise KeyError("overrides")  # what a damaged file makes a library raise, past the reader's own checks


@pytest.mark.parametrize("progress", [None, "正在读取…"])
def test_an_unexpected_failure_is_told_in_chinese_and_the_cursor_comes_back(field, told, progress):
    assert run_workflow(field, boom, failure="无法读取 a.docx", explained=(Explained,), progress=progress) is None
    assert QGuiApplication.overrideCursor() is None
    [(title, text)] = told
    assert text.startswith("无法读取 a.docx：") and "意外" in text and "KeyError" in text
    assert "Traceback" not in text and "overrides" not in text


@pytest.mark.parametrize("progress", [None, "正在读取…"])
def test_an_explained_failure_shows_its_own_reason(field, told, progress):
    def refuse():
        raise Explained("文件已损坏，无法读取")
    assert run_workflow(field, refuse, failure="无法读取 a.pdf", explained=(Explained,), progress=progress) is None
    assert told == [("未能完成", "无法读取 a.pdf：\n文件已损坏，无法读取")]
    assert QGuiApplication.overrideCursor() is None


def test_the_result_comes_back_with_the_wait_cursor_shown_meanwhile(field, told):
    cursors = []

    def work():
        cursors.append(QGuiApplication.overrideCursor().shape())
        return 42
    assert run_workflow(field, work, failure="x", explained=(Explained,)) == 42
    assert cursors == [Qt.CursorShape.WaitCursor] and QGuiApplication.overrideCursor() is None and not told


def test_long_work_runs_off_the_ui_thread_which_keeps_running_and_takes_no_typing(field, told):
    """The work waits for a timer of the UI thread: were the UI thread blocked, it would wait in vain."""
    ticked = threading.Event()
    threads = []
    QTimer.singleShot(50, ticked.set)
    QTimer.singleShot(80, lambda: QTest.keyClicks(field, "12"))  # typed while the work runs: not taken

    def work():
        threads.append(threading.current_thread())
        assert ticked.wait(10)
        threading.Event().wait(0.1)  # the keys are sent meanwhile
        return "done"
    assert run_workflow(field, work, failure="x", explained=(Explained,), progress="正在读取…") == "done"
    assert threads[0] is not threading.main_thread()
    assert field.text() == "" and not told
    QTest.keyClicks(field, "3")
    assert field.text() == "3"  # input comes back afterwards
