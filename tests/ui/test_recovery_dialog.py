"""The recovery question at start: the copy, how it stands to its draft (both times and authors when the draft
changed since), and only the answers the session allows — never "restore" over a draft saved since."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from app.session.lock import Holder
from app.session.recovery import Choice, DraftState, Offer, Orphan
from models.processes import host_name
from ui.recovery_dialog import RecoveryDialog

COPY_TIME = datetime.datetime(2026, 1, 20, 9, 31, 5)
DRAFT_TIME = datetime.datetime(2026, 1, 20, 10, 2, 44)


def offer(state: DraftState, tmp_path: Path) -> Offer:
    orphan = Orphan(tmp_path / "recovery-1.gkbg.json", None if state is DraftState.NEW else
                    str(tmp_path / "年报.gkbg.json"), COPY_TIME, "张三", "明川市教育局", host_name(), None)
    if state is DraftState.CHANGED:
        return Offer(orphan, state, DRAFT_TIME, "用户“李四”（计算机“办公室-2”）")
    if state is DraftState.EDITED:
        return Offer(orphan, state, holder=Holder("王五", "办公室-3", 4242, "2026-01-20 10:00"))
    return Offer(orphan, state)


def labels(dialog: QMessageBox) -> list[str]:
    return [b.text() for b in dialog.buttons()]


@pytest.mark.parametrize("state", list(DraftState))
def test_the_dialog_offers_what_the_session_allows(qtbot, tmp_path, state):
    dialog = RecoveryDialog(offer(state, tmp_path))
    qtbot.addWidget(dialog)
    assert sorted(labels(dialog)) == sorted(c.value for c in dialog.offer.choices)
    assert "没有正常关闭" in dialog.text() and "张三" in dialog.text() and "2026-01-20 09:31:05" in dialog.text()
    assert (Choice.RESTORE.value in labels(dialog)) == (state in (DraftState.NEW, DraftState.UNCHANGED))
    assert dialog.defaultButton().text() == dialog.offer.choices[0].value


def test_a_draft_changed_since_shows_both_times_and_both_authors(qtbot, tmp_path):
    dialog = RecoveryDialog(offer(DraftState.CHANGED, tmp_path))
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "2026-01-20 09:31:05" in text and "张三" in text              # the copy: when, whose
    assert "2026-01-20 10:02:44" in text and "李四" in text and "办公室-2" in text   # the draft: when, whose
    assert "不会覆盖草稿" in text
    assert set(labels(dialog)) == {"打开副本", "另存为新文件", "以后再说", "删除副本"}
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "recovery-dialog.png"))
    # the text is widened, not the icon beside it (a QLabel as well): no gap between them
    icon, text_label = (dialog.findChild(QLabel, name) for name in ("qt_msgboxex_icon_label", "qt_msgbox_label"))
    assert icon.width() < 100 and text_label.x() - (icon.x() + icon.width()) < 50


def test_closing_the_dialog_keeps_the_copy(qtbot, tmp_path):
    dialog = RecoveryDialog(offer(DraftState.CHANGED, tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.choice() is Choice.LATER
    assert dialog.escapeButton().text() == Choice.LATER.value
    delete = next(b for b in dialog.buttons() if b.text() == Choice.DELETE.value)
    delete.click()
    assert dialog.choice() is Choice.DELETE
