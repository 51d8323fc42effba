"""Questions to the clerk with Chinese buttons."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_choice(parent: QWidget, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
               icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> int:
    """A question with Chinese buttons; the index of the button clicked (-1 when closed)."""
    box = QMessageBox(icon, title, text, parent=parent)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[0])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, b in enumerate(made) if b is clicked), -1)
