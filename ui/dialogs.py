"""Questions to the clerk with Chinese buttons."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget


def ask_choice(parent: QWidget, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
               icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> int:
    """A question with Chinese buttons; the index of the button clicked (-1 when closed)."""
    box = QMessageBox(icon, title, text, parent=parent)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[0])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, b in enumerate(made) if b is clicked), -1)


def ok_cancel(dialog: QDialog, ok_text: str = "确定", accept: Callable[[], None] | None = None) -> QDialogButtonBox:
    """The dialog's buttons in Chinese: ``ok_text`` (which calls ``accept``, the dialog's own by default) and 取消."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
