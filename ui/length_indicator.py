"""A section's (or sub-section's) length against the 本地要求's limit, shown as the clerk types: "812 / 1000 字"."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from .style import ERROR_COLOR, HINT_COLOR, OK_COLOR, WARNING_COLOR, set_text_color

if TYPE_CHECKING:
    from models.profile import LengthLimit

NEAR_SHARE = 0.9    # from nine tenths of the limit on, the count turns amber


class LengthIndicator(QLabel):
    """The count of characters (as the rule LOCAL counts them), and the limit when there is one.

    ``state`` says how it stands: "plain" (no limit), "ok", "near", "over" or "short".
    A sub-section's indicator shows only where a limit applies (``hide_without_limit``).
    """

    def __init__(self, hide_without_limit: bool = False, prefix: str = "", parent=None) -> None:
        super().__init__(parent)
        self.hide_without_limit = hide_without_limit
        self.prefix = prefix
        self.state = "plain"
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.show_length(0, None)

    def show_length(self, count: int, limit: LengthLimit | None, profile_name: str = "") -> None:
        text, state = self._words(count, limit)
        text = self.prefix + text
        self.state = state
        if text != self.text():
            self.setText(text)
        color = {"plain": HINT_COLOR, "ok": OK_COLOR, "near": WARNING_COLOR}.get(state, ERROR_COLOR)
        set_text_color(self, color)
        self.setToolTip(f"本地要求“{profile_name}”：{limit.describe()}" if limit is not None and profile_name else
                        "字数按非空白字符计，标点和数字各算一个，含小标题")
        if self.hide_without_limit:
            self.setVisible(limit is not None)

    @staticmethod
    def _words(count: int, limit: LengthLimit | None) -> tuple[str, str]:
        if limit is None:
            return f"共 {count} 字", "plain"
        if limit.min_chars is not None and count < limit.min_chars:
            return f"{count} 字，至少 {limit.min_chars} 字", "short"
        if limit.max_chars is None:
            return f"{count} 字（至少 {limit.min_chars} 字）", "ok"
        if count > limit.max_chars:
            return f"{count} / {limit.max_chars} 字，超出 {count - limit.max_chars} 字", "over"
        return f"{count} / {limit.max_chars} 字", "near" if count >= NEAR_SHARE * limit.max_chars else "ok"
