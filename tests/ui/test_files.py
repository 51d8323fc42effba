"""Files in the window: title and unsaved marker, the 保存/不保存/取消 prompt, open, drop, recent files,
remembered geometry, recovery after a real crash, import of last year's report and export."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from models import draft
from models.form import CellRef
from models.report import Report
from ui.actions import files

QStandardPaths.setTestModeEnabled(True)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
NEW = CellRef("requests", "new.natural_person")


class Dialogs:
    """Answers for the message boxes a test expects, in order; any other dialog fails the test."""

    def __init__(self, monkeypatch):
        self.answers: list = []
        self.seen: list[str] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))
        for name in ("warning", "critical", "information", "question"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, _n=name: self._static(_n, *a)))

    LABELS = {QMessageBox.StandardButton.Save: ("保存",), QMessageBox.StandardButton.Discard: ("不保存",),
              QMessageBox.StandardButton.Cancel: ("取消",),
              QMessageBox.StandardButton.Yes: ("恢复", "仍然导出", "保留空白导出"),
              QMessageBox.StandardButton.No: ("不恢复", "返回修改", "返回填写")}

    def _exec(self, box):
        """Answer with a standard button, or click the Chinese button that stands for it (or is named)."""
        self.seen.append(box.text())
        if not self.answers:
            raise AssertionError(f"unexpected dialog: {box.text()}")
        answer = self.answers.pop(0)
        labels = (answer,) if isinstance(answer, str) else self.LABELS.get(answer, ())
        for button in box.buttons():
            if button.text() in labels:
                button.click()
                return 0
        return answer

    def _static(self, kind, parent, title, text, *rest):
        self.seen.append(text)
        if kind == "question":
            if not self.answers:
                raise AssertionError(f"unexpected question: {text}")
            return self.answers.pop(0)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def settings_path(tmp_path):
    return str(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, tmp_path, qapp, settings_path, dialogs):
    from ui.app import configure
    from ui.main_window import MainWindow
    configure(qapp)
    windows = []

    def make(report=None, path=None):
        win = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat), tmp_path / "appdata", report, path)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        if win.isVisible():
            win.commit_pending_edits()
            win.session.mark_clean()
            win.close()
        win.deleteLater()


def edit(win, ref=NEW, value=5):
    win.document.set_values([(ref, value)], "test")


@pytest.mark.quick
def test_title_shows_the_file_name_and_an_unsaved_marker(make_window, tmp_path, monkeypatch):
    win = make_window(Report(agency="测试局"))
    assert win.windowTitle().startswith("未命名报告[*]")
    assert not win.isWindowModified()
    edit(win)
    assert win.isWindowModified()
    path = tmp_path / "测试.gkbg.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert files.save(win)
    assert win.windowTitle().startswith("测试.gkbg.json[*]") and not win.isWindowModified()
    assert draft.load(path).values == {NEW: 5}
    win.document.undo()
    assert win.isWindowModified()


def test_save_as_adds_our_suffix(make_window, tmp_path, monkeypatch):
    win = make_window()
    edit(win)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "报告"), ""))
    assert files.save_as(win)
    assert Path(win.path).name == "报告.gkbg.json" and Path(win.path).exists()


@pytest.mark.quick
def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(make_window, dialogs):
    win = make_window()
    edit(win)
    dialogs.answers = [QMessageBox.StandardButton.Cancel]
    assert not win.close()
    assert win.isVisible() and win.document.report.values == {NEW: 5}
    assert "尚未保存" in dialogs.seen[-1]
    dialogs.answers = [QMessageBox.StandardButton.Discard]
    assert win.close()


def test_prompt_save_writes_the_file_before_closing(make_window, dialogs, tmp_path):
    path = tmp_path / "r.gkbg.json"
    draft.save(Report(), path)
    win = make_window()
    assert win.open_path(str(path))
    edit(win, value=9)
    dialogs.answers = [QMessageBox.StandardButton.Save]
    assert win.close()
    assert draft.load(path).values == {NEW: 9}


def test_the_prompt_offers_save_dont_save_cancel_in_chinese(make_window, monkeypatch):
    win = make_window()
    edit(win)
    texts = []

    def look(box):
        texts.extend(b.text() for b in box.buttons())
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "exec", look)
    assert not files.maybe_save(win)
    assert sorted(texts) == sorted(["保存", "不保存", "取消"])


def test_new_with_unsaved_changes_asks_first(make_window, dialogs):
    win = make_window()
    edit(win)
    dialogs.answers = [QMessageBox.StandardButton.Cancel]
    win.menu_actions["file.new"].trigger()
    assert win.document.report.values == {NEW: 5}
    dialogs.answers = [QMessageBox.StandardButton.Discard]
    win.menu_actions["file.new"].trigger()
    assert win.document.report.values == {} and win.path is None


def test_a_file_that_cannot_be_read_leaves_the_report_as_it_was(make_window, dialogs, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    win = make_window()
    edit(win)
    dialogs.answers = [QMessageBox.StandardButton.Discard]
    assert not win.open_path(str(bad))
    assert win.document.report.values == {NEW: 5}
    assert "不完整或已损坏" in dialogs.seen[-1]
    assert bad.read_text(encoding="utf-8") == "{not json"


def test_dropping_a_draft_on_the_window_opens_it(make_window, qtbot):
    win = make_window()
    example = EXAMPLES / "qinghe-scjg-2025.json"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(example))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: win.path == str(example.resolve()), timeout=2000)
    assert win.document.report.agency == draft.load(example).agency
    assert win.windowTitle().startswith("qinghe-scjg-2025.json")


def test_recent_files_and_window_size_are_remembered(make_window, tmp_path, monkeypatch):
    path = tmp_path / "a.gkbg.json"
    win = make_window()
    win.resize(700, 500)  # within the offscreen screen (800 × 600)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    edit(win)
    assert files.save(win)
    assert win.close()
    again = make_window()
    assert again.recent.files()[0] == str(path.resolve())
    assert (again.width(), again.height()) == (700, 500)
    recent_menu = again.menu_actions.submenus["file.recent"]
    recent_menu.aboutToShow.emit()
    assert any("a.gkbg.json" in a.text() for a in recent_menu.actions())


CRASHING_CLERK = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    from ui.app import application
    app = application()
    from ui.main_window import MainWindow
    from models.form import CellRef
    win = MainWindow(QSettings({settings!r}, QSettings.Format.IniFormat), {data!r})
    win.show()
    win.document.set_values([(CellRef("requests", "new.natural_person"), 31)], "typed")
    win.page("problems").editors()[0].setPlainText("改进意见尚未写完")
    app.processEvents()
    import time
    deadline = time.time() + 5
    while not win.recovery.draft_path.exists() and time.time() < deadline:
        app.processEvents()
        time.sleep(0.02)
    print(win.recovery.draft_path, flush=True)
    os._exit(3)  # a crash: no close, no clean-up
""")


def crash_a_window(tmp_path, settings_path) -> Path:
    script = CRASHING_CLERK.format(root=str(ROOT), settings=settings_path, data=str(tmp_path / "appdata"))
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 3, done.stderr
    copy = Path(done.stdout.strip().splitlines()[-1])
    assert copy.exists()
    return copy


def test_work_is_recovered_after_a_crash(make_window, dialogs, tmp_path, settings_path):
    copy = crash_a_window(tmp_path, settings_path)
    win = make_window()
    dialogs.answers = [QMessageBox.StandardButton.Yes]
    assert win.offer_recovery()
    assert "没有正常关闭" in dialogs.seen[-1]
    assert win.document.report.values == {NEW: 31}
    assert win.document.report.sections["problems"][0].text == "改进意见尚未写完"
    assert win.isWindowModified() and win.path is None
    assert not copy.exists()  # replaced by this window's own copy
    assert win.recovery.draft_path.exists()
    dialogs.answers = [QMessageBox.StandardButton.Discard]
    assert win.close()
    assert not win.recovery.draft_path.exists()
    assert not make_window().offer_recovery()


def test_a_copy_kept_for_later_is_offered_again_and_deleted_only_when_confirmed(make_window, dialogs, tmp_path,
                                                                                  settings_path):
    copy = crash_a_window(tmp_path, settings_path)
    win = make_window()
    dialogs.answers = ["以后再说"]
    assert not win.offer_recovery()
    assert win.document.report.values == {} and copy.exists()
    assert not list((tmp_path / "appdata").glob("discarded-*.gkbg.json"))
    dialogs.answers = ["删除副本", "保留"]      # asked to confirm, and the clerk keeps it after all
    assert not win.offer_recovery()
    assert copy.exists()
    dialogs.answers = ["删除副本", "删除"]
    assert not win.offer_recovery()
    assert not copy.exists()
    assert not win.offer_recovery()   # nothing left to offer


def test_a_copy_whose_draft_was_saved_since_is_opened_beside_it_not_over_it(make_window, dialogs, tmp_path):
    from app.session import Session, recovery
    path = tmp_path / "年报.gkbg.json"
    draft.save(Report(agency="局"), path)
    crashed = Session()
    crashed.open(path)
    crashed.set_values([(NEW, 7)], "typed before the crash")
    store = recovery.RecoveryStore(tmp_path / "appdata")
    store.write(crashed.report, crashed.path, crashed.disk_digest)
    meta = store.meta_path.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', '"pid": 0')
    store.meta_path.write_text(meta, encoding="utf-8")
    crashed.release()
    colleague = draft.load(path)
    colleague.set(NEW, 9)
    draft.save(colleague, path)                  # saved by someone else after the copy was made
    win = make_window()
    dialogs.answers = ["打开副本"]
    assert win.offer_recovery()
    assert "晚于恢复副本所依据的版本" in dialogs.seen[-1]
    assert win.path is None and win.document.report.values == {NEW: 7} and win.isWindowModified()
    assert draft.load(path).values[NEW] == 9     # the colleague's draft untouched
    assert not store.draft_path.exists() and win.recovery.draft_path.exists()


def test_a_restored_copy_of_a_saved_draft_holds_the_draft_s_lock(make_window, dialogs, tmp_path):
    """Issue 18 (4): after crash recovery the draft is locked again, and a second window is told."""
    from app.session import DraftLocked, Session, recovery
    from app.session.lock import read_holder
    path = tmp_path / "年报.gkbg.json"
    draft.save(Report(agency="局"), path)
    crashed = Session()
    crashed.open(path)
    crashed.set_values([(NEW, 7)], "typed before the crash")
    store = recovery.RecoveryStore(tmp_path / "appdata")
    store.write(crashed.report, crashed.path, crashed.disk_digest)
    for record in (store.meta_path, path.parent / f".~lock.{path.name}.gkbg#"):   # the crashed process is gone
        record.write_text(record.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', '"pid": 0'),
                          encoding="utf-8")
    crashed._lock.held = False
    win = make_window()
    dialogs.answers = ["恢复"]
    assert win.offer_recovery()
    assert win.path == str(path.resolve()) and win.document.report.values == {NEW: 7}
    assert win.session.holds_lock and read_holder(path).pid == os.getpid()
    with pytest.raises(DraftLocked, match="正由"):
        Session().open(path)
    dialogs.answers = ["保存"]
    assert win.close()
    assert draft.load(path).values[NEW] == 7 and read_holder(path) is None


def test_a_damaged_draft_is_offered_to_open_with_the_damage_cleared(make_window, dialogs, tmp_path):
    path = tmp_path / "损坏.gkbg.json"
    draft.save(Report(agency="明川市教育局"), path)
    path.write_bytes(path.read_bytes().replace("教".encode(), b"\xff"))
    win = make_window()
    dialogs.answers = ["取消"]
    assert not win.open_path(str(path), ask=False)
    assert "机关名称" in dialogs.seen[-1] and win.path is None
    dialogs.answers = ["清除后打开"]
    assert win.open_path(str(path), ask=False)
    assert win.path == str(path.resolve()) and win.isWindowModified()
    assert win.document.report.agency == "明川市\ufffd育局"


def test_a_stale_lock_the_file_system_will_not_let_go_opens_read_only_and_says_why(make_window, dialogs, tmp_path,
                                                                                   monkeypatch):
    import json
    import socket
    path = tmp_path / "年报.gkbg.json"
    draft.save(Report(agency="局"), path)
    (tmp_path / f".~lock.{path.name}.gkbg#").write_text(json.dumps(
        {"user": "另一位用户", "host": socket.gethostname(), "pid": 0, "since": "2026-01-20 09:00"}), encoding="utf-8")
    real_replace = os.replace

    def refuse(src, dst):
        if str(dst).endswith(".gkbg#"):
            raise PermissionError(1, "Operation not permitted")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    win = make_window()
    dialogs.answers = ["仍然编辑"]
    assert win.open_path(str(path), ask=False)
    assert "另一位用户" in dialogs.seen[0] and "没有正常关闭" in dialogs.seen[0]
    assert win.session.read_only and "无法接管" in dialogs.seen[-1]
    assert "只读" in win.windowTitle()


def test_a_running_window_s_copy_is_not_offered_and_a_save_removes_it(make_window, tmp_path, monkeypatch, qtbot):
    first = make_window()
    edit(first)
    qtbot.waitUntil(lambda: first.recovery.draft_path.exists(), timeout=2000)
    assert not make_window().offer_recovery()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "s.gkbg.json"), ""))
    assert files.save(first)
    assert not first.recovery.draft_path.exists()


def test_no_recovery_copy_while_nothing_is_unsaved(make_window):
    win = make_window()
    win.write_recovery()
    assert not win.recovery.draft_path.exists()


def test_import_of_last_years_report_feeds_the_cross_year_checks(make_window, monkeypatch):
    from ui.carry_over_dialog import CarryOverDialog
    this_year, last_year = EXAMPLES / "qinghe-scjg-2025.json", EXAMPLES / "qinghe-scjg-2024.json"
    win = make_window()
    assert win.open_path(str(this_year))
    assert not any(f.rule == "CARRY" for f in win.document.findings)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last_year), ""))
    monkeypatch.setattr(CarryOverDialog, "exec", lambda self: CarryOverDialog.DialogCode.Accepted)
    win.menu_actions["file.import_prior"].trigger()
    assert win.document.report.prior.year == 2024
    assert any(f.rule == "CARRY" for f in win.document.findings)
    assert "已导入 2024 年报告" in win.page("basic").prior.text()
    assert win.isWindowModified()
    # the typed text of this year's report is kept: its sub-heads are not replaced
    assert win.document.report.sections["overview"][0].text.startswith("2025 年")


def test_import_into_a_new_report_carries_requests_over_and_sub_heads(make_window, monkeypatch):
    from models.form import CellRef
    from ui.carry_over_dialog import CarryOverDialog
    last_year = EXAMPLES / "qinghe-scjg-2024.json"
    win = make_window()
    win.document.report.year = 2025
    win.show_page("overview")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last_year), ""))
    monkeypatch.setattr(CarryOverDialog, "exec", lambda self: CarryOverDialog.DialogCode.Accepted)
    win.menu_actions["file.import_prior"].trigger()
    report = win.document.report
    assert report.get(CellRef("requests", "carried_over.natural_person")) == 3
    assert report.get(CellRef("requests", "carried_over.total")) == 4
    assert win.grid("requests").model().index(4, 9).data() == "4"
    assert [s.heading for s in report.sections["problems"]] == ["存在的主要问题", "改进情况"]
    assert all(not s.text for s in report.sections["overview"])
    assert len(win.page("overview").boxes) == len(report.sections["overview"])
    assert win.menu_actions["edit.undo"].text() == "撤销“导入 2024 年报告作为上年报告”(&U)"
    win.menu_actions["edit.undo"].trigger()  # one step: the prior, the numbers and the sub-heads
    assert report.get(CellRef("requests", "carried_over.total")) is None
    assert report.prior is None and report.sections["problems"][0].heading == "存在的主要问题"
    assert win.grid("requests").model().index(4, 9).data() == ""
    assert "未导入" in win.page("basic").prior.text()


def test_declining_the_carry_over_offer_changes_nothing(make_window, monkeypatch):
    from ui.carry_over_dialog import CarryOverDialog
    win = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(EXAMPLES / "qinghe-scjg-2024.json"), ""))
    monkeypatch.setattr(CarryOverDialog, "exec", lambda self: CarryOverDialog.DialogCode.Rejected)
    win.menu_actions["file.import_prior"].trigger()
    assert win.document.report.prior is None and not win.isWindowModified()


@pytest.mark.quick
@pytest.mark.parametrize("module,suffix,name", [("docx", ".docx", "Word"),
                                                pytest.param("xlsx", ".xlsx", "Excel", marks=pytest.mark.slow)])
def test_export_asks_when_checks_find_errors(make_window, dialogs, monkeypatch, tmp_path, module, suffix, name):
    target = tmp_path / f"out{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win = make_window()
    edit(win)  # one column off balance
    action = win.menu_actions[f"export.{module}"]
    dialogs.answers = [QMessageBox.StandardButton.No]
    action.trigger()
    assert not target.exists()
    assert "1 个错误" in dialogs.seen[-1]
    win.document.undo()
    win.menu_actions["edit.fill_zero"].trigger()
    dialogs.answers = ["仍然导出"]  # 一、总体情况 and 六 are still empty: it asks
    seen = len(dialogs.seen)
    action.trigger()
    assert "尚未填写" in dialogs.seen[seen]
    # and afterwards the export says that the 落款 is left to be filled in by hand
    assert "成文日期" in dialogs.seen[-1]
    assert target.exists() and target.stat().st_size > 0


def test_print_preview_gets_the_report_with_the_cell_being_typed(make_window, monkeypatch):
    import ui.print_preview
    shown = []
    monkeypatch.setattr(ui.print_preview, "show_print_preview", lambda report, parent: shown.append(report) or 0)
    win = make_window()
    grid = win.grid("appeals")
    win.show_page("appeals")
    grid.setFocus()
    grid.setCurrentIndex(grid.grid_model.index_of(CellRef("appeals", "review.upheld")))
    grid.start_editing("4")  # still in the editor when the preview is asked for
    win.menu_actions["file.preview"].trigger()
    assert shown and shown[0].values == {CellRef("appeals", "review.upheld"): 4}


def test_the_recovery_timer_does_not_interrupt_typing_in_a_cell(make_window, qtbot):
    win = make_window()
    edit(win)
    grid = win.grid("appeals")
    win.show_page("appeals")
    grid.setFocus()
    grid.setCurrentIndex(grid.grid_model.index_of(CellRef("appeals", "review.other")))
    editor = grid.start_editing("1")
    win.write_recovery()
    assert grid.delegate.editor is editor and editor.text() == "1"
    assert win.recovery.draft_path.exists()


@pytest.mark.quick
def test_new_report_from_a_published_one_starts_unsaved_and_untitled(make_window, monkeypatch):
    source = EXAMPLES / "weibin-gongxin-2025.json"
    win = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    win.menu_actions["file.import_new"].trigger()
    assert win.document.report.agency == draft.load(source).agency
    assert win.path is None and win.isWindowModified()
    assert win.windowTitle().startswith("未命名报告")


def test_a_published_reports_wrong_printed_totals_become_import_notes(make_window, monkeypatch):
    from tests.conftest import shared_path
    source = shared_path("real-reports", "02_hongze-district-gov-2023.txt")
    win = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    win.menu_actions["file.import_new"].trigger()
    assert win.document.report.stated == {}
    assert not any(f.rule == "T4-TOT" for f in win.document.findings)
    printed = [f for f in win.session.import_notes if f.template == "IMPORT.printed_total"]
    assert len(printed) == 2 and all(f.arguments["stated"] == 0 for f in printed)
    shown = [win.findings_view.model().index(r, 0).data() for r in range(win.findings_view.model().rowCount())]
    assert len(shown) >= len(win.session.import_notes)


def test_a_draft_dropped_on_a_text_field_is_opened_not_typed_in(make_window, qtbot):
    example = EXAMPLES / "weibin-gongxin-2025.json"
    win = make_window()
    field = win.page("basic").agency
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(example))])
    mime.setText(str(example))  # file managers send the path as text too
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, enter)
    assert enter.isAccepted()  # by the window: the field passed it up
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, drop)
    qtbot.waitUntil(lambda: win.path == str(example.resolve()), timeout=2000)
    assert win.document.report.agency == draft.load(example).agency


def damaged_docx(tmp_path) -> Path:
    """Our own DOCX export whose [Content_Types].xml is well-formed XML of the wrong kind (python-docx then
    fails with an AttributeError of its own, past the reader's checks)."""
    import zipfile
    from exporters import export
    good, bad = tmp_path / "good.docx", tmp_path / "damaged.docx"
    export(draft.load(EXAMPLES / "qinghe-scjg-2025.json"), good, "docx")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for name in source.namelist():
            target.writestr(name, b"<Types xmlns='x'/>" if name == "[Content_Types].xml" else source.read(name))
    return bad


@pytest.mark.quick
def test_a_damaged_docx_says_so_and_leaves_the_report_and_the_cursor_as_they_were(make_window, dialogs, tmp_path,
                                                                                  monkeypatch):
    win = make_window(Report(agency="测试局"))
    edit(win)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(damaged_docx(tmp_path)), ""))
    dialogs.answers = [QMessageBox.StandardButton.Discard]  # the unsaved edit: 不保存, then the import fails
    win.menu_actions["file.import_new"].trigger()
    assert QApplication.overrideCursor() is None
    assert dialogs.seen[-1].startswith(f"无法读取 {tmp_path / 'damaged.docx'}：")
    assert win.document.report.agency == "测试局" and win.document.report.values == {NEW: 5}


@pytest.mark.quick
def test_any_failure_of_a_reader_is_told_and_the_cursor_restored(make_window, dialogs, tmp_path, monkeypatch):
    import importers

    def surprise(path):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(importers, "read_report", surprise)
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.7")
    win = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    win.menu_actions["file.import_new"].trigger()  # from the menu, off the UI thread
    files.open_any(win, str(source))                # dropped on the window
    files.open_reviewed(win, str(source))           # chosen in the 审查台
    assert QApplication.overrideCursor() is None
    assert len(dialogs.seen) == 3 and all("意外" in text and "RecursionError" in text for text in dialogs.seen)
    assert win.session.path is None and not win.isWindowModified()
