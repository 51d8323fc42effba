"""The 审查台 window: many reports at once (文件 → 批量审查)."""
from __future__ import annotations

from .window import OpenReport, ReviewWindow, open_review_window

__all__ = ["OpenReport", "ReviewWindow", "open_review_window"]
