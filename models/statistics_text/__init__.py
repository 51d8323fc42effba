"""Statistics written into the narrative from the tables, kept in step with them (no Qt).

The paragraphs (``paragraphs``: the wordings) load when first asked for: opening a draft and checking it
reads only the quantities its figures name (``quantities``), so start-up does not pay for the wordings.
"""
from __future__ import annotations

from typing import Any

__all__ = ["PARTS", "GenerationError", "Paragraph", "generate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import paragraphs
        return getattr(paragraphs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
