"""The window paints the report first and checks it a moment later; reading the findings before that checks at once."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from app.session import Session
from models import draft
from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES
from ui.document import ReportDocument

NEW = FORM_2021.ref("requests", "new.natural_person")


def unbalanced():
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.set(NEW, report.get(NEW) + 4)   # table 三's 自然人 column four over: one T3-BAL error
    return report


def test_the_report_shows_before_its_check_and_the_findings_follow_by_themselves(qtbot, qapp, tmp_path):
    from ui.app import configure
    from ui.main_window import MainWindow
    configure(qapp)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path / "appdata",
                        unbalanced())
    qtbot.addWidget(window)
    assert not window.document.checked and window.findings_view.topLevelItemCount() == 0
    window.show()
    qtbot.waitUntil(lambda: window.document.checked and "1 个错误" in window.summary.text(), timeout=5000)
    rules = {window.findings_view.topLevelItem(i).text(1) for i in range(window.findings_view.topLevelItemCount())}
    assert "表三平衡" in rules
    assert window.tabs.tabText(window.tabs.tab_ids().index("requests")).endswith("（1）")


def test_findings_read_before_the_first_check_are_checked_at_once(qapp):
    document = ReportDocument(Session(unbalanced()), check_now=False)
    announced = []
    document.findings_changed.connect(announced.append)
    assert not document.checked
    assert [f.rule for f in document.findings if f.rule == "T3-BAL"] == ["T3-BAL"]
    assert document.checked and len(announced) == 1
    assert NEW in document.marks
    document.close()
