"""At start: the recovery copies crashed windows left, each offered as ``app.session.recovery`` assesses it.

The question and the answers allowed are the session's (``recovery.Offer``):
a copy whose draft was saved since is offered with both times and both
authors, to open as a report of its own or to save next to the draft under a
new name — never restored over the draft.  "以后再说" keeps the copy for the
next start; it is deleted only when the clerk confirms.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.session import DraftLocked, Session, recovery
from app.session.recovery import Choice, Offer, RecoveryStore
from models import draft

from .dialogs import ask_choice


class Window(Protocol):
    """What the offer needs of the main window (named so, not imported: the window imports this module)."""

    data_dir: Path
    session: Session
    recovery: RecoveryStore

    def maybe_save(self) -> bool: ...
    def write_recovery(self) -> None: ...
    def show_status(self, message: str) -> None: ...

TITLE = "恢复未保存的工作"
ROLES = {Choice.RESTORE: QMessageBox.ButtonRole.AcceptRole, Choice.OPEN: QMessageBox.ButtonRole.AcceptRole,
         Choice.SAVE_AS: QMessageBox.ButtonRole.ActionRole, Choice.LATER: QMessageBox.ButtonRole.RejectRole,
         Choice.DELETE: QMessageBox.ButtonRole.DestructiveRole}


class RecoveryDialog(QMessageBox):
    """One copy: what it is, how it stands to its draft, and the answers the offer allows."""

    def __init__(self, offer: Offer, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Question, TITLE, offer.question(), parent=parent)
        # two times and two authors read on few lines; the text's label only (the icon is a QLabel too)
        self.setStyleSheet("QLabel#qt_msgbox_label { min-width: 28em; }")
        self.offer = offer
        self._choices: dict[QPushButton, Choice] = {}
        for choice in offer.choices:
            self._choices[self.addButton(choice.value, ROLES[choice])] = choice
        first = next(iter(self._choices))
        self.setDefaultButton(first)
        later = next(b for b, c in self._choices.items() if c is Choice.LATER)
        self.setEscapeButton(later)   # closing the question keeps the copy

    def choice(self) -> Choice:
        """The answer clicked; closing the dialog is "later"."""
        clicked = self.clickedButton()
        return next((c for b, c in self._choices.items() if b is clicked), Choice.LATER)


def ask(parent: QWidget, offer: Offer) -> Choice:
    dialog = RecoveryDialog(offer, parent)
    dialog.exec()
    return dialog.choice()


def confirm_delete(parent: QWidget, offer: Offer) -> bool:
    return ask_choice(parent, "删除恢复副本", f"{offer.orphan.describe()}\n\n删除后，副本中尚未保存的修改将无法找回。确定删除吗？",
                      [("保留", QMessageBox.ButtonRole.RejectRole), ("删除", QMessageBox.ButtonRole.DestructiveRole)],
                      QMessageBox.Icon.Warning) == 1


def offer_copies(window: Window) -> bool:
    """Offer every orphaned copy, newest first; True when one was put in the window (then the rest wait)."""
    parent = cast(QWidget, window)
    for offer in recovery.offers(window.data_dir):
        choice = ask(parent, offer)
        if choice is Choice.LATER:
            continue
        if choice is Choice.DELETE:
            if confirm_delete(parent, offer):
                offer.orphan.remove()
                window.show_status("已删除恢复副本")
            continue
        if choice is Choice.SAVE_AS:
            try:
                saved = recovery.save_as_new(offer)
            except draft.DraftError as e:
                QMessageBox.warning(parent, "无法另存", f"{e}\n恢复副本仍保留，下次启动时再提示。")
                continue
            offer.orphan.remove()
            window.show_status(f"恢复副本已另存为 {saved}")
            continue
        if _into_window(window, offer, choice):
            return True
    return False


def _into_window(window: Window, offer: Offer, choice: Choice) -> bool:
    """The copy as the window's report: back on its draft (holding its lock), or as a report of its own."""
    orphan = offer.orphan
    parent = cast(QWidget, window)
    try:
        report = orphan.load()
    except draft.DraftError as e:
        QMessageBox.warning(parent, "无法恢复", f"恢复副本无法读取：{e}\n文件仍保留在 {orphan.draft_path}")
        return False
    if not window.maybe_save():
        return False
    try:
        if choice is Choice.RESTORE and orphan.source:
            try:
                window.session.recover(report, orphan.source, orphan.base)
            except DraftLocked as e:
                answer = ask_choice(parent, "草稿正在编辑", f"{e}\n\n恢复副本不会覆盖草稿。",
                                    [("作为单独的报告打开", QMessageBox.ButtonRole.AcceptRole),
                                     ("以后再说", QMessageBox.ButtonRole.RejectRole)])
                if answer != 0:
                    return False
                window.session.replace(report, None, unsaved=True)
        else:
            window.session.replace(report, None, unsaved=True)
    except draft.DraftError as e:
        QMessageBox.warning(parent, "无法恢复", f"{e}\n恢复副本仍保留，下次启动时再提示。")
        return False
    window.write_recovery()  # this window's own copy first, then the old one can go
    if window.recovery.written:
        orphan.remove()
    window.show_status("已恢复上次未保存的工作；请保存" if window.session.path else "已打开恢复副本；请另存为草稿")
    return True
