"""文件 → 批量审查 opens the 审查台; a report chosen there opens read-only at its finding, with the review's findings."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from app.review import review
from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES, shared_path
from ui.actions import files

QStandardPaths.setTestModeEnabled(True)
NEW = FORM_2021.ref("requests", "new.natural_person")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A folder of published reports (plain text, two years of one agency) and drafts, reviewed."""
    folder = tmp_path_factory.mktemp("reviewed")
    for path in sorted(shared_path("real-reports").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for path in sorted(EXAMPLES.glob("*.json")):
        shutil.copy(path, folder / path.name)
    return review([folder], jobs=1)


@pytest.mark.quick
def test_the_review_desk_opens_from_the_menu_and_a_report_opens_read_only(window, tmp_path):
    window.menu_actions["file.review"].trigger()
    desk = window.review_window
    assert desk.isVisible()
    desk.close()
    copy = tmp_path / "qinghe-2025.gkbg.json"
    shutil.copy(EXAMPLES / "qinghe-scjg-2025.json", copy)
    files.open_reviewed(window, str(copy))
    assert window.session.read_only and window.session.report.agency == "明川市清河区市场监督管理局"
    assert "只读" in window.windowTitle()


@pytest.mark.quick
def test_a_finding_chosen_in_the_desk_is_found_again_by_rule_and_place_not_by_its_words(window, tmp_path):
    import dataclasses

    from models import draft
    from models.checks import run_checks
    from models.form_2021 import FORM_2021
    from models.review import ReviewFinding
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.set(FORM_2021.ref("requests", "new.natural_person"), 999)  # table 三 no longer balances
    path = tmp_path / "unbalanced.gkbg.json"
    draft.save(report, path)
    finding = next(f for f in run_checks(report) if f.cells and f.cells[0].table == "requests" and not f.section)
    chosen = dataclasses.replace(ReviewFinding.of(finding), message="审查台里的另一种说法")
    files.open_reviewed(window, str(path), chosen)
    grid = window.grid("requests")
    assert window.tabs.current_page() is grid.parentWidget()
    selected = {grid.grid_model.ref_at(i) for i in grid.selectionModel().selectedIndexes()}
    assert selected == set(finding.cells)


def type_text(widget, text: str) -> None:
    """Each character as a key click (Chinese ones as an input method's keyboard layout gives them)."""
    for ch in text:
        key = QTest.asciiToKey(ch) if ch.isascii() else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key(key), ch, Qt.KeyboardModifier.NoModifier)


def findings_as_data(findings):
    return [(f.rule, f.severity if isinstance(f.severity, str) else f.severity.value, f.message, tuple(f.cells),
             f.section) for f in findings]


def test_each_report_shows_the_review_s_findings_and_opens_at_its_first_one(window, reviewed):
    opened = 0
    for entry in reviewed.entries:
        if not entry.readable:
            continue
        files.open_reviewed(window, entry.file, entry.first_finding, entry.prior_file)
        QApplication.processEvents()
        name = Path(entry.file).name
        assert window.windowTitle().startswith(f"{name}（只读）") and not window.isWindowModified()
        assert findings_as_data(window.document.findings) == findings_as_data(entry.findings), name
        errors, warnings = window.document.counts()
        assert (errors, warnings) == (entry.errors, entry.warnings), name
        finding = entry.first_finding
        if finding is not None and finding.section:  # a finding in the text: its section, the text focused
            assert window.tabs.currentIndex() == window.tabs.tab_ids().index(finding.section), name
            assert window.tabs.current_page().isAncestorOf(QApplication.focusWidget()), name
        elif finding is not None and finding.cells:  # in a table: its first cell current, the keyboard there
            table = finding.cells[0].table
            assert window.tabs.currentIndex() == window.tabs.tab_ids().index(FORM_2021.table(table).section), name
            grid = window.grid(table)
            assert grid.grid_model.ref_at(grid.currentIndex()) == finding.cells[0], name
            assert QApplication.focusWidget() is grid
        opened += 1
    assert opened >= 6
    # the published reports' printed totals that disagree are errors here as in the review
    hongze = next(e for e in reviewed.entries if e.file.endswith("02_hongze-district-gov-2023.txt"))
    assert hongze.errors and any(f.rule == "T4-TOT" and f.severity == "error" for f in hongze.findings)


def test_a_report_opened_from_the_review_takes_no_edit_and_is_saved_only_as_a_new_draft(window, reviewed,
                                                                                     monkeypatch):
    entry = next(e for e in reviewed.entries if e.file.endswith("03_hongze-district-gov-2024.txt"))
    files.open_reviewed(window, entry.file, None, entry.prior_file)
    before = dict(window.session.report.values)
    agency = window.session.report.agency
    # a digit typed on a cell, a paste, Delete, fill-zero: nothing changes and the status bar says why
    window.show_page("requests")
    grid = window.grid("requests")
    grid.setCurrentIndex(grid.grid_model.index_of(NEW))
    QTest.keyClicks(QApplication.focusWidget(), "7")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "只读" in window.statusBar().currentMessage()
    QGuiApplication.clipboard().setText("9\t9")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert not window.menu_actions["edit.fill_zero"].isEnabled() and not window.menu_actions["file.import_prior"].isEnabled()
    # the narrative and the basic information
    page = window.show_page("overview")
    type_text(QApplication.focusWidget(), "改一改")
    basic = window.show_page("basic")
    type_text(basic.agency, "某某")
    assert window.session.report.values == before
    assert window.session.report.agency == agency and basic.agency.text() == agency
    assert "改一改" not in window.session.report.sections["overview"][0].text
    assert not window.session.modified and window.session.undo_name is None
    assert not page.boxes[0].text.toPlainText().count("改一改")
    # Ctrl+S proposes a new draft in a writable folder, never the file it came from
    proposed = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, suggested, *a: (proposed.append(suggested), ("", ""))[1]))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert proposed, "Ctrl+S asked for no file name"
    target = Path(proposed[0])
    assert target.name.endswith(".gkbg.json") and target.resolve() != Path(entry.file).resolve()
    assert not target.exists() and target.parent.is_dir()


def test_after_save_as_the_copy_is_editable(window, reviewed, tmp_path, monkeypatch):
    entry = next(e for e in reviewed.entries if e.file.endswith("qinghe-scjg-2025.json"))
    files.open_reviewed(window, entry.file, None, entry.prior_file)
    copy = tmp_path / "副本.gkbg.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(copy), "")))
    assert files.save_as(window)
    assert not window.session.read_only and window.menu_actions["edit.fill_zero"].isEnabled()
    window.show_page("requests")
    grid = window.grid("requests")
    grid.setCurrentIndex(grid.grid_model.index_of(NEW))
    QTest.keyClicks(QApplication.focusWidget(), "7")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session.report.values[NEW] == 7
