"""插入统计段落 from the window: one undo step, the figure marked stale after a table edit, 更新文中数字."""
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from models import draft
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


def test_shading_after_inserting_says_why(window, monkeypatch, qtbot):
    """The inserted sentence shaded (blue: from the tables; yellow: as in last year's report): a line above the
    texts names the shadings, and the mouse resting on one says what it means and what the checks say."""
    monkeypatch.setattr(StatisticsDialog, "exec", lambda self: StatisticsDialog.DialogCode.Accepted)
    window.document.set_values([(REVIEW_UPHELD, 2)], "输入")
    page = window.show_page("overview")
    page.boxes[1].text.setFocus()
    window.menu_actions["edit.statistics"].trigger()
    last_year = draft.loads(draft.dumps(window.session.report))  # last year wrote the very same sentence
    window.session.take_prior(window.session.prior_offer(last_year))
    box = page.boxes[1]
    qtbot.waitUntil(lambda: bool(box.marks.spans("repeated")), timeout=3000)
    assert page.legend.isVisible() and "浅黄底：与上年报告相同的句子" in page.legend.text()
    start, _end = box.marks.spans("repeated")[0]
    cursor = box.text.textCursor()
    cursor.setPosition(start + 1)
    where = box.text.cursorRect(cursor).center()
    shown = []
    monkeypatch.setattr(QToolTip, "showText", staticmethod(lambda pos, text, *rest: shown.append(text)))
    viewport = box.text.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where)))
    assert shown and "上年报告中也有这句话" in shown[-1] and "与上年重复" in shown[-1]
