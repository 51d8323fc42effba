"""At start: offer the recovery copies that crashed windows left behind, newest first."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.session import recovery
from models import draft

from .actions.files import maybe_save
from .actions.model import Window
from .dialogs import ask_choice


def offer_recovery(window: Window) -> bool:
    """True when a copy was restored into ``window``."""
    for orphan in recovery.orphans(window.recovery.folder):
        answer = ask_choice(window, "恢复未保存的工作",
                            f"上次程序没有正常关闭。发现恢复副本：\n{orphan.describe()}\n\n是否恢复？",
                            [("恢复", QMessageBox.ButtonRole.AcceptRole),
                             ("不恢复", QMessageBox.ButtonRole.RejectRole)])
        if answer != 0:
            orphan.set_aside()
            window.show_status("已放弃恢复副本（另存一份在程序数据文件夹中）")
            continue
        try:
            report = orphan.load()
        except draft.DraftError as e:
            QMessageBox.warning(window, "无法恢复", f"恢复副本无法读取：{e}\n文件仍保留在 {orphan.draft_path}")
            continue
        if not maybe_save(window):
            return False
        window.session.replace(report, orphan.source, unsaved=True)
        window.write_recovery()  # our own copy first, then the old one can go
        orphan.remove()
        window.show_status("已恢复上次未保存的工作；请保存")
        return True
    return False
