"""The 插入统计段落 dialog: a live preview, the command it returns, one undo step on the session."""
from PySide6.QtCore import Qt

from importers import read_report
from app.session import Session
from models.statistics_text import generate
from tests.conftest import EXAMPLES
from ui.statistics_dialog import StatisticsDialog


def reports():
    report = read_report(EXAMPLES / "qinghe-scjg-2025.json").report
    report.prior = read_report(EXAMPLES / "qinghe-scjg-2024.json").report
    return report


def test_the_preview_follows_the_choices(qtbot):
    report = reports()
    dialog = StatisticsDialog(report, "overview", 1)
    qtbot.addWidget(dialog)
    assert dialog.part.currentData() == "overview" and dialog.compare.isChecked()
    assert dialog.preview.toPlainText() == generate(report, "overview", compare=True).text
    dialog.part.setCurrentIndex(dialog.part.findData("appeals"))
    assert [dialog.wording.itemData(i) for i in range(dialog.wording.count())] == ["itemized", "corrections", "brief"]
    dialog.wording.setCurrentIndex(2)
    dialog.compare.setChecked(False)
    assert dialog.preview.toPlainText() == "2025 年，发生政府信息公开行政复议 4 件，行政诉讼 3 件。"
    text = dialog.preview.toPlainText()
    assert dialog.marks.spans("figure") == [(text.index("4 件"), text.index("4 件") + 1),
                                            (text.index("3 件"), text.index("3 件") + 1)]


def test_insert_returns_one_undo_step_for_the_session(qtbot):
    report = reports()
    session = Session(report)
    before = report.sections["overview"][1].text
    dialog = StatisticsDialog(report, "overview", 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.insert_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert session.execute(dialog.command())
    sub = report.sections["overview"][1]
    assert sub.text == before + "\n" + generate(report, "overview", compare=True).text
    assert sub.figures and all(f.stands_in(sub.text) for f in sub.figures)
    assert session.undo_name == "插入统计段落（一、总体情况（依申请公开））"
    session.undo()
    assert sub.text == before and sub.figures == []


def test_a_selection_is_replaced_and_without_last_year_there_is_no_comparison(qtbot):
    report = reports()
    report.prior = None
    text = report.sections["overview"][1].text
    dialog = StatisticsDialog(report, "overview", 1, (0, 10))
    qtbot.addWidget(dialog)
    assert not dialog.compare.isEnabled() and "未导入上年报告" in dialog.compare.text()
    assert dialog.over_selection.isChecked()
    Session(report).execute(dialog.command())
    assert report.sections["overview"][1].text == generate(report, "overview").text + text[10:]


def test_a_sub_head_about_appeals_opens_on_table_four(qtbot):
    report = reports()
    report.sections["overview"][1].heading = "行政复议和行政诉讼"
    dialog = StatisticsDialog(report, "overview", 1)
    qtbot.addWidget(dialog)
    assert dialog.part.currentData() == "appeals"


def test_screenshot(qtbot, tmp_path):
    dialog = StatisticsDialog(reports(), "overview", 1, (0, 4))
    qtbot.addWidget(dialog)
    dialog.part.setCurrentIndex(dialog.part.findData("requests"))
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert image.save(str(tmp_path / "statistics_dialog.png"))
    assert image.width() >= 600 and image.height() > 300
