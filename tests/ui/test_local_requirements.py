"""本地要求 in the window: the length shown as the clerk types, the editor, the choice of a profile, remembered."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.session import Session
from models.profile import Deadline, LengthLimit, MustState, Place, Profile, RequiredCells, Topic
from models.profile_file import load_profile
from tests.profile_support import EXAMPLE_PROFILE, compliant_report, subsection_index, write_profile
from ui.document import ReportDocument
from ui.length_indicator import LengthIndicator
from ui.local_requirements import (REVIEW_KEY, WINDOW_KEY, LocalRequirementsDialog, ProfileChooser,
                                   choose_local_requirements, restore_local_requirements)
from ui.narrative import SectionEditor
from ui.profile_editor import ProfileEditor
from ui.requirement_form import CellPicker, RequirementDialog


def ime_commit(widget, text: str, per_commit: int = 10) -> None:
    """Chinese typed through an input method: the text arrives as commits of a few characters each."""
    for start in range(0, len(text), per_commit):
        event = QInputMethodEvent()
        event.setCommitString(text[start:start + per_commit])
        QApplication.sendEvent(widget, event)


def section_page(qtbot, profile: Profile | None, report=None) -> SectionEditor:
    document = ReportDocument(Session(report if report is not None else compliant_report()))
    document.set_profile(profile)
    page = SectionEditor(document, document.form.section("overview"))
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


# ---------------------------------------------------------------- the length, as the clerk types

def test_the_section_shows_its_length_against_the_limit_while_typing(qtbot):
    profile = Profile(name="字数", requirements=(LengthLimit(place=Place("overview"), max_chars=500),))
    page = section_page(qtbot, profile)
    count = sum(len("".join((s.heading + s.text).split())) for s in page.document.report.sections["overview"])
    assert page.length.text() == f"本部分：{count} / 500 字" and page.length.state == "ok"
    box = page.boxes[-1].text
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    ime_commit(box, "加" * (460 - count))
    assert page.length.text() == "本部分：460 / 500 字" and page.length.state == "near"
    ime_commit(box, "强" * 41)
    assert page.length.text() == "本部分：501 / 500 字，超出 1 字" and page.length.state == "over"
    QTest.keyClick(box, Qt.Key.Key_Backspace)
    assert page.length.state == "near"


def test_a_limited_sub_section_shows_its_own_count_and_the_others_none(qtbot):
    profile = Profile(name="小标题字数", requirements=(LengthLimit(place=Place("overview", "政府信息管理"), max_chars=30),))
    page = section_page(qtbot, profile)
    index = subsection_index(page.document.report, "政府信息管理")
    shown = [box.length.isVisible() for box in page.boxes]
    assert shown == [i == index for i in range(len(page.boxes))]
    sub = page.document.report.sections["overview"][index]
    count = len("".join((sub.heading + sub.text).split()))
    assert page.boxes[index].length.text() == f"{count} / 30 字，超出 {count - 30} 字"
    assert page.length.state == "plain" and page.length.text().startswith("本部分：共 ")


def test_without_a_profile_the_count_alone_and_a_profile_chosen_later_shows_at_once(qtbot):
    page = section_page(qtbot, None)
    assert page.length.state == "plain" and not any(box.length.isVisible() for box in page.boxes)
    page.document.set_profile(load_profile(EXAMPLE_PROFILE))
    assert page.length.text().endswith("/ 1000 字")
    page.document.session.set_meta("year", 2024)       # the example is for 2025 reports
    assert page.length.state == "plain"


def test_the_section_s_count_stays_in_view_below_the_page(qtbot):
    page = section_page(qtbot, load_profile(EXAMPLE_PROFILE))
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    assert page.length.isVisible() and page.length.geometry().top() >= page.viewport().geometry().bottom()


def test_the_indicator_by_itself(qtbot):
    indicator = LengthIndicator()
    qtbot.addWidget(indicator)
    indicator.show_length(12, LengthLimit(place=Place("problems"), min_chars=50), "要求")
    assert (indicator.text(), indicator.state) == ("12 字，至少 50 字", "short")
    assert "要求" in indicator.toolTip()
    hidden = LengthIndicator(hide_without_limit=True)
    qtbot.addWidget(hidden)
    hidden.show()
    hidden.show_length(5, None)
    assert not hidden.isVisible()


def test_the_window_s_findings_follow_the_profile(qtbot):
    document = ReportDocument(Session(compliant_report()))
    with qtbot.waitSignal(document.findings_changed):
        document.set_profile(Profile(name="期限", requirements=(Deadline(month=1, day=1),)))
    assert [f.rule for f in document.findings if f.rule == "LOCAL"] == ["LOCAL"]
    with qtbot.waitSignal(document.findings_changed):
        document.set_profile(None)
    assert not [f for f in document.findings if f.rule == "LOCAL"]


# ---------------------------------------------------------------- the editor

def test_each_kind_of_requirement_from_its_form(qtbot):
    length = RequirementDialog("length")
    qtbot.addWidget(length)
    length.accept_if_valid()
    assert length.requirement is None and "最多或最少" in length.problem.text()
    length.place.section.setCurrentIndex(length.place.section.findData("overview"))
    length.max_chars.setValue(1000)
    length.accept_if_valid()
    assert length.requirement == LengthLimit(place=Place("overview"), max_chars=1000)

    statement = RequirementDialog("statement")
    qtbot.addWidget(statement)
    statement.place.subsection.setEditText("主动公开")
    ime_commit(statement.topic, "政策解读")
    ime_commit(statement.also, "解读、政策文件解读")
    statement.with_number.setChecked(True)
    statement.severity.set_severity("error")
    statement.levels.boxes["区县级政府"].setChecked(True)
    statement.accept_if_valid()
    assert statement.requirement == MustState(place=Place("overview", "主动公开"),
                                              topic=Topic("政策解读", ("解读", "政策文件解读"), True),
                                              severity="error", levels=("区县级政府",))

    cells = RequirementDialog("cells")
    qtbot.addWidget(cells)
    cells.accept_if_valid()
    assert "至少一个单元格" in cells.problem.text()
    cells.picker.set_keys(("active.rules", "active.normative.in_force"))
    cells.nonzero.setChecked(True)
    cells.accept_if_valid()
    assert cells.requirement == RequiredCells(cells=("active.rules", "active.normative.in_force"), nonzero=True)

    deadline = RequirementDialog("deadline")
    qtbot.addWidget(deadline)
    deadline.month.setValue(2)
    deadline.day.setValue(30)
    deadline.accept_if_valid()
    assert deadline.requirement is None and "没有 2 月 30 日" in deadline.problem.text()
    deadline.month.setValue(3)
    deadline.accept_if_valid()
    assert deadline.requirement == Deadline(month=3, day=30)


def test_a_requirement_shown_in_its_form_comes_back_the_same(qtbot):
    for requirement in load_profile(EXAMPLE_PROFILE).requirements:
        dialog = RequirementDialog(requirement.kind, requirement)
        qtbot.addWidget(dialog)
        dialog.accept_if_valid()
        assert dialog.requirement == requirement


def test_cells_ticked_are_named_as_briefly_as_can_be(qtbot):
    picker = CellPicker()
    qtbot.addWidget(picker)
    picker.set_keys(("appeals", "requests.new", "requests.total.total", "active.fees"))
    assert picker.keys() == ("active.fees", "requests.new", "requests.total.total", "appeals")


def test_the_editor_lists_adds_removes_and_saves_the_file(qtbot, tmp_path, monkeypatch):
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    assert not editor.save(str(tmp_path / "x.toml")) and "名称" in told[-1]
    ime_commit(editor.name, "临江区2025年度要求")
    editor.year.setValue(2025)
    assert not editor.save(str(tmp_path / "x.toml")) and "还没有任何要求" in told[-1]
    answers = iter([LengthLimit(place=Place("overview"), max_chars=1000),
                    MustState(place=Place("overview", "主动公开"), topic=Topic("政策解读", with_number=True))])
    monkeypatch.setattr(editor, "ask", lambda kind, requirement=None: next(answers))
    qtbot.mouseClick(editor.add_buttons["length"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.add_buttons["statement"], Qt.MouseButton.LeftButton)
    editor.add_requirement(Deadline(month=1, day=31, severity="error"))
    rows = [editor.list.topLevelItem(i).text(1) for i in range(editor.list.topLevelItemCount())]
    assert rows == ["成文日期不晚于次年 1 月 31 日", "一、总体情况不超过 1000 字",
                    "一、总体情况 “主动公开”部分写明“政策解读”及其数量"]
    assert editor.list.topLevelItem(0).text(2) == "错误" and editor.list.topLevelItem(1).text(2) == "默认（警告）"
    editor.list.setCurrentItem(editor.list.topLevelItem(1))
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.list.topLevelItemCount() == 2
    editor.add_national()
    assert any(isinstance(r, RequiredCells) for r in editor.requirements)
    path = tmp_path / "临江区.toml"
    assert editor.save(str(path)) and editor.saved_path == str(path)
    saved = load_profile(path)
    assert (saved.name, saved.year) == ("临江区2025年度要求", 2025)
    assert saved.requirements == tuple(editor.requirements)
    again = ProfileEditor(saved, str(path))
    qtbot.addWidget(again)
    assert again.profile() == saved


def test_a_file_that_cannot_be_written_is_said_and_the_editor_stays(qtbot, tmp_path, monkeypatch):
    editor = ProfileEditor(load_profile(EXAMPLE_PROFILE))
    qtbot.addWidget(editor)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    assert not editor.save(str(tmp_path))            # a folder
    assert told and "无法保存" in told[0] and editor.result() == 0


# ---------------------------------------------------------------- choosing and remembering

class FakeWindow(QWidget):
    """What ``choose_local_requirements`` needs of the main window."""

    def __init__(self, tmp_path) -> None:
        super().__init__()
        self.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.session = Session(compliant_report())
        self.document = ReportDocument(self.session)
        self.status: list[str] = []

    def show_status(self, text: str) -> None:
        self.status.append(text)


def test_a_bad_file_is_refused_with_its_line_and_the_profile_in_use_stays(qtbot, tmp_path, monkeypatch):
    good = load_profile(EXAMPLE_PROFILE)
    dialog = LocalRequirementsDialog(good)
    qtbot.addWidget(dialog)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    bad = write_profile(tmp_path, 'name = "坏"\n[[text]]\nsection = "一、总体情况"\nmax_chars = 一千\n')
    monkeypatch.setattr(dialog, "open_path", lambda: str(bad))
    assert not dialog.choose_file()
    assert dialog.profile is good and "第 4 行" in told[0] and "未应用" in told[0]
    assert dialog.list.topLevelItemCount() == len(good.requirements)


def test_the_window_s_choice_applies_and_is_remembered(qtbot, tmp_path, monkeypatch):
    window = FakeWindow(tmp_path)
    qtbot.addWidget(window)
    monkeypatch.setattr(LocalRequirementsDialog, "exec", lambda self: (self.load(str(EXAMPLE_PROFILE)),
                                                                        LocalRequirementsDialog.DialogCode.Accepted)[1])
    choose_local_requirements(window)
    assert window.session.profile is not None and window.session.profile.name.startswith("明川市")
    assert window.settings.value(WINDOW_KEY) == str(EXAMPLE_PROFILE)
    assert "已选用本地要求" in window.status[-1]

    later = FakeWindow(tmp_path)                      # the next start
    qtbot.addWidget(later)
    restore_local_requirements(later)
    assert later.session.profile == window.session.profile

    broken_file = write_profile(tmp_path, "name = \n", "坏了.toml")
    later.settings.setValue(WINDOW_KEY, str(broken_file))
    broken = FakeWindow(tmp_path)
    qtbot.addWidget(broken)
    restore_local_requirements(broken)
    assert broken.session.profile is None and "本地要求文件“坏了.toml”" in broken.status[-1]

    monkeypatch.setattr(LocalRequirementsDialog, "exec", lambda self: (self.use(None),
                                                                        LocalRequirementsDialog.DialogCode.Accepted)[1])
    choose_local_requirements(window)
    assert window.session.profile is None and window.settings.value(WINDOW_KEY) == ""


def test_the_review_s_choice_for_a_folder(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    chooser = ProfileChooser(settings)
    qtbot.addWidget(chooser)
    assert chooser.profile is None and chooser.label.text() == "本地要求：未使用"
    profile = load_profile(EXAMPLE_PROFILE)
    with qtbot.waitSignal(chooser.changed) as signal:
        chooser.set_profile(profile)
    assert signal.args == [profile] and settings.value(REVIEW_KEY) == str(EXAMPLE_PROFILE)
    again = ProfileChooser(settings)
    qtbot.addWidget(again)
    assert again.profile == profile and profile.name in again.label.text()


def test_the_review_window_passes_its_profile_to_the_review(qtbot, tmp_path, monkeypatch):
    from ui.review import ReviewWindow
    from ui.review import thread as review_thread
    seen = {}

    def fake_review(paths, **kwargs):
        seen.update(kwargs)
        from models.review import ReviewResult
        return ReviewResult([], {})

    monkeypatch.setattr(review_thread, "review", fake_review)
    window = ReviewWindow()
    qtbot.addWidget(window)
    window.profile = load_profile(EXAMPLE_PROFILE)
    window.start_review([str(tmp_path)])
    qtbot.waitUntil(lambda: window.worker is None, timeout=10_000)
    assert seen["profile"] == window.profile


def test_the_review_window_offers_the_folders_requirements_and_reviews_again_with_a_new_choice(
        qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow

    from ui.review import thread as review_thread
    from ui.review.window import ReviewWindow

    seen = []

    def fake_review(paths, **kwargs):
        seen.append(kwargs.get("profile"))
        from models.review import ReviewResult
        return ReviewResult([], {})

    monkeypatch.setattr(review_thread, "review", fake_review)
    owner = QMainWindow()
    owner.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)  # type: ignore[attr-defined]
    qtbot.addWidget(owner)
    window = ReviewWindow(None, owner)
    assert window.profile_chooser.label.text() == "本地要求：未使用"
    window.start_review([str(tmp_path)])
    qtbot.waitUntil(lambda: window.worker is None, timeout=10_000)

    chosen = load_profile(EXAMPLE_PROFILE)
    window.profile_chooser.set_profile(chosen)
    qtbot.waitUntil(lambda: window.worker is None and len(seen) == 2, timeout=10_000)
    assert seen == [None, chosen]
    assert window.profile_chooser.label.text() == f"本地要求：{chosen.name}"
    assert ReviewWindow(None, owner).profile == chosen   # remembered with the main window's settings
