"""插入统计段落 from the window: one undo step, the figure marked stale after a table edit, 更新文中数字."""
import pytest

from models.form_2021 import FORM_2021
from ui.statistics_dialog import StatisticsDialog

REVIEW_UPHELD = FORM_2021.ref("requests", "new.natural_person")


@pytest.mark.quick
def test_insert_then_edit_the_table_then_update(window, monkeypatch, qtbot):
    monkeypatch.setattr(StatisticsDialog, "exec", lambda self: StatisticsDialog.DialogCode.Accepted)
    window.document.set_values([(REVIEW_UPHELD, 2)], "输入")
    page = window.show_page("overview")
    page.boxes[1].text.setFocus()
    window.menu_actions["edit.statistics"].trigger()
    text = window.document.report.sections["overview"][1].text
    assert text and window.menu_actions["edit.undo"].text().startswith("撤销“插入统计段落")
    assert page.boxes[1].text.toPlainText() == text
    window.document.set_values([(REVIEW_UPHELD, 5)], "改")
    qtbot.waitUntil(lambda: any(f.rule == "FIG" for f in window.document.findings), timeout=2000)
    qtbot.waitUntil(lambda: bool(page.boxes[1].marks.spans("stale")), timeout=2000)
    window.menu_actions["edit.update_figures"].trigger()
    assert not window.session.stale_figures()
    assert window.menu_actions["edit.undo"].text() == "撤销“更新文中数字”(&U)" or "更新" in window.menu_actions["edit.undo"].text()
    window.menu_actions["edit.undo"].trigger()
    assert window.session.stale_figures()
